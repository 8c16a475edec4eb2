import { describe, expect, it } from 'vitest';
import { deltaDirection, deltaOf, pointsDirection, pointsOf } from './delta';

describe('the change against the previous period', () => {
  it('is the relative change, and has no meaning from zero or without figures', () => {
    expect(deltaOf(150, 100)).toBe(0.5);
    expect(deltaOf(50, 100)).toBe(-0.5);
    expect(deltaOf(0, 0)).toBe(0);
    expect(deltaOf(5, 0)).toBeNull();
    expect(deltaOf(null, 3)).toBeNull();
  });
  it('reads a change under half a percent as the same', () => {
    expect(deltaDirection(0.004)).toBe('same');
    expect(deltaDirection(0.2)).toBe('up');
    expect(deltaDirection(-0.2)).toBe('down');
  });
  it('says a change of a percentage in points, not in percent of it', () => {
    expect(pointsOf(25, 45)).toBe(-20);
    expect(pointsOf(0, 0)).toBe(0);
    expect(pointsOf(5, null)).toBeNull();
    expect(pointsDirection(-20)).toBe('down');
    expect(pointsDirection(0.04)).toBe('same');
    expect(pointsDirection(0.1)).toBe('up');
  });
});
