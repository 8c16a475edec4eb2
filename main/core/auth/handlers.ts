import type { SessionDeps } from './me';
import type { TwoFactorDeps } from './two-factor/service';
import type { EventBus } from '../lib/events';
import type { LoginThrottle } from './throttle';
import type { SecurityMonitor } from '../security/security-monitor';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { schema } from '../../../db';
import type { HandlerMap } from '../context';
import { sha256Hex } from '../lib/crypto';
import { AppError } from '../lib/errors';
import { buildMe, startSession } from './me';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { checkSecondFactor, hasTwoFactor, recoveryCodesLeft } from './two-factor/service';

const { users, memberships, invites } = schema;

const badCredentials = (): AppError =>
  new AppError('UNAUTHENTICATED', 'The e-mail address or password is not correct.', {
    reason: 'wrong_credentials',
  });

const invitationInvalid = (): AppError =>
  new AppError('NOT_FOUND', 'This invitation is not valid any more. Ask for a new one.', {
    reason: 'invitation_invalid',
  });

export interface AuthHandlerDeps extends SessionDeps, TwoFactorDeps {
  events: EventBus;
  throttle: LoginThrottle;
  security: SecurityMonitor;
}

export function authHandlers(
  deps: AuthHandlerDeps,
): Pick<
  HandlerMap,
  | 'auth.login'
  | 'auth.acceptInvite'
  | 'auth.logout'
  | 'auth.me'
  | 'auth.setLanguage'
  | 'auth.logoutEverywhere'
> {
  const { sqlite, system, clock, events, sessions, throttle, security } = deps;
  return {
    'auth.login': async (input, ctx) => {
      const ip = ctx.call.ip ?? null;
      // a browser this account signed in from before is throttled on its own, not with strangers
      const device = throttle.trustedDevice(ctx.call.deviceToken, input.email);
      const waitMs = throttle.waitMs(input.email, ip, device);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${seconds} seconds.`, {
          retryAfterSeconds: seconds,
        });
      }
      let usedRecoveryCode = false;
      const user = system.select().from(users).where(eq(users.email, input.email)).get();
      const passwordOk = user?.passwordHash
        ? await verifyPassword(user.passwordHash, input.password)
        : (await verifyAgainstDummy(input.password), false);
      const tenantsOfUser = user
        ? system
            .select({ tenantId: memberships.tenantId })
            .from(memberships)
            .where(and(eq(memberships.userId, user.id), eq(memberships.status, 'active')))
            .orderBy(asc(memberships.createdAt))
            .all()
        : [];
      if (!user || !passwordOk) {
        throttle.recordFailure(input.email, ip, device);
        security.loginFailed({
          email: input.email,
          ip,
          userId: user?.id ?? null,
          tenantIds: tenantsOfUser.map((t) => t.tenantId),
        });
        for (const { tenantId } of tenantsOfUser) {
          ctx.auditNow({
            tenantId,
            actorId: user?.id ?? null,
            actorName: input.email,
            action: 'auth.login_failed',
            targetType: 'user',
            targetId: user?.id ?? null,
          });
        }
        throw badCredentials();
      }
      if (hasTwoFactor(sqlite, user.id)) {
        const factor = checkSecondFactor(deps, user.id, input);
        if (factor === 'missing') {
          // the password was right: ask for the second step (no session, no failure counted)
          return { next: 'two_factor' as const };
        }
        if (factor === 'wrong') {
          throttle.recordFailure(input.email, ip, device);
          security.loginFailed({
            email: input.email,
            ip,
            userId: user.id,
            tenantIds: tenantsOfUser.map((t) => t.tenantId),
          });
          for (const { tenantId } of tenantsOfUser) {
            ctx.auditNow({
              tenantId,
              actorId: user.id,
              actorName: input.email,
              action: 'auth.login_failed',
              targetType: 'user',
              targetId: user.id,
              details: { reason: input.code ? 'wrong_code' : 'wrong_backup_code' },
            });
          }
          throw new AppError(
            'UNAUTHENTICATED',
            input.code ? 'The code is not correct.' : 'The recovery code is not correct or was used before.',
            input.code
              ? { field: 'code', reason: 'wrong_code' }
              : { field: 'recoveryCode', reason: 'wrong_recovery_code' },
          );
        }
        if (factor === 'ok-recovery') usedRecoveryCode = true;
      }
      let tenantId = tenantsOfUser[0]?.tenantId;
      if (!tenantId && user.isPlatformAdmin) {
        tenantId = system.select({ id: schema.tenants.id }).from(schema.tenants).limit(1).get()?.id;
      }
      if (!tenantId) {
        throw new AppError(
          'FORBIDDEN',
          'Your account is not active in any organisation. Ask an administrator.',
          { reason: 'no_active_organisation' },
        );
      }
      throttle.recordSuccess(input.email, device);
      security.loginSucceeded({
        userId: user.id,
        tenantId,
        ip,
        userAgent: ctx.call.userAgent ?? null,
      });
      // the session and its audit entry commit together
      return ctx.atomically(() => {
        system.update(users).set({ lastLoginAt: clock.now() }).where(eq(users.id, user.id)).run();
        const me = startSession(deps, ctx, user.id, tenantId);
        ctx.audit({
          tenantId,
          actorId: user.id,
          actorName: user.name,
          action: 'auth.login',
          targetType: 'user',
          targetId: user.id,
          ...(usedRecoveryCode
            ? {
                details: {
                  secondFactor: 'backup_code',
                  backupCodesLeft: recoveryCodesLeft(sqlite, user.id),
                },
              }
            : {}),
        });
        return me;
      });
    },

    'auth.acceptInvite': async (input, ctx) => {
      const now = clock.now();
      const invite = system
        .select()
        .from(invites)
        .where(and(eq(invites.tokenHash, sha256Hex(input.token)), isNull(invites.acceptedAt)))
        .get();
      if (!invite || invite.expiresAt <= now) {
        throw invitationInvalid();
      }
      const user = system.select().from(users).where(eq(users.id, invite.userId)).get();
      const membership = system
        .select()
        .from(memberships)
        .where(and(eq(memberships.tenantId, invite.tenantId), eq(memberships.userId, invite.userId)))
        .get();
      if (!user || !membership || membership.status !== 'invited') {
        throw invitationInvalid();
      }
      let newHash: string | null = null;
      if (user.passwordHash) {
        if (!(await verifyPassword(user.passwordHash, input.password))) {
          throw new AppError(
            'UNAUTHENTICATED',
            'You already have a Mindframe account: enter its password to accept the invitation.',
            { field: 'password', reason: 'existing_account_password' },
          );
        }
      } else {
        newHash = await hashPassword(input.password);
      }
      // the membership, the session and the audit entry commit together
      const me = ctx.atomically(() => {
        system
          .update(users)
          .set({
            ...(newHash ? { passwordHash: newHash } : {}),
            ...(input.name ? { name: input.name } : {}),
            lastLoginAt: now,
          })
          .where(eq(users.id, user.id))
          .run();
        system
          .update(memberships)
          .set({ status: 'active' })
          .where(and(eq(memberships.tenantId, invite.tenantId), eq(memberships.userId, user.id)))
          .run();
        system.update(invites).set({ acceptedAt: now }).where(eq(invites.id, invite.id)).run();
        const started = startSession(deps, ctx, user.id, invite.tenantId);
        ctx.audit({
          tenantId: invite.tenantId,
          actorId: user.id,
          actorName: started.user.name,
          action: 'users.invite_accepted',
          targetType: 'user',
          targetId: user.id,
          details: { role: membership.role },
        });
        return started;
      });
      events.emit('members.changed', { userId: user.id }, { kind: 'tenant', tenantId: invite.tenantId });
      return me;
    },

    'auth.logout': (_input, ctx) => {
      const session = ctx.auth();
      sessions.revoke(session.id, 'logout');
      ctx.clearSession();
      ctx.audit({ action: 'auth.logout', targetType: 'session', targetId: session.id });
      events.emit('session.ended', { reason: 'logout' }, { kind: 'session', sessionId: session.id });
      return { ok: true as const };
    },

    'auth.me': (_input, ctx) => buildMe(deps, ctx.auth(), ctx.call.sessionToken!),

    'auth.setLanguage': (input, ctx) => {
      const session = ctx.auth();
      sqlite
        .prepare('UPDATE users SET language = @language WHERE id = @userId')
        .run({ language: input.language, userId: session.userId });
      return { language: input.language };
    },

    'auth.logoutEverywhere': (_input, ctx) => {
      const session = ctx.auth();
      const ended = sessions.revokeForUser(session.userId, 'logout_everywhere');
      ctx.clearSession();
      ctx.audit({
        action: 'auth.logout_everywhere',
        targetType: 'user',
        targetId: session.userId,
        details: { sessions: ended.length },
      });
      for (const sessionId of ended) {
        events.emit('session.ended', { reason: 'revoked' }, { kind: 'session', sessionId });
      }
      return { revoked: ended.length };
    },
  };
}
