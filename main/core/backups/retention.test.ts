import { describe, expect, it } from 'vitest';
import { ManualClock } from '../lib/clock';
import { BackupScheduler, schedulePatterns } from './backup-scheduler';
import { planRetention, type RetentionCandidate } from './retention';

const hour = 3_600_000;
const day = 24 * hour;

/** One backup every 6 hours for 400 days, newest first at "now". */
function history(now: number, verifiedUpTo = Infinity): RetentionCandidate[] {
  const out: RetentionCandidate[] = [];
  for (let i = 0; i < 400 * 4; i++) {
    const createdAt = now - i * 6 * hour;
    out.push({ file: `b${i}.mfbackup`, createdAt, kind: 'scheduled', verified: i >= verifiedUpTo });
  }
  return out;
}

describe('retention', () => {
  const now = new Date(2026, 10, 22, 12, 0, 0).getTime();

  it('keeps the last N, one per day, week and month and deletes the rest', () => {
    const plan = planRetention(history(now), { keepLast: 10, daily: 7, weekly: 4, monthly: 12 });
    const kept = plan.keep.map((f) => Number(f.slice(1, -9)));
    // the newest ten, then one per day for 7 days, per week for 4 weeks, per month for 12 months
    expect(kept.slice(0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(plan.keep.length).toBeLessThanOrEqual(10 + 7 + 4 + 12);
    expect(plan.keep.length).toBeGreaterThan(12 + 10);
    const oldestKept = Math.max(...kept);
    expect((now - (now - oldestKept * 6 * hour)) / day).toBeGreaterThan(300);
    expect(plan.keep.length + plan.delete.length).toBe(1600);
  });

  it('never deletes the newest verified backup', () => {
    const candidates = history(now, 500);
    const plan = planRetention(candidates, { keepLast: 1, daily: 0, weekly: 0, monthly: 0 });
    expect(plan.keep).toEqual(['b0.mfbackup', 'b500.mfbackup']);
  });

  it('a stricter policy deletes more, a looser one less', () => {
    const strict = planRetention(history(now), { keepLast: 1, daily: 1, weekly: 1, monthly: 1 });
    const loose = planRetention(history(now), { keepLast: 100, daily: 30, weekly: 12, monthly: 24 });
    expect(strict.delete.length).toBeGreaterThan(loose.delete.length);
  });
});

describe('backup schedule', () => {
  it('turns the settings into cron patterns', () => {
    expect(schedulePatterns({ enabled: true, everyHours: 6, dailyAt: '02:30' })).toEqual([
      '0 */6 * * *',
      '30 2 * * *',
    ]);
    expect(schedulePatterns({ enabled: false, everyHours: 6, dailyAt: '02:30' })).toEqual([]);
  });

  it('runs when a slot has passed since the last backup, and catches up after sleep', async () => {
    const clock = new ManualClock(new Date(2026, 10, 22, 7, 0, 0).getTime());
    let last: number | null = new Date(2026, 10, 22, 6, 0, 5).getTime();
    const runs: number[] = [];
    const scheduler = new BackupScheduler({
      clock,
      schedule: () => ({ enabled: true, everyHours: 6, dailyAt: '02:30' }),
      lastBackupAt: () => last,
      run: async () => {
        runs.push(clock.now());
        last = clock.now();
        return true;
      },
    });
    expect(await scheduler.tick()).toBe(false);
    expect(scheduler.nextSlot(clock.now())).toBe(new Date(2026, 10, 22, 12, 0, 0).getTime());
    // the computer sleeps from 07:00 until 19:10: one backup on waking, not one per missed slot
    clock.set(new Date(2026, 10, 22, 19, 10, 0).getTime());
    expect(await scheduler.tick()).toBe(true);
    expect(await scheduler.tick()).toBe(false);
    expect(runs).toHaveLength(1);
  });

  it('waits before retrying a failed scheduled backup', async () => {
    const clock = new ManualClock(new Date(2026, 10, 22, 6, 1, 0).getTime());
    let attempts = 0;
    const scheduler = new BackupScheduler({
      clock,
      schedule: () => ({ enabled: true, everyHours: 6, dailyAt: null }),
      lastBackupAt: () => null,
      run: async () => {
        attempts += 1;
        return false;
      },
    });
    await scheduler.tick();
    clock.advance(60_000);
    await scheduler.tick();
    expect(attempts).toBe(1);
    clock.advance(15 * 60_000);
    await scheduler.tick();
    expect(attempts).toBe(2);
  });
});
