import type { SessionService } from '../sessions';
import { toDataURL } from 'qrcode';
import type { HandlerContext, HandlerMap } from '../../context';
import { AppError, conflict, forbidden } from '../../lib/errors';
import {
  activeTenantsOf,
  announceCredentialChange,
  assertMayChangeCredentials,
} from '../../users/credentials';
import { getMember } from '../../users/service';
import { verifyPassword } from '../passwords';
import {
  checkSecondFactor,
  disable,
  enable,
  hasTwoFactor,
  pendingSecretKey,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  splitSecondFactor,
  twoFactorOf,
  twoFactorRequiredFor,
  type TwoFactorDeps,
} from './service';
import type { LoginThrottle } from '../throttle';
import type { CredentialDeps } from '../../users/credentials';
import { groupKey, matchingStep, newSecretBase32, totpFor } from './totp';

const wrongCode = () =>
  new AppError('VALIDATION', 'The code is not correct. Check the time on your phone and try again.', {
    field: 'code',
    reason: 'wrong_code',
  });

/**
 * Password and second factor before a change to two-factor sign-in itself, counted by the sign-in
 * throttle: a stolen session cannot guess its way to turning the protection off.
 */
async function confirmIdentity(
  deps: TwoFactorDeps & { throttle: LoginThrottle },
  ctx: HandlerContext,
  password: string,
  code: string,
): Promise<'ok' | 'ok-recovery'> {
  const session = ctx.auth();
  const { throttle, sqlite } = deps;
  const ip = ctx.call.ip ?? null;
  const waitMs = throttle.waitMs(session.email, ip);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError('RATE_LIMITED', `Too many failed attempts. Try again in ${seconds} seconds.`, {
      retryAfterSeconds: seconds,
    });
  }
  const row = sqlite
    .prepare<[string], { password_hash: string | null }>('SELECT password_hash FROM users WHERE id = ?')
    .get(session.userId);
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, password))) {
    throttle.recordFailure(session.email, ip);
    throw new AppError('VALIDATION', 'The password is not correct.', {
      field: 'password',
      reason: 'wrong_password',
    });
  }
  if (!hasTwoFactor(sqlite, session.userId))
    throw conflict('Two-factor sign-in is not on.', 'two_factor_off');
  const result = checkSecondFactor(deps, session.userId, splitSecondFactor(code));
  if (result === 'ok' || result === 'ok-recovery') return result;
  throttle.recordFailure(session.email, ip);
  throw wrongCode();
}

export interface TwoFactorHandlerDeps extends TwoFactorDeps, CredentialDeps {
  sessions: SessionService;
  throttle: LoginThrottle;
}

export function twoFactorHandlers(
  deps: TwoFactorHandlerDeps,
): Pick<
  HandlerMap,
  | 'auth.totpBegin'
  | 'auth.totpConfirm'
  | 'auth.totpDisable'
  | 'auth.recoveryCodes'
  | 'auth.twoFactorStatus'
  | 'users.resetTwoFactor'
> {
  const { sqlite, clock, events, sessions, secrets } = deps;
  return {
    'auth.totpBegin': async (_input, ctx) => {
      const session = ctx.auth();
      if (hasTwoFactor(sqlite, session.userId)) {
        throw conflict(
          'Two-factor sign-in is already on. Turn it off first to move it to another app.',
          'two_factor_already_on',
        );
      }
      const secret = newSecretBase32();
      secrets.set(pendingSecretKey(session.userId), secret);
      const uri = totpFor(secret, session.email).toString();
      const qrDataUrl = await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
      ctx.audit({ action: 'auth.two_factor_setup_started', targetType: 'user', targetId: session.userId });
      return { uri, qrDataUrl, manualKey: groupKey(secret) };
    },

    'auth.totpConfirm': (input, ctx) => {
      const session = ctx.auth();
      if (hasTwoFactor(sqlite, session.userId))
        throw conflict('Two-factor sign-in is already on.', 'two_factor_already_on');
      const pending = secrets.get(pendingSecretKey(session.userId));
      if (!pending)
        throw conflict(
          'Start the set-up again: there is no new authenticator key waiting.',
          'two_factor_setup_expired',
        );
      const step = matchingStep(pending, input.code, clock.now(), null);
      if (step === null) throw wrongCode();
      const recoveryCodes = enable(deps, session.userId, pending, step);
      ctx.audit({ action: 'auth.two_factor_enabled', targetType: 'user', targetId: session.userId });
      return { recoveryCodes };
    },

    'auth.totpDisable': async (input, ctx) => {
      const session = ctx.auth();
      await confirmIdentity(deps, ctx, input.password, input.code);
      return ctx.atomically(() => {
        disable(deps, session.userId);
        ctx.audit({ action: 'auth.two_factor_disabled', targetType: 'user', targetId: session.userId });
        return { ok: true as const };
      });
    },

    'auth.recoveryCodes': async (input, ctx) => {
      const session = ctx.auth();
      await confirmIdentity(deps, ctx, input.password, input.code);
      return ctx.atomically(() => {
        const recoveryCodes = replaceRecoveryCodes(deps, session.userId);
        ctx.audit({ action: 'auth.recovery_codes_replaced', targetType: 'user', targetId: session.userId });
        return { recoveryCodes };
      });
    },

    'auth.twoFactorStatus': (_input, ctx) => {
      const session = ctx.auth();
      const row = twoFactorOf(sqlite, session.userId);
      return {
        enabled: row !== null,
        required: twoFactorRequiredFor(sqlite, session.tenantId, session.role),
        enabledAt: row?.enabled_at ?? null,
        recoveryCodesLeft: row ? recoveryCodesLeft(sqlite, session.userId) : 0,
      };
    },

    'users.resetTwoFactor': (input, ctx) => {
      const actor = ctx.auth();
      const rows = ctx.tenantRows();
      const target = getMember(rows, input.userId);
      if (actor.userId === target.userId) {
        throw forbidden(
          'You cannot reset your own two-factor sign-in. Turn it off under Account security.',
          'two_factor_reset_own',
        );
      }
      // the account may be another organisation's too: only its sole organisation, or a platform admin
      const authority = assertMayChangeCredentials(sqlite, actor, target);
      const tenantIds = activeTenantsOf(sqlite, target.userId);
      if (!disable(deps, target.userId))
        throw conflict('This member does not use two-factor sign-in.', 'member_two_factor_off');
      // told first, so the devices they are signed in on still show it before their sessions end
      announceCredentialChange(deps, ctx, { kind: 'two_factor_reset', target, actor, authority, tenantIds });
      // whoever had the second factor may be signed in as them: their sessions end as well (a platform
      // admin's reset ends them everywhere; an organisation's, which is all the account has, here)
      const ended = sessions.revokeForUser(
        target.userId,
        'two_factor_reset',
        authority === 'platform' ? undefined : rows.tenantId,
      );
      for (const sessionId of ended) {
        events.emit('session.ended', { reason: 'revoked' }, { kind: 'session', sessionId });
      }
      ctx.audit({
        action: 'users.two_factor_reset',
        targetType: 'user',
        targetId: target.userId,
        details: { email: target.email, sessionsEnded: ended.length },
      });
      events.emit('members.changed', { userId: target.userId }, { kind: 'tenant', tenantId: rows.tenantId });
      return getMember(rows, target.userId);
    },
  };
}
