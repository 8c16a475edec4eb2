import { liveSessions as liveSessionsOf, type LiveSessionRow } from '../auth/sign-in-history';
import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { SessionService } from '../auth/sessions';
import type { SecurityMonitor } from './security-monitor';
import type { ApiKeyService } from '../api-keys/service';
import {
  ipAllowed,
  isLoopback,
  parseAddress,
  roleAtLeast,
  securitySeverities,
  type SecuritySettings,
  type SessionInfo,
} from '../../contract';
import type { HandlerContext, HandlerMap } from '../context';
import { AppError, forbidden } from '../lib/errors';
import { requireTwoFactorSetting, requiresTwoFactor } from '../auth/two-factor/service';
import { assertCanManage, listMembers } from '../users/service';
import { describeDevice, eventSelect, toSecurityEvent } from './security-monitor';

const notFound = () => new AppError('NOT_FOUND', 'That session does not exist or has already ended.');

/** Live sessions matching `filter` now (the auth domain owns the sessions table). */
function liveSessions(
  { clock, sessions, sqlite }: Pick<SecurityHandlerDeps, 'clock' | 'sessions' | 'sqlite'>,
  filter: Parameters<typeof liveSessionsOf>[1],
): LiveSessionRow[] {
  const now = clock.now();
  return liveSessionsOf(sqlite, filter, now, now - sessions.policy.idleMs);
}

function isActiveMember(sqlite: Database.Database, tenantId: string, userId: string): boolean {
  return (
    sqlite
      .prepare("SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ? AND status = 'active'")
      .get(tenantId, userId) !== undefined
  );
}

function settingsOf(
  { sqlite, security }: Pick<SecurityHandlerDeps, 'sqlite' | 'security'>,
  ctx: HandlerContext,
): SecuritySettings {
  const session = ctx.auth();
  return {
    requireTwoFactor: requiresTwoFactor(sqlite, session.tenantId),
    ipAllowList: session.isPlatformAdmin ? security.ipAllowList() : null,
    yourIp: ctx.call.ip ?? null,
  };
}

export interface SecurityHandlerDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  sessions: SessionService;
  security: SecurityMonitor;
  apiKeys: ApiKeyService;
}

export function securityHandlers(
  deps: SecurityHandlerDeps,
): Pick<
  HandlerMap,
  'security.events' | 'security.settings' | 'security.saveSettings' | 'sessions.list' | 'sessions.revoke'
> {
  const { sqlite, clock, events, sessions, security, apiKeys } = deps;
  return {
    'security.events': (input, ctx) => {
      const session = ctx.auth();
      const tenant = ctx.tenantRows();
      // platform admins also see what concerns the installation as a whole
      const where = [
        session.isPlatformAdmin ? '(e.tenant_id = ? OR e.tenant_id IS NULL)' : 'e.tenant_id = ?',
      ];
      const params: (string | number)[] = [tenant.tenantId];
      if (input.severity) {
        where.push('e.severity = ?');
        params.push(input.severity);
      }
      if (input.minSeverity) {
        where.push(
          "(CASE e.severity WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END) >= ?",
        );
        params.push(securitySeverities.indexOf(input.minSeverity));
      }
      if (input.kind) {
        where.push('e.kind = ?');
        params.push(input.kind);
      }
      if (input.since !== undefined) {
        where.push('e.last_at >= ?');
        params.push(input.since);
      }
      const clause = where.join(' AND ');
      const total = (
        sqlite.prepare(`SELECT count(*) AS n FROM security_events e WHERE ${clause}`).get(...params) as {
          n: number;
        }
      ).n;
      const rows = sqlite
        .prepare(`${eventSelect} WHERE ${clause} ORDER BY e.last_at DESC, e.id DESC LIMIT ? OFFSET ?`)
        .all(...params, input.limit, input.offset) as Parameters<typeof toSecurityEvent>[0][];
      return { events: rows.map(toSecurityEvent), total };
    },

    'security.settings': (_input, ctx) => settingsOf(deps, ctx),

    'security.saveSettings': (input, ctx) => {
      const session = ctx.auth();
      const tenant = ctx.tenantRows();
      const before = settingsOf(deps, ctx);
      if (input.ipAllowList !== undefined) {
        if (!session.isPlatformAdmin)
          throw forbidden('Only a platform admin may change the IP allow-list.', 'platform_admin_only');
        const ip = ctx.call.ip ?? null;
        const address = ip ? parseAddress(ip) : null;
        // saving a list that shuts out the very browser saving it would lock the admin out
        if (address && !isLoopback(address) && !ipAllowed(ip!, input.ipAllowList)) {
          throw new AppError(
            'VALIDATION',
            `This list does not include your own address (${ip}); saving it would lock you out.`,
            { field: 'ipAllowList', reason: 'allow_list_locks_you_out', params: { ip: ip! } },
          );
        }
        security.saveIpAllowList(input.ipAllowList);
      }
      if (input.requireTwoFactor !== undefined) {
        sqlite
          .prepare(
            `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          )
          .run(tenant.tenantId, requireTwoFactorSetting, JSON.stringify(input.requireTwoFactor), clock.now());
        // keys of admins without a second factor stop (or start) working at once
        apiKeys.forget();
      }
      const after = settingsOf(deps, ctx);
      ctx.audit({
        action: 'security.saveSettings',
        targetType: 'tenant',
        targetId: tenant.tenantId,
        details: {
          ...(before.requireTwoFactor !== after.requireTwoFactor
            ? { requireTwoFactor: after.requireTwoFactor }
            : {}),
          ...(input.ipAllowList !== undefined ? { ipAllowList: after.ipAllowList?.join(', ') ?? '' } : {}),
        },
      });
      return after;
    },

    'sessions.list': (input, ctx) => {
      const session = ctx.auth();
      let rows: LiveSessionRow[];
      if (!input.userId || input.userId === session.userId) {
        rows = liveSessions(deps, { userId: session.userId });
      } else {
        // another member's sessions: admins only, and only those bound to this tenant
        if (!isActiveMember(sqlite, session.tenantId, input.userId) && !session.isPlatformAdmin)
          throw new AppError('NOT_FOUND', 'There is no such member in this organisation.');
        if (!roleAtLeast(session.role, 'admin'))
          throw forbidden("Only admins may see a member's sessions.", 'role_required', { role: 'admin' });
        rows = liveSessions(deps, { userId: input.userId, tenantId: session.tenantId });
      }
      const sessions: SessionInfo[] = rows.map((row) => ({
        id: row.id,
        userId: row.user_id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        ip: row.ip,
        userAgent: row.user_agent,
        device: describeDevice(row.user_agent),
        current: row.id === session.id,
      }));
      return { sessions };
    },

    'sessions.revoke': (input, ctx) => {
      const session = ctx.auth();
      const target = liveSessions(deps, { sessionId: input.sessionId })[0];
      if (!target) throw notFound();
      const own = target.user_id === session.userId;
      if (!own) {
        // a member's session bound to this tenant, by an admin; anything else does not exist for the caller
        if (target.tenant_id !== session.tenantId) throw notFound();
        if (!isActiveMember(sqlite, session.tenantId, target.user_id) && !session.isPlatformAdmin)
          throw notFound();
        if (!roleAtLeast(session.role, 'admin'))
          throw forbidden("Only admins may end a member's session.", 'role_required', { role: 'admin' });
        // rank as for users.disable: an admin cannot end an owner's session
        const member = listMembers(ctx.tenantRows(), target.user_id)[0];
        if (member) assertCanManage(session, member);
      }
      sessions.revoke(target.id, 'revoked');
      const current = target.id === session.id;
      if (current) ctx.clearSession();
      ctx.audit({
        action: 'sessions.revoke',
        targetType: 'session',
        targetId: target.id,
        details: {
          userId: target.user_id,
          own,
          // whose session it was, by the name they had then
          name: own ? session.name : (listMembers(ctx.tenantRows(), target.user_id)[0]?.name ?? null),
        },
      });
      events.emit('session.ended', { reason: 'revoked' }, { kind: 'session', sessionId: target.id });
      return { ok: true as const, current };
    },
  };
}
