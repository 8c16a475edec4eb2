import type { IncidentsService } from './incidents-service';
import type { Incident } from '../../contract';
import type { HandlerContext, HandlerMap } from '../context';
import { slaMinutes } from './sla';

const actor = (ctx: HandlerContext) => ({ name: ctx.auth().name });

/** The incident's title as the audit log keeps it (and the core's message, when the core wrote it). */
const named = (incident: Incident) => ({
  title: incident.title,
  ...(incident.titleMessage ? { titleMessage: incident.titleMessage } : {}),
});

export interface IncidentsHandlerDeps {
  incidents: IncidentsService;
}

export function incidentsHandlers(
  deps: IncidentsHandlerDeps,
): Pick<
  HandlerMap,
  | 'incidents.list'
  | 'incidents.get'
  | 'incidents.create'
  | 'incidents.update'
  | 'incidents.addNote'
  | 'incidents.postmortem'
  | 'incidents.escalation'
  | 'incidents.setEscalation'
> {
  const { incidents } = deps;
  return {
    'incidents.list': (input, ctx) => ({ incidents: incidents.list(ctx.tenantRows().tenantId, input) }),

    'incidents.get': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const attachment = incidents.attachment(tenantId, input.incidentId);
      return {
        incident: incidents.get(tenantId, input.incidentId),
        timeline: incidents.timeline(tenantId, input.incidentId),
        ...(attachment ? { attachment } : {}),
      };
    },

    'incidents.create': (input, ctx) => {
      const incident = incidents.create(
        ctx.tenantRows().tenantId,
        { ...input, source: 'manual' },
        actor(ctx),
      );
      ctx.audit({
        action: 'incidents.create',
        targetType: 'incident',
        targetId: incident.id,
        details: { ...named(incident), severity: incident.severity },
      });
      return incident;
    },

    'incidents.update': (input, ctx) => {
      const { incidentId, ...changes } = input;
      const { tenantId } = ctx.tenantRows();
      const before = incidents.get(tenantId, incidentId);
      const incident = incidents.update(tenantId, incidentId, changes, actor(ctx));
      ctx.audit({
        action: 'incidents.update',
        targetType: 'incident',
        targetId: incidentId,
        details: {
          ...changes,
          ...named(incident),
          ...(changes.title !== undefined ? { previousTitle: before.title } : {}),
          ...(changes.status !== undefined ? { from: before.status } : {}),
          ...(changes.severity !== undefined ? { fromSeverity: before.severity } : {}),
          ...(changes.assigneeId !== undefined ? { assignee: incident.assignee?.name ?? null } : {}),
        },
      });
      return incident;
    },

    'incidents.addNote': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const entry = incidents.note(tenantId, input.incidentId, input.text, actor(ctx));
      ctx.audit({
        action: 'incidents.addNote',
        targetType: 'incident',
        targetId: input.incidentId,
        details: named(incidents.get(tenantId, input.incidentId)),
      });
      return entry;
    },

    'incidents.postmortem': (input, ctx) => {
      const incident = incidents.postmortem(
        ctx.tenantRows().tenantId,
        input.incidentId,
        input.postmortem,
        actor(ctx),
      );
      ctx.audit({
        action: 'incidents.postmortem',
        targetType: 'incident',
        targetId: input.incidentId,
        details: named(incident),
      });
      return incident;
    },

    'incidents.escalation': (_input, ctx) => ({
      people: incidents.escalationList(ctx.tenantRows().tenantId),
      slaMinutes,
    }),

    'incidents.setEscalation': (input, ctx) => {
      const people = incidents.setEscalationList(ctx.tenantRows().tenantId, input.userIds);
      ctx.audit({ action: 'incidents.setEscalation', details: { people: people.map((p) => p.email) } });
      return { people };
    },
  };
}
