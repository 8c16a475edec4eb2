import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import type { AuditEntry } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import { chainHash, genesisHash, redactSecrets } from './chain';
import type { AuditInput } from '../context';

export type { AuditInput };

interface AuditRow {
  id: string;
  tenant_id: string;
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  q?: string;
  action?: string;
  from?: number;
  to?: number;
  before?: number;
  limit: number;
}

export type BrokenReason = 'altered' | 'missing' | 'reordered' | 'truncated' | 'unprotected';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  broken: { seq: number; id: string | null; reason: BrokenReason } | null;
}

function toEntry(row: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    details = { unreadable: row.details };
  }
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details,
    ip: row.ip,
  };
}

/**
 * The tamper-evident audit log: one hash chain per tenant, whose newest link is also kept in
 * audit_heads, so altering, removing or truncating rows is detected by `verify`.
 */
export class AuditService {
  private readonly headStmt;
  private readonly insertStmt;
  private readonly upsertHeadStmt;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {
    this.headStmt = sqlite.prepare<[string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_heads WHERE tenant_id = ?',
    );
    this.insertStmt = sqlite.prepare(
      `INSERT INTO audit_log (id, tenant_id, seq, at, actor_id, actor_name, action, target_type, target_id, details, ip, prev_hash, hash)
       VALUES (@id, @tenant_id, @seq, @at, @actor_id, @actor_name, @action, @target_type, @target_id, @details, @ip, @prev_hash, @hash)`,
    );
    this.upsertHeadStmt = sqlite.prepare(
      `INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (?, ?, ?)
       ON CONFLICT(tenant_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    );
  }

  /** Appends entries atomically (one transaction); events go out after the commit. */
  append(inputs: AuditInput[]): AuditEntry[] {
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a shortcut for an empty batch (an empty transaction gives the same); its result is never read
    if (inputs.length === 0) return [];
    const rows = this.sqlite.transaction(() => inputs.map((input) => this.appendOne(input)))();
    return rows.map((row) => {
      const entry = toEntry(row);
      this.events.emit('audit.appended', entry, { kind: 'tenant', tenantId: row.tenant_id });
      return entry;
    });
  }

  private appendOne(input: AuditInput): AuditRow {
    const head = this.headStmt.get(input.tenantId);
    const at = this.clock.now();
    const base = {
      tenantId: input.tenantId,
      seq: (head?.seq ?? 0) + 1,
      at,
      actorId: input.actorId,
      actorName: input.actorName,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      details: JSON.stringify(redactSecrets(input.details ?? {})),
      ip: input.ip ?? null,
      prevHash: head?.hash ?? genesisHash,
    };
    const row: AuditRow = {
      id: uuidv7(at),
      tenant_id: base.tenantId,
      seq: base.seq,
      at,
      actor_id: base.actorId,
      actor_name: base.actorName,
      action: base.action,
      target_type: base.targetType,
      target_id: base.targetId,
      details: base.details,
      ip: base.ip,
      prev_hash: base.prevHash,
      hash: chainHash(base),
    };
    this.insertStmt.run(row);
    this.upsertHeadStmt.run(row.tenant_id, row.seq, row.hash);
    return row;
  }

  list(tenantId: string, filter: AuditFilter): { entries: AuditEntry[]; nextBefore: number | null } {
    const clauses = ['tenant_id = @tenantId'];
    const params: Record<string, unknown> = { tenantId, limit: filter.limit + 1 };
    if (filter.before !== undefined) {
      clauses.push('seq < @before');
      params.before = filter.before;
    }
    if (filter.action) {
      clauses.push("action LIKE @action ESCAPE '\\'");
      params.action = `${escapeLike(filter.action)}%`;
    }
    if (filter.from !== undefined) {
      clauses.push('at >= @from');
      params.from = filter.from;
    }
    if (filter.to !== undefined) {
      clauses.push('at <= @to');
      params.to = filter.to;
    }
    if (filter.q) {
      clauses.push(
        "(action LIKE @q ESCAPE '\\' OR actor_name LIKE @q ESCAPE '\\' OR target_id LIKE @q ESCAPE '\\' OR details LIKE @q ESCAPE '\\')",
      );
      params.q = `%${escapeLike(filter.q)}%`;
    }
    const rows = this.sqlite
      .prepare(`SELECT * FROM audit_log WHERE ${clauses.join(' AND ')} ORDER BY seq DESC LIMIT @limit`)
      .all(params) as AuditRow[];
    const page = rows.slice(0, filter.limit);
    return {
      entries: page.map(toEntry),
      nextBefore: rows.length > filter.limit ? page.at(-1)!.seq : null,
    };
  }

  /**
   * Deleting an organisation (tenants.delete, after its export was made) takes its audit chain with
   * it: the one delete the log allows, done with the append-only trigger lifted for this statement
   * only, inside the caller's transaction. Answers the entries removed.
   */
  forgetTenant(tenantId: string): number {
    return this.sqlite.transaction(() => {
      this.sqlite.exec('DROP TRIGGER audit_log_no_delete');
      const removed = this.sqlite
        .prepare('DELETE FROM audit_log WHERE tenant_id = @tenantId')
        .run({ tenantId }).changes;
      this.sqlite.prepare('DELETE FROM audit_heads WHERE tenant_id = @tenantId').run({ tenantId });
      this.sqlite.exec(
        "CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
      );
      return removed;
    })();
  }

  verify(tenantId: string): VerifyResult {
    const rows = this.sqlite
      .prepare('SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY seq')
      .iterate(tenantId) as IterableIterator<AuditRow>;
    let previousHash = genesisHash;
    let expectedSeq = 1;
    let checked = 0;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, checked, broken: { seq: expectedSeq, id: null, reason: 'missing' } };
      }
      if (row.prev_hash !== previousHash) {
        return { ok: false, checked, broken: { seq: row.seq, id: row.id, reason: 'reordered' } };
      }
      const recomputed = chainHash({
        tenantId: row.tenant_id,
        seq: row.seq,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        details: row.details,
        ip: row.ip,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) {
        return { ok: false, checked, broken: { seq: row.seq, id: row.id, reason: 'altered' } };
      }
      previousHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    const head = this.headStmt.get(tenantId);
    const lastSeq = expectedSeq - 1;
    if ((head?.seq ?? 0) > lastSeq) {
      return { ok: false, checked, broken: { seq: lastSeq + 1, id: null, reason: 'truncated' } };
    }
    if (head && head.hash !== previousHash) {
      return { ok: false, checked, broken: { seq: head.seq, id: null, reason: 'altered' } };
    }
    const triggers = this.sqlite
      .prepare(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')",
      )
      .get() as { n: number };
    if (triggers.n < 2) return { ok: false, checked, broken: { seq: 0, id: null, reason: 'unprotected' } };
    return { ok: true, checked, broken: null };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
