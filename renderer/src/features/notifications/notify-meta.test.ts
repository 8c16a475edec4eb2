import { describe, expect, it } from 'vitest';
import { isQuietAt, minutesInZone, parseEmails, quietSpan, timeZoneOptions } from './notify-meta';

describe('quiet hours', () => {
  it('knows how long they last and whether they run past midnight', () => {
    expect(quietSpan('22:00', '07:00')).toEqual({ minutes: 540, overnight: true });
    expect(quietSpan('12:00', '13:30')).toEqual({ minutes: 90, overnight: false });
    expect(quietSpan('08:00', '08:00')).toBeNull();
    expect(quietSpan('8:00', '09:00')).toBeNull();
  });

  it('reads the wall clock of the chosen time zone', () => {
    const noonUtc = Date.UTC(2026, 0, 15, 12, 0);
    expect(minutesInZone(noonUtc, 'UTC')).toBe(12 * 60);
    expect(minutesInZone(noonUtc, 'Europe/Oslo')).toBe(13 * 60);
    expect(minutesInZone(noonUtc, 'Not/AZone')).toBeNull();
  });

  it('is in force between start and end, also across midnight, in that zone', () => {
    const quiet = { enabled: true, start: '22:00', end: '07:00', timezone: 'Europe/Oslo' };
    expect(isQuietAt(quiet, Date.UTC(2026, 0, 15, 21, 30))).toBe(true); // 22:30 in Oslo
    expect(isQuietAt(quiet, Date.UTC(2026, 0, 15, 5, 59))).toBe(true); // 06:59
    expect(isQuietAt(quiet, Date.UTC(2026, 0, 15, 6, 0))).toBe(false); // 07:00
    expect(isQuietAt({ ...quiet, enabled: false }, Date.UTC(2026, 0, 15, 21, 30))).toBe(false);
    expect(isQuietAt({ ...quiet, start: '12:00', end: '13:00' }, Date.UTC(2026, 0, 15, 11, 15))).toBe(true);
  });

  it('offers the browser zone first and keeps a stored zone', () => {
    const zones = timeZoneOptions('Europe/Amsterdam', 'Europe/Oslo');
    expect(zones[0]).toBe('Europe/Amsterdam');
    expect(zones).toContain('Europe/Oslo');
    expect(zones).toContain('UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe('recipients', () => {
  it('splits a typed list and drops repeats', () => {
    expect(parseEmails('Ops@Fjord.test, vera@fjord.test;\nops@fjord.test ')).toEqual([
      'ops@fjord.test',
      'vera@fjord.test',
    ]);
  });
});
