import type { IncidentsService } from './incidents-service';
import type { HandlerContext, HandlerMap } from '../context';
import { slaMinutes } from './sla';

const actor = (ctx: HandlerContext) => ({ name: ctx.auth().name });

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
      return {
        incident: incidents.get(tenantId, input.incidentId),
        timeline: incidents.timeline(tenantId, input.incidentId),
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
        details: { title: incident.title, severity: incident.severity },
      });
      return incident;
    },

    'incidents.update': (input, ctx) => {
      const { incidentId, ...changes } = input;
      const incident = incidents.update(ctx.tenantRows().tenantId, incidentId, changes, actor(ctx));
      ctx.audit({
        action: 'incidents.update',
        targetType: 'incident',
        targetId: incidentId,
        details: changes,
      });
      return incident;
    },

    'incidents.addNote': (input, ctx) => {
      const entry = incidents.note(ctx.tenantRows().tenantId, input.incidentId, input.text, actor(ctx));
      ctx.audit({ action: 'incidents.addNote', targetType: 'incident', targetId: input.incidentId });
      return entry;
    },

    'incidents.postmortem': (input, ctx) => {
      const incident = incidents.postmortem(
        ctx.tenantRows().tenantId,
        input.incidentId,
        input.postmortem,
        actor(ctx),
      );
      ctx.audit({ action: 'incidents.postmortem', targetType: 'incident', targetId: input.incidentId });
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
