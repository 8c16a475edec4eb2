import type { BadgeTone } from '../../components/Badge';
import { formatBytes } from '../../lib/bytes';
import {
  checkIds,
  type ActionStatus,
  type CheckId,
  type CheckStatus,
  type GuardianCheck,
  type HealthStatus,
  type HistoryRange,
  type MethodOutput,
} from '../../contract';

export const isKnownCheck = (id: string): id is CheckId => (checkIds as readonly string[]).includes(id);

export const scoreTone: Record<HealthStatus, { badge: BadgeTone; ring: string; stroke: string }> = {
  healthy: { badge: 'success', ring: 'stroke-emerald-500', stroke: '#10b981' },
  degraded: { badge: 'warning', ring: 'stroke-amber-500', stroke: '#f59e0b' },
  unhealthy: { badge: 'danger', ring: 'stroke-red-500', stroke: '#ef4444' },
};

export const actionStatusTone: Record<ActionStatus, BadgeTone> = {
  proposed: 'accent',
  rejected: 'neutral',
  applied: 'success',
  failed: 'danger',
  rolled_back: 'info',
  expired: 'neutral',
};

const statusOrder: Record<CheckStatus, number> = { critical: 0, warn: 1, ok: 2 };

/** Worst first, then by name of the check, then by target. */
export function compareChecks(a: GuardianCheck, b: GuardianCheck): number {
  return (
    statusOrder[a.status] - statusOrder[b.status] ||
    checkIds.indexOf(a.id) - checkIds.indexOf(b.id) ||
    (a.target?.name ?? '').localeCompare(b.target?.name ?? '')
  );
}

/**
 * Who a check speaks to. 'plain': what someone running a shop asks (does the database answer, is there
 * room on the disk, is there a recent backup, do the agents and providers work, is anyone trying to
 * get in). 'technical': the machine's internals (SQLite's integrity check and files, the write-ahead
 * log, response delays, memory, timer drift, the log's error rate), shown under "Advanced", after the
 * plain ones. A Record over every check id: a new check fails the type-check until it is placed.
 */
export const checkAudience: Record<CheckId, 'plain' | 'technical'> = {
  database: 'plain',
  integrity: 'technical',
  database_size: 'technical',
  wal: 'technical',
  disk: 'plain',
  backup_freshness: 'plain',
  agent_error_rate: 'plain',
  provider_availability: 'plain',
  event_loop: 'technical',
  memory: 'technical',
  scheduler_drift: 'technical',
  security_events: 'plain',
  log_errors: 'technical',
};

/** A check of a newer core, which this app cannot name, counts as technical. */
export const isTechnical = (id: string): boolean => !isKnownCheck(id) || checkAudience[id] === 'technical';

/** Splits checks into the plain ones and the technical ones, keeping their order. */
export function splitByAudience<C extends { id: string }>(
  checks: readonly C[],
): { plain: C[]; technical: C[] } {
  return {
    plain: checks.filter((check) => !isTechnical(check.id)),
    technical: checks.filter((check) => isTechnical(check.id)),
  };
}

const checkAbout: Partial<Record<CheckId, 'agent' | 'provider'>> = {
  agent_error_rate: 'agent',
  provider_availability: 'provider',
};

export interface CheckGroups {
  /** Checks about this computer and its database (no target). */
  installation: GuardianCheck[];
  /** Checks about one agent or one provider. */
  agents: GuardianCheck[];
  providers: GuardianCheck[];
}

export function groupChecks(checks: readonly GuardianCheck[]): CheckGroups {
  const groups: CheckGroups = { installation: [], agents: [], providers: [] };
  for (const check of checks) {
    // a check about agents or providers that found none to look at still belongs with them
    const about = check.target?.type ?? checkAbout[check.id];
    if (about === 'agent') groups.agents.push(check);
    else if (about === 'provider') groups.providers.push(check);
    else groups.installation.push(check);
  }
  groups.installation.sort(compareChecks);
  groups.agents.sort(compareChecks);
  groups.providers.sort(compareChecks);
  return groups;
}

/** How many checks are not ok: the headline under the score. */
export function countByStatus(checks: readonly GuardianCheck[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, warn: 0, critical: 0 };
  for (const check of checks) counts[check.status]++;
  return counts;
}

/** A check's key in `guardian.history` points: its id, or "id:targetId" for a check about one thing. */
export const checkKey = (check: Pick<GuardianCheck, 'id' | 'target'>): string =>
  check.target ? `${check.id}:${check.target.id}` : check.id;

/** Reads a history key back: the check id (when it is one the app knows) and the target id. */
export function parseCheckKey(key: string): { id: string; targetId: string | null } {
  const at = key.search(/[:/]/);
  return at === -1 ? { id: key, targetId: null } : { id: key.slice(0, at), targetId: key.slice(at + 1) };
}

type History = MethodOutput<'guardian.history'>;

export interface ScorePoint {
  at: number;
  score: number;
}

export const scoreSeries = (history: History): ScorePoint[] =>
  [...history.points].sort((a, b) => a.at - b.at).map((point) => ({ at: point.at, score: point.score }));

export interface ValueSeries {
  key: string;
  points: { at: number; value: number | null; status: CheckStatus }[];
  /** At least one point has a number to draw. */
  drawable: boolean;
}

/** One series per check key that appears in the history, in the order of first appearance. */
export function valueSeries(history: History): ValueSeries[] {
  const sorted = [...history.points].sort((a, b) => a.at - b.at);
  const byKey = new Map<string, ValueSeries>();
  for (const point of sorted) {
    for (const [key, check] of Object.entries(point.checks)) {
      let series = byKey.get(key);
      if (!series) {
        series = { key, points: [], drawable: false };
        byKey.set(key, series);
      }
      series.points.push({ at: point.at, value: check.value, status: check.status });
      if (check.value !== null) series.drawable = true;
    }
  }
  return [...byKey.values()];
}

/** The ticks of a time axis: hours for a day, days for a week or a month. */
export function timeTickFormat(range: HistoryRange, locale: string): (ms: number) => string {
  const format =
    range === '24h'
      ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
      : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  return (ms) => format.format(ms);
}

const kibi = 1024;
const mebi = kibi * kibi;

/**
 * A check's value with its unit in the user's regional format: "41 kB", "412 MB", "1.2 GB", "38 ms",
 * "12 %", "3 per hour". Sizes are said as file managers say them (a database of 0.04 MiB is 41 kB,
 * not "0 MB"). Units the app does not know are shown as the core sent them.
 */
export function formatCheckValue(value: number | null, unit: string | null, locale: string): string | null {
  if (value === null) return null;
  const number = (v: number, digits = 1) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  const withUnit = (v: number, u: string, digits = 1) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, maximumFractionDigits: digits }).format(v);
  switch ((unit ?? '').trim()) {
    case '':
      return number(value);
    case 'MiB':
    case 'MB':
      return formatBytes(value * mebi, locale);
    case 'GiB':
    case 'GB':
      return formatBytes(value * mebi * kibi, locale);
    case 'KiB':
    case 'kB':
      return formatBytes(value * kibi, locale);
    case 'B':
    case 'bytes':
      return formatBytes(value, locale);
    case 'ms':
      return withUnit(value, 'millisecond');
    case 's':
      return withUnit(value, 'second');
    case 'min':
      return withUnit(value, 'minute');
    case 'h':
    case 'hours':
      return withUnit(value, 'hour');
    case '%':
    case 'percent':
      return withUnit(value, 'percent');
    case '/min':
    case '/h':
      return `${number(value)}${unit}`;
    default:
      return `${number(value)} ${unit}`;
  }
}
