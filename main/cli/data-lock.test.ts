import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, login, runCli, serve, setupAcme, stop, type Served } from './testing/run-cli';

let dataDir: string;
let served: Served | undefined;
afterEach(async () => {
  if (served) await stop(served, 'SIGKILL');
  served = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const password = 'correct horse battery staple';

async function titles(url: string): Promise<string[]> {
  const session = await login(url, 'owner@acme.test', password);
  const answer = await callApi(url, session, 'knowledge.list', { limit: 200 });
  return (answer.body.data as { docs: { title: string }[] }).docs.map((d) => d.title);
}

describe('the running app holds the data folder', () => {
  it('refuses restore, migrate and a second serve while serve runs, naming it; nothing is changed', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-lock-cli-'));
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    const created = await runCli(['backup', 'create', '--data-dir', dataDir]);
    expect(created.code).toBe(0);
    const backup = /(mindframe-\S+\.mfbackup)/.exec(created.stdout)![1]!;

    served = await serve(dataDir);
    const session = await login(served.url, 'owner@acme.test', password);
    expect((await callApi(served.url, session, 'knowledge.add', { title: 'Before', body: 'b' })).status).toBe(
      200,
    );
    const refusal = `Mindframe is running (pid ${served.child.pid}, serve); stop it first. Nothing was changed.`;

    const restore = await runCli(['backup', 'restore', backup, '--data-dir', dataDir]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain(refusal);
    const migrate = await runCli(['migrate', '--data-dir', dataDir]);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain(refusal);
    const second = await runCli(['serve', '--data-dir', dataDir, '--port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(refusal);
    // reading beside the app is fine
    expect((await runCli(['doctor', '--data-dir', dataDir])).code).toBe(0);

    // the server goes on, and what it acknowledges after the refused restore survives its restart
    expect((await callApi(served.url, session, 'knowledge.add', { title: 'After', body: 'a' })).status).toBe(
      200,
    );
    expect(readdirSync(dataDir).some((name) => name.startsWith('replaced-'))).toBe(false);
    await stop(served);
    expect(existsSync(join(dataDir, 'mindframe.lock'))).toBe(false);
    served = await serve(dataDir);
    expect(await titles(served.url)).toEqual(expect.arrayContaining(['Before', 'After']));
    await stop(served);
    served = undefined;

    // with the app stopped, the restore goes ahead
    const restored = await runCli(['backup', 'restore', backup, '--data-dir', dataDir]);
    expect(restored.code).toBe(0);
    expect(existsSync(join(dataDir, 'mindframe.lock'))).toBe(false);
  }, 60_000);

  it('starts again after the app was killed, taking over the lock it left', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-lock-cli-'));
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    served = await serve(dataDir);
    await stop(served, 'SIGKILL');
    expect(existsSync(join(dataDir, 'mindframe.lock'))).toBe(true);
    served = await serve(dataDir);
    expect(await titles(served.url)).toEqual([]);
  });
});
