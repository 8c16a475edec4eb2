import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../lib/bytes';
import { usePrefsStore } from '../stores/prefs-store';
import { isLanguage } from './languages';
import { formatLocale } from './region';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

function relativeTo(format: Intl.RelativeTimeFormat, ms: number, now: number): string {
  const seconds = Math.round((ms - now) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** Dates and numbers in the chosen language, through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const region = usePrefsStore((state) => state.region);
  const locale = formatLocale(
    isLanguage(i18n.language) ? i18n.language : 'en',
    region,
    typeof navigator === 'undefined' ? [] : navigator.languages,
  );
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const dateTimeSeconds = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTimeShort = new Intl.DateTimeFormat(locale, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const relativeShort = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    return {
      locale,
      dateTime: (ms: number) => dateTime.format(ms),
      dateTimeSeconds: (ms: number) => dateTimeSeconds.format(ms),
      date: (ms: number) => date.format(ms),
      /** "Nov 22, 09:11": for narrow columns. */
      dateTimeShort: (ms: number) => dateTimeShort.format(ms),
      time: (ms: number) => time.format(ms),
      number: (value: number) => number.format(value),
      /** 0–100 as "42 %" the way the language writes it. */
      percent: (value: number) => percent.format(value / 100),
      /** A size: "812 bytes", "4.2 MB". */
      bytes: (value: number) => formatBytes(value, locale),
      relative: (ms: number, now = Date.now()) => relativeTo(relative, ms, now),
      relativeShort: (ms: number, now = Date.now()) => relativeTo(relativeShort, ms, now),
    };
  }, [locale]);
}
