import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schema, tenantRows, type DbHandle } from './index';

const { memberships, invites } = schema;
let dir: string;
let handle: DbHandle;

/** Two tenants and one person who belongs to both: owner of A, viewer of B. */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mindframe-scope-'));
  handle = openDatabase(join(dir, 'db.sqlite'));
  migrate(handle, {
    migrationsDir: join(__dirname, 'migrations'),
    backupDir: join(dir, 'backups'),
    now: () => 1,
  });
  handle.sqlite.exec(`
    INSERT INTO tenants (id, name, slug, created_at) VALUES ('A', 'Alpha', 'alpha', 1), ('B', 'Beta', 'beta', 1);
    INSERT INTO users (id, email, name, created_at) VALUES ('pat', 'pat@both.test', 'Pat', 1);
    INSERT INTO memberships (tenant_id, user_id, role, status, created_at) VALUES
      ('A', 'pat', 'owner', 'active', 1), ('B', 'pat', 'viewer', 'active', 1);
    INSERT INTO invites (id, tenant_id, user_id, token_hash, created_at, expires_at) VALUES
      ('ia', 'A', 'pat', 'hash-a', 1, 9), ('ib', 'B', 'pat', 'hash-b', 1, 9);`);
});
afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowIn = (tenantId: string) =>
  handle.sqlite
    .prepare('SELECT role, status FROM memberships WHERE tenant_id = ? AND user_id = ?')
    .get(tenantId, 'pat') as { role: string; status: string };

describe('tenant scope with a person in two tenants', () => {
  it('update() changes the row of its own tenant only, whatever the other conditions say', () => {
    const a = tenantRows(handle.db, 'A');
    expect(a.update(memberships, { role: 'admin', status: 'disabled' }, eq(memberships.userId, 'pat'))).toBe(
      1,
    );
    expect(rowIn('A')).toEqual({ role: 'admin', status: 'disabled' });
    expect(rowIn('B')).toEqual({ role: 'viewer', status: 'active' });
    // even when handed the other tenant's id as a value, it stays in its tenant
    expect(
      a.update(memberships, { role: 'owner', tenantId: 'B' } as never, eq(memberships.userId, 'pat')),
    ).toBe(1);
    expect(rowIn('B')).toEqual({ role: 'viewer', status: 'active' });
    expect(
      handle.sqlite.prepare("SELECT count(*) AS n FROM memberships WHERE tenant_id = 'A'").get(),
    ).toEqual({ n: 1 });
  });

  it('delete() removes the row of its own tenant only', () => {
    const b = tenantRows(handle.db, 'B');
    expect(b.delete(invites, eq(invites.userId, 'pat'))).toBe(1);
    expect(handle.sqlite.prepare('SELECT id FROM invites').all()).toEqual([{ id: 'ia' }]);
    expect(b.delete(memberships, eq(memberships.userId, 'pat'))).toBe(1);
    expect(rowIn('A')).toEqual({ role: 'owner', status: 'active' });
  });

  it('select(), first() and where() see their own tenant only', () => {
    const b = tenantRows(handle.db, 'B');
    expect(b.select(memberships, eq(memberships.userId, 'pat'))).toEqual([
      expect.objectContaining({ tenantId: 'B', role: 'viewer' }),
    ]);
    expect(b.first(memberships, eq(memberships.role, 'owner'))).toBeUndefined();
    const viaWhere = handle.db.select().from(memberships).where(b.where(memberships)).all();
    expect(viaWhere.map((m) => m.tenantId)).toEqual(['B']);
  });

  it('insert() writes its own tenant whatever the values say', () => {
    handle.sqlite.exec(
      "INSERT INTO users (id, email, name, created_at) VALUES ('sam', 'sam@b.test', 'Sam', 1)",
    );
    tenantRows(handle.db, 'B').insert(memberships, {
      userId: 'sam',
      role: 'viewer',
      status: 'invited',
      createdAt: 2,
      tenantId: 'A',
    } as never);
    expect(handle.sqlite.prepare("SELECT tenant_id FROM memberships WHERE user_id = 'sam'").all()).toEqual([
      { tenant_id: 'B' },
    ]);
  });
});
