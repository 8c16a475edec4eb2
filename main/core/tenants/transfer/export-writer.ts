import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { CellValue, TransferHeader } from './format';
import { LineWriter } from './line-files';
import {
  columnReferencesOf,
  compositeReferencesOf,
  polymorphicReferenceOf,
  polymorphicTarget,
} from './references';
import { clearSecretFlags } from './row-rules';
import type { PlannedTable, TransferPlan } from './table-plan';

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export interface RowsWritten {
  counts: Record<string, number>;
  /** References to rows that are not exported (a removed agent, a platform admin), written as null. */
  cleared: number;
}

/** Whether a row exists among the tenant's exported rows, by the given columns; cached per table. */
class Lookup {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(
    private readonly sqlite: Database.Database,
    private readonly tenantId: string,
  ) {}

  exists(target: PlannedTable, columns: readonly string[], values: CellValue[]): boolean {
    const key = `${target.name}\u0000${columns.join(',')}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const conditions = columns.map((c) => `${q(c)} = ?`).join(' AND ');
      statement = this.sqlite
        .prepare(`SELECT 1 FROM ${q(target.name)} WHERE ${target.filterSql} AND ${conditions} LIMIT 1`)
        .pluck();
      this.statements.set(key, statement);
    }
    return statement.get(this.tenantId, ...values) !== undefined;
  }
}

type Row = Record<string, CellValue>;

function cellsOf(table: PlannedTable, raw: Record<string, unknown>): Row {
  const row: Row = {};
  for (const column of table.fileColumns) {
    const value = raw[column];
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') {
      row[column] = value ?? null;
    } else {
      // binary or big integers have no place in the JSON lines format yet
      throw new Error(`Column ${table.name}.${column} holds a value the export format cannot carry`);
    }
  }
  return row;
}

/**
 * A member who has not joined the tenant yet is known to it only by what its inviter typed (as in
 * users.list): the account's own name stays out of the file. Answers the name to write, or null for
 * members who joined (their own name).
 */
function namesBeforeJoining(
  sqlite: Database.Database,
  tenantId: string,
): (userId: string, email: string) => string | null {
  const invitesOf = sqlite.prepare<[string, string], { name: string | null; accepted_at: number | null }>(
    'SELECT name, accepted_at FROM invites WHERE tenant_id = ? AND user_id = ? ORDER BY created_at DESC',
  );
  const hasPassword = sqlite.prepare<[string], { yes: number }>(
    'SELECT password_hash IS NOT NULL AS yes FROM users WHERE id = ?',
  );
  return (userId, email) => {
    const invitations = invitesOf.all(tenantId, userId);
    const joined =
      invitations.some((invite) => invite.accepted_at !== null) ||
      (invitations.length === 0 && hasPassword.get(userId)?.yes === 1);
    return joined ? null : (invitations[0]?.name ?? email.split('@')[0]!);
  };
}

/**
 * Writes the header, every row of the tenant (one table after another, streamed from SQLite) and
 * the end line to an uncompressed file, synchronously and in one read transaction so the rows are
 * one consistent picture. References to rows that are not exported are cleared where the column
 * allows it, so the file is complete in itself.
 */
export function writeExportLines(
  sqlite: Database.Database,
  plan: TransferPlan,
  tenantId: string,
  header: TransferHeader,
  path: string,
  onTable: (done: number, total: number) => void,
): RowsWritten {
  const writer = new LineWriter(path);
  try {
    return sqlite.transaction(() => {
      const lookup = new Lookup(sqlite, tenantId);
      const shownName = namesBeforeJoining(sqlite, tenantId);
      const counts: Record<string, number> = {};
      let cleared = 0;
      writer.write(JSON.stringify(header));
      plan.tables.forEach((table, index) => {
        const refs = columnReferencesOf(plan, table);
        const polymorphic = polymorphicReferenceOf(table);
        const composites = compositeReferencesOf(plan, table);
        const clear = (row: Row, column: string) => {
          if (table.columns.get(column)?.notNull) return;
          row[column] = null;
          cleared += 1;
        };
        let count = 0;
        for (const raw of sqlite.prepare(table.selectSql).iterate(tenantId)) {
          const row = cellsOf(table, raw as Record<string, unknown>);
          for (const ref of refs) {
            const value = row[ref.column];
            if (value === null || value === undefined) continue;
            if (
              !lookup.exists(plan.byName.get(ref.target)!, [plan.byName.get(ref.target)!.idColumn!], [value])
            )
              clear(row, ref.column);
          }
          if (polymorphic) {
            const value = row[polymorphic.idColumn];
            const target = polymorphicTarget(polymorphic, row[polymorphic.typeColumn]);
            if (value !== null && value !== undefined) {
              if (target.kind === 'drop') clear(row, polymorphic.idColumn);
              else if (target.kind === 'tenant' && value !== tenantId) clear(row, polymorphic.idColumn);
              else if (target.kind === 'table') {
                const targetTable = plan.byName.get(target.table);
                if (!targetTable || !lookup.exists(targetTable, [targetTable.idColumn!], [value]))
                  clear(row, polymorphic.idColumn);
              }
            }
          }
          for (const composite of composites) {
            const values = composite.columns.map((c) => row[c] ?? null);
            if (values.some((v) => v === null)) continue;
            if (!lookup.exists(plan.byName.get(composite.target)!, composite.targetColumns, values))
              clear(row, composite.columns.at(-1)!);
          }
          clearSecretFlags(table.name, row);
          if (table.name === 'users')
            row.name = shownName(row.id as string, row.email as string) ?? row.name ?? null;
          writer.write(JSON.stringify({ t: table.name, r: row }));
          count += 1;
        }
        counts[table.name] = count;
        onTable(index + 1, plan.tables.length);
      });
      writer.write(JSON.stringify({ end: true, counts }));
      return { counts, cleared };
    })();
  } finally {
    writer.close();
  }
}

/** Compresses the lines into the export file; answers its size and SHA-256. */
export async function gzipExport(
  source: string,
  target: string,
  onProgress: (fraction: number) => void,
): Promise<{ bytes: number; sha256: string }> {
  const total = Math.max(1, statSync(source).size);
  let read = 0;
  let bytes = 0;
  const hash = createHash('sha256');
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      read += chunk.length;
      onProgress(read / total);
      callback(null, chunk);
    },
  });
  const digest = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(
    createReadStream(source),
    progress,
    createGzip({ level: 6 }),
    digest,
    createWriteStream(target, { flags: 'wx', mode: 0o600 }),
  );
  return { bytes, sha256: hash.digest('hex') };
}
