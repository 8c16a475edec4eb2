import type Database from 'better-sqlite3';
import type { TicketPriority, TicketSlaTargets } from '../../contract';
import type { ProcessKind } from '../../contract/methods/insight-quality';

/**
 * The series of a six-sigma process, read from insight's own tables only (events, rollups and the
 * tenant's imported measurements), never from another domain's:
 *
 * - `contained` ("answered without a person"), per UTC day from the hourly rollups: units are the
 *   conversations started (`conversation.started`), defects the hand-offs (`conversation.handoff`,
 *   at most one per conversation, so capped at the day's units); the day's value is the share
 *   answered without a person, 100 × (1 − defects ÷ units) %.
 * - `first_response_sla`, per UTC day from the `ticket.first_response` events: units are first
 *   responses, defects those whose `seconds` exceed the tickets domain's own first-response target
 *   for the ticket's `priority` (its SLA targets, through the `slaTargets` port; a priority it does
 *   not know counts as normal); the day's value is the share within the SLA, in %.
 * - `api_latency`, per UTC day from the `api.call` events of API v1 requests and their `ms`: units
 *   are calls, defects calls slower than the process's USL (none without one); the day's value is
 *   the 95th percentile (nearest rank) of the day's durations in ms.
 * - `imported`: each measurement is a point; units are the measurements, defects those outside the
 *   spec limits (none without limits).
 * Days without units have no point.
 */

export const dayMs = 86_400_000;

export interface SeriesPoint {
  at: number;
  value: number;
  units: number | null;
  defects: number | null;
}

export interface Series {
  points: SeriesPoint[];
  units: number;
  defects: number;
  /** False when nothing defines a defect (an imported process without spec limits). */
  defectsDefined: boolean;
}

export interface SeriesProcess {
  kind: ProcessKind;
  name: string;
  usl: number | null;
  lsl: number | null;
}

/** What the quality series need of the tickets domain: its first-response targets per priority. */
export interface SlaTargetsPort {
  slaTargets(tenantId: string): TicketSlaTargets;
}

/** At most this many imported measurements in one chart (the latest ones). */
export const maxImportedPoints = 2_000;

export const dayOf = (at: number) => Math.floor(at / dayMs) * dayMs;

/** The 95th percentile by nearest rank: the ⌈0.95·n⌉-th smallest. */
export function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!;
}

function propsOf(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function qualitySeries(sqlite: Database.Database, sla: SlaTargetsPort) {
  const s = sqlite;
  const statements = {
    dailyCounts: s.prepare<
      { tenantId: string; from: number; to: number; a: string; b: string },
      { day: number; name: string; count: number }
    >(
      `SELECT (hour / ${dayMs}) * ${dayMs} AS day, name, SUM(count) AS count FROM insight_rollups
       WHERE tenant_id = @tenantId AND name IN (@a, @b) AND dim = '' AND value = ''
         AND hour >= @from AND hour < @to
       GROUP BY day, name ORDER BY day`,
    ),
    events: s.prepare<
      { tenantId: string; name: string; from: number; to: number },
      { at: number; props: string | null }
    >(
      `SELECT at, props FROM insight_events
       WHERE tenant_id = @tenantId AND name = @name AND at >= @from AND at < @to ORDER BY at`,
    ),
    measurements: s.prepare<
      { tenantId: string; process: string; from: number; to: number; limit: number },
      { at: number; value: number }
    >(
      `SELECT at, value FROM (
         SELECT at, value FROM insight_measurements
         WHERE tenant_id = @tenantId AND process = @process AND at >= @from AND at < @to
         ORDER BY at DESC LIMIT @limit)
       ORDER BY at`,
    ),
  };

  const contained = (tenantId: string, from: number, to: number): Series => {
    const days = new Map<number, { units: number; defects: number }>();
    for (const row of statements.dailyCounts.all({
      tenantId,
      from,
      to,
      a: 'conversation.started',
      b: 'conversation.handoff',
    })) {
      const day = days.get(row.day) ?? { units: 0, defects: 0 };
      if (row.name === 'conversation.started') day.units += row.count;
      else day.defects += row.count;
      days.set(row.day, day);
    }
    return daily(days, (d) => 100 * (1 - d.defects / d.units));
  };

  const firstResponse = (tenantId: string, from: number, to: number): Series => {
    const targets = sla.slaTargets(tenantId).targets;
    const days = new Map<number, { units: number; defects: number }>();
    for (const row of statements.events.all({ tenantId, name: 'ticket.first_response', from, to })) {
      const props = propsOf(row.props);
      const seconds = typeof props.seconds === 'number' ? props.seconds : null;
      if (seconds === null) continue;
      const priority = (
        typeof props.priority === 'string' && props.priority in targets ? props.priority : 'normal'
      ) as TicketPriority;
      const day = days.get(dayOf(row.at)) ?? { units: 0, defects: 0 };
      day.units++;
      if (seconds > targets[priority].firstResponse * 60) day.defects++;
      days.set(dayOf(row.at), day);
    }
    return daily(days, (d) => 100 * (1 - d.defects / d.units));
  };

  const apiLatency = (tenantId: string, usl: number | null, from: number, to: number): Series => {
    const days = new Map<number, number[]>();
    for (const row of statements.events.all({ tenantId, name: 'api.call', from, to })) {
      const ms = propsOf(row.props).ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms)) continue;
      const day = days.get(dayOf(row.at)) ?? [];
      day.push(ms);
      days.set(dayOf(row.at), day);
    }
    const points: SeriesPoint[] = [];
    let units = 0;
    let defects = 0;
    for (const [at, durations] of [...days].sort((a, b) => a[0] - b[0])) {
      const slow = usl === null ? 0 : durations.filter((ms) => ms > usl).length;
      units += durations.length;
      defects += slow;
      points.push({ at, value: p95(durations), units: durations.length, defects: slow });
    }
    return { points, units, defects, defectsDefined: usl !== null };
  };

  const imported = (tenantId: string, process: SeriesProcess, from: number, to: number): Series => {
    const rows = statements.measurements.all({
      tenantId,
      process: process.name,
      from,
      to,
      limit: maxImportedPoints,
    });
    const outside = (v: number) =>
      (process.usl !== null && v > process.usl) || (process.lsl !== null && v < process.lsl);
    const points = rows.map((row) => ({ at: row.at, value: row.value, units: null, defects: null }));
    return {
      points,
      units: rows.length,
      defects: rows.filter((row) => outside(row.value)).length,
      defectsDefined: process.usl !== null || process.lsl !== null,
    };
  };

  return {
    series(tenantId: string, process: SeriesProcess, range: { from: number; to: number }): Series {
      switch (process.kind) {
        case 'contained':
          return contained(tenantId, range.from, range.to);
        case 'first_response_sla':
          return firstResponse(tenantId, range.from, range.to);
        case 'api_latency':
          return apiLatency(tenantId, process.usl, range.from, range.to);
        case 'imported':
          return imported(tenantId, process, range.from, range.to);
      }
    },
  };
}

function daily(
  days: Map<number, { units: number; defects: number }>,
  valueOf: (day: { units: number; defects: number }) => number,
): Series {
  const points: SeriesPoint[] = [];
  let units = 0;
  let defects = 0;
  for (const [at, day] of [...days].sort((a, b) => a[0] - b[0])) {
    if (day.units <= 0) continue;
    const capped = { units: day.units, defects: Math.min(day.defects, day.units) };
    units += capped.units;
    defects += capped.defects;
    points.push({ at, value: valueOf(capped), units: capped.units, defects: capped.defects });
  }
  return { points, units, defects, defectsDefined: true };
}
