/** Quiet hours: a daily window in the tenant's time zone during which only SEV1 goes out. */
export interface QuietHours {
  enabled: boolean;
  /** HH:MM, local time in `timezone`. */
  start: string;
  /** HH:MM; before `start` means the window wraps midnight (22:00–07:00). */
  end: string;
  /** An IANA time zone, e.g. "Europe/Oslo". */
  timezone: string;
}

export const defaultQuietHours: QuietHours = {
  enabled: false,
  start: '22:00',
  end: '07:00',
  timezone: 'UTC',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let found = formatters.get(timezone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, found);
  }
  return found;
}

/** The IANA name as Intl spells it ("europe/oslo" → "Europe/Oslo"), or null for an unknown zone. */
export function canonicalTimezone(timezone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const minutesOf = (clock: string): number => {
  const [hours, minutes] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
};

/** Minutes since local midnight in `timezone` at the instant `at` (epoch ms). */
export function localMinutes(at: number, timezone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of formatter(timezone).formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/**
 * Whether `at` falls inside the window: start inclusive, end exclusive. A window whose end is not
 * after its start wraps midnight. An unknown time zone counts as UTC rather than silencing nothing
 * or everything.
 */
export function inQuietHours(quiet: QuietHours, at: number): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const now = localMinutes(at, canonicalTimezone(quiet.timezone) ?? 'UTC');
  return start < end ? now >= start && now < end : now >= start || now < end;
}
