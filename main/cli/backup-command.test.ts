import { servicesOf } from '../core/testing/services';
import Database from 'better-sqlite3';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../core';
import { runCli, setupAcme } from './testing/run-cli';

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const password = 'correct horse battery staple';

function agentNames(): string[] {
  const db = new Database(join(dataDir, 'mindframe.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT name FROM agents ORDER BY name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    db.close();
  }
}

function addAgent(name: string): void {
  const db = new Database(join(dataDir, 'mindframe.sqlite'));
  try {
    const tenant = (db.prepare('SELECT id FROM tenants LIMIT 1').get() as { id: string }).id;
    const columns = db
      .prepare('SELECT name, "notnull", dflt_value FROM pragma_table_info(\'agents\')')
      .all() as {
      name: string;
      notnull: number;
      dflt_value: string | null;
    }[];
    const values: Record<string, unknown> = { id: crypto.randomUUID(), tenant_id: tenant, name };
    for (const c of columns)
      if (!(c.name in values) && c.notnull && c.dflt_value === null)
        values[c.name] = c.name.endsWith('_at') ? Date.now() : c.name === 'settings' ? '{}' : '';
    const keys = Object.keys(values);
    db.prepare(`INSERT INTO agents (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`).run(
      values,
    );
  } finally {
    db.close();
  }
}

describe('mindframe backup', () => {
  it('creates, lists, verifies and restores onto a corrupted database', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-cli-backup-'));
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    addAgent('Kept by the backup');

    const created = await runCli(['backup', 'create', '--data-dir', dataDir]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Backup written and verified: (mindframe-\S+\.mfbackup)/);
    const file = /(mindframe-\S+\.mfbackup)/.exec(created.stdout)![1]!;

    const listed = await runCli(['backup', 'list', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(file);
    expect(listed.stdout).toMatch(/manual\s+.*verified/);

    const verified = await runCli(['backup', 'verify', file, '--data-dir', dataDir]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/Verified: .*integrity ok/);

    addAgent('Lost in the crash');
    // wreck the database: garbage over most of its pages
    const dbFile = join(dataDir, 'mindframe.sqlite');
    for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    const size = statSync(dbFile).size;
    const fd = openSync(dbFile, 'r+');
    writeSync(fd, Buffer.alloc(size - 8192, 0x5a), 0, size - 8192, 4096);
    closeSync(fd);
    const broken = await runCli(['doctor', '--data-dir', dataDir]);
    expect(broken.code).not.toBe(0);

    const restored = await runCli(['backup', 'restore', file, '--data-dir', dataDir]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/could not be backed up.*copied to/);
    expect(restored.stdout).toContain(`Restored ${file}`);
    expect(agentNames()).toEqual(['Kept by the backup']);
    const doctor = await runCli(['doctor', '--data-dir', dataDir]);
    expect(JSON.parse(doctor.stdout).database.integrity).toBe('ok');
    expect(readdirSync(join(dataDir, 'backups')).some((f) => f.startsWith('damaged-'))).toBe(true);
  }, 60_000);

  it('restores an encrypted backup on another machine with the exported key', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-cli-backup-'));
    const first = join(dataDir, 'first');
    const second = join(dataDir, 'second');
    expect((await setupAcme(first, password)).code).toBe(0);
    writeFileSync(
      join(first, 'backup-settings.json'),
      JSON.stringify({
        folder: join(first, 'backups'),
        schedule: { enabled: false, everyHours: 6, dailyAt: null },
        retention: { keepLast: 10, daily: 7, weekly: 4, monthly: 12 },
        encryption: true,
      }),
    );
    const created = await runCli(['backup', 'create', '--data-dir', first]);
    expect(created.stdout).toMatch(/verified: \S+ \(.*encrypted\)/);
    const file = join(first, 'backups', /(mindframe-\S+\.mfbackup)/.exec(created.stdout)![1]!);
    const core = createCore({ dataDir: first });
    const keyFile = join(dataDir, 'backup-key.txt');
    writeFileSync(keyFile, servicesOf(core).backups.exportKey().key);
    core.stop();

    expect(
      (
        await runCli(
          ['setup', '--data-dir', second, '--org', 'Other', '--email', 'o@other.test'],
          `${password}\n`,
        )
      ).code,
    ).toBe(0);
    const withoutKey = await runCli(['backup', 'restore', file, '--data-dir', second]);
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stderr).toMatch(/different key|no backup key/);
    const withKey = await runCli(['backup', 'restore', file, '--data-dir', second, '--key-file', keyFile]);
    expect(withKey.stderr).toBe('');
    expect(withKey.code).toBe(0);
    const db = new Database(join(second, 'mindframe.sqlite'), { readonly: true });
    expect((db.prepare('SELECT email FROM users').all() as { email: string }[]).map((u) => u.email)).toEqual([
      'owner@acme.test',
    ]);
    db.close();
  }, 60_000);

  it('refuses a damaged backup file and changes nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-cli-backup-'));
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    addAgent('Still here');
    const notABackup = join(dataDir, 'notes.mfbackup');
    const fd = openSync(notABackup, 'w');
    writeSync(fd, Buffer.from('just some notes'));
    closeSync(fd);
    const result = await runCli(['backup', 'restore', notABackup, '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a Mindframe backup\. Nothing was changed\./);
    expect(agentNames()).toEqual(['Still here']);
    const usage = await runCli(['backup', 'fly', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
  }, 30_000);
});
