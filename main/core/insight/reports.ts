import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isLanguage, type Language } from '../../contract';
import {
  reportErrorReasons,
  type ReportDashboard,
  type ReportErrorReason,
  type ReportFilters,
  type ReportFrequency,
  type ReportPaper,
  type ReportSchedule,
} from '../../contract/methods/insight-reports';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { MailOut } from '../notify';
import { peopleDirectory } from '../users/queries';
import { canonicalDashboard } from './pdf/panels';
import { dashboardPdf, type PdfEngineDeps } from './pdf';
import type { Range } from './queries';

/**
 * Scheduled Insight reports (issue 17, section 7): rows of insight_reports, and the scheduler that
 * sends each due one — the dashboard's PDF attached to one e-mail per recipient, each in the
 * recipient's own language — then moves its next time on (weekly: Monday 07:00, monthly: the 1st
 * 07:00, in the organisation's time zone). A send that fails keeps its next time, so the next check
 * tries again; the reason (ours, never the mail server's words) is kept beside the schedule in the
 * tenant's settings (`insight.reportError:<id>`; the table has no column for it).
 */

const minuteMs = 60_000;
const dayMs = 86_400_000;
const errorKey = (id: string) => `insight.reportError:${id}`;

interface ReportRow {
  id: string;
  tenant_id: string;
  dashboard: string;
  frequency: string;
  recipients: string;
  filters: string;
  paper: string;
  created_by: string | null;
  last_sent_at: number | null;
  next_at: number;
  created_at: number;
  enabled: number;
}

export interface ReportInput {
  id?: string | undefined;
  dashboard: ReportDashboard;
  frequency: ReportFrequency;
  recipients: string[];
  filters?: ReportFilters | undefined;
  paper?: ReportPaper | undefined;
  enabled?: boolean | undefined;
}

export interface SendOutcome {
  sent: number;
  failed: number;
  error: ReportErrorReason | null;
}

export interface ReportServiceDeps {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  mailOut: MailOut;
  pdf: PdfEngineDeps;
  /** How often due reports are looked for (default a minute). */
  intervalMs?: number;
}

// ── time in the organisation's zone ─────────────────────────────────────────────────────────────

function validZone(zone: string): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** The wall clock of `ms` in `zone`. */
function wallOf(ms: number, zone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The moment a wall-clock time in `zone` happens (the first of two in a DST fold; a gap moves on). */
export function zonedTime(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number) => {
    const w = wallOf(ms, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  let at = guess - offsetAt(guess);
  at = guess - offsetAt(at);
  return at;
}

/**
 * When a schedule goes out next after `after`: weekly the next Monday 07:00, monthly the next 1st
 * 07:00, in the organisation's time zone.
 */
export function nextSendAt(after: number, frequency: ReportFrequency, timeZone: string): number {
  const zone = validZone(timeZone);
  const w = wallOf(after, zone);
  if (frequency === 'monthly') {
    const thisMonth = zonedTime(zone, w.year, w.month, 1, 7);
    if (thisMonth > after) return thisMonth;
    return w.month === 12 ? zonedTime(zone, w.year + 1, 1, 1, 7) : zonedTime(zone, w.year, w.month + 1, 1, 7);
  }
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const ahead = (1 - weekday + 7) % 7;
  for (const extra of [0, 7, 14]) {
    const date = new Date(Date.UTC(w.year, w.month - 1, w.day + ahead + extra));
    const at = zonedTime(zone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 7);
    if (at > after) return at;
  }
  return after + 7 * dayMs;
}

/**
 * The period a report sent at `at` covers: the week (Monday to Monday) or the month before the day
 * it goes out, in the organisation's time zone.
 */
export function reportPeriod(at: number, frequency: ReportFrequency, timeZone: string): Range {
  const zone = validZone(timeZone);
  const w = wallOf(at, zone);
  if (frequency === 'monthly') {
    const to = zonedTime(zone, w.year, w.month, 1);
    const from = w.month === 1 ? zonedTime(zone, w.year - 1, 12, 1) : zonedTime(zone, w.year, w.month - 1, 1);
    return { from, to };
  }
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const back = (weekday + 6) % 7; // days since Monday
  const monday = new Date(Date.UTC(w.year, w.month - 1, w.day - back));
  const before = new Date(Date.UTC(w.year, w.month - 1, w.day - back - 7));
  return {
    from: zonedTime(zone, before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate()),
    to: zonedTime(zone, monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()),
  };
}

// ── the service ─────────────────────────────────────────────────────────────────────────────────

export class ReportService {
  private readonly st;
  private readonly people;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: ReportServiceDeps) {
    const s = deps.sqlite;
    this.people = peopleDirectory(s);
    this.st = {
      list: s.prepare<{ tenantId: string }, ReportRow>(
        'SELECT * FROM insight_reports WHERE tenant_id = @tenantId ORDER BY created_at, id',
      ),
      get: s.prepare<{ tenantId: string; id: string }, ReportRow>(
        'SELECT * FROM insight_reports WHERE tenant_id = @tenantId AND id = @id',
      ),
      due: s.prepare<{ now: number }, ReportRow>(
        'SELECT * FROM insight_reports WHERE next_at <= @now AND enabled = 1 ORDER BY next_at LIMIT 50',
      ),
      insert: s.prepare<Omit<ReportRow, 'last_sent_at'>>(
        `INSERT INTO insight_reports (id, tenant_id, dashboard, frequency, recipients, filters, paper, created_by,
           last_sent_at, next_at, created_at, enabled)
         VALUES (@id, @tenant_id, @dashboard, @frequency, @recipients, @filters, @paper, @created_by,
           NULL, @next_at, @created_at, @enabled)`,
      ),
      update: s.prepare<
        Pick<
          ReportRow,
          | 'id'
          | 'tenant_id'
          | 'dashboard'
          | 'frequency'
          | 'recipients'
          | 'filters'
          | 'paper'
          | 'next_at'
          | 'enabled'
        >
      >(
        `UPDATE insight_reports SET dashboard = @dashboard, frequency = @frequency, recipients = @recipients,
           filters = @filters, paper = @paper, next_at = @next_at, enabled = @enabled
         WHERE tenant_id = @tenant_id AND id = @id`,
      ),
      sent: s.prepare<{ tenantId: string; id: string; lastSentAt: number; nextAt: number }>(
        `UPDATE insight_reports SET last_sent_at = @lastSentAt, next_at = @nextAt
          WHERE tenant_id = @tenantId AND id = @id`,
      ),
      sentNow: s.prepare<{ tenantId: string; id: string; lastSentAt: number }>(
        'UPDATE insight_reports SET last_sent_at = @lastSentAt WHERE tenant_id = @tenantId AND id = @id',
      ),
      remove: s.prepare<{ tenantId: string; id: string }>(
        'DELETE FROM insight_reports WHERE tenant_id = @tenantId AND id = @id',
      ),
      members: s.prepare<{ tenantId: string }, { id: string; email: string; language: string | null }>(
        `SELECT u.id, u.email, u.language FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.tenant_id = @tenantId AND m.status = 'active'`,
      ),
      error: s.prepare<{ tenantId: string; key: string }, { value: string }>(
        'SELECT value FROM settings WHERE tenant_id = @tenantId AND key = @key',
      ),
      setError: s.prepare<{ tenantId: string; key: string; value: string; now: number }>(
        `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (@tenantId, @key, @value, @now)
         ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
      clearError: s.prepare<{ tenantId: string; key: string }>(
        'DELETE FROM settings WHERE tenant_id = @tenantId AND key = @key',
      ),
    };
  }

  /** The PDF engine's sources (the same for a download and a scheduled e-mail). */
  get pdf(): PdfEngineDeps {
    return this.deps.pdf;
  }

  private timeZone(tenantId: string): string {
    return this.deps.pdf.timeZone(tenantId);
  }

  private toSchedule(row: ReportRow): ReportSchedule {
    const error = this.st.error.get({ tenantId: row.tenant_id, key: errorKey(row.id) })?.value;
    let filters: ReportFilters = {};
    try {
      filters = JSON.parse(row.filters) as ReportFilters;
    } catch {
      filters = {};
    }
    let recipients: string[] = [];
    try {
      recipients = (JSON.parse(row.recipients) as unknown[]).filter(
        (r): r is string => typeof r === 'string',
      );
    } catch {
      recipients = [];
    }
    return {
      id: row.id,
      dashboard: row.dashboard as ReportDashboard,
      frequency: row.frequency as ReportFrequency,
      recipients,
      filters,
      paper: row.paper === 'letter' ? 'letter' : 'a4',
      enabled: row.enabled === 1,
      nextAt: row.next_at,
      lastSentAt: row.last_sent_at,
      lastError: (reportErrorReasons as readonly string[]).includes(error ?? '')
        ? (error as ReportErrorReason)
        : null,
      createdAt: row.created_at,
    };
  }

  list(tenantId: string): ReportSchedule[] {
    return this.st.list.all({ tenantId }).map((row) => this.toSchedule(row));
  }

  get(tenantId: string, id: string): ReportSchedule | null {
    const row = this.st.get.get({ tenantId, id });
    return row ? this.toSchedule(row) : null;
  }

  hasSmtp(tenantId: string): boolean {
    return this.deps.mailOut.hasSmtp(tenantId);
  }

  /** Adds or changes a schedule; every recipient must be an active member of the organisation. */
  save(
    tenantId: string,
    input: ReportInput,
    by: string | null,
  ): { report: ReportSchedule; before: ReportSchedule | null } {
    const members = new Set(this.st.members.all({ tenantId }).map((m) => m.id));
    const recipients = [...new Set(input.recipients)];
    const stranger = recipients.find((id) => !members.has(id));
    if (stranger)
      throw new AppError('VALIDATION', 'Every recipient must be an active member of this organisation.', {
        field: 'recipients',
        reason: 'report_recipient_not_member',
      });
    const before = input.id ? this.get(tenantId, input.id) : null;
    if (input.id && !before) throw new AppError('NOT_FOUND', 'That report was not found.');
    const now = this.deps.clock.now();
    const frequency = input.frequency;
    // a new schedule, or one whose frequency changed, goes out at its next regular time
    const nextAt =
      before && before.frequency === frequency
        ? before.nextAt
        : nextSendAt(now, frequency, this.timeZone(tenantId));
    const values = {
      tenant_id: tenantId,
      dashboard: canonicalDashboard(input.dashboard),
      frequency,
      recipients: JSON.stringify(recipients),
      filters: JSON.stringify(input.filters ?? before?.filters ?? {}),
      paper: input.paper ?? before?.paper ?? 'a4',
      next_at: nextAt,
      enabled: (input.enabled ?? before?.enabled ?? true) ? 1 : 0,
    };
    const id = before?.id ?? randomUUID();
    if (before) this.st.update.run({ ...values, id });
    else this.st.insert.run({ ...values, id, created_by: by, created_at: now });
    return { report: this.get(tenantId, id)!, before };
  }

  delete(tenantId: string, id: string): ReportSchedule | null {
    const before = this.get(tenantId, id);
    if (!before) return null;
    this.st.remove.run({ tenantId, id });
    this.st.clearError.run({ tenantId, key: errorKey(id) });
    return before;
  }

  /**
   * Sends one schedule's report to its recipients now, each in their own language. `scheduled`:
   * the scheduler's send (the next time moves on when it went out); else "send now" (it stays).
   */
  async send(tenantId: string, id: string, scheduled = false): Promise<SendOutcome> {
    const report = this.get(tenantId, id);
    if (!report) throw new AppError('NOT_FOUND', 'That report was not found.');
    const now = this.deps.clock.now();
    const zone = this.timeZone(tenantId);
    const outcome = await this.deliver(tenantId, report, now, zone);
    this.deps.sqlite.transaction(() => {
      if (outcome.sent > 0) {
        if (scheduled)
          this.st.sent.run({
            tenantId,
            id,
            lastSentAt: now,
            nextAt: nextSendAt(now, report.frequency, zone),
          });
        else this.st.sentNow.run({ tenantId, id, lastSentAt: now });
      }
      if (outcome.error) this.st.setError.run({ tenantId, key: errorKey(id), value: outcome.error, now });
      else this.st.clearError.run({ tenantId, key: errorKey(id) });
    })();
    return outcome;
  }

  private async deliver(
    tenantId: string,
    report: ReportSchedule,
    now: number,
    zone: string,
  ): Promise<SendOutcome> {
    const { mailOut, logger } = this.deps;
    if (!mailOut.hasSmtp(tenantId)) return { sent: 0, failed: 0, error: 'no_smtp' };
    const members = new Map(this.st.members.all({ tenantId }).map((m) => [m.id, m]));
    const recipients = report.recipients.flatMap((id) => {
      const member = members.get(id);
      return member ? [member] : [];
    });
    if (recipients.length === 0) return { sent: 0, failed: 0, error: 'no_recipients' };
    const range = reportPeriod(now, report.frequency, zone);
    const pdfs = new Map<Language, Awaited<ReturnType<typeof dashboardPdf>>>();
    let sent = 0;
    let failed = 0;
    for (const member of recipients) {
      const language: Language = isLanguage(member.language)
        ? member.language
        : this.people.languageOf(tenantId, member.email);
      let pdf = pdfs.get(language);
      if (!pdf) {
        try {
          pdf = await dashboardPdf(this.deps.pdf, {
            tenantId,
            dashboard: report.dashboard,
            range,
            compare: true,
            filters: report.filters,
            paper: report.paper,
            language,
          });
        } catch (error) {
          logger.error({ module: 'insight', tenantId, report: report.id, err: error }, 'report PDF failed');
          return { sent, failed: failed + 1, error: 'render_failed' };
        }
        pdfs.set(language, pdf);
      }
      const view = canonicalDashboard(report.dashboard) === 'usage' ? '' : `/${report.dashboard}`;
      const outcome = await mailOut.sendTemplate(
        tenantId,
        member.email,
        'insight_report',
        language,
        {
          organisation: this.deps.pdf.tenantName(tenantId),
          title: pdf.title,
          frequency: report.frequency,
          period: pdf.period,
          facts: pdf.content.headline.map((h) => ({
            label: h.label,
            value: h.change !== undefined && h.change !== '–' ? `${h.value} (${h.change})` : h.value,
          })),
          link: `#/insight${view}`,
        },
        { attachments: [{ filename: pdf.fileName, contentType: 'application/pdf', content: pdf.bytes }] },
      );
      if (outcome.sent) sent++;
      else failed++;
    }
    return { sent, failed, error: failed > 0 ? 'failed' : null };
  }

  /** Sends every due report (a failed one stays due and is tried at the next check). */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const now = this.deps.clock.now();
        for (const row of this.st.due.all({ now })) {
          try {
            const outcome = await this.send(row.tenant_id, row.id, true);
            if (outcome.error)
              this.deps.logger.warn(
                { module: 'insight', tenantId: row.tenant_id, report: row.id, reason: outcome.error },
                'scheduled report not sent',
              );
          } catch (error) {
            this.deps.logger.error(
              { module: 'insight', report: row.id, err: error },
              'scheduled report failed',
            );
          }
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs ?? minuteMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
