import type Database from 'better-sqlite3';
import type { AppDb } from '../../../db';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { SessionService } from '../auth/sessions';
import type { SecurityMonitor } from '../security/security-monitor';
import { eq, isNull } from 'drizzle-orm';
import { schema, uuidv7 } from '../../../db';
import type { HandlerMap } from '../context';
import type { Entitlements } from '../billing/entitlements';
import { randomToken, sha256Hex } from '../lib/crypto';
import { isLanguage, roleAtLeast, type Language } from '../../contract';
import { conflict, forbidden } from '../lib/errors';
import { PasswordResets, resetLifetimeMinutes, resetRoute, type AccountMailer } from '../auth/password-reset';
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
  /** Invitations and reset links go out by e-mail where the organisation has SMTP set. */
  mailOut: AccountMailer;
  /** The organisation's plan: how many seats it has (the billing domain). */
  billing?: { entitlements: Pick<Entitlements, 'ensureBelow'> };
}

export function usersHandlers(
  deps: UsersHandlerDeps,
): Pick<
  HandlerMap,
  'users.list' | 'users.invite' | 'users.setRole' | 'users.disable' | 'users.remove' | 'users.issueResetLink'
> {
  const { sqlite, system, clock, events, sessions, security, mailOut } = deps;
  const resets = new PasswordResets(sqlite, clock);
  const accountOf = sqlite.prepare<
    { userId: string },
    { language: string | null; is_platform_admin: number; name: string }
  >('SELECT language, is_platform_admin, name FROM users WHERE id = @userId');
  const tenantName = sqlite.prepare<{ tenantId: string }, { name: string }>(
    'SELECT name FROM tenants WHERE id = @tenantId',
  );
  const seatsTaken = sqlite.prepare<{ tenantId: string }, { n: number }>(
    "SELECT COUNT(*) AS n FROM memberships WHERE tenant_id = @tenantId AND status IN ('invited', 'active')",
  );
  const languageOf = (userId: string): Language | null => {
    const language = accountOf.get({ userId })?.language;
    return isLanguage(language) ? language : null;
  };
  return {
    'users.list': (_input, ctx) => ({ members: listMembers(ctx.tenantRows()) }),

    'users.invite': async (input, ctx) => {
      const actor = ctx.auth();
      const rows = ctx.tenantRows();
      if (!roleAtLeast(actor.role, input.role)) throw roleNotGrantable(input.role);
      const now = clock.now();
      const token = randomToken(32);
      const userId = ctx.atomically(() => {
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
          // a new member takes a seat of the plan (invited or active; a disabled member frees one)
          const seats = seatsTaken.get({ tenantId: rows.tenantId })?.n ?? 0;
          deps.billing?.entitlements.ensureBelow(rows.tenantId, 'seats', seats);
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
        const member = getMember(rows, user.id);
        ctx.audit({
          action: 'users.invite',
          targetType: 'user',
          targetId: user.id,
          details: { email: member.email, role: member.role },
        });
        return user.id;
      });
      const member = getMember(rows, userId);
      events.emit('members.changed', { userId }, { kind: 'tenant', tenantId: rows.tenantId });
      let emailed = false;
      if (mailOut.hasSmtp(rows.tenantId)) {
        // in the invitee's language where they chose one (an account of another organisation), else the inviter's
        const language = languageOf(userId) ?? languageOf(actor.userId) ?? 'en';
        const outcome = await mailOut.sendTemplate(rows.tenantId, member.email, 'invitation', language, {
          name: member.name,
          inviter: actor.name,
          organisation: tenantName.get({ tenantId: rows.tenantId })?.name ?? '',
          link: `#/invite/${encodeURIComponent(token)}`,
          expiresDays: Math.round(inviteLifetimeMs / (24 * 60 * 60 * 1000)),
        });
        emailed = outcome.sent;
      }
      return { member, inviteToken: token, expiresAt: now + inviteLifetimeMs, emailed };
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

    'users.remove': (input, ctx) => {
      const actor = ctx.auth();
      const rows = ctx.tenantRows();
      const target = getMember(rows, input.userId);
      // anyone may leave (but the last owner); others only remove those they may manage
      if (actor.userId !== target.userId) assertCanManage(actor, target);
      assertNotLastOwner(rows, target);
      rows.delete(invites, eq(invites.userId, target.userId), isNull(invites.acceptedAt));
      rows.delete(memberships, eq(memberships.userId, target.userId));
      const ended = sessions.revokeForUser(target.userId, 'removed', rows.tenantId);
      ctx.audit({
        action: 'users.remove',
        targetType: 'user',
        targetId: target.userId,
        // the name is kept here: the member list forgets it
        details: { email: target.email, name: target.name, role: target.role },
      });
      if (actor.userId === target.userId) ctx.clearSession();
      for (const sessionId of ended) {
        events.emit('session.ended', { reason: 'revoked' }, { kind: 'session', sessionId });
      }
      events.emit('members.changed', { userId: target.userId }, { kind: 'tenant', tenantId: rows.tenantId });
      return { removed: true as const };
    },

    'users.issueResetLink': async (input, ctx) => {
      const actor = ctx.auth();
      const rows = ctx.tenantRows();
      const target = getMember(rows, input.userId);
      if (actor.userId === target.userId)
        throw forbidden('Change your own password under Account, not with a reset link.', 'own_membership');
      const account = accountOf.get({ userId: target.userId });
      if (account?.is_platform_admin === 1)
        throw forbidden(
          "A platform administrator's password is not reset by an organisation.",
          'platform_admin_account',
        );
      assertCanManage(actor, target);
      if (target.status === 'invited')
        throw conflict(
          'This person has not joined yet: send the invitation again instead.',
          'member_not_joined',
        );
      const issued = ctx.atomically(() => {
        const fresh = resets.issue(target.userId, actor.userId);
        ctx.audit({
          action: 'users.issueResetLink',
          targetType: 'user',
          targetId: target.userId,
          details: { email: target.email, expiresAt: fresh.expiresAt },
        });
        return fresh;
      });
      let emailed = false;
      if (mailOut.hasSmtp(rows.tenantId)) {
        const outcome = await mailOut.sendTemplate(
          rows.tenantId,
          target.email,
          'password_reset',
          languageOf(target.userId) ?? languageOf(actor.userId) ?? 'en',
          {
            name: account?.name ?? target.name,
            link: resetRoute(issued.token),
            expiresMinutes: resetLifetimeMinutes,
            requestedByAdmin: true,
          },
        );
        emailed = outcome.sent;
      }
      return { token: issued.token, link: resetRoute(issued.token), expiresAt: issued.expiresAt, emailed };
    },
  };
}
