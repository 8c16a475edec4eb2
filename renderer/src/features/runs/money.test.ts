import { describe, expect, it } from 'vitest';
import { dollarsToMicros, formatDuration, formatMicros, microsToDollars } from './money';

describe('formatMicros', () => {
  it('shows dollars with cents, and small amounts with two significant digits', () => {
    expect(formatMicros(0, 'en')).toBe('$0.00');
    expect(formatMicros(1_234_567, 'en')).toBe('$1.23');
    expect(formatMicros(123, 'en')).toBe('$0.00012');
    expect(formatMicros(9_999, 'en')).toBe('$0.01');
    expect(formatMicros(2_500_000, 'nl')).toMatch(/US\$\s?2,50|\$\s?2,50/);
  });
});

describe('formatDuration', () => {
  it('picks a unit a person reads easily', () => {
    expect(formatDuration(850, 'en')).toBe('850 ms');
    expect(formatDuration(3_240, 'en')).toBe('3.2 s');
    expect(formatDuration(3_240, 'nb')).toBe('3,2 s');
    expect(formatDuration(42_000, 'en')).toBe('42 s');
    expect(formatDuration(125_000, 'en')).toBe('2 min 05 s');
    expect(formatDuration(3_840_000, 'en')).toBe('1 h 04 min');
  });
});

describe('dollar input', () => {
  it('reads dollars into micro-dollars and back', () => {
    expect(dollarsToMicros('0.25')).toBe(250_000);
    expect(dollarsToMicros('$1,5')).toBe(1_500_000);
    expect(dollarsToMicros('abc')).toBeNull();
    expect(dollarsToMicros('-1')).toBeNull();
    expect(microsToDollars(250_000)).toBe('0.25');
  });
});
