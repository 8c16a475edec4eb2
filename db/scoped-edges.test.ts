import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schema, tenantRows, type DbHandle } from './index';

const { memberships, invites } = schema;
let dir: string;
let handle: DbHandle;

/** Two tenants, each with two invitations of the same person, and the person a member of both. */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mindframe-scope-edges-'));
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
      ('ia1', 'A', 'pat', 'hash-a1', 1, 9), ('ia2', 'A', 'pat', 'hash-a2', 2, 9),
      ('ib1', 'B', 'pat', 'hash-b1', 1, 9), ('ib2', 'B', 'pat', 'hash-b2', 2, 9);`);
});
afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tenant scope: first() and the scope itself', () => {
  it("first() finds its own tenant's row, one row, never the other tenant's", () => {
    const b = tenantRows(handle.db, 'B');
    expect(b.first(memberships, eq(memberships.userId, 'pat'))).toMatchObject({
      tenantId: 'B',
      userId: 'pat',
      role: 'viewer',
    });
    // without further conditions: one row of its own tenant, not a list
    const any = b.first(invites);
    expect(any).toMatchObject({ tenantId: 'B' });
    expect(['ib1', 'ib2']).toContain(any?.id);
    // a row of the other tenant asked for by its id is not there
    expect(b.first(invites, eq(invites.id, 'ia1'))).toBeUndefined();
    expect(tenantRows(handle.db, 'A').first(invites, eq(invites.id, 'ia1'))).toMatchObject({
      id: 'ia1',
      tenantId: 'A',
    });
  });

  it('select() without conditions lists all rows of its tenant and only those', () => {
    const a = tenantRows(handle.db, 'A');
    expect(
      a
        .select(invites)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['ia1', 'ia2']);
    expect(a.tenantId).toBe('A');
    expect(a.db).toBe(handle.db);
  });

  it('update() and delete() of a row of the other tenant change nothing and answer 0', () => {
    const a = tenantRows(handle.db, 'A');
    expect(a.update(invites, { expiresAt: 99 }, eq(invites.id, 'ib1'))).toBe(0);
    expect(a.delete(invites, eq(invites.id, 'ib2'))).toBe(0);
    expect(
      handle.sqlite.prepare("SELECT id, expires_at FROM invites WHERE tenant_id = 'B' ORDER BY id").all(),
    ).toEqual([
      { id: 'ib1', expires_at: 9 },
      { id: 'ib2', expires_at: 9 },
    ]);
    // without conditions: every row of its own tenant, none of the other
    expect(a.update(invites, { expiresAt: 50 })).toBe(2);
    expect(a.delete(invites)).toBe(2);
    expect(handle.sqlite.prepare('SELECT id FROM invites ORDER BY id').all()).toEqual([
      { id: 'ib1' },
      { id: 'ib2' },
    ]);
  });
});
