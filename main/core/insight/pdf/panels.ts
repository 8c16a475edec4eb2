import type Database from 'better-sqlite3';
import type { TFunction } from 'i18next';
import type { Language, MethodOutput } from '../../../contract';
import type { Currency } from '../../../contract/vocabulary';
import type { ReportDashboard, ReportFilters } from '../../../contract/methods/insight-reports';
import type { QualityService } from '../quality';
import type { Range } from '../queries';
import type { InsightService } from '../service';
import type { Mark, Reference, Series, TableSpec } from './draw';

/**
 * A dashboard in a PDF is a list of panels (a chart and the table of its numbers) and its headline
 * figures (also the e-mail's facts). Each dashboard registers one builder; another part of the
 * Insight section (marketing, quality, economics) adds its own with `registerDashboard`.
 */

export type Chart =
  | {
      kind: 'line';
      labels: string[];
      series: Series[];
      format?: (n: number) => string;
      /** Horizontal lines at values (control and specification limits). */
      references?: Reference[];
      /** Points drawn as dots (where a rule fired). */
      marks?: Mark[];
    }
  | { kind: 'stacked'; labels: string[]; series: Series[]; format?: (n: number) => string }
  | {
      kind: 'hbars';
      rows: { label: string; value: number }[];
      color?: string;
      format?: (n: number) => string;
    }
  | {
      kind: 'heat';
      columns: string[];
      rows: { label: string; cells: (number | null)[]; shares?: (number | null)[] }[];
      format?: (n: number) => string;
    };

export interface Panel {
  title: string;
  description?: string;
  /** Absent: a table alone. */
  chart?: Chart;
  table: TableSpec;
}

export interface Headline {
  label: string;
  value: string;
  /** The previous period's value (compare on). */
  previous?: string;
  /** The change against it, "+12 %" (compare on). */
  change?: string;
}

export interface DashboardContent {
  headline: Headline[];
  panels: Panel[];
  /**
   * The filters as the dashboard applied them (its defaults filled in, e.g. marketing's attribution
   * model): printed in place of the request's own when given.
   */
  filters?: ReportFilters;
}

/** Says numbers, shares, durations and dates in the requester's language. */
export interface Formatter {
  language: Language;
  number(n: number, digits?: number): string;
  /** A share 0–1 as a percentage. */
  percent(share: number | null): string;
  /** Seconds as "4 min 12 s" / "1 t 3 min" in the language. */
  duration(seconds: number | null): string;
  /** A UTC day, short ("3 Nov"). */
  day(ms: number): string;
  /** A moment's date in the organisation's time zone ("3 Nov 2026"). */
  date(ms: number): string;
  /** A moment's date in the organisation's time zone as 2026-11-03 (file names). */
  isoDate(ms: number): string;
  /** A change from `before` to `now`, "+12 %", or "–" when there is nothing to compare. */
  change(now: number | null, before: number | null): string;
}

export interface DashboardContext {
  tenantId: string;
  range: Range;
  /** The period of the same length just before (compare on), else null. */
  previous: Range | null;
  filters: ReportFilters;
  t: TFunction;
  format: Formatter;
  insight: InsightService;
  /** The tenant's agents by id (their names in tables). */
  agentNames: (tenantId: string) => Map<string, string>;
  /** The database (dashboards whose queries live outside InsightService: marketing, quality). */
  sqlite: Database.Database;
  /** The organisation's currency (money in tables, as the views show it). */
  currency: (tenantId: string) => Currency;
  /** The six-sigma processes (figures and control charts as the quality view reads them). */
  quality: QualityService;
  /** The installation's unit economics (the economics dashboard; a platform administrator's only). */
  economics: (input: {
    months: number;
    forecastMonths: number;
    zeroChurn: 'infinite' | { capMonths: number };
  }) => MethodOutput<'insight.economics'>;
  now: number;
}

export type DashboardBuilder = (ctx: DashboardContext) => DashboardContent;

const builders = new Map<string, DashboardBuilder>();

/** `overview` is the usage view's route name. */
const aliases: Partial<Record<ReportDashboard, ReportDashboard>> = { overview: 'usage' };

export function canonicalDashboard(dashboard: ReportDashboard): ReportDashboard {
  return aliases[dashboard] ?? dashboard;
}

/** Adds (or replaces) the panels of one dashboard. */
export function registerDashboard(dashboard: ReportDashboard, builder: DashboardBuilder): void {
  builders.set(canonicalDashboard(dashboard), builder);
}

export function dashboardBuilder(dashboard: ReportDashboard): DashboardBuilder | undefined {
  return builders.get(canonicalDashboard(dashboard));
}

/** The view's title key of a dashboard (insight.titles.<view>). */
export function titleKey(dashboard: ReportDashboard): string {
  const view = canonicalDashboard(dashboard) === 'usage' ? 'overview' : dashboard;
  return `insight.titles.${view}`;
}

export const locales: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', nb: 'nb-NO' };

export function formatter(language: Language, t: TFunction, timeZone: string): Formatter {
  const locale = locales[language];
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (n: number, digits = 0) => {
    let f = numbers.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numbers.set(digits, f);
    }
    return f.format(n);
  };
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  let zone = 'UTC';
  try {
    new Intl.DateTimeFormat(locale, { timeZone: timeZone || 'UTC' });
    zone = timeZone || 'UTC';
  } catch {
    zone = 'UTC';
  }
  const date = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: zone,
  });
  const iso = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: zone,
  });
  return {
    language,
    number,
    isoDate: (ms) => iso.format(new Date(ms)),
    percent: (share) => (share === null ? '–' : percent.format(share)),
    duration: (seconds) => {
      if (seconds === null) return '–';
      const s = Math.round(seconds);
      if (s < 60) return t('insight.pdf.duration.seconds', { s });
      const m = Math.floor(s / 60);
      if (m < 60) return t('insight.pdf.duration.minutes', { m, s: s % 60 });
      return t('insight.pdf.duration.hours', { h: Math.floor(m / 60), m: m % 60 });
    },
    day: (ms) => day.format(new Date(ms)),
    date: (ms) => date.format(new Date(ms)),
    change: (now, before) => {
      if (now === null || before === null || before === 0) return '–';
      return signed.format((now - before) / before);
    },
  };
}
