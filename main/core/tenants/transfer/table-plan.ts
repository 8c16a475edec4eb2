import type Database from 'better-sqlite3';

/**
 * Which tables a tenant export holds, found by looking at this installation's schema: every table
 * with a `tenant_id` column is tenant data and is exported unless it is excluded below with a
 * reason; a table without one that points (by foreign key) at tenant data is exported through that
 * parent. A table added later is therefore exported without anyone remembering to list it here.
 */

/** Tables with tenant rows that are deliberately not exported. */
export const excludedTables: Readonly<Record<string, string>> = {
  sessions: 'sign-ins of this installation; their tokens must never leave it',
  invites: 'invitation tokens; members without a password are invited again after an import',
  audit_heads: 'recomputed when the imported audit log is chained again',
  security_events: "what this installation's threat detection saw (its addresses and devices); starts afresh",
  api_keys: 'credentials of this installation; other systems get new keys after an import',
  billing_subscriptions:
    "the subscription belongs to this installation's Stripe account; the organisation subscribes again",
  billing_invoices: "invoices of this installation's Stripe account",
  usage_counters: "usage against this installation's plan; counted afresh",
  billing_changes: 'plan changes on this installation (its revenue history stays with it)',
};

/** Tables of the installation itself (no tenant data), never exported. */
export const installationTables: Readonly<Record<string, string>> = {
  tenants: 'the tenant itself travels in the header and is created anew',
  login_failures: 'sign-in throttling of this installation',
  user_two_factor:
    'two-factor sign-in of this installation (its secrets stay in its keychain); members enrol again',
  recovery_codes:
    'two-factor recovery codes of this installation; members get new ones when they enrol again',
  app_meta: 'facts about this installation',
  password_resets: 'single-use password reset tokens of this installation; they must never leave it',
  error_groups: 'errors of the whole installation',
  // plans and billing (issue 16): what this installation sells and what Stripe told it
  plans: "this installation's plan catalogue (the organisation's plan key travels in the header)",
  stripe_events: "this installation's Stripe event log",
  __drizzle_migrations: 'the schema version, which travels in the header',
  sqlite_sequence: "SQLite's own bookkeeping",
};

/** Users are exported specially: only the tenant's members, and only these columns. */
export const userColumns = ['id', 'email', 'name', 'created_at'] as const;

/** Audit rows are chained again on import, so their hashes do not travel. */
const managedColumns: Readonly<Record<string, readonly string[]>> = {
  audit_log: ['prev_hash', 'hash'],
};

export type ColumnType = 'integer' | 'real' | 'text' | 'any';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  notNull: boolean;
  hasDefault: boolean;
}

export interface ForeignKey {
  column: string;
  table: string;
  targetColumn: string;
}

export interface PlannedTable {
  name: string;
  /** Every column of the table in this installation. */
  columns: Map<string, ColumnInfo>;
  /** The columns written to (and accepted from) a file, in order. */
  fileColumns: string[];
  hasTenantId: boolean;
  /** A text primary key that gets a fresh id on import. */
  idColumn: string | null;
  foreignKeys: ForeignKey[];
  /** Unique keys (without tenant_id) a file must not repeat. */
  uniqueKeys: string[][];
  /** SQL condition selecting this tenant's rows (one parameter: the tenant id). */
  filterSql: string;
  /** SQL selecting this tenant's rows in insertion order (one parameter: the tenant id). */
  selectSql: string;
}

export interface TransferPlan {
  /** Exported tables in file order (users first; a table after the tables it refers to). */
  tables: PlannedTable[];
  byName: Map<string, PlannedTable>;
  /** Excluded or installation tables found, with the reason. */
  skipped: { table: string; reason: string }[];
  /** Tables no rule covers: a schema change this code does not know how to export yet. */
  unclassified: string[];
}

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

interface RawColumn {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}
interface RawForeignKey {
  id: number;
  table: string;
  from: string;
  to: string | null;
}

function columnType(declared: string): ColumnType {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return 'text';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'real';
  return 'any';
}

interface TableFacts {
  name: string;
  raw: RawColumn[];
  foreignKeys: ForeignKey[];
  uniqueKeys: string[][];
  withoutRowid: boolean;
}

function tableFacts(sqlite: Database.Database, name: string, sql: string): TableFacts {
  const raw = sqlite.prepare(`PRAGMA table_info(${q(name)})`).all() as RawColumn[];
  const pkColumns = raw.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const fkRows = sqlite.prepare(`PRAGMA foreign_key_list(${q(name)})`).all() as RawForeignKey[];
  const fkIds = new Set(fkRows.map((f) => f.id));
  const foreignKeys: ForeignKey[] = [];
  for (const id of fkIds) {
    const parts = fkRows.filter((f) => f.id === id);
    // composite foreign keys are not used by this schema; a single column is what is rewritten
    if (parts.length !== 1) continue;
    const fk = parts[0]!;
    foreignKeys.push({ column: fk.from, table: fk.table, targetColumn: fk.to ?? 'id' });
  }
  const uniqueKeys: string[][] = [];
  const indexes = sqlite.prepare(`PRAGMA index_list(${q(name)})`).all() as {
    name: string;
    unique: number;
    partial: number;
  }[];
  for (const index of indexes) {
    if (index.unique !== 1 || index.partial === 1) continue;
    const cols = (sqlite.prepare(`PRAGMA index_info(${q(index.name)})`).all() as { name: string | null }[])
      .map((c) => c.name)
      .filter((c): c is string => c !== null && c !== 'tenant_id');
    if (cols.length > 0) uniqueKeys.push(cols);
  }
  if (pkColumns.length > 0) {
    const cols = pkColumns.map((c) => c.name).filter((c) => c !== 'tenant_id');
    if (cols.length > 0 && !uniqueKeys.some((k) => k.join() === cols.join())) uniqueKeys.push(cols);
  }
  return {
    name,
    raw,
    foreignKeys,
    uniqueKeys,
    withoutRowid: /\bWITHOUT\s+ROWID\b/i.test(sql),
  };
}

function plannedTable(facts: TableFacts, filterSql: string): PlannedTable {
  const columns = new Map<string, ColumnInfo>(
    facts.raw.map((c) => [
      c.name,
      { name: c.name, type: columnType(c.type), notNull: c.notnull === 1, hasDefault: c.dflt_value !== null },
    ]),
  );
  const pk = facts.raw.filter((c) => c.pk > 0);
  const integerKey = pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER' ? pk[0]!.name : null;
  const idColumn = pk.length === 1 && !integerKey && pk[0]!.name !== 'tenant_id' ? pk[0]!.name : null;
  const managed = new Set(managedColumns[facts.name] ?? []);
  let fileColumns = facts.raw
    .map((c) => c.name)
    .filter((c) => c !== 'tenant_id' && c !== integerKey && !managed.has(c));
  if (facts.name === 'users') fileColumns = [...userColumns];
  const order =
    facts.name === 'audit_log' ? 'seq' : facts.withoutRowid ? pk.map((c) => q(c.name)).join(', ') : 'rowid';
  return {
    name: facts.name,
    columns,
    fileColumns,
    hasTenantId: columns.has('tenant_id'),
    idColumn,
    foreignKeys: facts.foreignKeys,
    // a row's integer key is assigned anew, so it cannot repeat
    uniqueKeys: facts.uniqueKeys.filter((k) => !(k.length === 1 && k[0] === integerKey)),
    filterSql,
    selectSql: `SELECT ${fileColumns.map(q).join(', ')} FROM ${q(facts.name)} WHERE ${filterSql} ORDER BY ${order}`,
  };
}

/** Orders tables so that a table comes after the tables it refers to (ties by name). */
function dependencyOrder(tables: PlannedTable[], extraEdges: [string, string][]): PlannedTable[] {
  const names = new Set(tables.map((t) => t.name));
  const needs = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const table of tables)
    for (const fk of table.foreignKeys)
      if (names.has(fk.table) && fk.table !== table.name) needs.get(table.name)!.add(fk.table);
  for (const [from, to] of extraEdges)
    if (names.has(from) && names.has(to) && from !== to) needs.get(from)!.add(to);
  const ordered: PlannedTable[] = [];
  const placed = new Set<string>();
  const remaining = [...tables].sort(
    (a, b) => (a.name === 'users' ? -1 : b.name === 'users' ? 1 : 0) || a.name.localeCompare(b.name),
  );
  while (remaining.length > 0) {
    let index = remaining.findIndex((t) => [...needs.get(t.name)!].every((n) => placed.has(n)));
    // a cycle: take the first; references to later tables are checked at the end of the file
    if (index < 0) index = 0;
    const [table] = remaining.splice(index, 1);
    ordered.push(table!);
    placed.add(table!.name);
  }
  return ordered;
}

/** Looks at this installation's schema and decides, for every table, whether and how it is exported. */
export function buildTransferPlan(
  sqlite: Database.Database,
  /** Further "refers to" edges (table → table) beside foreign keys, for the file order. */
  extraEdges: [string, string][] = [],
): TransferPlan {
  const master = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  const virtual = master.filter((t) => /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const shadowOf = (name: string) =>
    virtual.find(
      (v) => name.startsWith(`${v}_`) && /^(data|idx|content|docsize|config)$/.test(name.slice(v.length + 1)),
    );

  const skipped: { table: string; reason: string }[] = [];
  const facts = new Map<string, TableFacts>();
  for (const { name, sql } of master) {
    if (name.startsWith('sqlite_') && name !== 'sqlite_sequence') continue;
    if (virtual.includes(name)) {
      skipped.push({ table: name, reason: 'full-text index; filled again by triggers as rows are imported' });
      continue;
    }
    const shadow = shadowOf(name);
    if (shadow) {
      skipped.push({ table: name, reason: `storage of the full-text index ${shadow}` });
      continue;
    }
    if (name in installationTables) {
      skipped.push({ table: name, reason: installationTables[name]! });
      continue;
    }
    if (name in excludedTables) {
      skipped.push({ table: name, reason: excludedTables[name]! });
      continue;
    }
    facts.set(name, tableFacts(sqlite, name, sql ?? ''));
  }

  const planned = new Map<string, PlannedTable>();
  const usersFacts = tableFacts(sqlite, 'users', master.find((t) => t.name === 'users')?.sql ?? '');
  planned.set(
    'users',
    plannedTable(usersFacts, 'id IN (SELECT user_id FROM memberships WHERE tenant_id = ?)'),
  );
  facts.delete('users');
  for (const [name, f] of facts) {
    if (f.raw.some((c) => c.name === 'tenant_id')) {
      planned.set(name, plannedTable(f, 'tenant_id = ?'));
      facts.delete(name);
    }
  }
  // tables without tenant_id hanging off exported tables (e.g. rows keyed by a run), transitively
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, f] of facts) {
      const fk = f.foreignKeys.find((k) => planned.has(k.table) && k.table !== 'users');
      if (!fk) continue;
      const parent = planned.get(fk.table)!;
      const parentIds = `SELECT ${q(fk.targetColumn)} FROM ${q(parent.name)} WHERE ${parent.filterSql}`;
      planned.set(name, plannedTable(f, `${q(fk.column)} IN (${parentIds})`));
      facts.delete(name);
      changed = true;
    }
  }
  const tables = dependencyOrder([...planned.values()], extraEdges);
  return {
    tables,
    byName: new Map(tables.map((t) => [t.name, t])),
    skipped,
    unclassified: [...facts.keys()],
  };
}
