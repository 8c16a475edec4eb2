import type { AgentsDomain } from '../agents/domain';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ApiKeyService } from './service';
import { uuidv7 } from '../../../db';
import type { HandlerMap } from '../context';
import { conflict, notFound } from '../lib/errors';
import type { InsightTracker } from '../insight/tracker';
import { validateBatch } from '../insight/ingest';

const dayMs = 24 * 60 * 60 * 1000;

/** Audit details of a key: never its secret or its hash. */
const described = (key: { name: string; scopes: string[]; expiresAt: number | null }) => ({
  name: key.name,
  scopes: key.scopes,
  expiresAt: key.expiresAt,
});

export interface ApiKeysHandlerDeps {
  agents: Pick<AgentsDomain, 'analytics'>;
  clock: Clock;
  logger: Logger;
  apiKeys: ApiKeyService;
  /** Where ingested events go (the insight domain's tracker). */
  insight: { tracker: Pick<InsightTracker, 'write'> };
}

export function apiKeysHandlers(
  deps: ApiKeysHandlerDeps,
): Pick<
  HandlerMap,
  | 'apiKeys.list'
  | 'apiKeys.create'
  | 'apiKeys.rotate'
  | 'apiKeys.revoke'
  | 'analytics.summary'
  | 'events.ingest'
> {
  const { clock, apiKeys, agents } = deps;
  return {
    'apiKeys.list': (_input, ctx) => ({ keys: apiKeys.list(ctx.tenantRows().tenantId) }),

    'apiKeys.create': (input, ctx) => {
      const session = ctx.auth();
      const { tenantId } = ctx.tenantRows();
      const created = apiKeys.create(tenantId, {
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresInDays !== undefined ? clock.now() + input.expiresInDays * dayMs : null,
        rateLimitPerMinute: input.rateLimitPerMinute ?? null,
        createdBy: session.userId,
      });
      ctx.audit({
        action: 'apiKeys.create',
        targetType: 'api_key',
        targetId: created.key.id,
        details: described(created.key),
      });
      return created;
    },

    'apiKeys.rotate': (input, ctx) => {
      const session = ctx.auth();
      const { tenantId } = ctx.tenantRows();
      const current = apiKeys.get(tenantId, input.keyId);
      if (!current) throw notFound('That API key');
      if (current.status === 'revoked' || current.status === 'expired')
        throw conflict('This key no longer works; create a new one instead.', 'api_key_not_working');
      if (current.replacedBy)
        throw conflict(
          'This key was already rotated; rotate its replacement instead.',
          'api_key_already_rotated',
        );
      const rotated = apiKeys.rotate(tenantId, input.keyId, input.graceHours, session.userId)!;
      ctx.audit({
        action: 'apiKeys.rotate',
        targetType: 'api_key',
        targetId: input.keyId,
        details: {
          ...described(rotated.key),
          newKeyId: rotated.key.id,
          graceUntil: rotated.previous.graceUntil,
        },
      });
      return rotated;
    },

    'apiKeys.revoke': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const key = apiKeys.revoke(tenantId, input.keyId);
      if (!key) throw notFound('That API key');
      ctx.audit({
        action: 'apiKeys.revoke',
        targetType: 'api_key',
        targetId: key.id,
        details: described(key),
      });
      return { key };
    },

    'analytics.summary': (input, ctx) =>
      agents.analytics(ctx.tenantRows().tenantId, input.from ?? null, input.to ?? null),

    'events.ingest': (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const receivedAt = clock.now();
      const logger = deps.logger.child({ module: 'api-events' });
      const identity = ctx.call.identity;
      const caller = identity?.kind === 'apiKey' ? `key:${identity.keyId}` : ctx.auth().userId;
      // the batch shape: each item checked on its own, all written in one transaction
      if (input.events) {
        const batch = validateBatch(input.events, 'api');
        const written = deps.insight.tracker.write(tenantId, batch.events);
        const counts = { ...written, rejected: batch.rejected };
        logger.info({ tenantId, ...counts }, 'events received');
        ctx.audit({ action: 'events.ingest', targetType: 'events', targetId: null, details: counts });
        return { receivedAt, ...counts, errors: batch.errors };
      }
      // the single custom event: a line in the tenant's log and an insight event named by its type
      const type = input.type!;
      const id = uuidv7(receivedAt);
      const fields = { tenantId, eventId: id, eventType: type, data: input.data ?? {} };
      const message = input.message ?? type;
      if (input.level === 'error') logger.error(fields, message);
      else if (input.level === 'warn') logger.warn(fields, message);
      else logger.info(fields, message);
      const props = {
        ...(input.data ?? {}),
        level: input.level,
        ...(input.message ? { message: input.message } : {}),
      };
      const written = deps.insight.tracker.write(tenantId, [
        { name: type, actor: caller, source: 'api', at: receivedAt, props, id },
      ]);
      ctx.audit({ action: 'events.ingest', targetType: 'event', targetId: id, details: { type } });
      return { id, type, receivedAt, ...written, rejected: 0, errors: [] };
    },
  };
}
