import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, serve, setupAcme, stop, type Served } from './testing/run-cli';

let dataDir: string;
let served: Served | undefined;
afterEach(async () => {
  if (served) await stop(served);
  served = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const password = 'correct horse battery staple';

describe('mindframe command', () => {
  it('sets up with the password from stdin, then serves a working login and health endpoint', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-cli-'));
    const setup = await setupAcme(dataDir, password);
    expect(setup).toMatchObject({ code: 0 });
    expect(setup.stdout).toContain('Created organisation "Acme"');

    served = await serve(dataDir);
    const login = await fetch(`${served.url}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@acme.test', password }),
    });
    const body = (await login.json()) as {
      ok: boolean;
      data: { csrfToken: string; tenant: { name: string } };
    };
    expect(body.ok).toBe(true);
    expect(body.data.csrfToken.length).toBeGreaterThan(20);
    expect(body.data.tenant.name).toBe('Acme');
    const health = await (await fetch(`${served.url}/api/v1/health`)).json();
    expect(health).toMatchObject({
      status: expect.stringMatching(/healthy|degraded/),
      database: 'connected',
      score: expect.any(Number),
    });
  });

  it('refuses a second setup, a short password and bad usage with the documented exit codes', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-cli-'));
    const short = await runCli(
      ['setup', '--data-dir', dataDir, '--org', 'Acme', '--email', 'owner@acme.test'],
      'short\n',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 12 characters/);
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    const again = await runCli(
      ['setup', '--data-dir', dataDir, '--org', 'Other', '--email', 'x@other.test'],
      `${password}\n`,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already set up/);
    expect((await runCli(['setup', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['serve', '--port', 'abc', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['--help'])).code).toBe(0);
  });

  it('reports health as JSON with doctor, migrates, and refuses a database from a newer version', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-cli-'));
    const doctor = await runCli(['doctor', '--data-dir', dataDir]);
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout);
    expect(report).toMatchObject({
      ok: true,
      needsSetup: true,
      database: { integrity: 'ok', journalMode: 'wal' },
    });
    expect(JSON.parse((await runCli(['migrate', '--data-dir', dataDir])).stdout)).toMatchObject({
      ok: true,
      schemaVersion: report.database.schemaVersion,
    });

    const raw = new Database(join(dataDir, 'mindframe.sqlite'));
    raw
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('e'.repeat(64), 4102444800000);
    raw.close();
    const refused = await runCli(['migrate', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/newer version of Mindframe/);
  });

  it('uses MINDFRAME_DATA_DIR when no --data-dir is given', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-cli-'));
    const doctor = await runCli(['doctor'], undefined, { MINDFRAME_DATA_DIR: dataDir });
    expect(JSON.parse(doctor.stdout).dataDir).toBe(dataDir);
  });
});
