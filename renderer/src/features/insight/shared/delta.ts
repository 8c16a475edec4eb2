/** The change of `current` against `previous` as a fraction (0.25 = 25 % more); null when it has no meaning. */
export function deltaOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) {
    return null;
  }
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / Math.abs(previous);
}

export type DeltaDirection = 'up' | 'down' | 'same';

/** Up, down or the same (a change under half a percent reads as the same). */
export function deltaDirection(delta: number): DeltaDirection {
  if (Math.abs(delta) < 0.005) return 'same';
  return delta > 0 ? 'up' : 'down';
}

/** The change of a percentage in percentage points (45 % → 25 % is −20); null without both figures. */
export function pointsOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) {
    return null;
  }
  return current - previous;
}

/** Up, down or the same for a change in points (under 0.05 point reads as the same). */
export function pointsDirection(points: number): DeltaDirection {
  if (Math.abs(points) < 0.05) return 'same';
  return points > 0 ? 'up' : 'down';
}
