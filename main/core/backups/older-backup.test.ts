import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase } from '../../../db';
import {
  createHarness,
  expectOk,
  ownerPassword,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { createBackup } from './create-backup';
import { readBackupInfo } from './file-format';
import { runMindframe } from '../testing/run-command';

const appRoot = join(__dirname, '..', '..', '..');
const migrationsDir = join(appRoot, 'db', 'migrations');

let h: Harness | null = null;
const dirs: string[] = [];
afterEach(() => {
  h?.close();
  h = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The app's migrations without the newest one: what the previous version of the app shipped. */
function previousMigrationsDir(): { dir: string; newest: string } {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const kept = journal.entries.slice(0, -1);
  const dir = tempDir('mindframe-old-migrations-');
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  for (const { tag } of kept) copyFileSync(join(migrationsDir, `${tag}.sql`), join(dir, `${tag}.sql`));
  return { dir, newest: journal.entries.at(-1)!.tag };
}

/**
 * A database file as the previous version of the app would have it: built by its migrations, then
 * filled with the live installation's rows (every column that version has).
 */
function olderDatabaseOf(liveFile: string, file: string, oldMigrations: string): void {
  const handle = openDatabase(file);
  try {
    migrate(handle, { migrationsDir: oldMigrations, backupDir: join(file, '..', 'unused') });
    const db = handle.sqlite;
    db.pragma('foreign_keys = OFF');
    db.prepare('ATTACH DATABASE ? AS live').run(liveFile);
    const virtualTables = (
      db
        .prepare(
          `SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const tables = (
      db
        .prepare(
          `SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> '__drizzle_migrations' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`,
        )
        .all() as { name: string }[]
    )
      .map((t) => t.name)
      // FTS5 shadow tables (<virtual>_data, _idx, _content, _docsize, _config) follow their table
      // through its triggers, and SQLite refuses writes to them
      .filter(
        (name) =>
          !virtualTables.some((v) => new RegExp(`^${v}_(data|idx|content|docsize|config)$`).test(name)),
      );
    db.transaction(() => {
      for (const table of tables) {
        const columns = (name: string) =>
          (db.pragma(`${name}.table_info("${table}")`) as { name: string }[]).map((c) => c.name);
        const liveColumns = new Set(columns('live'));
        const shared = columns('main')
          .filter((c) => liveColumns.has(c))
          .map((c) => `"${c}"`)
          .join(', ');
        // rows a migration seeded (the plan catalogue) are replaced by the live ones
        if (shared)
          db.exec(`INSERT OR REPLACE INTO main."${table}" (${shared}) SELECT ${shared} FROM live."${table}"`);
      }
    })();
    db.exec('DETACH DATABASE live');
    db.pragma('foreign_keys = ON');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    handle.close();
  }
}

async function agentNames(core: Harness['core'], owner: SignedIn): Promise<string[]> {
  const { agents } = await expectOk(core, 'agents.list', {}, owner.call);
  return agents.map((a) => a.name).sort();
}

function schemaVersionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Makes a backup of the previous schema version holding this installation's data: an organisation
 * with its owner, an agent "Made by the older version" and a knowledge document.
 */
async function olderBackup(target: Harness, owner: SignedIn): Promise<{ path: string; newest: string }> {
  const { dir, newest } = previousMigrationsDir();
  const scratch = tempDir('mindframe-older-db-');
  const older = join(scratch, 'older.sqlite');
  olderDatabaseOf(target.core.databaseFile, older, dir);
  expect(schemaVersionOf(older)).toBe(loadMigrations(migrationsDir).length - 1);
  await expectOk(target.core, 'backups.list', {}, owner.call);
  const created = await createBackup({
    sourceFile: older,
    folder: join(target.dataDir, 'backups'),
    tempDir: join(scratch, 'tmp'),
    kind: 'manual',
    appVersion: '0.0.9',
    migrations: loadMigrations(migrationsDir),
    key: null,
    now: target.clock.now() - 24 * 60 * 60 * 1000,
  });
  const { manifest } = await readBackupInfo(created.path);
  expect(manifest.schemaVersion).toBe(loadMigrations(migrationsDir).length - 1);
  return { path: created.path, newest };
}

async function seed(target: Harness): Promise<SignedIn> {
  const owner = await setupOwner(target.core);
  await expectOk(target.core, 'agents.create', { name: 'Made by the older version' }, owner.call);
  await expectOk(
    target.core,
    'knowledge.add',
    { title: 'Opening hours', body: 'Open from nine to five, closed on Sundays.' },
    owner.call,
  );
  return owner;
}

describe('restoring a backup made by the previous version of the app', () => {
  it('migrates it forward in the app (backups.restore): current schema, data present', async () => {
    h = createHarness();
    const owner = await seed(h);
    const { path, newest } = await olderBackup(h, owner);
    await expectOk(h.core, 'agents.create', { name: 'Made after the backup' }, owner.call);

    const list = await expectOk(h.core, 'backups.list', {}, owner.call);
    const row = list.backups.find((b) => path.endsWith(b.file))!;
    expect(row.schemaVersion).toBe(loadMigrations(migrationsDir).length - 1);
    expect(row.notRestorable).toBeNull();

    const outcome = await expectOk(h.core, 'backups.restore', { file: row.file }, owner.call);
    expect(outcome.migrated).toEqual([newest]);
    expect(schemaVersionOf(h.core.databaseFile)).toBe(loadMigrations(migrationsDir).length);
    expect(await agentNames(h.core, owner)).toEqual(['Made by the older version']);
    const search = await expectOk(h.core, 'knowledge.search', { q: 'Sundays' }, owner.call);
    expect(search.hits.map((hit) => hit.title)).toEqual(['Opening hours']);
  });

  it('migrates it forward through the command line (mindframe backup restore)', async () => {
    const dataDir = tempDir('mindframe-cli-older-');
    h = createHarness({ dataDir });
    const owner = await seed(h);
    const { path, newest } = await olderBackup(h, owner);
    await expectOk(h.core, 'agents.create', { name: 'Made after the backup' }, owner.call);
    // the app is stopped for a restore from the command line
    h.close();
    h = null;

    const result = await runMindframe(['backup', 'restore', path, '--data-dir', dataDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`brought up to date: ${newest}`);
    expect(schemaVersionOf(join(dataDir, 'mindframe.sqlite'))).toBe(loadMigrations(migrationsDir).length);

    h = createHarness({ dataDir });
    const login = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal', ip: '127.0.0.1' },
    );
    if (!login.ok || login.sessionChange?.type !== 'set') throw new Error('sign-in failed');
    const signedIn = {
      token: login.sessionChange.token,
      me: owner.me,
      call: { transport: 'internal' as const, sessionToken: login.sessionChange.token },
    };
    expect(await agentNames(h.core, signedIn)).toEqual(['Made by the older version']);
    const search = await expectOk(h.core, 'knowledge.search', { q: 'Sundays' }, signedIn.call);
    expect(search.hits.map((hit) => hit.title)).toEqual(['Opening hours']);
  });
});
