import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import { roleAtLeast, type Role } from '../../contract';
import { lacksRequiredTwoFactorSql } from './two-factor/setting';
import type { Clock } from '../lib/clock';
import { randomToken, sha256Hex } from '../lib/crypto';
import { isDiskFull } from '../lib/disk-full';
import type { ResolvedSession } from '../context';

export type { ResolvedSession };

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 60 * 60 * 1000,
  absoluteMs: 24 * 60 * 60 * 1000,
};

interface SessionRow {
  id: string;
  user_id: string;
  tenant_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
  email: string;
  name: string;
  is_platform_admin: number;
  role: Role | null;
  member_status: string | null;
  /** The tenant requires a second factor and the user has none. */
  lacks_two_factor: number;
}

/** Touching last_seen_at on every call would make every read a write; a minute's precision is enough. */
const touchGranularityMs = 60 * 1000;

export class SessionService {
  private readonly byHash;
  private readonly touch;
  private readonly insert;
  private readonly revokeOne;
  private readonly liveForUser;
  private readonly current;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    readonly policy: SessionPolicy = defaultSessionPolicy,
  ) {
    this.byHash = sqlite.prepare<[string], SessionRow>(
      `SELECT s.id, s.user_id, s.tenant_id, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at,
              u.email, u.name, u.is_platform_admin, m.role, m.status AS member_status,
              ${lacksRequiredTwoFactorSql('s.tenant_id', 's.user_id')} AS lacks_two_factor
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
        WHERE s.token_hash = ?`,
    );
    this.touch = sqlite.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
    this.insert = sqlite.prepare(
      `INSERT INTO sessions (id, token_hash, user_id, tenant_id, created_at, last_seen_at, expires_at, ip, user_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.revokeOne = sqlite.prepare(
      'UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL',
    );
    this.liveForUser = sqlite.prepare<[string, number], { id: string; tenant_id: string }>(
      'SELECT id, tenant_id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?',
    );
    this.current = sqlite.prepare<
      [string],
      { tenant_id: string; revoked_at: number | null; expires_at: number; held_back: number }
    >(
      `SELECT s.tenant_id, s.revoked_at, s.expires_at,
              (t.status = 'suspended' AND u.is_platform_admin = 0) AS held_back
         FROM sessions s JOIN tenants t ON t.id = s.tenant_id JOIN users u ON u.id = s.user_id
        WHERE s.id = ?`,
    );
  }

  create(input: { userId: string; tenantId: string; ip?: string | null; userAgent?: string | null }): string {
    const token = randomToken(32);
    const now = this.clock.now();
    this.insert.run(
      uuidv7(now),
      sha256Hex(token),
      input.userId,
      input.tenantId,
      now,
      now,
      now + this.policy.absoluteMs,
      input.ip ?? null,
      input.userAgent?.slice(0, 300) ?? null,
    );
    return token;
  }

  /** The live session behind a token, or null when it is unknown, revoked, expired or idle too long. */
  resolve(token: string): ResolvedSession | null {
    if (token.length < 20 || token.length > 100) return null;
    const row = this.byHash.get(sha256Hex(token));
    if (!row || row.revoked_at !== null) return null;
    const now = this.clock.now();
    if (now >= row.expires_at) return null;
    if (now - row.last_seen_at >= this.policy.idleMs) {
      try {
        this.revokeOne.run(now, 'idle', row.id);
      } catch (error) {
        // idle is idle whether or not the disk has room to note it
        if (!isDiskFull(error)) throw error;
      }
      return null;
    }
    const isPlatformAdmin = row.is_platform_admin === 1;
    let role: Role;
    if (isPlatformAdmin) role = 'owner';
    else if (row.role && row.member_status === 'active') role = row.role;
    else return null;
    if (now - row.last_seen_at >= touchGranularityMs) {
      try {
        this.touch.run(now, row.id);
      } catch (error) {
        // a full disk must not turn every read into a failure: the touch waits for the next call
        if (!isDiskFull(error)) throw error;
      }
    }
    return {
      id: row.id,
      userId: row.user_id,
      tenantId: row.tenant_id,
      email: row.email,
      name: row.name,
      isPlatformAdmin,
      role,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      mustEnrolTwoFactor: row.lacks_two_factor === 1 && roleAtLeast(role, 'admin'),
    };
  }

  /**
   * The tenant a live session is bound to now, for routing events; null once it has ended, and
   * while its organisation is suspended (its members hear nothing of it; a platform admin does).
   */
  boundTenant(sessionId: string): string | null {
    const row = this.current.get(sessionId);
    if (!row || row.revoked_at !== null || row.expires_at <= this.clock.now()) return null;
    if (row.held_back === 1) return null;
    return row.tenant_id;
  }

  revoke(sessionId: string, reason: string): boolean {
    return this.revokeOne.run(this.clock.now(), reason, sessionId).changes > 0;
  }

  /** Ends the user's sessions (optionally only those bound to one tenant); answers their ids. */
  revokeForUser(userId: string, reason: string, tenantId?: string): string[] {
    const now = this.clock.now();
    const live = this.liveForUser.all(userId, now).filter((s) => !tenantId || s.tenant_id === tenantId);
    this.sqlite.transaction(() => {
      for (const session of live) this.revokeOne.run(now, reason, session.id);
    })();
    return live.map((s) => s.id);
  }

  /** Ends every session of the user but `keepSessionId` (a password change); answers their ids. */
  revokeOthersOfUser(userId: string, keepSessionId: string, reason: string): string[] {
    const now = this.clock.now();
    const live = this.liveForUser.all(userId, now).filter((s) => s.id !== keepSessionId);
    this.sqlite.transaction(() => {
      for (const session of live) this.revokeOne.run(now, reason, session.id);
    })();
    return live.map((s) => s.id);
  }

  /** Ends every live session bound to a tenant (one that is being deleted); answers their ids. */
  revokeForTenant(tenantId: string, reason: string): string[] {
    const now = this.clock.now();
    const live = this.sqlite
      .prepare<{ tenantId: string; now: number }, { id: string }>(
        'SELECT id FROM sessions WHERE tenant_id = @tenantId AND revoked_at IS NULL AND expires_at > @now',
      )
      .all({ tenantId, now });
    this.sqlite.transaction(() => {
      for (const session of live) this.revokeOne.run(now, reason, session.id);
    })();
    return live.map((s) => s.id);
  }

  bindTenant(sessionId: string, tenantId: string): void {
    this.sqlite.prepare('UPDATE sessions SET tenant_id = ? WHERE id = ?').run(tenantId, sessionId);
  }
}
