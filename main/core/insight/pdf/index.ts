import type Database from 'better-sqlite3';
import type { Language } from '../../../contract';
import type { Currency } from '../../../contract/vocabulary';
import type { ReportDashboard, ReportFilters, ReportPaper } from '../../../contract/methods/insight-reports';
import { translator } from '../../lib/catalogue';
import type { QualityService } from '../quality';
import type { Range } from '../queries';
import type { InsightService } from '../service';
import { renderPdf } from './document';
import {
  canonicalDashboard,
  dashboardBuilder,
  formatter,
  titleKey,
  type DashboardContent,
  type DashboardContext,
  type Formatter,
} from './panels';
import './dashboards';
import './marketing';
import './quality';
import './economics';

export { registerDashboard, type DashboardBuilder, type Panel, type Headline } from './panels';

export interface PdfEngineDeps {
  insight: InsightService;
  /** The product's name (the brand's) and its colour. */
  brand: () => { productName: string; primaryColor: string };
  tenantName: (tenantId: string) => string;
  /** The organisation's time zone (its profile), '' when unset. */
  timeZone: (tenantId: string) => string;
  agentNames: (tenantId: string) => Map<string, string>;
  sqlite: Database.Database;
  currency: (tenantId: string) => Currency;
  quality: QualityService;
  economics: DashboardContext['economics'];
  now: () => number;
}

export interface DashboardPdfRequest {
  tenantId: string;
  dashboard: ReportDashboard;
  range: Range;
  compare: boolean;
  filters: ReportFilters;
  paper: ReportPaper;
  language: Language;
}

export interface DashboardPdf {
  fileName: string;
  bytes: Buffer;
  pages: number;
  title: string;
  /** What the PDF shows (the e-mail says the headline figures). */
  content: DashboardContent;
  format: Formatter;
  /** The period as printed. */
  period: string;
}

/** The period of the same length just before `range`. */
export function previousRange(range: Range): Range {
  return { from: range.from - (range.to - range.from), to: range.from };
}

/** The one PDF engine: a dashboard's panels in the requester's language, on A4 or Letter. */
export async function dashboardPdf(deps: PdfEngineDeps, request: DashboardPdfRequest): Promise<DashboardPdf> {
  const t = translator(request.language);
  const brand = deps.brand();
  const names = { product: brand.productName, productShort: brand.productName };
  const format = formatter(request.language, t, deps.timeZone(request.tenantId));
  const previous = request.compare ? previousRange(request.range) : null;
  const organisation = deps.tenantName(request.tenantId);
  const dashboard = canonicalDashboard(request.dashboard);
  const title = t(titleKey(request.dashboard), names);
  const builder = dashboardBuilder(dashboard);
  const content: DashboardContent = builder
    ? builder({
        tenantId: request.tenantId,
        range: request.range,
        previous,
        filters: request.filters,
        t,
        format,
        insight: deps.insight,
        agentNames: deps.agentNames,
        sqlite: deps.sqlite,
        currency: deps.currency,
        quality: deps.quality,
        economics: deps.economics,
        now: deps.now(),
      })
    : { headline: [], panels: [] };
  const span = (r: Range) => `${format.date(r.from)} – ${format.date(Math.max(r.from, r.to - 1))}`;
  const period = span(request.range);
  const filters = [
    { label: t('insight.pdf.filters.period'), value: period },
    {
      label: t('insight.pdf.filters.compare'),
      value: previous
        ? t('insight.pdf.compareWith', { period: span(previous) })
        : t('insight.pdf.compareOff'),
    },
    ...Object.entries(content.filters ?? request.filters).map(([key, value]) => ({
      label: t(`insight.pdf.filters.${key}`, { defaultValue: key }),
      value: filterValue(t, format, key, value),
    })),
  ];
  const { bytes, pages } = await renderPdf({
    language: request.language,
    paper: request.paper,
    title,
    organisation,
    productName: brand.productName,
    accent: brand.primaryColor,
    subtitle: t('insight.pdf.made', { date: format.date(deps.now()), organisation, ...names }),
    filtersHeading: t('insight.pdf.filtersHeading'),
    filters,
    headlineHeading: t('insight.pdf.headline'),
    content,
    noPanels: t('insight.pdf.noPanels'),
    pageLabel: (page, count) => t('insight.pdf.page', { page, pages: count }),
    previousLabel: t('insight.pdf.previous'),
  });
  return {
    fileName: `${dashboard}-${format.isoDate(request.range.from)}-${format.isoDate(Math.max(request.range.from, request.range.to - 1))}.pdf`,
    bytes,
    pages,
    title,
    content,
    format,
    period,
  };
}

function filterValue(
  t: ReturnType<typeof translator>,
  format: Formatter,
  key: string,
  value: string | number | boolean,
): string {
  if (typeof value === 'boolean') return t(value ? 'insight.pdf.yes' : 'insight.pdf.no');
  if (typeof value === 'number') return format.number(value, 2);
  if (value === '') return t('insight.pdf.all');
  if (key === 'channel') return t(`inbox.channel.${value}`, { defaultValue: value });
  if (key === 'language') {
    try {
      return new Intl.DisplayNames([format.language], { type: 'language' }).of(value) ?? value;
    } catch {
      return value;
    }
  }
  return t(`insight.pdf.values.${value}`, { defaultValue: value });
}
