import type Database from 'better-sqlite3';
import { uuidv7, type AppDb } from '../../../../db';
import type { TenantAdminRow } from '../../../contract';
import { chainHash, genesisHash, redactSecrets } from '../../audit/chain';
import { AppError } from '../../lib/errors';
import { createTenant } from '../service';
import type { CellValue, RowLine } from './format';
import type { CheckedImport } from './import-checker';
import { readLinesSync } from './line-files';
import {
  columnReferencesOf,
  polymorphicReferenceOf,
  polymorphicTarget,
  type PolymorphicReference,
} from './references';
import { clearSecretFlags, interruptUnfinishedRun } from './row-rules';
import { importedPublicId } from '../../channels';
import type { PlannedTable, TransferPlan } from './table-plan';

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export interface ImportTarget {
  sqlite: Database.Database;
  db: AppDb;
  plan: TransferPlan;
  checked: CheckedImport;
  unpackedPath: string;
  name: string;
  now: number;
  onProgress: (fraction: number) => void;
  /** The plan here for the export's plan key (an unknown one: the default plan). */
  planOnImport?: (exported: string) => string;
}

export interface ImportedTenant {
  tenant: TenantAdminRow;
  /** Members that came without a password here and must be invited again. */
  invitedAgain: number;
}

type Row = Record<string, CellValue>;

interface Rewriter {
  /** The new id of a row named in the file (checked to exist before). */
  id(old: CellValue): string;
  /** Text with every id of the file in it replaced by the new one (ids inside JSON, dedupe keys). */
  text(value: string): string;
}

function rewriterFor(ids: CheckedImport['ids'], oldTenantId: string | undefined, tenantId: string): Rewriter {
  const lookup = (old: string) => (old === oldTenantId ? tenantId : ids.get(old)?.newId);
  return {
    id(old) {
      const found = typeof old === 'string' ? lookup(old) : undefined;
      if (!found) throw new Error('a reference was not resolved by the check');
      return found;
    },
    text: (value) => value.replace(uuidPattern, (match) => lookup(match) ?? match),
  };
}

/** Users are matched by e-mail to this installation's; the others are created without a password. */
function importUsers(target: ImportTarget, now: number): Set<string> {
  const { sqlite, checked } = target;
  const find = sqlite.prepare<[string], { id: string; password_hash: string | null }>(
    'SELECT id, password_hash FROM users WHERE email = ?',
  );
  const insert = sqlite.prepare(
    `INSERT INTO users (id, email, name, password_hash, is_platform_admin, created_at, last_login_at)
     VALUES (?, ?, ?, NULL, 0, ?, NULL)`,
  );
  const withoutPassword = new Set<string>();
  for (const user of checked.users) {
    const existing = find.get(user.email);
    const id = existing?.id ?? uuidv7(now);
    if (!existing) insert.run(id, user.email, user.name, user.createdAt);
    if (!existing?.password_hash) withoutPassword.add(id);
    checked.ids.set(user.oldId, { table: 'users', newId: id });
  }
  return withoutPassword;
}

interface AuditChain {
  seq: number;
  hash: string;
}

/** Gives an imported audit row its place in the new tenant's chain (and a redacted, rewritten text). */
function chainAuditRow(row: Row, tenantId: string, chain: AuditChain): void {
  chain.seq += 1;
  const details = JSON.stringify(redactSecrets(JSON.parse(row.details as string)));
  const fields = {
    tenantId,
    seq: chain.seq,
    at: row.at as number,
    actorId: (row.actor_id as string | null) ?? null,
    actorName: row.actor_name as string,
    action: row.action as string,
    targetType: (row.target_type as string | null) ?? null,
    targetId: (row.target_id as string | null) ?? null,
    details,
    ip: (row.ip as string | null) ?? null,
    prevHash: chain.hash,
  };
  const hash = chainHash(fields);
  Object.assign(row, { seq: chain.seq, details, prev_hash: chain.hash, hash });
  chain.hash = hash;
}

/**
 * Writes a checked file as a new tenant, in one transaction: the tenant, its members (matched by
 * e-mail or created), then every row with a new id and its references rewritten, the audit log
 * chained again in its original order. Throws (and so changes nothing) on any failure.
 */
export function writeImport(target: ImportTarget): ImportedTenant {
  const { sqlite, db, plan, checked, now } = target;
  const statements = new Map<string, Database.Statement>();
  const insert = (table: PlannedTable, row: Row) => {
    const columns = Object.keys(row);
    const key = `${table.name}\u0000${columns.join(',')}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = sqlite.prepare(
        `INSERT INTO ${q(table.name)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      statements.set(key, statement);
    }
    statement.run(...columns.map((c) => row[c]));
  };

  const cache = new Map<string, TableReferences>();
  const referencesOf = (table: PlannedTable): TableReferences => {
    let found = cache.get(table.name);
    if (!found) {
      found = {
        table,
        columns: new Set(columnReferencesOf(plan, table).map((r) => r.column)),
        polymorphic: polymorphicReferenceOf(table),
      };
      cache.set(table.name, found);
    }
    return found;
  };

  let line = 0;
  let table = '';
  try {
    return sqlite.transaction((): ImportedTenant => {
      const exportedPlan = checked.header.tenant.plan;
      const planKey = target.planOnImport ? target.planOnImport(exportedPlan) : exportedPlan;
      const created = createTenant(db, now, { name: target.name, plan: planKey });
      const tenantId = created.id;
      if (checked.header.tenant.status !== 'active')
        sqlite
          .prepare('UPDATE tenants SET status = ? WHERE id = ?')
          .run(checked.header.tenant.status, tenantId);
      const withoutPassword = importUsers(target, now);
      const rewrite = rewriterFor(checked.ids, checked.header.tenant.id, tenantId);
      const chain: AuditChain = { seq: 0, hash: genesisHash };
      let invitedAgain = 0;
      let done = 0;
      let reported = 0;
      for (const text of readLinesSync(target.unpackedPath)) {
        line += 1;
        const parsed = JSON.parse(text) as RowLine;
        table = parsed.t;
        const planned = plan.byName.get(parsed.t)!;
        const row = rewriteRow(referencesOf(planned), parsed.r, rewrite);
        if (planned.hasTenantId) row.tenant_id = tenantId;
        clearSecretFlags(planned.name, row);
        if (planned.name === 'agent_runs') interruptUnfinishedRun(row, now);
        if (planned.name === 'channels' && typeof row.public_id === 'string')
          row.public_id = importedPublicId(sqlite, row.public_id);
        if (
          planned.name === 'memberships' &&
          row.status === 'active' &&
          withoutPassword.has(row.user_id as string)
        ) {
          // no password here yet: left "invited", so users.invite can send them a new invitation
          row.status = 'invited';
          invitedAgain += 1;
        }
        if (planned.name === 'audit_log') chainAuditRow(row, tenantId, chain);
        insert(planned, row);
        done += 1;
        if (done - reported >= Math.max(1, checked.rowLines / 20)) {
          reported = done;
          target.onProgress(done / checked.rowLines);
        }
      }
      if (chain.seq > 0)
        sqlite
          .prepare('INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (?, ?, ?)')
          .run(tenantId, chain.seq, chain.hash);
      const members = sqlite
        .prepare('SELECT count(*) AS n FROM memberships WHERE tenant_id = ?')
        .get(tenantId) as { n: number };
      const status = checked.header.tenant.status;
      return { tenant: { ...created, status, memberCount: members.n }, invitedAgain };
    })();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const where = line > 0 ? ` (a row of ${table})` : '';
    throw Object.assign(
      new AppError(
        'VALIDATION',
        `The file could not be imported${where}: the database refused it. Nothing was changed.`,
        { reason: 'import_refused_by_database' },
      ),
      { cause: error },
    );
  }
}

interface TableReferences {
  table: PlannedTable;
  columns: Set<string>;
  polymorphic: PolymorphicReference | undefined;
}

/** The row with a new id, its references pointing at new ids, and ids in its text rewritten. */
function rewriteRow(refs: TableReferences, source: Row, rewrite: Rewriter): Row {
  const { table, columns, polymorphic } = refs;
  const row: Row = {};
  // only the table's own columns (checked before) are written, whatever else the line holds
  for (const column of table.fileColumns) {
    if (!Object.hasOwn(source, column)) continue;
    const value = source[column]!;
    if (value === null) row[column] = null;
    else if (column === table.idColumn || columns.has(column)) row[column] = rewrite.id(value);
    else if (polymorphic && column === polymorphic.idColumn) {
      const target = polymorphicTarget(polymorphic, source[polymorphic.typeColumn]);
      if (target.kind === 'drop') row[column] = null;
      else if (target.kind === 'keep') row[column] = rewrite.text(String(value));
      else row[column] = rewrite.id(value);
    } else row[column] = typeof value === 'string' ? rewrite.text(value) : value;
  }
  return row;
}
