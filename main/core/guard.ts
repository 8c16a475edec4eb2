import type { ApiKeyCheck, ApiKeyService } from './api-keys/service';
import { csrfTokenFor } from './auth/me';
import type { SessionService } from './auth/sessions';
import type { LoginThrottle } from './auth/throttle';
import type { CallContext, CallerIdentity, ResolvedSession } from './context';
import type { Clock } from './lib/clock';
import type { Entitlements } from './billing/entitlements';
import { safeEqual } from './lib/crypto';
import type { SecurityMonitor, SecuritySignal } from './security/security-monitor';
import type { TrackPort } from './insight/tracker';

/**
 * What a host does before it dispatches a request: find out who is calling (once: the answer goes on
 * as CallContext.identity), check the CSRF token of a change, keep the IP allow-list, and report
 * security signals. A host sees this port, never a service.
 */
export interface HostGuard {
  /**
   * Authenticates an API key (or looks up a session) for the request's rate limit. Pass the answer
   * to dispatch as `CallContext.identity` with the same `apiKey`, and the key is not checked again.
   */
  identify(credentials: { apiKey?: string; sessionToken?: string | null; ip: string }): CallerIdentity;
  /**
   * A request of an API key has been answered: it counts as an insight `api.call` with its duration
   * in ms and its HTTP status (the six-sigma API latency process measures the durations).
   */
  answered(identity: CallerIdentity, facts: { ms: number; status: number }): void;
  /** Whether `sent` is the session's CSRF token; a missing or wrong one is reported as a security signal. */
  csrfValid(
    sessionToken: string,
    sent: unknown,
    where: { ip: string; details: Record<string, unknown> },
  ): boolean;
  csrfTokenFor(sessionToken: string): string;
  /**
   * After a sign-in (a session was set): the device cookie for the browser, so that later sign-ins
   * from it are throttled apart from strangers' (`previous`: the cookie it sent). Pass it back as
   * CallContext.deviceToken with auth.login.
   */
  deviceCookieFor(sessionToken: string, previous?: string | null): string | null;
  /** The installation's IP allow-list (loopback always passes). */
  ipAllowed(ip: string): boolean;
  /** Something the host saw that the security monitor should know of. */
  signal(signal: SecuritySignal): void;
  now(): number;
}

export interface GuardDeps {
  apiKeys: Pick<ApiKeyService, 'authenticate'>;
  sessions: Pick<SessionService, 'resolve'>;
  security: Pick<SecurityMonitor, 'record' | 'ipAllowed'>;
  throttle: Pick<LoginThrottle, 'deviceCookieAfterSignIn'>;
  clock: Clock;
  /** The organisation's plan: each key's requests per minute (limits.apiRequestsPerMinute; null: the default). */
  billing?: { entitlements: Pick<Entitlements, 'limit'> };
  /** Insight: each REST API v1 call with a working key is an `api.call` event of its tenant. */
  insight?: { tracker: TrackPort };
}

export interface Guard {
  guard: HostGuard;
  /**
   * For dispatch: the API key check of a call, made once. An identity the guard gave out for the
   * same key is used as it is; anything else (a forged or mismatched identity, an IPC call) is
   * authenticated here.
   */
  apiKeyCheck(call: CallContext): ApiKeyCheck;
  /** For dispatch: the session of a call, looked up once (as apiKeyCheck does for keys). */
  sessionOf(call: CallContext): ResolvedSession | null;
}

export function createGuard({
  apiKeys,
  sessions,
  security,
  throttle,
  clock,
  insight,
  billing,
}: GuardDeps): Guard {
  /** A key's own limit and its plan's: the lower one (null: the host's default). */
  const rateLimitOf = (tenantId: string, own: number | null): number | null => {
    const planned = billing?.entitlements.limit(tenantId, 'apiRequestsPerMinute') ?? null;
    if (own === null) return planned;
    return planned === null ? own : Math.min(own, planned);
  };
  /** identities handed out for API keys → the key and the check made for it */
  const checks = new WeakMap<object, { key: string; check: ApiKeyCheck }>();
  /** identities handed out for session cookies → the token and the session it resolved to */
  const seen = new WeakMap<object, { token: string; session: ResolvedSession }>();
  const guard: HostGuard = {
    answered(identity, { ms, status }) {
      const known = checks.get(identity);
      if (!known?.check.ok) return;
      const { tenantId, keyId } = known.check.principal;
      insight?.tracker.track(tenantId, {
        name: 'api.call',
        actor: `key:${keyId}`,
        source: 'api',
        props: { key: keyId, ms: Math.round(ms * 10) / 10, status },
      });
    },
    identify({ apiKey, sessionToken, ip }) {
      if (apiKey !== undefined) {
        const check = apiKeys.authenticate(apiKey, ip);
        const identity: CallerIdentity = check.ok
          ? {
              kind: 'apiKey',
              keyId: check.principal.keyId,
              tenantId: check.principal.tenantId,
              rateLimitPerMinute: rateLimitOf(check.principal.tenantId, check.principal.rateLimitPerMinute),
            }
          : { kind: 'anonymous' };
        checks.set(identity, { key: apiKey, check });
        return identity;
      }
      const session = sessionToken ? sessions.resolve(sessionToken) : null;
      if (!sessionToken || !session) return { kind: 'anonymous' };
      const identity: CallerIdentity = { kind: 'session', sessionId: session.id, tenantId: session.tenantId };
      seen.set(identity, { token: sessionToken, session });
      return identity;
    },
    csrfValid(sessionToken, sent, where) {
      if (typeof sent === 'string' && safeEqual(sent, csrfTokenFor(sessionToken))) return true;
      security.record({
        kind: 'csrf_failure',
        tenantId: null,
        ip: where.ip,
        details: { ...where.details, sent: typeof sent === 'string' },
      });
      return false;
    },
    csrfTokenFor,
    deviceCookieFor(sessionToken, previous) {
      const session = sessions.resolve(sessionToken);
      return session ? throttle.deviceCookieAfterSignIn(session.email, previous) : null;
    },
    ipAllowed: (ip) => security.ipAllowed(ip),
    signal: (signal) => security.record(signal),
    now: () => clock.now(),
  };
  return {
    guard,
    apiKeyCheck(call) {
      const known = call.identity ? checks.get(call.identity) : undefined;
      if (known && known.key === call.apiKey) return known.check;
      // Stryker disable next-line StringLiteral: equivalent: only called when call.apiKey is set
      return apiKeys.authenticate(call.apiKey ?? '', call.ip ?? null);
    },
    sessionOf(call) {
      if (!call.sessionToken) return null;
      const known = call.identity ? seen.get(call.identity) : undefined;
      if (known && known.token === call.sessionToken) return known.session;
      return sessions.resolve(call.sessionToken);
    },
  };
}
