import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../db';
import type { GuardianCheck } from '../../contract';
import { HealthHistory } from './history';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const minute = 60_000;
const day = 24 * 60 * minute;

function history(): { history: HealthHistory; sqlite: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'mindframe-history-'));
  const handle = openDatabase(join(dir, 'db.sqlite'));
  migrate(handle, {
    migrationsDir: join(__dirname, '..', '..', '..', 'db', 'migrations'),
    backupDir: join(dir, 'b'),
  });
  handle.sqlite.exec("INSERT INTO tenants (id, name, slug, created_at) VALUES ('t', 'T', 't', 0)");
  return { history: new HealthHistory(handle.sqlite), sqlite: handle.sqlite };
}

const checks = (status: GuardianCheck['status'], value: number): GuardianCheck[] => [
  {
    id: 'wal',
    status,
    value,
    unit: 'MiB',
    message: { key: 'guardian.wal' },
    text: '',
    target: null,
    strategy: null,
    weight: 5,
  },
  {
    id: 'agent_error_rate',
    status,
    value,
    unit: '%',
    message: { key: 'guardian.agents.error_rate' },
    text: '',
    target: { type: 'agent', id: 'a1', name: 'A' },
    strategy: null,
    weight: 10,
  },
];

describe('health history', () => {
  it('keeps a year small: minutes fold into hours after a day, hours into days after a month', () => {
    const { history: h, sqlite } = history();
    const start = Date.UTC(2026, 0, 1);
    for (let m = 0; m < 3 * 24 * 60; m += 5)
      h.record('t', start + m * minute, m % 60 === 0 ? 50 : 100, checks(m % 60 === 0 ? 'critical' : 'ok', m));
    h.rollUp(start + 3 * day);
    const counts = sqlite
      .prepare('SELECT resolution, count(*) AS n FROM health_samples GROUP BY resolution')
      .all();
    expect(counts).toEqual(
      expect.arrayContaining([
        { resolution: 'hour', n: 48 },
        { resolution: 'minute', n: 288 },
      ]),
    );
    const week = h.query('t', '7d', start + 3 * day);
    expect(week.resolution).toBe('hour');
    // every hour averages its twelve samples and keeps the worst status
    const first = week.points[0]!;
    expect(first.score).toBeCloseTo((50 + 11 * 100) / 12, 0);
    expect(first.checks.wal!.status).toBe('critical');
    expect(first.checks['agent_error_rate:a1']).toBeDefined();
    h.rollUp(start + 40 * day);
    expect(sqlite.prepare("SELECT count(*) AS n FROM health_samples WHERE resolution = 'day'").get()).toEqual(
      { n: 3 },
    );
  });
});
