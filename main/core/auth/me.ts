import { asc, eq } from 'drizzle-orm';
import { schema } from '../../../db';
import { isLanguage, type Language, type Me, type TenantSummary } from '../../contract';
import type Database from 'better-sqlite3';
import type { AppDb } from '../../../db';
import type { SessionService } from './sessions';
import { hmacBase64Url } from '../lib/crypto';
import { AppError } from '../lib/errors';
import type { ResolvedSession } from './sessions';
import { hasTwoFactor, twoFactorRequiredFor } from './two-factor/service';

/** What signing in and describing the caller use. */
export interface SessionDeps {
  sqlite: Database.Database;
  system: AppDb;
  sessions: SessionService;
}

/** The CSRF token of a session: derived from its bearer token, so nothing more is stored. */
export function csrfTokenFor(sessionToken: string): string {
  return hmacBase64Url(sessionToken, 'mindframe-csrf-v1');
}

/** Tenants the user may bind a session to: their active memberships, or every tenant for a platform admin. */
export function tenantsOf(services: SessionDeps, userId: string, isPlatformAdmin: boolean): TenantSummary[] {
  const { tenants, memberships } = schema;
  if (isPlatformAdmin) {
    return services.system
      .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, status: tenants.status })
      .from(tenants)
      .orderBy(asc(tenants.name))
      .all()
      .map((t) => ({ ...t, role: 'owner' as const }));
  }
  return services.system
    .select({
      id: tenants.id,
      name: tenants.name,
      slug: tenants.slug,
      status: tenants.status,
      role: memberships.role,
      memberStatus: memberships.status,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name))
    .all()
    .filter((t) => t.memberStatus === 'active')
    .map(({ memberStatus: _status, ...t }) => t);
}

export function buildMe(services: SessionDeps, session: ResolvedSession, sessionToken: string): Me {
  const tenantsList = tenantsOf(services, session.userId, session.isPlatformAdmin);
  const tenant = tenantsList.find((t) => t.id === session.tenantId);
  if (!tenant)
    throw new AppError('UNAUTHENTICATED', 'Your session is no longer valid. Please sign in again.');
  return {
    user: {
      id: session.userId,
      email: session.email,
      name: session.name,
      isPlatformAdmin: session.isPlatformAdmin,
    },
    tenant,
    role: session.role,
    tenants: tenantsList,
    csrfToken: csrfTokenFor(sessionToken),
    sessionExpiresAt: session.expiresAt,
    twoFactor: {
      enabled: hasTwoFactor(services.sqlite, session.userId),
      required: twoFactorRequiredFor(services.sqlite, session.tenantId, session.role),
    },
    language: savedLanguage(services.sqlite, session.userId),
  };
}

/** The language a user chose in the app, or null. */
export function savedLanguage(sqlite: Database.Database, userId: string): Language | null {
  const row = sqlite.prepare('SELECT language FROM users WHERE id = @userId').get({ userId }) as
    { language: string | null } | undefined;
  return isLanguage(row?.language) ? row.language : null;
}

/** Starts a session and answers the caller's Me; the host turns the token into a cookie or keeps it. */
export function startSession(
  services: SessionDeps,
  ctx: { call: { ip?: string | null; userAgent?: string | null }; setSession(token: string): void },
  userId: string,
  tenantId: string,
): Me {
  const token = services.sessions.create({
    userId,
    tenantId,
    ip: ctx.call.ip,
    userAgent: ctx.call.userAgent,
  });
  const session = services.sessions.resolve(token);
  if (!session) throw new AppError('INTERNAL', 'The new session could not be read back.');
  ctx.setSession(token);
  return buildMe(services, session, token);
}
