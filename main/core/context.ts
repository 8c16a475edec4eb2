import type { z } from 'zod';
import type { TenantRows } from '../../db';
import type { MethodName, MethodOutput, Methods, Role } from '../contract';

/**
 * What a call and a handler are. This file knows no domain: the domains build on it, and each
 * domain's handler factory receives the services it uses (see handlers.ts, the composition).
 */

/** Who is calling: a signed-in session (or an API key acting like one) bound to one tenant. */
export interface ResolvedSession {
  id: string;
  userId: string;
  tenantId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  /** The effective role in the bound tenant; platform admins act as owners everywhere. */
  role: Role;
  createdAt: number;
  expiresAt: number;
  /**
   * The tenant requires two-factor sign-in of its admins and owners and this one has not set it up:
   * dispatch allows only what enrolment needs until they do.
   */
  mustEnrolTwoFactor?: boolean;
}

/** One audit entry as the audit log stores it. */
export interface AuditInput {
  tenantId: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Who sends a request, as far as rate limits and usage signals need to know (Core.guard.identify). */
export type CallerIdentity =
  | { kind: 'apiKey'; keyId: string; tenantId: string; rateLimitPerMinute: number | null }
  | { kind: 'session'; sessionId: string; tenantId: string }
  | { kind: 'anonymous' };

/** Where a call comes from; hosts fill it in, the core never trusts anything else. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'cli' | 'internal';
  sessionToken?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Set by the served host for REST API v1 calls (runs started there are "api" runs). */
  origin?: 'rest';
  /** The `Authorization: Bearer mf_live_...` key of a REST API v1 call; dispatch resolves it. */
  apiKey?: string;
  /** The device cookie the host got with `auth.login` (see HostGuard.deviceCookieFor); only the throttle reads it. */
  deviceToken?: string | null;
  /** What Core.guard.identify answered for this request's `apiKey`: the key is not authenticated twice. */
  identity?: CallerIdentity;
}

export type PendingAudit = Omit<AuditInput, 'tenantId' | 'actorId' | 'actorName' | 'ip'> &
  Partial<Pick<AuditInput, 'tenantId' | 'actorId' | 'actorName'>>;

export type SessionChange = { type: 'set'; token: string } | { type: 'clear' };

export interface HandlerContext {
  readonly call: CallContext;
  /** The caller's session; throws UNAUTHENTICATED on a public method called without one. */
  auth(): ResolvedSession;
  /** Tenant-owned data of the caller's bound tenant. */
  tenantRows(): TenantRows;
  /** Records an audit entry when the call succeeds (in the caller's tenant unless one is given). */
  audit(entry: PendingAudit): void;
  /** Records an audit entry now, whatever happens to the call (failed sign-ins). */
  auditNow(entry: PendingAudit & { tenantId: string }): void;
  /** Says the handler's service wrote the audit entries itself (so they keep their order). */
  markAudited(): void;
  /**
   * Runs `work` in one transaction and writes the audit entries recorded so far inside it, so the
   * change and its entry commit together. For writes an asynchronous handler makes after an await
   * (a synchronous handler's writes are already in such a transaction).
   */
  atomically<T>(work: () => T): T;
  setSession(token: string): void;
  clearSession(): void;
}

export type MethodInputParsed<M extends MethodName> = z.output<Methods[M]['input']>;

export type Handler<M extends MethodName> = (
  input: MethodInputParsed<M>,
  ctx: HandlerContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap = { [M in MethodName]: Handler<M> };
