import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import { safeEqual, sha256Hex } from '../lib/crypto';
import type { SecretStore } from '../secrets/secret-store';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

export interface ThrottlePolicy {
  /** Failures within the window before delays start. */
  freeFailures: number;
  /** The delay doubles with each failure past the free ones, up to this. */
  maxDelayMs: number;
  /** Hard ceiling of failures per account (or per account on one trusted device) per hour. */
  maxFailuresPerHour: number;
  /** Failures from one address (over all accounts) per hour before it is slowed down. */
  maxFailuresPerIpPerHour: number;
  /** How long a device stays trusted after a sign-in from it. */
  deviceTrustMs: number;
  /** "Forgot password" requests per address per hour (known or not: the answer is the same). */
  resetsPerAddressPerHour?: number;
  /** "Forgot password" requests from one IP address per hour (over all addresses). */
  resetsPerIpPerHour?: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailures: 5,
  maxDelayMs: 15 * 60 * 1000,
  maxFailuresPerHour: 100,
  maxFailuresPerIpPerHour: 200,
  deviceTrustMs: 180 * day,
};

/** Device tokens kept in one cookie (one per account signed in from the browser). */
const maxDeviceTokens = 5;
const deviceKeyName = 'auth.deviceTokenKey';
/**
 * "Forgot password" requests are kept beside the failed sign-ins with this in place of a device
 * (a device is a 64-hex hash, so the two never meet): sign-in counts leave them out.
 */
const resetRequestMarker = 'password_reset_request';
const tokenPattern = /^v1\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * Progressive delay and lockout for password checks (OWASP ASVS V2.2.1), per account and source.
 *
 * An attempt from an unknown source counts against the account as a whole (its e-mail, whether or
 * not it exists, so the answer reveals nothing) and against its address. An attempt that brings a
 * device token the account received at an earlier sign-in (the host keeps it in an HttpOnly cookie)
 * counts only against that device: an attacker elsewhere can slow down and lock out strangers, but
 * not the owner at a browser they have signed in from before ("device cookies", OWASP). A device
 * token is not a credential; it only decides whose failures an attempt is counted with.
 */
export class LoginThrottle {
  private readonly untrusted;
  private readonly onDevice;
  private readonly byIp;
  private readonly insert;
  private readonly clearUntrusted;
  private readonly clearDevice;
  private readonly prune;
  private readonly resetsOfAddress;
  private readonly resetsOfIp;
  private key: Buffer | null = null;

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly policy: ThrottlePolicy = defaultThrottlePolicy,
    /** Holds the key that signs device tokens; without one, no device is trusted. */
    private readonly secrets: SecretStore | null = null,
  ) {
    this.untrusted = sqlite.prepare<
      [string, number],
      { n: number; first: number | null; last: number | null }
    >(
      'SELECT count(*) AS n, min(at) AS first, max(at) AS last FROM login_failures WHERE email = ? AND device IS NULL AND at > ?',
    );
    this.onDevice = sqlite.prepare<
      [string, string, number],
      { n: number; first: number | null; last: number | null }
    >(
      'SELECT count(*) AS n, min(at) AS first, max(at) AS last FROM login_failures WHERE device = ? AND email = ? AND at > ?',
    );
    this.byIp = sqlite.prepare<[string, number], { n: number; first: number | null }>(
      'SELECT count(*) AS n, min(at) AS first FROM login_failures WHERE ip = ? AND device IS NULL AND at > ?',
    );
    this.insert = sqlite.prepare('INSERT INTO login_failures (email, ip, device, at) VALUES (?, ?, ?, ?)');
    this.clearUntrusted = sqlite.prepare('DELETE FROM login_failures WHERE email = ? AND device IS NULL');
    this.clearDevice = sqlite.prepare('DELETE FROM login_failures WHERE email = ? AND device = ?');
    this.prune = sqlite.prepare('DELETE FROM login_failures WHERE at < ?');
    this.resetsOfAddress = sqlite.prepare<[string, string, number], { n: number; first: number | null }>(
      'SELECT count(*) AS n, min(at) AS first FROM login_failures WHERE device = ? AND email = ? AND at > ?',
    );
    this.resetsOfIp = sqlite.prepare<[string, string, number], { n: number; first: number | null }>(
      'SELECT count(*) AS n, min(at) AS first FROM login_failures WHERE device = ? AND ip = ? AND at > ?',
    );
  }

  /**
   * Milliseconds before another "forgot password" request for `email` (from `ip`) is taken; 0 when
   * allowed. Counted per address and per IP, whether or not the address has an account.
   */
  resetRequestWaitMs(email: string, ip: string | null): number {
    const now = this.clock.now();
    const since = now - hour;
    let wait = 0;
    const ofAddress = this.resetsOfAddress.get(resetRequestMarker, email, since)!;
    if (ofAddress.n >= (this.policy.resetsPerAddressPerHour ?? 3) && ofAddress.first !== null)
      wait = ofAddress.first + hour - now;
    if (ip) {
      const ofIp = this.resetsOfIp.get(resetRequestMarker, ip, since)!;
      if (ofIp.n >= (this.policy.resetsPerIpPerHour ?? 20) && ofIp.first !== null)
        wait = Math.max(wait, ofIp.first + hour - now);
    }
    return Math.max(0, wait);
  }

  recordResetRequest(email: string, ip: string | null): void {
    const now = this.clock.now();
    this.insert.run(email, ip, resetRequestMarker, now);
    this.prune.run(now - 24 * hour);
  }

  /**
   * Milliseconds the caller must still wait before another attempt is checked; 0 when allowed.
   * `device` is what trustedDevice() answered for the attempt's device token (null: unknown source).
   */
  waitMs(email: string, ip: string | null, device: string | null = null): number {
    const now = this.clock.now();
    const since = now - hour;
    const failures = device ? this.onDevice.get(device, email, since)! : this.untrusted.get(email, since)!;
    let wait = 0;
    if (failures.n >= this.policy.maxFailuresPerHour && failures.first !== null) {
      wait = failures.first + hour - now;
    } else if (failures.n >= this.policy.freeFailures && failures.last !== null) {
      const delay = Math.min(2 ** (failures.n - this.policy.freeFailures) * 1000, this.policy.maxDelayMs);
      wait = failures.last + delay - now;
    }
    // a trusted device is not held back by what strangers behind the same address did
    if (ip && !device) {
      const address = this.byIp.get(ip, since)!;
      if (address.n >= this.policy.maxFailuresPerIpPerHour && address.first !== null) {
        wait = Math.max(wait, address.first + hour - now);
      }
    }
    return Math.max(0, wait);
  }

  recordFailure(email: string, ip: string | null, device: string | null = null): void {
    const now = this.clock.now();
    this.insert.run(email, ip, device, now);
    this.prune.run(now - 24 * hour);
  }

  /** A successful sign-in forgives the failures of its own source only. */
  recordSuccess(email: string, device: string | null = null): void {
    if (device) this.clearDevice.run(email, device);
    else this.clearUntrusted.run(email);
  }

  // ------------------------------------------------------------------ device tokens

  /** The key that signs device tokens; null (no device trusted, nothing fails) when the store cannot give one. */
  private signingKey(): Buffer | null {
    if (this.key || !this.secrets) return this.key;
    try {
      let stored = this.secrets.get(deviceKeyName);
      if (!stored) {
        stored = randomBytes(32).toString('base64url');
        this.secrets.set(deviceKeyName, stored);
      }
      this.key = Buffer.from(stored, 'base64url');
    } catch {
      return null;
    }
    return this.key;
  }

  private signature(key: Buffer, email: string, issued: string, nonce: string): string {
    return createHmac('sha256', key)
      .update(`mindframe-device-v1:${email}:${issued}:${nonce}`)
      .digest('base64url');
  }

  /** The tokens of a device cookie that are well-formed and not too old (not checked against any account). */
  private tokensOf(cookie: string | null | undefined): string[] {
    if (!cookie || cookie.length > 2000) return [];
    const now = this.clock.now();
    return cookie.split('~').filter((token) => {
      const match = tokenPattern.exec(token);
      if (!match) return false;
      const issued = parseInt(match[1]!, 36);
      return issued <= now + 60_000 && now - issued < this.policy.deviceTrustMs;
    });
  }

  private validFor(token: string, email: string, key: Buffer): boolean {
    const [, issued, nonce, signature] = tokenPattern.exec(token)!;
    return safeEqual(signature!, this.signature(key, email, issued!, nonce!));
  }

  /**
   * The device an attempt comes from, when its device cookie holds a token issued to this account
   * (the SHA-256 of that token, as login_failures keeps it); null for an unknown source.
   */
  trustedDevice(cookie: string | null | undefined, email: string): string | null {
    const key = this.signingKey();
    if (!key) return null;
    const token = this.tokensOf(cookie).find((candidate) => this.validFor(candidate, email, key));
    return token ? sha256Hex(token) : null;
  }

  /**
   * The device cookie to set after a sign-in of `email`: a fresh token for this account, and the
   * still-valid tokens of other accounts that signed in from the same browser. Null without a key.
   */
  deviceCookieAfterSignIn(email: string, previous: string | null | undefined): string | null {
    const key = this.signingKey();
    if (!key) return null;
    const issued = this.clock.now().toString(36);
    const nonce = randomBytes(16).toString('base64url');
    const fresh = `v1.${issued}.${nonce}.${this.signature(key, email, issued, nonce)}`;
    const others = this.tokensOf(previous).filter((token) => !this.validFor(token, email, key));
    return [...others.slice(-(maxDeviceTokens - 1)), fresh].join('~');
  }
}
