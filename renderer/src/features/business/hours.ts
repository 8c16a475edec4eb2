import { weekdays, type OpeningDay, type OpeningHours, type Weekday } from '../../contract';

/** A week to start from when a business first adds its hours: weekdays 09:00–17:00, weekends closed. */
export function defaultHours(): OpeningHours {
  const open = (): OpeningDay => ({ closed: false, intervals: [{ open: '09:00', close: '17:00' }] });
  const closed = (): OpeningDay => ({ closed: true, intervals: [] });
  return { mon: open(), tue: open(), wed: open(), thu: open(), fri: open(), sat: closed(), sun: closed() };
}

/** "Monday" in the interface's language (2024-01-01 was a Monday). */
export function weekdayName(day: Weekday, locale: string): string {
  const date = new Date(Date.UTC(2024, 0, 1 + weekdays.indexOf(day)));
  const name = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** The next interval to offer on a day: an hour after the last one closes, or 09:00–17:00. */
export function nextInterval(day: OpeningDay): { open: string; close: string } {
  const last = day.intervals.at(-1);
  if (!last) return { open: '09:00', close: '17:00' };
  const [hours] = last.close.split(':').map(Number);
  const start = Math.min((hours ?? 17) + 1, 22);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { open: `${pad(start)}:00`, close: `${pad(Math.min(start + 2, 23))}:00` };
}
