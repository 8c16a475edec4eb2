import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../contract';
import {
  appendOlder,
  dataSummary,
  dataText,
  keyLines,
  localDateTime,
  matchesFilters,
  prependLive,
  type LogFilters,
} from './log-meta';

const line = (patch: Partial<LogLine>): LogLine => ({
  at: 1000,
  level: 'info',
  module: 'runtime',
  message: 'run finished',
  tenantId: null,
  data: {},
  ...patch,
});
const none: LogFilters = { minLevel: 'info', module: '', q: '', from: null, to: null };

describe('live filtering', () => {
  it('keeps lines at or above the minimum level', () => {
    expect(matchesFilters(line({ level: 'debug' }), none)).toBe(false);
    expect(matchesFilters(line({ level: 'warn' }), { ...none, minLevel: 'warn' })).toBe(true);
    expect(matchesFilters(line({ level: 'info' }), { ...none, minLevel: 'warn' })).toBe(false);
  });

  it('matches the module exactly and text in the message, module or data', () => {
    expect(matchesFilters(line({}), { ...none, module: 'Runtime' })).toBe(true);
    expect(matchesFilters(line({}), { ...none, module: 'run' })).toBe(false);
    expect(matchesFilters(line({}), { ...none, q: 'FINISHED' })).toBe(true);
    expect(matchesFilters(line({ data: { agentId: 'bike-42' } }), { ...none, q: 'bike-42' })).toBe(true);
    expect(matchesFilters(line({}), { ...none, q: 'nothing' })).toBe(false);
  });

  it('respects the time range', () => {
    expect(matchesFilters(line({ at: 500 }), { ...none, from: 600 })).toBe(false);
    expect(matchesFilters(line({ at: 700 }), { ...none, from: 600, to: 800 })).toBe(true);
    expect(matchesFilters(line({ at: 900 }), { ...none, to: 800 })).toBe(false);
  });
});

describe('bounding', () => {
  it('puts new lines on top, newest first, and never keeps more than the maximum', () => {
    let lines = keyLines([line({ at: 10, message: 'old' })]);
    lines = prependLive(lines, keyLines([line({ at: 11, message: 'a' }), line({ at: 12, message: 'b' })]), 3);
    expect(lines.map((l) => l.message)).toEqual(['b', 'a', 'old']);
    lines = prependLive(lines, keyLines([line({ at: 13, message: 'c' })]), 3);
    expect(lines.map((l) => l.message)).toEqual(['c', 'b', 'a']);
  });

  it('adds older lines below without repeating one already shown', () => {
    const shown = keyLines([line({ at: 20, message: 'new' }), line({ at: 10, message: 'edge' })]);
    const older = keyLines([line({ at: 10, message: 'edge' }), line({ at: 5, message: 'older' })]);
    expect(appendOlder(shown, older).map((l) => l.message)).toEqual(['new', 'edge', 'older']);
    expect(appendOlder(shown, older, 2).map((l) => l.message)).toEqual(['new', 'edge']);
  });

  it('gives every line its own key', () => {
    const twins = keyLines([line({}), line({})]);
    expect(twins[0]!.key).not.toBe(twins[1]!.key);
  });
});

describe('details', () => {
  it('shows the data as JSON, or nothing when there is none', () => {
    expect(dataText(line({}))).toBeNull();
    expect(dataText(line({ data: { ms: 12 } }))).toBe('{\n  "ms": 12\n}');
  });

  it('sums up the short fields of the data on the line', () => {
    const long = 'x'.repeat(60);
    expect(
      dataSummary(
        line({ data: { method: 'agents.run', nested: { a: 1 }, ms: 4.4, ok: true, id: long, more: 1 } }),
      ),
    ).toBe(`method=agents.run ms=4.4 ok=true id=${'x'.repeat(39)}…`);
    expect(dataSummary(line({}))).toBe('');
  });

  it('reads a datetime-local value as local time', () => {
    expect(localDateTime('2026-11-20T09:30')).toBe(new Date(2026, 10, 20, 9, 30).getTime());
    expect(localDateTime('')).toBeNull();
  });
});
