import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';

const hour = 60 * 60 * 1000;

export interface ThrottlePolicy {
  /** Failures within the window before delays start. */
  freeFailures: number;
  /** The delay doubles with each failure past the free ones, up to this. */
  maxDelayMs: number;
  /** Hard ceiling of failures per account per hour. */
  maxFailuresPerHour: number;
  /** Failures from one address (over all accounts) per hour before it is slowed down. */
  maxFailuresPerIpPerHour: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailures: 5,
  maxDelayMs: 15 * 60 * 1000,
  maxFailuresPerHour: 100,
  maxFailuresPerIpPerHour: 200,
};

/**
 * Progressive delay and lockout for password checks, per account (e-mail, whether or not it
 * exists, so the answer reveals nothing) and per address.
 */
export class LoginThrottle {
  private readonly byEmail;
  private readonly byIp;
  private readonly insert;
  private readonly clearEmail;
  private readonly prune;

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly policy: ThrottlePolicy = defaultThrottlePolicy,
  ) {
    this.byEmail = sqlite.prepare<[string, number], { n: number; first: number | null; last: number | null }>(
      'SELECT count(*) AS n, min(at) AS first, max(at) AS last FROM login_failures WHERE email = ? AND at > ?',
    );
    this.byIp = sqlite.prepare<[string, number], { n: number; first: number | null }>(
      'SELECT count(*) AS n, min(at) AS first FROM login_failures WHERE ip = ? AND at > ?',
    );
    this.insert = sqlite.prepare('INSERT INTO login_failures (email, ip, at) VALUES (?, ?, ?)');
    this.clearEmail = sqlite.prepare('DELETE FROM login_failures WHERE email = ?');
    this.prune = sqlite.prepare('DELETE FROM login_failures WHERE at < ?');
  }

  /** Milliseconds the caller must still wait before another attempt is checked; 0 when allowed. */
  waitMs(email: string, ip: string | null): number {
    const now = this.clock.now();
    const since = now - hour;
    const account = this.byEmail.get(email, since)!;
    let wait = 0;
    if (account.n >= this.policy.maxFailuresPerHour && account.first !== null) {
      wait = account.first + hour - now;
    } else if (account.n >= this.policy.freeFailures && account.last !== null) {
      const delay = Math.min(2 ** (account.n - this.policy.freeFailures) * 1000, this.policy.maxDelayMs);
      wait = account.last + delay - now;
    }
    if (ip) {
      const address = this.byIp.get(ip, since)!;
      if (address.n >= this.policy.maxFailuresPerIpPerHour && address.first !== null) {
        wait = Math.max(wait, address.first + hour - now);
      }
    }
    return Math.max(0, wait);
  }

  recordFailure(email: string, ip: string | null): void {
    const now = this.clock.now();
    this.insert.run(email, ip, now);
    this.prune.run(now - 24 * hour);
  }

  recordSuccess(email: string): void {
    this.clearEmail.run(email);
  }
}
