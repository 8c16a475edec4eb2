/** Shapes insight.usage and insight.searches for the Usage view (pure; tested in usage-shape.test.ts). */

/** The event names the platform itself sends, said in the user's language (`insight.events.<key>`). */
export const knownEventNames = [
  'conversation.started',
  'conversation.message',
  'conversation.rated',
  'conversation.closed',
  'conversation.handoff',
  'ticket.first_response',
  'ticket.solved',
  'run.finished',
  'auth.sign_in',
  'search.query',
  'api.call',
  'billing.changed',
  'visitor.touch',
  'lead',
  'customer',
  'app.open',
] as const;

/** The translation key of a known event name (`conversation.started` → `conversation_started`); null for a custom one. */
export function eventNameKey(name: string): string | null {
  return (knownEventNames as readonly string[]).includes(name) ? name.replaceAll('.', '_') : null;
}

export interface DailyRow {
  day: number;
  dau: number;
  /** The same day of the previous period (as many days before the range's start). */
  previous: number | null;
}

/**
 * The daily actives with the previous period's beside them, day by day: the previous period's i-th
 * day against this period's i-th day (both ranges have the same length).
 */
export function dailyWithPrevious(
  days: readonly { day: number; dau: number }[],
  previous: readonly { day: number; dau: number }[] | undefined,
): DailyRow[] {
  return days.map((row, index) => ({
    day: row.day,
    dau: row.dau,
    previous: previous ? (previous[index]?.dau ?? 0) : null,
  }));
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
  previous: number | null;
}

/**
 * Counts by key (features, agents) with a readable label and the previous period's count; most
 * first. A key only in the previous period is kept (with 0 now) so a feature that stopped shows.
 */
export function countsWithPrevious(
  current: readonly { key: string; count: number }[],
  previous: readonly { key: string; count: number }[] | undefined,
  label: (key: string) => string,
): CountRow[] {
  const before = new Map(previous?.map((row) => [row.key, row.count]));
  const keys = new Set(current.map((row) => row.key));
  const rows: CountRow[] = current.map((row) => ({
    key: row.key,
    label: label(row.key),
    count: row.count,
    previous: previous ? (before.get(row.key) ?? 0) : null,
  }));
  for (const row of previous ?? []) {
    if (!keys.has(row.key)) rows.push({ key: row.key, label: label(row.key), count: 0, previous: row.count });
  }
  return rows.sort(
    (a, b) => b.count - a.count || (b.previous ?? 0) - (a.previous ?? 0) || a.label.localeCompare(b.label),
  );
}

/** The summary a screen reader hears for a series: its total, average and highest day. */
export function seriesSummary(values: readonly number[]): { total: number; average: number; max: number } {
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    total,
    average: values.length === 0 ? 0 : Math.round((total / values.length) * 10) / 10,
    max: values.reduce((max, value) => Math.max(max, value), 0),
  };
}
