import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import {
  attachmentMaxPoints,
  type IncidentAttachment,
  type MethodInput,
  type MethodOutput,
} from '../../contract';
import type {
  ProcessKind,
  qualityChartSchema,
  qualityFiguresSchema,
  qualityProcessSchema,
} from '../../contract/methods/insight-quality';
import type { z } from 'zod';
import type { AuditService } from '../audit/service';
import type { IncidentsService } from '../incidents/incidents-service';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { english, message } from '../lib/message';
import type { ItemError } from './ingest';
import { capability, controlChart, sigmaLevel, type ControlChartRuleSet } from './math';
import type { SigmaConvention } from './math';
import { readMeasurementsCsv } from './quality-csv';
import { dayMs, qualitySeries, type Series, type SlaTargetsPort } from './quality-series';

export type QualityProcess = z.infer<typeof qualityProcessSchema>;
type Figures = z.infer<typeof qualityFiguresSchema>;
type Chart = z.infer<typeof qualityChartSchema>;

/** The moving-range chart's upper limit factor D₄ for ranges of two. */
const D4 = 3.267;
/** Platform processes are charted over this many days unless a range is asked for. */
export const defaultDays = 90;
/** The Guardian's look at the processes: this often. */
export const evaluateEveryMs = 3_600_000;
/** The first look after the app starts. */
const firstLookMs = 10_000;

/** The usual name, unit and spec of each built-in kind (the app sends a name in the user's language). */
export const builtInDefaults: Record<
  Exclude<ProcessKind, 'imported'>,
  { name: string; unit: string; usl: number | null; lsl: number | null }
> = {
  contained: { name: 'Answered without a person', unit: '%', usl: null, lsl: null },
  first_response_sla: { name: 'First response within SLA', unit: '%', usl: null, lsl: null },
  api_latency: { name: 'API latency', unit: 'ms', usl: 500, lsl: null },
};

interface ProcessRow {
  id: string;
  tenant_id: string;
  name: string;
  kind: ProcessKind;
  unit: string;
  usl: number | null;
  lsl: number | null;
  target: number | null;
  opportunities_per_unit: number;
  rules: ControlChartRuleSet;
  sigma_convention: SigmaConvention;
  signal_guardian: number;
  last_signal_at: number | null;
  created_at: number;
}

const toProcess = (row: ProcessRow): QualityProcess => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  unit: row.unit,
  usl: row.usl,
  lsl: row.lsl,
  target: row.target,
  opportunitiesPerUnit: row.opportunities_per_unit,
  rules: row.rules,
  sigmaConvention: row.sigma_convention,
  signalGuardian: row.signal_guardian === 1,
  lastSignalAt: row.last_signal_at,
  createdAt: row.created_at,
});

const finiteOrNull = (n: number | null | undefined) =>
  n !== null && n !== undefined && Number.isFinite(n) ? n : null;

/**
 * Every firing of the chart's rules, not only each rule's first: after a firing the counting starts
 * again at the next point (as a person would after acting on a signal), with the chart's own
 * centre and σ. Each entry is the index of the point completing the pattern.
 */
export function firings(
  values: readonly number[],
  rules: ControlChartRuleSet,
  center: number,
  sigma: number,
): { rule: Chart['signals'][number]['rule']; index: number }[] {
  const out: { rule: Chart['signals'][number]['rule']; index: number }[] = [];
  if (!(sigma > 0)) return out;
  let start = 0;
  while (start < values.length) {
    const { signals } = controlChart({ values: values.slice(start), rules, center, sigma });
    if (signals.length === 0) break;
    const first = Math.min(...signals.map((s) => s.index));
    for (const s of signals) if (s.index === first) out.push({ rule: s.rule, index: start + first });
    start += first + 1;
  }
  return out;
}

export interface QualityDeps {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  /** The tracker's buffer is written first, so the last seconds count. */
  flush: () => void;
  sla: SlaTargetsPort;
  incidents: Pick<IncidentsService, 'create' | 'openByDedupe' | 'note' | 'setAttachment'>;
  audit: Pick<AuditService, 'append'>;
}

const guardianActor = { name: 'Guardian' };

/**
 * Six-sigma processes of a tenant: their rows, measurements, figures and charts, and the hourly
 * look that turns a new rule firing into a Guardian signal (an incident of the tenant).
 */
export class QualityService {
  private readonly statements;
  private readonly series;
  private timer: NodeJS.Timeout | undefined;
  private firstLook: NodeJS.Timeout | undefined;

  constructor(private readonly deps: QualityDeps) {
    const s = deps.sqlite;
    this.series = qualitySeries(s, deps.sla);
    this.statements = {
      list: s.prepare<{ tenantId: string }, ProcessRow>(
        'SELECT * FROM insight_processes WHERE tenant_id = @tenantId ORDER BY created_at, name',
      ),
      get: s.prepare<{ tenantId: string; id: string }, ProcessRow>(
        'SELECT * FROM insight_processes WHERE tenant_id = @tenantId AND id = @id',
      ),
      byName: s.prepare<{ tenantId: string; name: string }, ProcessRow>(
        'SELECT * FROM insight_processes WHERE tenant_id = @tenantId AND name = @name',
      ),
      byKind: s.prepare<{ tenantId: string; kind: string }, ProcessRow>(
        'SELECT * FROM insight_processes WHERE tenant_id = @tenantId AND kind = @kind',
      ),
      watched: s.prepare<[], ProcessRow>('SELECT * FROM insight_processes WHERE signal_guardian = 1'),
      insert: s.prepare(
        `INSERT INTO insight_processes (id, tenant_id, name, kind, unit, usl, lsl, target, opportunities_per_unit,
           rules, sigma_convention, signal_guardian, last_signal_at, created_at)
         VALUES (@id, @tenantId, @name, @kind, @unit, @usl, @lsl, @target, @opportunitiesPerUnit, @rules,
           @sigmaConvention, @signalGuardian, NULL, @createdAt)`,
      ),
      update: s.prepare(
        `UPDATE insight_processes SET name = @name, unit = @unit, usl = @usl, lsl = @lsl, target = @target,
           opportunities_per_unit = @opportunitiesPerUnit, rules = @rules, sigma_convention = @sigmaConvention,
           signal_guardian = @signalGuardian
         WHERE tenant_id = @tenantId AND id = @id`,
      ),
      renameMeasurements: s.prepare(
        'UPDATE insight_measurements SET process = @to WHERE tenant_id = @tenantId AND process = @from',
      ),
      delete: s.prepare('DELETE FROM insight_processes WHERE tenant_id = @tenantId AND id = @id'),
      deleteMeasurements: s.prepare(
        'DELETE FROM insight_measurements WHERE tenant_id = @tenantId AND process = @process',
      ),
      measurementExists: s.prepare<{ tenantId: string; process: string; at: number }, { one: number }>(
        'SELECT 1 AS one FROM insight_measurements WHERE tenant_id = @tenantId AND process = @process AND at = @at',
      ),
      insertMeasurement: s.prepare(
        'INSERT INTO insight_measurements (tenant_id, process, at, value) VALUES (@tenantId, @process, @at, @value)',
      ),
      setLastSignal: s.prepare(
        'UPDATE insight_processes SET last_signal_at = @at WHERE tenant_id = @tenantId AND id = @id',
      ),
    };
  }

  // ── processes ─────────────────────────────────────────────────────────────────────────────────

  list(tenantId: string): QualityProcess[] {
    return this.statements.list.all({ tenantId }).map(toProcess);
  }

  get(tenantId: string, id: string): QualityProcess {
    const row = this.statements.get.get({ tenantId, id });
    if (!row) throw new AppError('NOT_FOUND', 'That process was not found.');
    return toProcess(row);
  }

  save(
    tenantId: string,
    input: MethodInput<'insight.saveProcess'>,
  ): { before: QualityProcess | null; saved: QualityProcess } {
    const before = input.id ? this.get(tenantId, input.id) : null;
    if (before && before.kind !== input.kind)
      throw new AppError('VALIDATION', 'A process keeps its kind.', { reason: 'invalid_value' });
    const defaults = input.kind === 'imported' ? null : builtInDefaults[input.kind];
    if (!before && defaults && this.statements.byKind.get({ tenantId, kind: input.kind }))
      throw new AppError('CONFLICT', 'That built-in process is on already.', {
        reason: 'quality_process_exists',
      });
    const name = input.name ?? before?.name ?? defaults?.name ?? '';
    const clash = this.statements.byName.get({ tenantId, name });
    if (clash && clash.id !== before?.id)
      throw new AppError('CONFLICT', 'A process of that name exists.', { reason: 'quality_process_exists' });
    const pick = <T>(given: T | undefined, kept: T | undefined, fallback: T): T =>
      given !== undefined ? given : kept !== undefined ? kept : fallback;
    const row = {
      tenantId,
      name,
      unit: pick(input.unit, before?.unit, defaults?.unit ?? ''),
      usl: pick(input.usl, before?.usl, defaults?.usl ?? null),
      lsl: pick(input.lsl, before?.lsl, defaults?.lsl ?? null),
      target: pick(input.target, before?.target, null),
      opportunitiesPerUnit: pick(input.opportunitiesPerUnit, before?.opportunitiesPerUnit, 1),
      rules: pick(input.rules, before?.rules, 'western_electric'),
      sigmaConvention: pick(input.sigmaConvention, before?.sigmaConvention, 'one_tailed'),
      signalGuardian: pick(input.signalGuardian, before?.signalGuardian, true) ? 1 : 0,
    };
    if (row.usl !== null && row.lsl !== null && row.usl <= row.lsl)
      throw new AppError('VALIDATION', 'The upper limit must be above the lower one.', {
        reason: 'spec_limits_reversed',
      });
    const id = before?.id ?? uuidv7(this.deps.clock.now());
    this.deps.sqlite.transaction(() => {
      if (before) {
        this.statements.update.run({ ...row, id });
        if (before.name !== name)
          this.statements.renameMeasurements.run({ tenantId, from: before.name, to: name });
      } else {
        this.statements.insert.run({ ...row, id, kind: input.kind, createdAt: this.deps.clock.now() });
      }
    })();
    return { before, saved: this.get(tenantId, id) };
  }

  delete(tenantId: string, id: string): QualityProcess | null {
    const row = this.statements.get.get({ tenantId, id });
    if (!row) return null;
    this.deps.sqlite.transaction(() => {
      this.statements.delete.run({ tenantId, id });
      this.statements.deleteMeasurements.run({ tenantId, process: row.name });
    })();
    return toProcess(row);
  }

  // ── figures and chart ─────────────────────────────────────────────────────────────────────────

  /** The range asked for, or: the last 90 days for platform processes, all measurements for imported ones. */
  rangeOf(process: QualityProcess, input: { from?: number | undefined; to?: number | undefined }) {
    const to =
      input.to ??
      (process.kind === 'imported' && input.from === undefined ? 8.64e15 : this.deps.clock.now() + 1);
    const from =
      input.from ??
      (process.kind === 'imported' && input.to === undefined
        ? 0
        : Math.floor((to - defaultDays * dayMs) / dayMs) * dayMs);
    return { from, to };
  }

  detail(
    tenantId: string,
    process: QualityProcess,
    input: { from?: number | undefined; to?: number | undefined },
  ): MethodOutput<'insight.process'> {
    this.deps.flush();
    const range = this.rangeOf(process, input);
    const series = this.series.series(tenantId, process, range);
    const chart = chartOf(series, process.rules);
    return {
      process,
      figures: figuresOf(process, series, chart, range),
      series: series.points,
      chart,
    };
  }

  // ── measurements ──────────────────────────────────────────────────────────────────────────────

  readMeasurements(tenantId: string, csv: string, processId: string | undefined) {
    const only = processId ? this.get(tenantId, processId) : null;
    if (only && only.kind !== 'imported')
      throw new AppError('VALIDATION', 'Only an imported process takes measurements.', {
        reason: 'quality_process_not_imported',
      });
    const read = readMeasurementsCsv(csv, only?.name ?? null);
    // each name once: an imported process of the tenant, else the line is refused
    const known = new Map<string, QualityProcess | null>();
    const rows = [];
    const errors: ItemError[] = [...read.errors];
    for (const row of read.rows) {
      if (!known.has(row.process)) {
        const found = this.statements.byName.get({ tenantId, name: row.process });
        known.set(row.process, found && found.kind === 'imported' ? toProcess(found) : null);
      }
      if (known.get(row.process)) rows.push(row);
      else
        errors.push({
          at: row.line,
          field: 'process',
          reason: 'quality_process_unknown',
          params: { name: row.process },
        });
    }
    errors.sort((a, b) => a.at - b.at);
    const processes = [...known.values()].filter((p): p is QualityProcess => p !== null);
    return { columns: read.columns, rows, errors, processes };
  }

  /** Writes the measurements (a second one at the same time of the same process is a duplicate). */
  writeMeasurements(
    tenantId: string,
    rows: readonly { process: string; at: number; value: number }[],
  ): { accepted: number; duplicates: number } {
    let accepted = 0;
    let duplicates = 0;
    this.deps.sqlite.transaction(() => {
      for (const row of rows) {
        if (this.statements.measurementExists.get({ tenantId, process: row.process, at: row.at })) {
          duplicates++;
          continue;
        }
        this.statements.insertMeasurement.run({ tenantId, ...row });
        accepted++;
      }
    })();
    return { accepted, duplicates };
  }

  // ── the Guardian's look ───────────────────────────────────────────────────────────────────────

  /**
   * Charts a process over its default range and raises a signal for firings on points after the
   * last one already signalled (lastSignalAt): one incident per process while it is open (a new
   * firing is a note on it), said as messages. Answers whether a new signal was raised.
   */
  evaluate(tenantId: string, process: QualityProcess): boolean {
    if (!process.signalGuardian) return false;
    const { chart, series } = this.detail(tenantId, process, {});
    if (!chart || chart.signals.length === 0) return false;
    const last = process.lastSignalAt;
    const fresh = chart.signals.filter((s) => last === null || s.at > last);
    if (fresh.length === 0) return false;
    const latest = Math.max(...chart.signals.map((s) => s.at));
    const first = fresh[0]!;
    const params = {
      process: process.name,
      rule: first.rule,
      count: fresh.length,
      value: Math.round(series[first.index]!.value * 1000) / 1000,
      at: first.at,
    };
    const dedupeKey = `insight.quality:${process.id}`;
    const attachment = chartAttachment(process, chart, first.index);
    this.deps.sqlite.transaction(() => {
      const open = this.deps.incidents.openByDedupe(tenantId, dedupeKey);
      if (open) {
        const said = message('incidents.timeline.quality_signal', params);
        this.deps.incidents.note(tenantId, open.id, { message: said, text: english(said) }, guardianActor);
        this.deps.incidents.setAttachment(tenantId, open.id, attachment);
      } else {
        const titleMessage = message('incidents.quality.title', { process: process.name });
        const descriptionMessage = message('incidents.quality.description', params);
        const incident = this.deps.incidents.create(
          tenantId,
          {
            title: english(titleMessage).slice(0, 200),
            description: english(descriptionMessage),
            titleMessage,
            descriptionMessage,
            severity: 'SEV3',
            source: 'guardian',
            dedupeKey,
            attachment,
          },
          guardianActor,
        );
        this.deps.audit.append([
          {
            tenantId,
            actorId: null,
            actorName: 'Guardian',
            action: 'incidents.opened',
            targetType: 'incident',
            targetId: incident.id,
            details: { process: process.name, rule: first.rule, severity: incident.severity },
          },
        ]);
      }
      this.statements.setLastSignal.run({ tenantId, id: process.id, at: latest });
    })();
    return true;
  }

  /** Every watched process of every tenant (hourly); answers how many raised a signal. */
  evaluateAll(): number {
    let raised = 0;
    for (const row of this.statements.watched.all()) {
      try {
        if (this.evaluate(row.tenant_id, toProcess(row))) raised++;
      } catch (error) {
        this.deps.logger.warn(
          { module: 'insight', err: error, process: row.id },
          'quality evaluation failed',
        );
      }
    }
    return raised;
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.evaluateAll(), evaluateEveryMs);
    this.timer.unref?.();
    // a first look shortly after starting: what fired while the app was off is not an hour late
    this.firstLook = setTimeout(() => this.evaluateAll(), firstLookMs);
    this.firstLook.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.firstLook);
    this.timer = undefined;
    this.firstLook = undefined;
  }
}

/**
 * The chart of a firing as the incident carries it: at most attachmentMaxPoints points, the last
 * ones of the chart (reaching back to the first fresh firing when that is older), with the
 * firings among them indexed into those points.
 */
export function chartAttachment(
  process: QualityProcess,
  chart: Chart,
  firstFresh: number,
): IncidentAttachment {
  const end = chart.points.length;
  let start = Math.max(0, end - attachmentMaxPoints);
  if (firstFresh < start) start = Math.max(0, firstFresh - Math.floor(attachmentMaxPoints / 4));
  const stop = Math.min(chart.points.length, start + attachmentMaxPoints);
  return {
    kind: 'control_chart',
    processId: process.id,
    processName: process.name.slice(0, 200),
    unit: process.unit.slice(0, 40),
    rules: process.rules,
    center: chart.center,
    ucl: chart.ucl,
    lcl: chart.lcl,
    usl: process.usl,
    lsl: process.lsl,
    points: chart.points.slice(start, stop).map((p) => ({ at: p.at, value: p.value })),
    signals: chart.signals
      .filter((s) => s.index >= start && s.index < stop)
      .map((s) => ({ rule: s.rule, index: s.index - start })),
  };
}

export function chartOf(series: Series, rules: ControlChartRuleSet): Chart | null {
  const values = series.points.map((p) => p.value);
  if (values.length < 2) return null;
  const base = controlChart({ values, rules });
  const signals = firings(values, rules, base.center, base.sigma).map((s) => ({
    ...s,
    at: series.points[s.index]!.at,
  }));
  return {
    center: base.center,
    ucl: base.ucl,
    lcl: base.lcl,
    sigma: base.sigma,
    movingRangeMean: base.movingRangeMean,
    movingRangeUcl: base.movingRangeMean === null ? null : D4 * base.movingRangeMean,
    points: series.points.map((p, i) => ({
      at: p.at,
      value: p.value,
      movingRange: i === 0 ? null : Math.abs(p.value - series.points[i - 1]!.value),
    })),
    signals,
  };
}

export function figuresOf(
  process: QualityProcess,
  series: Series,
  chart: Chart | null,
  range: { from: number; to: number },
): Figures {
  const opportunities = process.opportunitiesPerUnit;
  const sigma =
    series.defectsDefined && series.units > 0
      ? sigmaLevel({
          defects: Math.min(series.defects, series.units * opportunities),
          units: series.units,
          opportunitiesPerUnit: opportunities,
          convention: process.sigmaConvention,
        })
      : null;
  const values = series.points.map((p) => p.value);
  const limited = process.usl !== null || process.lsl !== null;
  const cap =
    limited && values.length >= 2
      ? capability({ usl: process.usl ?? Infinity, lsl: process.lsl ?? -Infinity, values })
      : null;
  const rules = [...new Set((chart?.signals ?? []).map((s) => s.rule))];
  return {
    from: range.from,
    to: Math.min(range.to, 8.64e15),
    points: series.points.length,
    units: series.units,
    defects: series.defects,
    dpmo: sigma ? sigma.dpmo : null,
    sigmaLevel: sigma ? sigma.sigmaLevel : null,
    yieldPercent: sigma ? sigma.yieldPercent : null,
    convention: process.sigmaConvention,
    shift: 1.5,
    cp: finiteOrNull(cap?.cp),
    cpk: finiteOrNull(cap?.cpk),
    mean: values.length > 0 ? finiteOrNull(cap?.mean ?? chart?.center ?? values[0]) : null,
    sigma: finiteOrNull(cap?.sigma ?? chart?.sigma),
    status: series.points.length === 0 ? 'no_data' : rules.length > 0 ? 'signal' : 'in_control',
    signals: rules,
  };
}
