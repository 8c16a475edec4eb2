import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Domains meet through interfaces, never through each other's tables. Each table belongs to one
 * folder of main/core; only that folder's code names it in SQL (or through its drizzle table).
 * Another domain asks the owner through a function (agents/queries.ts, security/queries.ts,
 * tenants/queries.ts, auth/sign-in-history.ts, IncidentsService.openCount ...).
 *
 * Who owns what:
 * - db/schema/<file>.ts: its tables belong to main/core/<file>/, unless named below.
 * - Identity: sign-in (auth), accounts and memberships (users), organisations (tenants) and the
 *   first-run setup that creates the first of each (setup) are one workflow split into folders;
 *   they share the identity tables. Every other domain may READ tenants, users and memberships
 *   (a name to show, a role or membership to check, the home tenant) in its own queries, since a
 *   join cannot go through a function without a query per row; only the identity domains write
 *   them. Sessions, failed sign-ins, second factors and invitations stay inside the identity
 *   domains.
 * - settings and app_meta are key-value tables every domain shares; each reads and writes only
 *   its own keys ('notify.smtp', 'incidents.escalation', 'security.ipAllowList' ...).
 * - Files outside a domain folder (index.ts, dispatch.ts: the composition) are not checked.
 *
 * What is seen: table names in string and template literals that read as SQL (FROM, JOIN, INTO,
 * UPDATE, DELETE FROM), and drizzle tables used through `schema` from db. A table named through a
 * variable (the tenant export/import copy every table generically) is not seen.
 */

const repo = join(__dirname, '..', '..');
const core = join(repo, 'main', 'core');

/** db/schema files whose tables belong to a folder of another name. */
const folderOfSchemaFile: Record<string, string> = {
  sessions: 'auth', // sessions, login_failures: auth/sessions.ts, auth/throttle.ts
  'two-factor': 'auth', // user_two_factor, recovery_codes: auth/two-factor/
  'channel-mail': 'channels', // channel_mailboxes, channel_mail_messages: channels/email/
  'password-resets': 'auth', // password_resets: the account basics of issue 14
};

/** Tables whose owner is not the folder of their schema file (or that only a migration creates). */
const ownerOfTable: Record<string, string> = {
  // declared in db/schema/guardian.ts (they came with the Guardian's migration), owned by their domains
  incidents: 'incidents',
  incident_events: 'incidents',
  notify_rules: 'notify',
  error_groups: 'logs',
  // the full-text index of knowledge_docs: a virtual table only migration 0003 creates
  knowledge_fts: 'agents',
  // global search's full-text indexes over search_docs: virtual tables only migration 0018 creates
  search_fts: 'search',
  search_trigram: 'search',
};

/** Key-value tables every domain shares, each with its own keys. */
const sharedTables = new Set(['settings', 'app_meta']);

/** The identity domains: they share the identity tables. */
const identityDomains = new Set(['auth', 'users', 'tenants', 'setup']);

/** Identity tables every domain may read (never write). */
const readableByAll = new Set(['tenants', 'users', 'memberships']);

/**
 * Exceptions, each with its reason. `pending`: SQL a handler still holds until the handlers'
 * conversion switches it to the function named (the function exists already); delete the entry then
 * (the last test fails on an entry nothing needs).
 */
const allowed: { file: string; table: string; why: string }[] = [
  {
    file: 'tenants/transfer/import-writer.ts',
    table: 'audit_heads',
    why: 'an imported tenant arrives with its audit trail, re-chained row by row in the same transaction as every other row; its chain head is written with it',
  },
  {
    file: 'billing/plan-assignment.ts',
    table: 'tenants',
    why: "tenants.plan is written only by the billing domain's PlanAssignments (the platform admin, a verified Stripe event, the demo), with its plan-change row and the entitlements cache in step",
  },
];

interface TableInfo {
  /** Table name → the main/core folder that owns it ('*' for a shared table). */
  owners: Map<string, string>;
  /** Drizzle export name (db/schema) → table name. */
  drizzle: Map<string, string>;
}

function tableInfo(): TableInfo {
  const owners = new Map<string, string>();
  const drizzle = new Map<string, string>();
  const schemaDir = join(repo, 'db', 'schema');
  for (const file of readdirSync(schemaDir)) {
    if (!file.endsWith('.ts') || file === 'index.ts') continue;
    const name = file.slice(0, -'.ts'.length);
    const source = readFileSync(join(schemaDir, file), 'utf8');
    for (const match of source.matchAll(/export const (\w+) = sqliteTable\(\s*'(\w+)'/g)) {
      const [, exportName, table] = match as unknown as [string, string, string];
      drizzle.set(exportName, table);
      owners.set(
        table,
        sharedTables.has(table) ? '*' : (ownerOfTable[table] ?? folderOfSchemaFile[name] ?? name),
      );
    }
  }
  for (const [table, owner] of Object.entries(ownerOfTable)) owners.set(table, owner);
  return { owners, drizzle };
}

/** Tables the migrations create (the database as it really is). */
function migrationTables(): string[] {
  const dir = join(repo, 'db', 'migrations');
  const tables = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')))
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(
      /CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?(\w+)/gi,
    ))
      tables.add(match[1]!);
  return [...tables];
}

export interface TableReference {
  /** Path below main/core, with forward slashes. */
  file: string;
  line: number;
  table: string;
  write: boolean;
}

const sqlVerb = /\b(?:select|insert|update|delete|replace|with)\b/i;
const sqlTable = /\b(delete\s+from|from|join|into|update)\s+[`"[]?(\w+)/gi;
const writeCalls = new Set(['insert', 'update', 'delete']);

/** Every table a source file names: in SQL text, or as a drizzle table of `schema` from db. */
export function tableReferences(file: string, source: string, info: TableInfo): TableReference[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: TableReference[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  // drizzle: `schema` imported from db, used as schema.users or destructured (const { users } = schema)
  let schemaName: string | null = null;
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/(^|\/)db(\/index)?$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements)
        if ((element.propertyName ?? element.name).text === 'schema') schemaName = element.name.text;
  }
  const drizzleLocals = new Map<string, string>();

  const sqlIn = (node: ts.Node, text: string) => {
    if (!sqlVerb.test(text)) return;
    for (const match of text.matchAll(sqlTable)) {
      const table = match[2]!;
      if (!info.owners.has(table)) continue;
      const keyword = match[1]!.toLowerCase();
      found.push({ file, line: lineOf(node), table, write: keyword !== 'from' && keyword !== 'join' });
    }
  };

  const drizzleUse = (node: ts.Node, table: string) => {
    const call = node.parent;
    const write =
      ts.isCallExpression(call) &&
      call.arguments[0] === node &&
      ts.isPropertyAccessExpression(call.expression) &&
      writeCalls.has(call.expression.name.text);
    found.push({ file, line: lineOf(node), table, write });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) sqlIn(node, node.text);
    else if (ts.isTemplateExpression(node))
      sqlIn(node, [node.head.text, ...node.templateSpans.map((span) => ` ? ${span.literal.text}`)].join(''));
    if (schemaName) {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isObjectBindingPattern(node.name) &&
        node.initializer &&
        ts.isIdentifier(node.initializer) &&
        node.initializer.text === schemaName
      ) {
        for (const element of node.name.elements) {
          const exported = (element.propertyName ?? element.name) as ts.Identifier;
          const table = info.drizzle.get(exported.text);
          if (table && ts.isIdentifier(element.name)) drizzleLocals.set(element.name.text, table);
        }
        return;
      }
      if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === schemaName &&
        info.drizzle.has(node.name.text)
      ) {
        drizzleUse(node, info.drizzle.get(node.name.text)!);
        return;
      }
      if (
        ts.isIdentifier(node) &&
        drizzleLocals.has(node.text) &&
        !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)
      )
        drizzleUse(node, drizzleLocals.get(node.text)!);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The references a domain may not make, as "file:line reads/writes table (owned by folder/)". */
export function violationsOf(
  references: TableReference[],
  info: TableInfo,
  allowList: { file: string; table: string }[] = [],
  used = new Set<{ file: string; table: string }>(),
): string[] {
  const problems: string[] = [];
  for (const ref of references) {
    const domain = ref.file.split('/')[0]!;
    const owner = info.owners.get(ref.table)!;
    if (owner === '*' || owner === domain) continue;
    if (identityDomains.has(domain) && identityDomains.has(owner)) continue;
    if (!ref.write && readableByAll.has(ref.table)) continue;
    const exception = allowList.find((a) => a.file === ref.file && a.table === ref.table);
    if (exception) {
      used.add(exception);
      continue;
    }
    problems.push(
      `${ref.file}:${ref.line} ${ref.write ? 'writes' : 'reads'} ${ref.table}, which ${owner}/ owns`,
    );
  }
  return problems;
}

function domainSources(): { file: string; source: string }[] {
  const files: { file: string; source: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        files.push({ file: relative(core, path).split(sep).join('/'), source: readFileSync(path, 'utf8') });
    }
  };
  for (const entry of readdirSync(core, { withFileTypes: true }))
    if (entry.isDirectory()) walk(join(core, entry.name));
  return files;
}

describe('table ownership', () => {
  const info = tableInfo();
  const references = domainSources().flatMap(({ file, source }) => tableReferences(file, source, info));

  it('gives every table of the schema and the migrations one owner folder that exists', () => {
    for (const table of migrationTables()) expect(info.owners.has(table), `owner of ${table}`).toBe(true);
    for (const [table, owner] of info.owners) {
      if (owner === '*') continue;
      const folder = join(core, owner);
      expect(existsSync(folder) && statSync(folder).isDirectory(), `${table}: main/core/${owner}/`).toBe(
        true,
      );
    }
  });

  it('lets no domain name in SQL a table another domain owns', () => {
    // the scan sees the SQL at all: the agents' own run queries are found
    expect(references.some((r) => r.file === 'agents/runtime/run-store.ts' && r.table === 'agent_runs')).toBe(
      true,
    );
    expect(violationsOf(references, info, allowed)).toEqual([]);
  });

  it('keeps no exception nothing needs', () => {
    const used = new Set<{ file: string; table: string }>();
    violationsOf(references, info, allowed, used);
    expect(allowed.filter((a) => !used.has(a)).map((a) => `${a.file} ${a.table}`)).toEqual([]);
  });

  it("names the file and table of another domain's SQL, in any form", () => {
    const planted = (file: string, source: string) => violationsOf(tableReferences(file, source, info), info);
    expect(planted('guardian/planted.ts', "db.prepare('SELECT * FROM agent_runs').all();")).toEqual([
      'guardian/planted.ts:1 reads agent_runs, which agents/ owns',
    ]);
    expect(
      planted('notify/planted.ts', 'const q = `SELECT r.id\n  FROM incidents i JOIN agents a ON ${on}`;'),
    ).toEqual([
      'notify/planted.ts:1 reads incidents, which incidents/ owns',
      'notify/planted.ts:1 reads agents, which agents/ owns',
    ]);
    expect(
      planted('incidents/planted.ts', "sqlite.prepare('UPDATE users SET name = ? WHERE id = ?');"),
    ).toEqual(['incidents/planted.ts:1 writes users, which users/ owns']);
    expect(
      planted(
        'backups/planted.ts',
        "import { schema } from '../../../db';\nconst { memberships } = schema;\ndb.insert(memberships).values(row);\ndb.select().from(schema.sessions);",
      ),
    ).toEqual([
      'backups/planted.ts:3 writes memberships, which users/ owns',
      'backups/planted.ts:4 reads sessions, which auth/ owns',
    ]);
    // what a domain may do: its own tables, reading identity, shared settings, prose that mentions a table
    expect(
      planted('incidents/planted.ts', "q('SELECT i.*, u.name FROM incidents i LEFT JOIN users u')"),
    ).toEqual([]);
    expect(planted('notify/planted.ts', "q('SELECT value FROM settings WHERE key = ?')")).toEqual([]);
    expect(planted('guardian/planted.ts', "say('Moved from agents to the archive.')")).toEqual([]);
  });
});
