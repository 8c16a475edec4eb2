import { describe, expect, it } from 'vitest';
import type { GuardianCheck, MethodOutput } from '../../contract';
import {
  checkKey,
  countByStatus,
  formatCheckValue,
  groupChecks,
  isTechnical,
  splitByAudience,
  parseCheckKey,
  scoreSeries,
  valueSeries,
} from './guardian-meta';

const check = (patch: Partial<GuardianCheck>): GuardianCheck => ({
  id: 'disk',
  status: 'ok',
  value: 1,
  unit: null,
  message: { key: 'guardian.disk.free', params: { mib: 1 } },
  text: '',
  target: null,
  strategy: null,
  weight: 10,
  ...patch,
});

describe('checks', () => {
  it('groups installation checks apart from agent and provider checks, worst first', () => {
    const groups = groupChecks([
      check({ id: 'disk' }),
      check({ id: 'wal', status: 'warn' }),
      check({
        id: 'agent_error_rate',
        target: { type: 'agent', id: 'a1', name: 'Bike shop' },
        status: 'critical',
      }),
      check({ id: 'agent_error_rate', target: { type: 'agent', id: 'a2', name: 'Alpha' } }),
      check({ id: 'provider_availability', target: { type: 'provider', id: 'p1', name: 'Ollama' } }),
    ]);
    expect(groups.installation.map((c) => c.id)).toEqual(['wal', 'disk']);
    expect(groups.agents.map((c) => c.target?.name)).toEqual(['Bike shop', 'Alpha']);
    expect(groups.providers.map((c) => c.target?.name)).toEqual(['Ollama']);
  });

  it('keeps an agent check that found no agent with the agents', () => {
    const groups = groupChecks([check({ id: 'agent_error_rate' }), check({ id: 'memory' })]);
    expect(groups.agents.map((c) => c.id)).toEqual(['agent_error_rate']);
    expect(groups.installation.map((c) => c.id)).toEqual(['memory']);
  });

  it('counts checks by status', () => {
    expect(countByStatus([check({}), check({ status: 'warn' }), check({ status: 'warn' })])).toEqual({
      ok: 1,
      warn: 2,
      critical: 0,
    });
  });

  it('keys a check about one thing by its target, and reads the key back', () => {
    const key = checkKey(check({ id: 'agent_error_rate', target: { type: 'agent', id: 'a1', name: 'x' } }));
    expect(key).toBe('agent_error_rate:a1');
    expect(parseCheckKey(key)).toEqual({ id: 'agent_error_rate', targetId: 'a1' });
    expect(parseCheckKey('disk')).toEqual({ id: 'disk', targetId: null });
  });
});

describe('values', () => {
  it('shows sizes, times and shares in words of the locale', () => {
    expect(formatCheckValue(412, 'MiB', 'en')).toBe('412 MB');
    expect(formatCheckValue(2048, 'MiB', 'en')).toBe('2 GB');
    expect(formatCheckValue(38.25, 'ms', 'en')).toBe('38.3 ms');
    expect(formatCheckValue(12, '%', 'en')).toBe('12%');
    expect(formatCheckValue(1.5, 'MiB', 'nl')).toBe('1,5 MB');
    expect(formatCheckValue(3, 'runs/h', 'en')).toBe('3 runs/h');
    expect(formatCheckValue(2, '/min', 'en')).toBe('2/min');
    expect(formatCheckValue(5, '', 'en')).toBe('5');
    expect(formatCheckValue(null, 'ms', 'en')).toBeNull();
  });

  it('says a small database in kB, not "0 MB", in the regional format', () => {
    // the size check sends MiB to the kilobyte: 0.04 MiB is a new shop's database
    expect(formatCheckValue(0.04, 'MiB', 'en-GB')).toBe('41 kB');
    expect(formatCheckValue(0.04, 'MiB', 'nb-NO')).toBe('41 kB');
    expect(formatCheckValue(0, 'MiB', 'en-GB')).toBe('0 bytes');
    expect(formatCheckValue(78721, 'MiB', 'nl-NL')).toBe('76,9 GB');
  });
});

describe('history', () => {
  const history: MethodOutput<'guardian.history'> = {
    resolution: 'minute',
    points: [
      {
        at: 2000,
        score: 80,
        checks: { disk: { status: 'ok', value: 10 }, wal: { status: 'ok', value: null } },
      },
      { at: 1000, score: 90, checks: { disk: { status: 'ok', value: 12 } } },
    ],
  };

  it('puts the score points in order of time', () => {
    expect(scoreSeries(history)).toEqual([
      { at: 1000, score: 90 },
      { at: 2000, score: 80 },
    ]);
  });

  it('makes one series per check and knows which can be drawn', () => {
    const series = valueSeries(history);
    expect(series.map((s) => [s.key, s.points.map((p) => p.value), s.drawable])).toEqual([
      ['disk', [12, 10], true],
      ['wal', [null], false],
    ]);
  });
});

describe('who a check speaks to', () => {
  it('puts the machine\u2019s internals under Advanced and keeps what a shop owner asks first', () => {
    const ids = ['wal', 'database', 'integrity', 'disk', 'database_size', 'backup_freshness', 'event_loop'];
    const { plain, technical } = splitByAudience(ids.map((id) => ({ id })));
    expect(plain.map((c) => c.id)).toEqual(['database', 'disk', 'backup_freshness']);
    expect(technical.map((c) => c.id)).toEqual(['wal', 'integrity', 'database_size', 'event_loop']);
  });

  it('counts a check of a newer core, which it cannot name, as technical', () => {
    expect(isTechnical('schema_version')).toBe(true);
    expect(isTechnical('agent_error_rate')).toBe(false);
  });
});
