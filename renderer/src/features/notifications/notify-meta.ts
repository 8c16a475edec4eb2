import type { MethodOutput, NotifyEvent } from '../../contract';

/** i18n keys may not contain dots inside a segment: "incident.opened" → "incident_opened". */
export const eventKey = (event: NotifyEvent | 'test'): string => event.replace('.', '_');

export type QuietHours = MethodOutput<'notify.rules'>['quietHours'];
export type SmtpSettings = NonNullable<MethodOutput<'notify.rules'>['smtp']>;

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isClock = (value: string): boolean => clockPattern.test(value);

/** "22:30" → 1350 minutes after midnight; null when it is not a time. */
export function clockMinutes(value: string): number | null {
  const match = clockPattern.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** How long the quiet period lasts in minutes, and whether it runs past midnight. */
export function quietSpan(start: string, end: string): { minutes: number; overnight: boolean } | null {
  const from = clockMinutes(start);
  const to = clockMinutes(end);
  if (from === null || to === null || from === to) return null;
  return to > from
    ? { minutes: to - from, overnight: false }
    : { minutes: 24 * 60 - from + to, overnight: true };
}

/** The wall-clock time in a time zone, as minutes after midnight. */
export function minutesInZone(at: number, timeZone: string): number | null {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const hour = Number(parts.find((part) => part.type === 'hour')?.value);
    const minute = Number(parts.find((part) => part.type === 'minute')?.value);
    return Number.isFinite(hour) && Number.isFinite(minute) ? hour * 60 + minute : null;
  } catch {
    return null;
  }
}

/** Whether the quiet hours are in force at `at` (start inclusive, end exclusive). */
export function isQuietAt(quiet: QuietHours, at: number): boolean {
  if (!quiet.enabled) return false;
  const from = clockMinutes(quiet.start);
  const to = clockMinutes(quiet.end);
  const now = minutesInZone(at, quiet.timezone);
  if (from === null || to === null || now === null || from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** The time zones this browser knows, with the browser's own first; a stored zone is kept in the list. */
export function timeZoneOptions(browserZone: string, current?: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set([browserZone, ...(current ? [current] : []), 'UTC', ...zones]);
  return [...all];
}

export const browserTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

/** Addresses typed in one box, split on commas, semicolons, spaces or new lines. */
export function parseEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export const isHttpUrl = (value: string): boolean => /^https?:\/\/\S+$/.test(value.trim());
