import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import { apiKeyScopes, type ApiKeyScope, type ApiKeyStatus, type ApiKeySummary } from '../../contract';
import type { Clock } from '../lib/clock';
import { randomToken, safeEqual, sha256Hex } from '../lib/crypto';
import { lacksRequiredTwoFactorSql } from '../auth/two-factor/setting';

export const apiKeyPrefix = 'mf_live_';
const hourMs = 60 * 60 * 1000;
/** Writing last-used on every request would make every read a write; a minute is precise enough. */
const touchGranularityMs = 60 * 1000;
/** How long a checked key is remembered (real time) unless a key changes first. */
const recentMs = 5000;

interface KeyRow {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  scopes: string;
  rate_limit_per_minute: number | null;
  created_by: string | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  replaced_by: string | null;
  grace_until: number | null;
  last_used_at: number | null;
  last_used_ip: string | null;
}

interface AuthRow extends KeyRow {
  tenant_status: string;
  /** The tenant requires two-factor sign-in and the key's creator has not set it up. */
  creator_lacks_two_factor: number;
}

/** Who is calling with a valid key. */
export interface ApiKeyPrincipal {
  keyId: string;
  tenantId: string;
  name: string;
  scopes: ApiKeyScope[];
  createdBy: string | null;
  rateLimitPerMinute: number | null;
  /** Refused (two_factor_required) until its creator sets up the second factor the tenant requires. */
  mustEnrolTwoFactor: boolean;
}

export type ApiKeyCheck =
  | { ok: true; principal: ApiKeyPrincipal }
  | {
      ok: false;
      reason: 'malformed' | 'unknown' | 'revoked' | 'expired' | 'suspended';
      /** Known for a real key that no longer works (revoked or expired), for the security monitor. */
      tenantId?: string;
      keyId?: string;
    };

/** `mf_live_<id as 32 hex>_<secret>`: the id finds the row, the secret proves possession. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  // Stryker disable next-line all: spares the pattern below huge input; it refuses anything over 169 characters itself
  if (key.length > 200) return null;
  if (!key.startsWith(apiKeyPrefix)) return null;
  const rest = key.slice(apiKeyPrefix.length);
  const match = /^([0-9a-f]{32})_([A-Za-z0-9_-]{20,128})$/.exec(rest);
  if (!match) return null;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2]! };
}

const prefixOf = (id: string) => `${apiKeyPrefix}${id.replace(/-/g, '')}`;

function parseScopes(json: string): ApiKeyScope[] {
  const list = JSON.parse(json) as unknown;
  return Array.isArray(list)
    ? list.filter((s): s is ApiKeyScope => (apiKeyScopes as readonly string[]).includes(s as string))
    : [];
}

/** API keys of the REST API v1: only the SHA-256 of a key's secret is stored. */
export class ApiKeyService {
  private readonly byId;
  private readonly forAuth;
  private readonly listStmt;
  private readonly insert;
  private readonly touch;
  private readonly revokeStmt;
  private readonly replace;
  /**
   * Keys checked in the last few seconds (full key → its row), so a busy integration does not pay
   * the lookup and hash twice per request (host rate limit and dispatch). Any change to any key
   * empties it, so a revocation still takes effect at once.
   */
  private readonly recent = new Map<string, { row: AuthRow; checkedAt: number }>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
  ) {
    this.byId = sqlite.prepare<[string, string], KeyRow>(
      'SELECT * FROM api_keys WHERE tenant_id = ? AND id = ?',
    );
    this.forAuth = sqlite.prepare<[string], AuthRow>(
      `SELECT k.*, t.status AS tenant_status,
              ${lacksRequiredTwoFactorSql('k.tenant_id', 'k.created_by')}
                AS creator_lacks_two_factor
         FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.id = ?`,
    );
    this.listStmt = sqlite.prepare<[string], KeyRow>(
      'SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY created_at DESC, id DESC',
    );
    this.insert = sqlite.prepare(
      `INSERT INTO api_keys (id, tenant_id, name, secret_hash, scopes, rate_limit_per_minute, created_by,
         created_at, expires_at) VALUES (@id, @tenantId, @name, @secretHash, @scopes, @rateLimit, @createdBy,
         @createdAt, @expiresAt)`,
    );
    this.touch = sqlite.prepare('UPDATE api_keys SET last_used_at = ?, last_used_ip = ? WHERE id = ?');
    this.revokeStmt = sqlite.prepare(
      'UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL',
    );
    this.replace = sqlite.prepare(
      'UPDATE api_keys SET replaced_by = ?, grace_until = ? WHERE tenant_id = ? AND id = ?',
    );
  }

  status(row: KeyRow, now = this.clock.now()): ApiKeyStatus {
    if (row.revoked_at !== null) return 'revoked';
    if (row.expires_at !== null && row.expires_at <= now) return 'expired';
    if (row.grace_until !== null) return row.grace_until <= now ? 'expired' : 'grace';
    return 'active';
  }

  /** Drops the keys checked recently; also when what a key may do changed elsewhere (a tenant's 2FA rule). */
  forget(): void {
    this.recent.clear();
  }

  private lookUp(key: string, id: string, secret: string): AuthRow | null {
    const cached = this.recent.get(key);
    const realNow = Date.now();
    if (cached && realNow - cached.checkedAt < recentMs) return cached.row;
    const row = this.forAuth.get(id);
    // hash even when unknown, so a miss takes as long as a wrong secret
    const hash = sha256Hex(secret);
    if (!row || !safeEqual(hash, row.secret_hash)) return null;
    // Stryker disable next-line all: a bound on memory only; an emptied cache answers the same, from the database
    if (this.recent.size >= 1000) this.recent.clear();
    this.recent.set(key, { row, checkedAt: realNow });
    return row;
  }

  private summary(row: KeyRow): ApiKeySummary {
    return {
      id: row.id,
      name: row.name,
      prefix: prefixOf(row.id),
      scopes: parseScopes(row.scopes),
      status: this.status(row),
      rateLimitPerMinute: row.rate_limit_per_minute,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      graceUntil: row.grace_until,
      replacedBy: row.replaced_by,
      lastUsedAt: row.last_used_at,
      lastUsedIp: row.last_used_ip,
    };
  }

  list(tenantId: string): ApiKeySummary[] {
    return this.listStmt.all(tenantId).map((row) => this.summary(row));
  }

  get(tenantId: string, id: string): ApiKeySummary | null {
    const row = this.byId.get(tenantId, id);
    return row ? this.summary(row) : null;
  }

  create(
    tenantId: string,
    input: {
      name: string;
      scopes: ApiKeyScope[];
      expiresAt?: number | null;
      rateLimitPerMinute?: number | null;
      createdBy: string | null;
    },
  ): { key: ApiKeySummary; secret: string } {
    this.forget();
    const now = this.clock.now();
    const id = uuidv7(now);
    const secret = randomToken(32);
    this.insert.run({
      id,
      tenantId,
      name: input.name,
      secretHash: sha256Hex(secret),
      scopes: JSON.stringify([...new Set(input.scopes)]),
      rateLimit: input.rateLimitPerMinute ?? null,
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: input.expiresAt ?? null,
    });
    return { key: this.get(tenantId, id)!, secret: `${prefixOf(id)}_${secret}` };
  }

  /** A new key with the same name, scopes, limit and expiry; the old one works for `graceHours`. */
  rotate(
    tenantId: string,
    id: string,
    graceHours: number,
    createdBy: string | null,
  ): { key: ApiKeySummary; secret: string; previous: ApiKeySummary } | null {
    const row = this.byId.get(tenantId, id);
    if (!row) return null;
    this.forget();
    return this.sqlite.transaction(() => {
      const created = this.create(tenantId, {
        name: row.name,
        scopes: parseScopes(row.scopes),
        expiresAt: row.expires_at,
        rateLimitPerMinute: row.rate_limit_per_minute,
        createdBy,
      });
      const now = this.clock.now();
      // a key already in its grace period does not get a longer one by being rotated again
      const graceUntil = Math.min(now + graceHours * hourMs, row.grace_until ?? Infinity);
      this.replace.run(created.key.id, graceUntil, tenantId, id);
      return { ...created, previous: this.get(tenantId, id)! };
    })();
  }

  revoke(tenantId: string, id: string): ApiKeySummary | null {
    // Stryker disable next-line ConditionalExpression: without it the same null comes from get() below; it only spares the cache
    if (!this.byId.get(tenantId, id)) return null;
    this.forget();
    this.revokeStmt.run(this.clock.now(), tenantId, id);
    return this.get(tenantId, id);
  }

  /** Checks a presented key; on success notes when and from where it was last used. */
  authenticate(key: string, ip: string | null, options: { touch?: boolean } = {}): ApiKeyCheck {
    const parsed = parseApiKey(key);
    if (!parsed) return { ok: false, reason: 'malformed' };
    const row = this.lookUp(key, parsed.id, parsed.secret);
    if (!row) return { ok: false, reason: 'unknown' };
    const known = { tenantId: row.tenant_id, keyId: row.id };
    const now = this.clock.now();
    const status = this.status(row, now);
    if (status === 'revoked') return { ok: false, reason: 'revoked', ...known };
    if (status === 'expired') return { ok: false, reason: 'expired', ...known };
    if (row.tenant_status !== 'active') return { ok: false, reason: 'suspended', ...known };
    if (
      options.touch !== false &&
      (row.last_used_at === null || now - row.last_used_at >= touchGranularityMs || row.last_used_ip !== ip)
    ) {
      this.touch.run(now, ip, row.id);
      row.last_used_at = now;
      row.last_used_ip = ip;
    }
    return {
      ok: true,
      principal: {
        keyId: row.id,
        tenantId: row.tenant_id,
        name: row.name,
        scopes: parseScopes(row.scopes),
        createdBy: row.created_by,
        rateLimitPerMinute: row.rate_limit_per_minute,
        mustEnrolTwoFactor: row.creator_lacks_two_factor === 1,
      },
    };
  }
}
