import type Database from 'better-sqlite3';
import type { HandlerMap } from '../context';
import type { Clock } from '../lib/clock';
import { searchLogFigures } from '../search/insight-source';
import { readCsv } from './ingest';
import { retentionMatrix, intervalStart, periodStart } from './retention';
import type { InsightService } from './service';

type InsightHandlers = Pick<
  HandlerMap,
  | 'insight.funnel'
  | 'insight.usage'
  | 'insight.conversations'
  | 'insight.searches'
  | 'insight.retention'
  | 'insight.settings'
  | 'insight.saveSettings'
  | 'insight.importPreview'
  | 'insight.import'
>;

export interface InsightHandlerDeps {
  insight: InsightService;
  clock: Clock;
  sqlite: Database.Database;
}

const dayMs = 86_400_000;

export function insightHandlers(deps: InsightHandlerDeps): InsightHandlers {
  const { insight, clock } = deps;
  const searchLog = searchLogFigures(deps.sqlite);

  /** The range asked for: up to now (inclusive) and from 30 days before it unless given. */
  const rangeOf = (input: { from?: number | undefined; to?: number | undefined }, days = 30) => {
    const to = input.to ?? clock.now() + 1;
    return { from: input.from ?? to - days * dayMs, to };
  };

  return {
    'insight.funnel': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      // what is buffered counts too
      insight.tracker.flush();
      return insight.queries.funnel(
        tenantId,
        {
          steps: input.steps,
          windowMs: input.windowSeconds * 1000,
          order: input.order ?? 'loose',
          ...(input.exclude ? { exclude: input.exclude } : {}),
          ...(input.breakdown ? { breakdown: input.breakdown } : {}),
        },
        rangeOf(input),
      );
    },

    'insight.usage': (input, ctx) => {
      insight.tracker.flush();
      return insight.queries.usage(ctx.tenantRows().tenantId, rangeOf(input));
    },

    'insight.conversations': (input, ctx) => {
      insight.tracker.flush();
      return insight.queries.conversations(ctx.tenantRows().tenantId, rangeOf(input), {
        channel: input.channel,
        language: input.language,
      });
    },

    'insight.searches': (input, ctx) =>
      searchLog(ctx.tenantRows().tenantId, rangeOf(input), input.limit ?? 20),

    'insight.retention': (input, ctx) => {
      insight.tracker.flush();
      const { tenantId } = ctx.tenantRows();
      const unit = input.period;
      const intervals = input.periods ?? (unit === 'week' ? 8 : 6);
      const range = rangeOf(input, unit === 'week' ? 8 * 7 : 183);
      const from = periodStart(range.from, unit);
      // first time: the first start event ever counts, so starts are read from the beginning
      const readFrom = input.mode === 'first_time' ? 0 : from;
      const readTo = Math.min(intervalStart(range.to, intervals + 1, unit), clock.now() + dayMs);
      const { starts, returns } = insight.queries.activity(
        tenantId,
        {
          ...(input.startEvent ? { start: input.startEvent } : {}),
          ...(input.returnEvent ? { return: input.returnEvent } : {}),
        },
        { from: readFrom, to: Math.max(readTo, range.to) },
      );
      const cohorts = retentionMatrix(starts, returns, {
        unit,
        mode: input.mode,
        intervals,
        from,
        to: range.to,
      });
      return { period: unit, mode: input.mode, cohorts };
    },

    'insight.settings': (_input, ctx) => ({
      retentionDays: insight.retentionDays(ctx.tenantRows().tenantId),
    }),

    'insight.saveSettings': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const before = insight.retentionDays(tenantId);
      insight.saveRetentionDays(tenantId, input.retentionDays);
      ctx.audit({
        action: 'insight.saveSettings',
        targetType: 'settings',
        targetId: null,
        details: { retentionDays: { from: before, to: input.retentionDays } },
      });
      return { retentionDays: input.retentionDays };
    },

    'insight.importPreview': (input) => {
      const read = readCsv(input.csv, clock.now());
      return {
        columns: read.columns,
        rows: read.rows.slice(0, 20).map(({ line, event }) => ({
          line,
          name: event.name,
          actor: event.actor,
          at: event.at!,
          properties: event.props ?? {},
        })),
        valid: read.rows.length,
        errors: read.errors.slice(0, 200),
      };
    },

    'insight.import': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const read = readCsv(input.csv, clock.now());
      const rejected = new Set(read.errors.map((error) => error.at)).size;
      const written = insight.tracker.write(
        tenantId,
        read.rows.map((row) => row.event),
      );
      // one entry for the whole import, never one per event
      ctx.audit({
        action: 'insight.import',
        targetType: 'events',
        targetId: null,
        details: { accepted: written.accepted, duplicates: written.duplicates, rejected },
      });
      return { ...written, rejected, errors: read.errors.slice(0, 200) };
    },
  };
}
