import type Database from 'better-sqlite3';
import type { AppDb } from '../../../db';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { SessionService } from '../auth/sessions';
import type { SecurityMonitor } from '../security/security-monitor';
import { eq, isNull } from 'drizzle-orm';
import { schema, uuidv7 } from '../../../db';
import type { HandlerMap } from '../context';
import { randomToken, sha256Hex } from '../lib/crypto';
import { roleAtLeast } from '../../contract';
import {
  assertCanManage,
  assertInvitable,
  assertNotLastOwner,
  getMember,
  listMembers,
  roleNotGrantable,
  statusOnEnable,
} from './service';

const { users, memberships, invites } = schema;
const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export interface UsersHandlerDeps {
  sqlite: Database.Database;
  system: AppDb;
  clock: Clock;
  events: EventBus;
  sessions: SessionService;
  security: SecurityMonitor;
}

export function usersHandlers(
  deps: UsersHandlerDeps,
): Pick<HandlerMap, 'users.list' | 'users.invite' | 'users.setRole' | 'users.disable'> {
  const { sqlite, system, clock, events, sessions, security } = deps;
  return {
    'users.list': (_input, ctx) => ({ members: listMembers(ctx.tenantRows()) }),

    'users.invite': (input, ctx) => {
      const actor = ctx.auth();
      const rows = ctx.tenantRows();
      if (!roleAtLeast(actor.role, input.role)) throw roleNotGrantable(input.role);
      const now = clock.now();
      const token = randomToken(32);
      const userId = sqlite.transaction(() => {
        let user = system.select().from(users).where(eq(users.email, input.email)).get();
        if (!user) {
          user = {
            id: uuidv7(now),
            email: input.email,
            name: input.name ?? input.email.split('@')[0]!,
            passwordHash: null,
            isPlatformAdmin: false,
            createdAt: now,
            lastLoginAt: null,
            language: null,
          };
          system.insert(users).values(user).run();
        }
        const existing = listMembers(rows, user.id)[0];
        assertInvitable(existing);
        if (existing) {
          rows.update(memberships, { role: input.role }, eq(memberships.userId, user.id));
          // a new invitation replaces any earlier one still open
          rows.delete(invites, eq(invites.userId, user.id), isNull(invites.acceptedAt));
        } else {
          rows.insert(memberships, { userId: user.id, role: input.role, status: 'invited', createdAt: now });
        }
        rows.insert(invites, {
          id: uuidv7(now),
          userId: user.id,
          tokenHash: sha256Hex(token),
          createdBy: actor.userId,
          name: input.name ?? null,
          createdAt: now,
          expiresAt: now + inviteLifetimeMs,
        });
        return user.id;
      })();
      const member = getMember(rows, userId);
      ctx.audit({
        action: 'users.invite',
        targetType: 'user',
        targetId: userId,
        details: { email: member.email, role: member.role },
      });
      events.emit('members.changed', { userId }, { kind: 'tenant', tenantId: rows.tenantId });
      return { member, inviteToken: token, expiresAt: now + inviteLifetimeMs };
    },

    'users.setRole': (input, ctx) => {
      const actor = ctx.auth();
      const rows = ctx.tenantRows();
      const target = getMember(rows, input.userId);
      assertCanManage(actor, target, input.role);
      if (input.role !== 'owner') assertNotLastOwner(rows, target);
      rows.update(memberships, { role: input.role }, eq(memberships.userId, target.userId));
      ctx.audit({
        action: 'users.setRole',
        targetType: 'user',
        targetId: target.userId,
        details: { email: target.email, from: target.role, to: input.role },
      });
      security.privilegeChanged({
        tenantId: rows.tenantId,
        actorId: actor.userId,
        targetUserId: target.userId,
        from: target.role,
        to: input.role,
        ip: ctx.call.ip ?? null,
      });
      events.emit('members.changed', { userId: target.userId }, { kind: 'tenant', tenantId: rows.tenantId });
      return getMember(rows, target.userId);
    },

    'users.disable': (input, ctx) => {
      const actor = ctx.auth();
      const rows = ctx.tenantRows();
      const target = getMember(rows, input.userId);
      assertCanManage(actor, target);
      if (input.disabled) assertNotLastOwner(rows, target);
      const status = input.disabled
        ? 'disabled'
        : target.status === 'disabled'
          ? statusOnEnable(rows, target.userId)
          : target.status;
      rows.update(memberships, { status }, eq(memberships.userId, target.userId));
      if (input.disabled) {
        const ended = sessions.revokeForUser(target.userId, 'disabled', rows.tenantId);
        for (const sessionId of ended) {
          events.emit('session.ended', { reason: 'disabled' }, { kind: 'session', sessionId });
        }
      }
      ctx.audit({
        action: input.disabled ? 'users.disable' : 'users.enable',
        targetType: 'user',
        targetId: target.userId,
        details: { email: target.email },
      });
      events.emit('members.changed', { userId: target.userId }, { kind: 'tenant', tenantId: rows.tenantId });
      return getMember(rows, target.userId);
    },
  };
}
