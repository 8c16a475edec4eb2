import type { HandlerMap } from '../context';
import type { QualityService } from './quality';

type QualityHandlers = Pick<
  HandlerMap,
  | 'insight.processes'
  | 'insight.process'
  | 'insight.saveProcess'
  | 'insight.deleteProcess'
  | 'insight.importMeasurementsPreview'
  | 'insight.importMeasurements'
>;

export interface QualityHandlerDeps {
  quality: QualityService;
}

/** The tenant's six-sigma processes (issue 17, section 6): figures, charts, measurements. */
export function qualityHandlers(deps: QualityHandlerDeps): QualityHandlers {
  const { quality } = deps;
  const limits = (p: { usl: number | null; lsl: number | null; target: number | null }) => ({
    usl: p.usl,
    lsl: p.lsl,
    target: p.target,
  });

  return {
    'insight.processes': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      return {
        processes: quality.list(tenantId).map((process) => {
          const { figures } = quality.detail(tenantId, process, input);
          return { ...process, figures };
        }),
      };
    },

    'insight.process': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      return quality.detail(tenantId, quality.get(tenantId, input.id), input);
    },

    'insight.saveProcess': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const { before, saved } = quality.save(tenantId, input);
      ctx.audit({
        action: 'insight.saveProcess',
        targetType: 'process',
        targetId: saved.id,
        details: {
          name: saved.name,
          kind: saved.kind,
          ...(before
            ? { ...(before.name !== saved.name ? { renamed: { from: before.name, to: saved.name } } : {}) }
            : { created: true }),
          ...limits(saved),
          unit: saved.unit,
          rules: saved.rules,
        },
      });
      return saved;
    },

    'insight.deleteProcess': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const deleted = quality.delete(tenantId, input.id);
      if (deleted)
        ctx.audit({
          action: 'insight.deleteProcess',
          targetType: 'process',
          targetId: deleted.id,
          details: { name: deleted.name, kind: deleted.kind },
        });
      return { deleted: deleted !== null };
    },

    'insight.importMeasurementsPreview': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const read = quality.readMeasurements(tenantId, input.csv, input.processId);
      return {
        columns: read.columns,
        rows: read.rows.slice(0, 20).map(({ line, process, at, value }) => ({ line, process, at, value })),
        valid: read.rows.length,
        errors: read.errors.slice(0, 200),
      };
    },

    'insight.importMeasurements': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const read = quality.readMeasurements(tenantId, input.csv, input.processId);
      const rejected = new Set(read.errors.map((error) => error.at)).size;
      const written = quality.writeMeasurements(tenantId, read.rows);
      // the charts of the processes that gained points are looked at now, not at the next hour
      const signalled = read.processes
        .filter((process) => quality.evaluate(tenantId, quality.get(tenantId, process.id)))
        .map((process) => process.id);
      ctx.audit({
        action: 'insight.importMeasurements',
        targetType: 'process',
        targetId: read.processes.length === 1 ? read.processes[0]!.id : null,
        details: {
          processes: read.processes.map((process) => process.name),
          accepted: written.accepted,
          duplicates: written.duplicates,
          rejected,
        },
      });
      return { ...written, rejected, errors: read.errors.slice(0, 200), signalled };
    },
  };
}
