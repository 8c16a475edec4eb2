import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase, SchemaTooNewError, type DbHandle } from './index';

const migrationsDir = join(__dirname, 'migrations');
let dir: string;
let handle: DbHandle | undefined;

afterEach(() => {
  handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

function fresh(): DbHandle {
  dir = mkdtempSync(join(tmpdir(), 'mindframe-migrate-'));
  handle = openDatabase(join(dir, 'db.sqlite'));
  return handle;
}

function seedTenantWithMember(h: DbHandle): void {
  h.sqlite.exec(`
    INSERT INTO tenants (id, name, slug, created_at) VALUES ('t1', 'Acme', 'acme', 1);
    INSERT INTO users (id, email, name, created_at) VALUES ('u1', 'a@acme.test', 'A', 1);
    INSERT INTO memberships (tenant_id, user_id, role, status, created_at) VALUES ('t1', 'u1', 'owner', 'active', 1);`);
}

/** A copy of the shipped migrations plus one more, written the way drizzle-kit writes a table rebuild. */
function migrationsWithExtra(sql: string): string {
  const extra = join(dir, 'migrations');
  cpSync(migrationsDir, extra, { recursive: true });
  const journal = JSON.parse(readFileSync(join(extra, 'meta', '_journal.json'), 'utf8'));
  const last = journal.entries.at(-1);
  journal.entries.push({
    idx: last.idx + 1,
    version: '6',
    when: last.when + 1000,
    tag: '9999_extra',
    breakpoints: true,
  });
  writeFileSync(join(extra, 'meta', '_journal.json'), JSON.stringify(journal));
  writeFileSync(join(extra, '9999_extra.sql'), sql);
  return extra;
}

describe('migrate', () => {
  it('creates the schema on a new database with the pragmas of DESIGN.md, and does nothing the second time', () => {
    const h = fresh();
    const first = migrate(h, { migrationsDir, backupDir: join(dir, 'backups') });
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.backupFile).toBeNull();
    expect(migrate(h, { migrationsDir, backupDir: join(dir, 'backups') }).applied).toEqual([]);
    expect(h.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(h.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const h = fresh();
    migrate(h, { migrationsDir, backupDir: join(dir, 'backups') });
    h.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('f'.repeat(64), 4102444800000);
    expect(() => migrate(h, { migrationsDir, backupDir: join(dir, 'backups') })).toThrow(SchemaTooNewError);
    expect(() => migrate(h, { migrationsDir, backupDir: join(dir, 'backups') })).toThrow(
      /newer version of Mindframe/,
    );
  });

  it('backs up first and survives a drizzle table rebuild of a table other tables point at', () => {
    const h = fresh();
    migrate(h, { migrationsDir, backupDir: join(dir, 'backups') });
    seedTenantWithMember(h);
    const rebuild = migrationsWithExtra(`PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE \`__new_tenants\` (
  \`id\` text PRIMARY KEY NOT NULL, \`name\` text NOT NULL, \`slug\` text NOT NULL,
  \`status\` text DEFAULT 'active' NOT NULL, \`plan\` text DEFAULT 'starter' NOT NULL,
  \`created_at\` integer NOT NULL, \`region\` text DEFAULT 'eu' NOT NULL
);--> statement-breakpoint
INSERT INTO \`__new_tenants\`("id", "name", "slug", "status", "plan", "created_at") SELECT "id", "name", "slug", "status", "plan", "created_at" FROM \`tenants\`;--> statement-breakpoint
DROP TABLE \`tenants\`;--> statement-breakpoint
ALTER TABLE \`__new_tenants\` RENAME TO \`tenants\`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX \`tenants_slug_unique\` ON \`tenants\` (\`slug\`);`);
    const result = migrate(h, { migrationsDir: rebuild, backupDir: join(dir, 'backups') });
    expect(result.applied).toEqual(['9999_extra']);
    expect(result.backupFile && existsSync(result.backupFile)).toBe(true);
    // memberships were not cascade-deleted by the DROP TABLE, and the backup holds the old schema
    expect(h.sqlite.prepare('SELECT count(*) AS n FROM memberships').get()).toEqual({ n: 1 });
    expect(h.sqlite.prepare('SELECT region FROM tenants').get()).toEqual({ region: 'eu' });
    expect(h.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const backup = new Database(result.backupFile!, { readonly: true });
    expect(backup.prepare('SELECT count(*) AS n FROM memberships').get()).toEqual({ n: 1 });
    backup.close();
  });

  it('rolls a failing migration back completely', () => {
    const h = fresh();
    migrate(h, { migrationsDir, backupDir: join(dir, 'backups') });
    seedTenantWithMember(h);
    const broken = migrationsWithExtra(
      'CREATE TABLE `half_done` (`id` text);--> statement-breakpoint\nTHIS IS NOT SQL;',
    );
    expect(() => migrate(h, { migrationsDir: broken, backupDir: join(dir, 'backups') })).toThrow(
      /rolled back/,
    );
    expect(
      h.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get(),
    ).toEqual({ n: 0 });
    expect(h.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: loadMigrations(migrationsDir).length,
    });
  });

  it('refuses a migration that would leave broken references', () => {
    const h = fresh();
    migrate(h, { migrationsDir, backupDir: join(dir, 'backups') });
    seedTenantWithMember(h);
    const orphaning = migrationsWithExtra('DELETE FROM `tenants`;');
    expect(() => migrate(h, { migrationsDir: orphaning, backupDir: join(dir, 'backups') })).toThrow(
      /broken foreign key/,
    );
    expect(h.sqlite.prepare('SELECT count(*) AS n FROM tenants').get()).toEqual({ n: 1 });
  });
});
