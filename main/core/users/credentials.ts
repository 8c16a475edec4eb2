import type { Member } from '../../contract';
import type { ResolvedSession } from '../auth/sessions';
import { uuidv7 } from '../../../db';
import type Database from 'better-sqlite3';
import type { HandlerContext } from '../context';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { NotifyService } from '../notify';
import type { SecurityMonitor } from '../security/security-monitor';
import type { NotifyMessage } from '../notify';
import { AppError } from '../lib/errors';
import { message as coreMessage } from '../lib/message';

/** What changing a person's sign-in details uses. */
export interface CredentialDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  notify: NotifyService;
  security: SecurityMonitor;
}

/**
 * Users are installation-wide: one account may be an owner in one organisation and a viewer (or
 * merely invited) in another. An organisation may change an account's credentials (its second
 * factor, its password, its sessions) only when it is the account's one and only active membership;
 * otherwise only a platform admin may. A pending invitation is not a membership.
 */
export type CredentialAuthority = 'tenant' | 'platform';

/** The active memberships of a user, in any tenant. */
export function activeTenantsOf(sqlite: Database.Database, userId: string): string[] {
  return sqlite
    .prepare<[string], { tenant_id: string }>(
      "SELECT tenant_id FROM memberships WHERE user_id = ? AND status = 'active' ORDER BY created_at",
    )
    .all(userId)
    .map((row) => row.tenant_id);
}

export function assertMayChangeCredentials(
  sqlite: Database.Database,
  actor: ResolvedSession,
  target: Member,
): CredentialAuthority {
  if (actor.isPlatformAdmin) return 'platform';
  const isPlatformAdmin =
    sqlite
      .prepare<[string], { is_platform_admin: number }>('SELECT is_platform_admin FROM users WHERE id = ?')
      .get(target.userId)?.is_platform_admin === 1;
  const tenants = activeTenantsOf(sqlite, target.userId);
  const onlyHere =
    target.status === 'active' && tenants.length === 1 && tenants[0] === actor.tenantId && !isPlatformAdmin;
  if (!onlyHere) {
    // one answer for every case, so it tells nothing about where else the account is used
    throw new AppError(
      'FORBIDDEN',
      "Only a platform administrator can change this person's sign-in: their account is not managed by this organisation alone.",
      { reason: 'credentials_not_managed_here' },
    );
  }
  return 'tenant';
}

export interface CredentialChange {
  kind: 'two_factor_reset';
  target: Member;
  actor: ResolvedSession;
  authority: CredentialAuthority;
  /** The target's active memberships before the change. */
  tenantIds: string[];
}

const titles: Record<CredentialChange['kind'], string> = {
  two_factor_reset: 'Your two-factor sign-in was turned off',
};

/**
 * Tells everyone who should know about a change to an account's credentials: a security event in
 * each organisation the account is active in (and the actor's), an audit entry in each of those
 * besides the actor's own (the handler writes that one), and the account holder by notification
 * in the app and by e-mail when an organisation of theirs has an SMTP server.
 */
export function announceCredentialChange(
  services: CredentialDeps,
  ctx: HandlerContext,
  change: CredentialChange,
): void {
  const { target, actor } = change;
  const tenants = [...new Set([...change.tenantIds, actor.tenantId])];
  for (const tenantId of tenants) {
    services.security.record({
      kind: change.kind,
      tenantId,
      ip: ctx.call.ip ?? null,
      userId: target.userId,
      details: {
        byUserId: actor.userId,
        byPlatformAdmin: actor.isPlatformAdmin,
        // the organisation it was done from, when it is not this one
        ...(tenantId !== actor.tenantId ? { fromOrganisation: true } : {}),
      },
    });
    if (tenantId !== actor.tenantId) {
      ctx.audit({
        tenantId,
        action: 'users.two_factor_reset',
        targetType: 'user',
        targetId: target.userId,
        details: { email: target.email, byPlatformAdmin: actor.isPlatformAdmin },
      });
    }
  }
  const email =
    services.sqlite
      .prepare<[string], { email: string }>('SELECT email FROM users WHERE id = ?')
      .get(target.userId)?.email ?? null;
  const who = change.authority === 'platform' ? 'A platform administrator' : 'An owner of your organisation';
  void tellAccountHolder(services, {
    userId: target.userId,
    email,
    // the account's own organisations first: the actor's may be one the person does not trust
    smtpTenantIds: [...change.tenantIds, actor.tenantId],
    message: {
      event: 'account.security',
      severity: 'SEV2',
      title: titles[change.kind],
      body: [
        `${who} (${actor.name}) turned off two-factor sign-in for your account ${email ?? ''}, and your sessions were ended.`,
        'You now sign in with your password alone. Set up two-factor sign-in again under Account.',
        'If you did not ask for this, tell your administrator at once.',
      ].join('\n\n'),
      titleMessage: coreMessage('notify.account.two_factor_reset_title'),
      bodyMessages: [
        coreMessage(
          change.authority === 'platform'
            ? 'notify.account.two_factor_reset_by_platform'
            : 'notify.account.two_factor_reset_by_owner',
          { actor: actor.name, email: email ?? '' },
        ),
        coreMessage('notify.account.two_factor_reset_next'),
        coreMessage('notify.account.not_you'),
      ],
      link: '#/account',
    },
  });
}

/**
 * A message to one person about their own account: in the app on every device they are signed in
 * on (whichever organisation), and by e-mail through the SMTP server of the first of the given
 * organisations that has one. Never throws.
 */
export async function tellAccountHolder(
  services: CredentialDeps,
  input: { userId: string; email: string | null; smtpTenantIds: string[]; message: NotifyMessage },
): Promise<void> {
  const { message } = input;
  const at = services.clock.now();
  try {
    services.events.emit(
      'notification',
      {
        id: uuidv7(at),
        event: message.event,
        severity: message.severity,
        title: message.title,
        body: message.body,
        titleMessage: message.titleMessage ?? null,
        bodyMessages: message.bodyMessages ?? [],
        link: message.link,
        at,
      },
      { kind: 'user', userId: input.userId },
    );
    const smtpTenant = input.smtpTenantIds.find((tenantId) => services.notify.smtp(tenantId) !== null);
    if (input.email && smtpTenant)
      await services.notify.notify(smtpTenant, message, { directEmails: [input.email] });
  } catch (error) {
    services.logger.error({ err: error, userId: input.userId }, 'account holder could not be told');
  }
}
