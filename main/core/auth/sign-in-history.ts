import type Database from 'better-sqlite3';

/**
 * What other domains (the security monitor's threat detection) may ask about sign-ins: failed
 * attempts (login_failures, kept by the throttle) and earlier sessions. The auth domain owns these
 * tables; nobody else writes SQL on them.
 */
export interface SignInHistory {
  /** Failed sign-ins of an account (by e-mail) after `since`. */
  failuresOfEmailSince(email: string, since: number): number;
  /** How many distinct accounts failed to sign in from an address after `since`, and how often. */
  failuresFromIpSince(ip: string, since: number): { accounts: number; failures: number };
  /** Address and browser of the user's newest sessions (at most 500), ended ones included. */
  priorSessions(userId: string): { ip: string | null; userAgent: string | null }[];
}

export function signInHistory(sqlite: Database.Database): SignInHistory {
  const failuresOfEmail = sqlite.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM login_failures WHERE email = ? AND at > ?',
  );
  const accountsFromIp = sqlite.prepare<[string, number], { accounts: number; failures: number }>(
    'SELECT count(DISTINCT email) AS accounts, count(*) AS failures FROM login_failures WHERE ip = ? AND at > ?',
  );
  const priorSessions = sqlite.prepare<[string], { ip: string | null; user_agent: string | null }>(
    'SELECT ip, user_agent FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 500',
  );
  return {
    failuresOfEmailSince: (email, since) => failuresOfEmail.get(email, since)!.n,
    failuresFromIpSince: (ip, since) => accountsFromIp.get(ip, since)!,
    priorSessions: (userId) =>
      priorSessions.all(userId).map((row) => ({ ip: row.ip, userAgent: row.user_agent })),
  };
}

/** A session that has not ended, as the session lists show it. */
export interface LiveSessionRow {
  id: string;
  user_id: string;
  tenant_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

/**
 * Sessions not revoked, expired or idle since `idleSince`, newest use first (at most 200): one
 * session, a user's, or a user's bound to one tenant.
 */
export function liveSessions(
  sqlite: Database.Database,
  filter: { sessionId: string } | { userId: string; tenantId?: string },
  now: number,
  idleSince: number,
): LiveSessionRow[] {
  const [where, params] =
    'sessionId' in filter
      ? ['id = ?', [filter.sessionId]]
      : filter.tenantId === undefined
        ? ['user_id = ?', [filter.userId]]
        : ['user_id = ? AND tenant_id = ?', [filter.userId, filter.tenantId]];
  return sqlite
    .prepare<(string | number)[], LiveSessionRow>(
      `SELECT id, user_id, tenant_id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions
        WHERE ${where} AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?
        ORDER BY last_seen_at DESC LIMIT 200`,
    )
    .all(...params, now, idleSince);
}
