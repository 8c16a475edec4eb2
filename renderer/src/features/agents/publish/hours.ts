import { weekdays, type Channel, type Weekday } from '../../../contract';

type BusinessHours = NonNullable<Channel['businessHours']>;

/** One weekday in the form: open or closed, and from when to when. */
export interface DayDraft {
  day: Weekday;
  open: boolean;
  from: string;
  to: string;
  /**
   * A day saved with more than one span (a lunch break): kept as it is until the day is changed in
   * the form, which shows it as one span from its first opening to its last closing.
   */
  spans?: { open: string; close: string }[];
}

/** Business hours as the form edits them: one opening span per weekday, in one time zone. */
export interface HoursDraft {
  /** Off: the agent answers at any time (no business hours). */
  enabled: boolean;
  timezone: string;
  days: DayDraft[];
}

const weekend = new Set<Weekday>(['sat', 'sun']);

/** The form's business hours for a channel's (null: off, with a working week ready to switch on). */
export function hoursDraft(hours: BusinessHours | null, defaultZone: string): HoursDraft {
  if (!hours) {
    return {
      enabled: false,
      timezone: defaultZone,
      days: weekdays.map((day) => ({ day, open: !weekend.has(day), from: '09:00', to: '17:00' })),
    };
  }
  return {
    enabled: true,
    timezone: hours.timezone,
    days: weekdays.map((day) => {
      const spans = hours.days.filter((span) => span.day === day);
      if (spans.length === 0) return { day, open: false, from: '09:00', to: '17:00' };
      // one span per day in the form: from the first opening to the last closing
      const from = spans.map((span) => span.open).sort()[0]!;
      const to = spans
        .map((span) => span.close)
        .sort()
        .at(-1)!;
      return spans.length > 1
        ? { day, open: true, from, to, spans: spans.map(({ open, close }) => ({ open, close })) }
        : { day, open: true, from, to };
    }),
  };
}

/** A changed day: one span, as the form shows it. */
export function changeDay(day: DayDraft, change: Partial<Pick<DayDraft, 'open' | 'from' | 'to'>>): DayDraft {
  return { day: day.day, open: day.open, from: day.from, to: day.to, ...change };
}

export interface HoursProblems {
  /** Days whose closing time is not after their opening time. */
  order: Weekday[];
  /** Every day closed: the core reads hours without a day as always open, so this is refused. */
  noneOpen: boolean;
}

export function hoursProblems(draft: HoursDraft): HoursProblems {
  if (!draft.enabled) return { order: [], noneOpen: false };
  return {
    order: draft.days.filter((day) => day.open && !day.spans && !(day.from < day.to)).map((day) => day.day),
    noneOpen: !draft.days.some((day) => day.open),
  };
}

export const hasHoursProblems = (problems: HoursProblems) => problems.order.length > 0 || problems.noneOpen;

/** The business hours to save; null when off. */
export function hoursOf(draft: HoursDraft): BusinessHours | null {
  if (!draft.enabled) return null;
  return {
    timezone: draft.timezone,
    days: draft.days
      .filter((day) => day.open)
      .flatMap((day) =>
        (day.spans ?? [{ open: day.from, close: day.to }]).map((span) => ({
          day: day.day,
          open: span.open,
          close: span.close,
        })),
      ),
  };
}

/** The time zones the browser knows, the given one included. */
export function timeZones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** This computer's time zone. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
