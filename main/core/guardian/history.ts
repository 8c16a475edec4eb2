import type Database from 'better-sqlite3';
import type { GuardianCheck } from '../../contract';
import { statusRank } from './checks/grade';
import { worstById } from './score';

type CheckSample = Record<string, { status: GuardianCheck['status']; value: number | null }>;
type Resolution = 'minute' | 'hour' | 'day';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** What each resolution keeps before it is rolled up into the next: a year of history stays ~2 100 rows a tenant. */
const keep: Record<Resolution, number> = { minute: day, hour: 30 * day, day: 400 * day };

export interface HistoryPoint {
  at: number;
  score: number;
  checks: CheckSample;
}

/**
 * Score history: one sample a minute; after a day minutes become hours (average score, worst
 * status, average value), after a month hours become days, after 400 days days are dropped.
 */
export class HealthHistory {
  private readonly insert;
  private readonly range;

  constructor(private readonly sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      'INSERT INTO health_samples (tenant_id, at, resolution, score, checks) VALUES (?, ?, ?, ?, ?)',
    );
    this.range = sqlite.prepare<[string, Resolution, number], { at: number; score: number; checks: string }>(
      'SELECT at, score, checks FROM health_samples WHERE tenant_id = ? AND resolution = ? AND at >= ? ORDER BY at',
    );
  }

  record(tenantId: string, at: number, score: number, checks: GuardianCheck[]): void {
    const sample: CheckSample = {};
    for (const [id, c] of worstById(checks)) sample[id] = { status: c.status, value: c.value };
    // checks about one agent or provider are also kept under "id:targetId", for a line per target
    for (const c of checks)
      if (c.target) sample[`${c.id}:${c.target.id}`] = { status: c.status, value: c.value };
    this.insert.run(tenantId, at, 'minute', score, JSON.stringify(sample));
  }

  query(
    tenantId: string,
    range: '24h' | '7d' | '30d',
    now: number,
  ): { resolution: Resolution; points: HistoryPoint[] } {
    const span = range === '24h' ? day : range === '7d' ? 7 * day : 30 * day;
    const since = now - span;
    // recent minutes are not rolled up yet: a long range reads hours, plus today's minutes folded in
    const resolution: Resolution = range === '24h' ? 'minute' : 'hour';
    const rows = this.range.all(tenantId, resolution, since);
    if (resolution === 'hour') {
      const recent = this.range.all(tenantId, 'minute', Math.max(since, (rows.at(-1)?.at ?? since - 1) + 1));
      rows.push(...bucket(recent, hour));
    }
    return {
      resolution,
      points: rows.map((r) => ({
        at: r.at,
        score: Math.round(r.score * 10) / 10,
        checks: JSON.parse(r.checks) as CheckSample,
      })),
    };
  }

  /** Folds samples older than their resolution keeps into the next one. Cheap to call every hour. */
  rollUp(now: number): void {
    this.sqlite.transaction(() => {
      this.fold('minute', 'hour', hour, now - keep.minute);
      this.fold('hour', 'day', day, now - keep.hour);
      this.sqlite
        .prepare("DELETE FROM health_samples WHERE resolution = 'day' AND at < ?")
        .run(now - keep.day);
    })();
  }

  private fold(from: Resolution, to: Resolution, size: number, before: number): void {
    const rows = this.sqlite
      .prepare(
        'SELECT tenant_id, at, score, checks FROM health_samples WHERE resolution = ? AND at < ? ORDER BY tenant_id, at',
      )
      .all(from, before) as { tenant_id: string; at: number; score: number; checks: string }[];
    if (rows.length === 0) return;
    const byTenant = new Map<string, typeof rows>();
    for (const row of rows) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row]);
    for (const [tenantId, samples] of byTenant) {
      for (const b of bucket(samples, size)) this.insert.run(tenantId, b.at, to, b.score, b.checks);
    }
    this.sqlite.prepare('DELETE FROM health_samples WHERE resolution = ? AND at < ?').run(from, before);
  }
}

/** Averages samples into buckets of `size` ms: mean score, worst status and mean value per check. */
function bucket(
  rows: { at: number; score: number; checks: string }[],
  size: number,
): { at: number; score: number; checks: string }[] {
  const buckets = new Map<number, { at: number; score: number; checks: string }[]>();
  for (const row of rows) {
    const start = Math.floor(row.at / size) * size;
    buckets.set(start, [...(buckets.get(start) ?? []), row]);
  }
  return [...buckets.entries()].map(([at, group]) => {
    const merged: CheckSample = {};
    const sums: Record<string, { total: number; count: number }> = {};
    for (const row of group) {
      for (const [id, c] of Object.entries(JSON.parse(row.checks) as CheckSample)) {
        const current = merged[id];
        if (!current || statusRank[c.status] > statusRank[current.status])
          merged[id] = { status: c.status, value: null };
        if (c.value !== null) {
          const sum = (sums[id] ??= { total: 0, count: 0 });
          sum.total += c.value;
          sum.count += 1;
        }
      }
    }
    for (const [id, sum] of Object.entries(sums))
      merged[id]!.value = Math.round((sum.total / sum.count) * 10) / 10;
    return {
      at,
      score: group.reduce((s, r) => s + r.score, 0) / group.length,
      checks: JSON.stringify(merged),
    };
  });
}
