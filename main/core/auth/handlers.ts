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
import { PasswordResets, resetLifetimeMinutes, resetRoute, type AccountMailer } from './password-reset';
import { isLanguage } from '../../contract';

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
  /** The account e-mails (password reset, welcome), through an organisation's SMTP. */
  mailOut: AccountMailer;
}

/** "Forgot password" answers no sooner than this, whether or not the address has an account. */
const resetRequestFloorMs = 250;

const tenantSuspended = (): AppError =>
  new AppError(
    'FORBIDDEN',
    'This organisation is suspended by the platform administrator. Ask them to reactivate it.',
    { reason: 'tenant_suspended' },
  );

const wait = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref?.());

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
  | 'auth.changePassword'
  | 'auth.updateProfile'
  | 'auth.resetAvailable'
  | 'auth.requestPasswordReset'
  | 'auth.resetPassword'
> {
  const { sqlite, system, clock, events, sessions, throttle, security, mailOut } = deps;
  const resets = new PasswordResets(sqlite, clock);
  /** The person's organisations (active memberships, suspended ones last), oldest first. */
  const organisationsOf = sqlite.prepare<
    { userId: string },
    { tenantId: string; name: string; status: string }
  >(
    `SELECT m.tenant_id AS tenantId, t.name, t.status FROM memberships m JOIN tenants t ON t.id = m.tenant_id
      WHERE m.user_id = @userId AND m.status = 'active'
      ORDER BY (t.status = 'suspended'), m.created_at`,
  );
  const userByEmail = sqlite.prepare<
    { email: string },
    { id: string; name: string; language: string | null; is_platform_admin: number }
  >('SELECT id, name, language, is_platform_admin FROM users WHERE email = @email');
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
      const organisations = organisationsOf.all({ userId: user.id });
      let tenantId = organisations.find((t) => t.status !== 'suspended')?.tenantId;
      if (!tenantId && organisations.length > 0 && !user.isPlatformAdmin) throw tenantSuspended();
      if (!tenantId && user.isPlatformAdmin) tenantId = organisations[0]?.tenantId;
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
      if (mailOut.hasSmtp(invite.tenantId)) {
        const organisation = me.tenants.find((t) => t.id === invite.tenantId)?.name ?? '';
        void mailOut
          .sendTemplate(invite.tenantId, user.email, 'welcome', me.language ?? 'en', {
            name: me.user.name,
            organisation,
            link: '#/',
          })
          .catch(() => undefined);
      }
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

    'auth.changePassword': async (input, ctx) => {
      const session = ctx.auth();
      const ip = ctx.call.ip ?? null;
      const device = throttle.trustedDevice(ctx.call.deviceToken, session.email);
      const waitMs = throttle.waitMs(session.email, ip, device);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new AppError('RATE_LIMITED', `Too many wrong passwords. Try again in ${seconds} seconds.`, {
          retryAfterSeconds: seconds,
        });
      }
      const user = system.select().from(users).where(eq(users.id, session.userId)).get();
      const currentOk = user?.passwordHash
        ? await verifyPassword(user.passwordHash, input.currentPassword)
        : (await verifyAgainstDummy(input.currentPassword), false);
      if (!currentOk) {
        throttle.recordFailure(session.email, ip, device);
        ctx.auditNow({
          tenantId: session.tenantId,
          action: 'auth.password_change_failed',
          targetType: 'user',
          targetId: session.userId,
          details: { reason: 'wrong_current_password' },
        });
        throw new AppError('VALIDATION', 'currentPassword: the current password is not correct.', {
          field: 'currentPassword',
          reason: 'wrong_current_password',
        });
      }
      if (input.newPassword === input.currentPassword)
        throw new AppError('VALIDATION', 'newPassword: the new password is the current one.', {
          field: 'newPassword',
          reason: 'password_unchanged',
        });
      const newHash = await hashPassword(input.newPassword);
      const ended = ctx.atomically(() => {
        sqlite
          .prepare('UPDATE users SET password_hash = @hash WHERE id = @userId')
          .run({ hash: newHash, userId: session.userId });
        const others = input.endOtherSessions
          ? sessions.revokeOthersOfUser(session.userId, session.id, 'password_changed')
          : [];
        ctx.audit({
          action: 'auth.password_changed',
          targetType: 'user',
          targetId: session.userId,
          details: { otherSessionsEnded: others.length },
        });
        return others;
      });
      throttle.recordSuccess(session.email, device);
      for (const sessionId of ended) {
        events.emit('session.ended', { reason: 'revoked' }, { kind: 'session', sessionId });
      }
      return { endedSessions: ended.length };
    },

    'auth.updateProfile': (input, ctx) => {
      const session = ctx.auth();
      sqlite
        .prepare('UPDATE users SET name = @name WHERE id = @userId')
        .run({ name: input.name, userId: session.userId });
      ctx.audit({
        action: 'auth.profile_updated',
        targetType: 'user',
        targetId: session.userId,
        details: { from: session.name, to: input.name },
      });
      for (const { tenantId } of organisationsOf.all({ userId: session.userId })) {
        events.emit('members.changed', { userId: session.userId }, { kind: 'tenant', tenantId });
      }
      return { name: input.name };
    },

    'auth.resetAvailable': () => {
      const tenantIds = sqlite
        .prepare<[], { id: string }>("SELECT id FROM tenants WHERE status = 'active'")
        .all();
      return { available: tenantIds.some(({ id }) => mailOut.hasSmtp(id)) };
    },

    'auth.requestPasswordReset': async (input, ctx) => {
      const started = performance.now();
      const ip = ctx.call.ip ?? null;
      const waitMs = throttle.resetRequestWaitMs(input.email, ip);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new AppError('RATE_LIMITED', `Too many reset requests. Try again in ${seconds} seconds.`, {
          retryAfterSeconds: seconds,
        });
      }
      // counted whether or not the address is someone's: the limit must not tell them apart
      throttle.recordResetRequest(input.email, ip);
      const user = userByEmail.get({ email: input.email });
      // the mail goes through the SMTP of one of the person's organisations that has it set
      const via = user
        ? organisationsOf
            .all({ userId: user.id })
            .find((t) => t.status === 'active' && mailOut.hasSmtp(t.tenantId))
        : undefined;
      if (user && via) {
        const { token } = resets.issue(user.id, null);
        ctx.auditNow({
          tenantId: via.tenantId,
          actorId: user.id,
          actorName: input.email,
          action: 'auth.password_reset_requested',
          targetType: 'user',
          targetId: user.id,
        });
        const language = isLanguage(user.language) ? user.language : 'en';
        // sent in the background: the answer must not wait for (and so time) the mail server
        void mailOut
          .sendTemplate(via.tenantId, input.email, 'password_reset', language, {
            name: user.name,
            link: resetRoute(token),
            expiresMinutes: resetLifetimeMinutes,
            requestedByAdmin: false,
          })
          .catch(() => undefined);
      }
      await wait(resetRequestFloorMs - (performance.now() - started));
      return { ok: true as const };
    },

    'auth.resetPassword': async (input, ctx) => {
      const reset = resets.check(input.token);
      const newHash = await hashPassword(input.newPassword);
      const user = system.select().from(users).where(eq(users.id, reset.userId)).get();
      if (!user)
        throw new AppError('NOT_FOUND', 'This reset link is not valid. Ask for a new one.', {
          field: 'token',
          reason: 'reset_link_invalid',
        });
      const organisations = organisationsOf.all({ userId: user.id });
      const ended = ctx.atomically(() => {
        // checked again inside the write: two tabs with the same link, one wins
        resets.check(input.token);
        if (!resets.use(reset.id))
          throw new AppError('CONFLICT', 'This reset link was used already.', { reason: 'reset_link_used' });
        sqlite
          .prepare('UPDATE users SET password_hash = @hash WHERE id = @userId')
          .run({ hash: newHash, userId: user.id });
        const revoked = sessions.revokeForUser(user.id, 'password_reset');
        for (const { tenantId } of organisations) {
          ctx.audit({
            tenantId,
            actorId: user.id,
            actorName: user.name,
            action: 'auth.password_reset',
            targetType: 'user',
            targetId: user.id,
            details: { sessionsEnded: revoked.length },
          });
        }
        return revoked;
      });
      // the person proved they own the address: earlier failed sign-ins are forgiven
      throttle.recordSuccess(user.email);
      for (const sessionId of ended) {
        events.emit('session.ended', { reason: 'revoked' }, { kind: 'session', sessionId });
      }
      return { ok: true as const };
    },
  };
}
