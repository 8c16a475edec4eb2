import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { actorFunnel, countFunnel, stepIndex, type FunnelOrder } from './funnel';
import { retentionMatrix } from './retention';

/** One actor's level for a list of `name@seconds` events. */
function level(
  steps: string[],
  events: string,
  windowSeconds: number,
  order: FunnelOrder = 'loose',
  exclude: string[] = [],
) {
  const index = stepIndex(steps);
  const list = events.split(' ').map((token) => {
    const [name, at] = token.split('@') as [string, string];
    return { steps: exclude.includes(name) ? [] : (index.get(name) ?? []), at: Number(at) * 1000 };
  });
  return actorFunnel(list, steps.length, windowSeconds * 1000, order);
}

describe('window funnel (ClickHouse windowFunnel semantics, known answers)', () => {
  const abc = ['A', 'B', 'C'];

  it('counts the longest chain within the window from its first step (inclusive)', () => {
    expect(level(abc, 'A@0 B@10 C@20', 30)).toEqual({ level: 3, convertMs: 20_000 });
    expect(level(abc, 'A@0 B@10 C@20', 15).level).toBe(2);
    // exactly at first step + window still counts (<=)
    expect(level(abc, 'A@0 B@10 C@15', 15).level).toBe(3);
    // steps out of order do not count
    expect(level(abc, 'B@0 C@1 A@5', 100).level).toBe(1);
    expect(level(abc, 'C@0 B@1', 100).level).toBe(0);
  });

  it('keeps the latest start of each step, so a later first step can still complete', () => {
    // the chain from A@0 is too slow; the one from A@100 completes in 10 s
    expect(level(abc, 'A@0 A@100 B@105 C@110', 20)).toEqual({ level: 3, convertMs: 10_000 });
  });

  it('loose lets other funnel events come between the steps; strict does not', () => {
    expect(level(abc, 'A@0 C@5 B@10 C@20', 100, 'loose').level).toBe(3);
    // strict: C@5 is not B, so the chain from A@0 ends; B@10 has no chain to advance
    expect(level(abc, 'A@0 C@5 B@10 C@20', 100, 'strict').level).toBe(1);
    // strict: a repeated first step starts a new chain
    expect(level(abc, 'A@0 A@5 B@10 C@11', 100, 'strict').level).toBe(3);
    // strict: a repeated second step ends the chain (B is not C)
    expect(level(abc, 'A@0 B@5 B@6 C@7', 100, 'strict').level).toBe(2);
    expect(level(abc, 'A@0 B@5 B@6 C@7', 100, 'loose').level).toBe(3);
  });

  it('advances one step per event when a name is two steps of the funnel', () => {
    const aba = ['A', 'B', 'A'];
    expect(level(aba, 'A@0', 100).level).toBe(1);
    expect(level(aba, 'A@0 B@1', 100).level).toBe(2);
    expect(level(aba, 'A@0 B@1 A@2', 100).level).toBe(3);
    expect(level(['A', 'A'], 'A@0', 100).level).toBe(1);
    expect(level(['A', 'A'], 'A@0 A@3', 100).level).toBe(2);
  });

  it('ends chains in progress at an exclusion event', () => {
    expect(level(abc, 'A@0 X@5 B@10 C@20', 100, 'loose', ['X']).level).toBe(1);
    expect(level(abc, 'A@0 X@5 A@6 B@10 C@20', 100, 'loose', ['X']).level).toBe(3);
  });
});

describe('retention (Mixpanel semantics)', () => {
  /**
   * Mixpanel's "Query Retention Report" (https://docs.mixpanel.com/reference/retention-query): with
   * born_event "event integration" and event "viewed report", day unit, the cohort of 2012-01-02 has
   * first = 10 and counts [9, 7, 6]: 9 viewed a report within 24 hours of the born event, 7 between 24
   * and 48 hours, 6 between 48 and 72 hours; "retention is not a funnel" (the 2012-01-01 cohort has
   * first = 2 and counts [2, 1, 2]). These actors reproduce both cohorts.
   */
  it("reproduces Mixpanel's documented example", () => {
    const hour = 3_600_000;
    const jan1 = Date.UTC(2012, 0, 1, 9);
    const jan2 = Date.UTC(2012, 0, 2, 9);
    const starts = new Map<string, number[]>();
    const returns = new Map<string, number[]>();
    // 2012-01-01: two people; both in interval 0 and 2, one in interval 1
    starts.set('p1', [jan1]);
    returns.set('p1', [jan1 + 2 * hour, jan1 + 30 * hour, jan1 + 50 * hour]);
    starts.set('p2', [jan1 + hour]);
    returns.set('p2', [jan1 + 5 * hour, jan1 + 60 * hour]);
    // 2012-01-02: ten people; interval 0: u0-u8; interval 1: u0-u5 and u9; interval 2: u0-u4 and u8
    for (let i = 0; i < 10; i++) {
      const born = jan2 + i * 60_000;
      starts.set(`u${i}`, [born]);
      const back: number[] = [];
      if (i <= 8) back.push(born + 3 * hour);
      if (i <= 5 || i === 9) back.push(born + 25 * hour);
      if (i <= 4 || i === 8) back.push(born + 49 * hour);
      returns.set(`u${i}`, back);
    }
    const cohorts = retentionMatrix(starts, returns, {
      unit: 'day',
      mode: 'first_time',
      intervals: 3,
      from: Date.UTC(2012, 0, 1),
      to: Date.UTC(2012, 0, 4),
    });
    expect(cohorts).toEqual([
      { start: Date.UTC(2012, 0, 1), size: 2, retained: [2, 1, 2] },
      { start: Date.UTC(2012, 0, 2), size: 10, retained: [9, 7, 6] },
    ]);
  });

  it('first time puts an actor in one cohort; recurring in every period they did the start event', () => {
    const week = 7 * 86_400_000;
    const monday = Date.UTC(2026, 0, 5, 12); // a Monday
    const starts = new Map([['a', [monday, monday + week, monday + 2 * week]]]);
    const returns = new Map([['a', [monday + week + 1000, monday + 2 * week + 1000]]]);
    const options = {
      unit: 'week' as const,
      intervals: 3,
      from: Date.UTC(2026, 0, 5),
      to: Date.UTC(2026, 1, 1),
    };
    expect(retentionMatrix(starts, returns, { ...options, mode: 'first_time' })).toEqual([
      { start: Date.UTC(2026, 0, 5), size: 1, retained: [0, 1, 1] },
    ]);
    expect(retentionMatrix(starts, returns, { ...options, mode: 'recurring' })).toEqual([
      { start: Date.UTC(2026, 0, 5), size: 1, retained: [0, 1, 1] },
      { start: Date.UTC(2026, 0, 12), size: 1, retained: [1, 1, 0] },
      { start: Date.UTC(2026, 0, 19), size: 1, retained: [1, 0, 0] },
    ]);
  });
});

describe('countFunnel (all actors at once, from the covering index)', () => {
  it('answers as actorFunnel does per actor, with ties, odd actor names and exclusions', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE insight_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL,
      name TEXT NOT NULL, actor TEXT NOT NULL, at INTEGER NOT NULL, props TEXT);
      CREATE INDEX insight_events_funnel ON insight_events (tenant_id, name, at, actor)`);
    const insert = db.prepare(
      'INSERT INTO insight_events (tenant_id, name, actor, at, props) VALUES (?, ?, ?, ?, ?)',
    );
    const actors = [
      'a',
      'b,1',
      'c\n2',
      '😀x',
      'é',
      '3,4,5',
      '',
      ...Array.from({ length: 60 }, (_, i) => `${i},😀`),
    ];
    const names = ['A', 'B', 'C', 'X', 'N'];
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const rows: { actor: string; name: string; at: number; seq: number }[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = {
        actor: actors[Math.floor(next() * actors.length)]!,
        name: names[Math.floor(next() * names.length)]!,
        // few distinct times, so many ties
        at: 1_000 + Math.floor(next() * 400) * 10,
        seq: i + 1,
      };
      rows.push(row);
      insert.run(
        't',
        row.name,
        row.actor,
        row.at,
        JSON.stringify({ plan: row.actor.length % 2 ? 'odd' : 'even' }),
      );
    }
    insert.run('other', 'A', 'a', 1_000, null);
    for (const order of ['loose', 'strict'] as const)
      for (const steps of [
        ['A', 'B', 'C'],
        ['A', 'B', 'A', 'C'],
      ])
        for (const exclude of [[], ['X']]) {
          const range = { from: 1_500, to: 4_000 };
          const windowMs = 150;
          const got = countFunnel(db, 't', { steps, windowMs, order, exclude }, range);
          const index = stepIndex(steps);
          const levels = new Array<number>(steps.length + 1).fill(0);
          const converts: number[] = [];
          for (const actor of actors) {
            const own = rows
              .filter((r) => r.actor === actor && (index.has(r.name) || exclude.includes(r.name)))
              .filter((r) => r.at >= range.from && r.at < range.to + windowMs)
              .sort((x, y) => x.at - y.at || x.seq - y.seq);
            const first = own.findIndex((r) => index.get(r.name)?.includes(0) && r.at < range.to);
            if (first === -1) continue;
            const result = actorFunnel(
              own.slice(first).map((r) => ({ steps: index.get(r.name) ?? [], at: r.at })),
              steps.length,
              windowMs,
              order,
            );
            levels[result.level]! += 1;
            if (result.convertMs !== null) converts.push(result.convertMs);
          }
          expect(got.levels).toEqual(levels);
          expect([...got.converts].sort((x, y) => x - y)).toEqual(converts.sort((x, y) => x - y));
          const broken = countFunnel(db, 't', { steps, windowMs, order, exclude, breakdown: 'plan' }, range);
          const summed = new Array<number>(steps.length + 1).fill(0);
          for (const counts of broken.byValue.values()) counts.forEach((n, l) => (summed[l]! += n));
          expect(summed).toEqual(levels);
        }
    db.close();
  });
});
