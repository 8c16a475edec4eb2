import { describe, expect, it } from 'vitest';
import {
  breakdownRows,
  defaultFunnel,
  draftProblem,
  durationParts,
  funnelInput,
  funnelRows,
  moveItem,
  nextStepName,
  overallConversion,
  readDraft,
  removeItem,
  windowSecondsOf,
} from './funnel-model';

const answer = {
  steps: [
    { name: 'a', count: 200, conversion: 1, dropOff: 0 },
    { name: 'b', count: 150, conversion: 0.75, dropOff: 50 },
    { name: 'c', count: 30, conversion: 0.15, dropOff: 120 },
  ],
  medianSecondsToConvert: 5400,
  breakdown: [
    {
      value: 'web',
      steps: [
        { name: 'a', count: 120, conversion: 1 },
        { name: 'b', count: 100 },
        { name: 'c', count: 24 },
      ],
    },
  ],
};

describe('funnel shaping', () => {
  it('gives each step its conversion from the first, from the step before, and its drop-off', () => {
    const rows = funnelRows(answer, {
      steps: [
        { name: 'a', count: 100 },
        { name: 'b', count: 50 },
        { name: 'c', count: 10 },
      ],
    });
    expect(
      rows.map((row) => [
        row.label,
        row.count,
        row.conversion,
        row.stepConversion,
        row.dropOff,
        row.dropOffPercent,
      ]),
    ).toEqual([
      ['1. a', 200, 100, 100, 0, 0],
      ['2. b', 150, 75, 75, 50, 25],
      ['3. c', 30, 15, 20, 120, 80],
    ]);
    expect(rows.map((row) => [row.previousCount, row.previousConversion])).toEqual([
      [100, 100],
      [50, 50],
      [10, 10],
    ]);
    expect(overallConversion(answer)).toBe(15);
  });

  it('answers zero, not NaN, for a funnel nobody entered', () => {
    const empty = {
      steps: [
        { name: 'a', count: 0 },
        { name: 'b', count: 0 },
      ],
    };
    expect(funnelRows(empty).map((row) => [row.conversion, row.stepConversion, row.dropOffPercent])).toEqual([
      [0, 100, 0],
      [0, 0, 0],
    ]);
    expect(overallConversion(empty)).toBeNull();
    expect(funnelRows(empty)[0]!.previousCount).toBeNull();
  });

  it('lays the breakdown out as one row per value with each step and the whole conversion', () => {
    expect(breakdownRows(answer)).toEqual([
      { value: 'web', step0: 120, step1: 100, step2: 24, conversion: 20 },
    ]);
  });

  it('says a duration in the largest unit that fits', () => {
    expect(durationParts(42)).toEqual({ value: 42, unit: 'seconds' });
    expect(durationParts(5400)).toEqual({ value: 1.5, unit: 'hours' });
    expect(durationParts(600)).toEqual({ value: 10, unit: 'minutes' });
    expect(durationParts(3 * 86_400)).toEqual({ value: 3, unit: 'days' });
  });
});

describe('funnel builder', () => {
  it('moves, removes and picks the next step', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 5)).toEqual(['b', 'c', 'a']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(nextStepName(['a', 'b'], ['a', 'b', 'x'])).toBe('x');
    expect(nextStepName(['a', 'b'], ['a', 'b'])).toBe('b');
  });

  it('asks insight.funnel with the window in seconds and only the parts that are set', () => {
    expect(windowSecondsOf({ windowValue: 90, windowUnit: 'minutes' })).toBe(5400);
    expect(funnelInput(defaultFunnel, { from: 1, to: 2 })).toEqual({
      steps: ['conversation.started', 'conversation.message', 'conversation.closed'],
      windowSeconds: 86_400,
      order: 'loose',
      from: 1,
      to: 2,
    });
    expect(
      funnelInput(
        { ...defaultFunnel, exclude: ['x'], breakdown: 'channel', order: 'strict' },
        { from: 1, to: 2 },
      ),
    ).toMatchObject({ exclude: ['x'], breakdown: 'channel', order: 'strict' });
  });

  it('refuses what insight.funnel would refuse, before asking', () => {
    expect(draftProblem(defaultFunnel)).toBeNull();
    expect(draftProblem({ ...defaultFunnel, steps: [] })).toBe('noSteps');
    expect(draftProblem({ ...defaultFunnel, windowValue: 367 })).toBe('window');
    expect(draftProblem({ ...defaultFunnel, windowValue: 0 })).toBe('window');
    expect(draftProblem({ ...defaultFunnel, exclude: ['conversation.message'] })).toBe('excludedStep');
    expect(draftProblem({ ...defaultFunnel, steps: Array.from({ length: 60 }, (_, i) => `s${i}`) })).toBe(
      'tooManySteps',
    );
  });

  it('reads a stored funnel back, falling back to the default for what is unreadable', () => {
    expect(readDraft(null)).toEqual(defaultFunnel);
    expect(readDraft({ steps: ['x', 3, ''], windowUnit: 'weeks', windowValue: -1, order: 'strict' })).toEqual(
      {
        ...defaultFunnel,
        steps: ['x'],
        order: 'strict',
      },
    );
  });
});
