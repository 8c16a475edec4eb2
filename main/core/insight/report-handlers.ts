import type Database from 'better-sqlite3';
import type { HandlerMap } from '../context';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { isLanguage, type Language } from '../../contract';
import { dashboardPdf } from './pdf';
import type { ReportService } from './reports';

type ReportHandlers = Pick<
  HandlerMap,
  | 'insight.reportPdf'
  | 'insight.reports'
  | 'insight.saveReport'
  | 'insight.deleteReport'
  | 'insight.sendReportNow'
>;

export interface ReportHandlerDeps {
  insightReports: ReportService;
  clock: Clock;
  sqlite: Database.Database;
}

const dayMs = 86_400_000;

/** The installation's unit economics: as insight.economics, a platform administrator's only. */
function platformAdminOnly(dashboard: string, isPlatformAdmin: boolean) {
  if (dashboard === 'economics' && !isPlatformAdmin)
    throw new AppError('FORBIDDEN', 'Only a platform administrator may do this.', {
      reason: 'platform_admin_only',
    });
}

/** Insight reports: a dashboard's PDF for the caller, and the organisation's e-mailed schedules. */
export function reportHandlers(deps: ReportHandlerDeps): ReportHandlers {
  const reports = deps.insightReports;
  const languageOf = deps.sqlite.prepare<{ userId: string }, { language: string | null }>(
    'SELECT language FROM users WHERE id = @userId',
  );
  const details = (r: {
    dashboard: string;
    frequency: string;
    recipients: string[];
    paper: string;
    enabled: boolean;
  }) => ({
    dashboard: r.dashboard,
    frequency: r.frequency,
    recipients: r.recipients.length,
    paper: r.paper,
    enabled: r.enabled,
  });

  return {
    'insight.reportPdf': async (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const session = ctx.auth();
      platformAdminOnly(input.dashboard, session.isPlatformAdmin);
      const own = languageOf.get({ userId: session.userId })?.language;
      const language: Language = isLanguage(own) ? own : 'en';
      const to = input.to ?? deps.clock.now() + 1;
      const from = input.from ?? to - 30 * dayMs;
      if (from >= to)
        throw new AppError('VALIDATION', 'The range must start before it ends.', {
          field: 'from',
          reason: 'range_reversed',
        });
      const pdf = await dashboardPdf(reports.pdf, {
        tenantId,
        dashboard: input.dashboard,
        range: { from, to },
        compare: input.compare ?? false,
        filters: input.filters ?? {},
        paper: input.paper ?? 'a4',
        language,
      });
      return { fileName: pdf.fileName, contentBase64: pdf.bytes.toString('base64'), pages: pdf.pages };
    },

    'insight.reports': (_input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      return { reports: reports.list(tenantId), smtp: reports.hasSmtp(tenantId) };
    },

    'insight.saveReport': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      // the installation's economics go to an organisation's members by e-mail: never scheduled
      if (input.dashboard === 'economics')
        throw new AppError('FORBIDDEN', 'The unit economics cannot be scheduled.', {
          reason: 'platform_admin_only',
        });
      const { report, before } = reports.save(tenantId, input, ctx.auth().userId);
      ctx.audit({
        action: 'insight.saveReport',
        targetType: 'report',
        targetId: report.id,
        details: { created: before === null, ...details(report) },
      });
      return report;
    },

    'insight.deleteReport': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const before = reports.delete(tenantId, input.id);
      if (before)
        ctx.audit({
          action: 'insight.deleteReport',
          targetType: 'report',
          targetId: input.id,
          details: details(before),
        });
      return { deleted: before !== null };
    },

    'insight.sendReportNow': async (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const outcome = await reports.send(tenantId, input.id);
      const report = reports.get(tenantId, input.id)!;
      ctx.audit({
        action: 'insight.sendReportNow',
        targetType: 'report',
        targetId: input.id,
        details: {
          dashboard: report.dashboard,
          sent: outcome.sent,
          failed: outcome.failed,
          error: outcome.error,
        },
      });
      return { ...outcome, report };
    },
  };
}
