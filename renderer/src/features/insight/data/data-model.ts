/** The Events view's pure parts: the example file, the retention bounds and the import's summary. */

/** How long raw events may be kept (the bounds of `insight.saveSettings`). */
export const retentionBounds = { min: 7, max: 3650 } as const;

/** The largest CSV `insight.importPreview` / `insight.import` take (characters). */
export const importMaxChars = 20_000_000;

/** The columns that are fields of an event; every other column of a CSV is a property. */
export const eventColumns = ['name', 'actor', 'at', 'id', 'session', 'source', 'campaign'] as const;

/** A small example of a CSV the import takes: the needed columns, a time, and two properties. */
export function exampleCsv(now: number): string {
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(now - daysAgo * day).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    'name,actor,at,id,plan,seats',
    `signup.completed,customer-101,${at(3)},evt-1,starter,3`,
    `order.placed,customer-101,${at(2)},evt-2,starter,3`,
    `signup.completed,customer-102,${at(1)},evt-3,pro,12`,
    '',
  ].join('\r\n');
}

/** The batch `POST /api/v1/events` takes, as shown in the panel for one's own systems. */
export function exampleBatch(now: number): string {
  return JSON.stringify(
    {
      events: [
        {
          id: 'order-4711',
          name: 'order.placed',
          actor: 'customer-101',
          at: now,
          properties: { plan: 'pro', amount: 49.5 },
        },
        { name: 'signup.completed', actor: 'customer-102' },
      ],
    },
    null,
    2,
  );
}

/** What the retention field says about a typed value: a number of days, or why it cannot be saved. */
export function retentionProblem(
  typed: string,
):
  | { days: number; reason: null }
  | { days: null; reason: 'required' | 'whole_number' | 'too_small' | 'too_big' } {
  const text = typed.trim();
  if (text === '') return { days: null, reason: 'required' };
  if (!/^\d+$/.test(text)) return { days: null, reason: 'whole_number' };
  const days = Number(text);
  if (days < retentionBounds.min) return { days: null, reason: 'too_small' };
  if (days > retentionBounds.max) return { days: null, reason: 'too_big' };
  return { days, reason: null };
}

/** Saving fewer days than now removes older events at the next daily sweep: ask first. */
export function shortens(current: number | undefined, next: number): boolean {
  return current !== undefined && next < current;
}

/** The property columns of the preview: every property any shown row has, in first-seen order. */
export function propertyColumns(rows: readonly { properties: Record<string, unknown> }[]): string[] {
  const seen: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row.properties)) if (!seen.includes(key)) seen.push(key);
  return seen;
}

/** The lines with errors (each line once), however many errors each has. */
export function refusedLines(errors: readonly { at: number }[]): number {
  return new Set(errors.map((error) => error.at)).size;
}

/** A property's value as the preview shows it ('' for none). */
export function cellText(value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

/** Downloads text as a file (the example CSV). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
