// Backup scenarios for `npm run bench`: backup + verification throughput on a ~200 MB database
// against VACUUM INTO in the same run, and the longest pause a writer sees while a backup runs.
import { servicesOf } from '../main/core/testing/services';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uuidv7 } from '../db';
import { createCore, type Core } from '../main/core';

type Emit = (line: Record<string, unknown>) => void;
const round = (n: number) => Math.round(n * 10) / 10;
const mib = 1024 * 1024;

async function bigInstallation(
  targetMiB: number,
): Promise<{ core: Core; dataDir: string; tenantId: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-backup-'));
  const core = createCore({ dataDir, secrets: 'file' });
  const setup = await core.dispatch(
    'setup.createOwner',
    { orgName: 'Bench', name: 'Bench', email: 'bench@bench.test', password: 'benchmark password 1234' },
    { transport: 'internal' },
  );
  if (!setup.ok || setup.sessionChange?.type !== 'set') throw new Error('setup failed');
  const tenantId = (setup.data as { tenant: { id: string } }).tenant.id;
  const agent = await core.dispatch(
    'agents.create',
    { name: 'Bench agent' },
    { transport: 'internal', sessionToken: setup.sessionChange.token },
  );
  if (!agent.ok) throw new Error('agent failed');
  const agentId = (agent.data as { id: string }).id;
  const { sqlite } = servicesOf(core);
  const insert = sqlite.prepare(
    `INSERT INTO agent_runs (id, tenant_id, agent_id, version_number, status, trigger, input, replies, error_code, tokens_in, tokens_out, cost_micros, created_at, started_at, finished_at)
     VALUES (?, ?, ?, 1, 'succeeded', 'chat', ?, '[]', NULL, 40, 10, 0, ?, ?, ?)`,
  );
  // run inputs like real ones: half words that repeat, half that do not (compresses about 2:1)
  const words = 'order delivery invoice customer refund status question thanks please when where'.split(' ');
  const file = join(dataDir, 'mindframe.sqlite');
  sqlite.pragma('synchronous = OFF');
  const now = Date.now();
  let n = 0;
  const size = () => statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  while (size() < targetMiB * mib) {
    sqlite.transaction(() => {
      for (let i = 0; i < 5000; i++, n++) {
        const text = Array.from({ length: 60 }, (_, k) => words[(n + k * 7) % words.length]).join(' ');
        const input = JSON.stringify({ message: `${text} ${randomBytes(300).toString('base64')}` });
        insert.run(uuidv7(now - n), tenantId, agentId, input, now - n, now - n, now - n + 40);
      }
    })();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  sqlite.pragma('synchronous = FULL');
  return { core, dataDir, tenantId };
}

export async function backupThroughput(emit: Emit): Promise<void> {
  const { core, dataDir } = await bigInstallation(200);
  try {
    const { sqlite } = servicesOf(core);
    const bytes = statSync(join(dataDir, 'mindframe.sqlite')).size;
    const vacuumTimes: number[] = [];
    const checkedVacuumTimes: number[] = [];
    const backupTimes: number[] = [];
    for (let round_ = 0; round_ < 2; round_++) {
      const target = join(dataDir, `vacuum-${round_}.sqlite`);
      let t = performance.now();
      sqlite.prepare('VACUUM INTO ?').run(target);
      vacuumTimes.push(performance.now() - t);
      const copy = new Database(target, { readonly: true });
      copy.pragma('integrity_check');
      copy.close();
      checkedVacuumTimes.push(performance.now() - t);
      rmSync(target);
      t = performance.now();
      const row = await servicesOf(core).backups.create('manual');
      backupTimes.push(performance.now() - t);
      if (row.verification.status !== 'verified') throw new Error('bench backup did not verify');
    }
    const vacuum = Math.min(...vacuumTimes);
    const ours = Math.min(...backupTimes);
    const rows = (await servicesOf(core).backups.list()).map((e) => e.row);
    emit({
      scenario: 'backup throughput (online copy + brotli + verification)',
      databaseMiB: round(bytes / mib),
      backupFileMiB: round(rows[0]!.bytes / mib),
      backupMs: Math.round(ours),
      backupMiBps: round(bytes / mib / (ours / 1000)),
      baseline: 'VACUUM INTO (copy only, no compression or verification)',
      vacuumIntoMs: Math.round(vacuum),
      vacuumIntoMiBps: round(bytes / mib / (vacuum / 1000)),
      ratio: Math.round((vacuum / ours) * 100) / 100,
      target: 'ratio >= 0.5',
      vacuumIntoPlusIntegrityCheckMs: Math.round(Math.min(...checkedVacuumTimes)),
      ratioToVacuumIntoPlusIntegrityCheck: Math.round((Math.min(...checkedVacuumTimes) / ours) * 100) / 100,
    });

    // a writer inserting one row at a time while a backup runs: the longest gap between two writes.
    // The disk first settles: writeback of the rounds above would otherwise stall its commits.
    execSync('sync');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    let writing = true;
    let longest = 0;
    let longestInsert = 0;
    let writes = 0;
    const insert = sqlite.prepare("INSERT INTO app_meta (key, value) VALUES (?, 'x')");
    const writer = (async () => {
      let last = performance.now();
      while (writing) {
        const before = performance.now();
        insert.run(`bench-${writes++}`);
        const now = performance.now();
        longestInsert = Math.max(longestInsert, now - before);
        longest = Math.max(longest, now - last);
        last = now;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const t = performance.now();
    await servicesOf(core).backups.create('manual');
    const during = performance.now() - t;
    writing = false;
    await writer;
    emit({
      scenario: 'longest writer pause during a backup',
      longestPauseMs: round(longest),
      longestInsertMs: round(longestInsert),
      writesDuringBackup: writes,
      backupMs: Math.round(during),
      target: '< 20 ms',
    });
    await copyMethodStalls(emit, sqlite, join(dataDir, 'mindframe.sqlite'), dataDir);
  } finally {
    core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Why backups copy with VACUUM INTO on their own connection: the longest commit of a writer while a
 * worker copies the database with the backup API, and while it copies with VACUUM INTO.
 */
async function copyMethodStalls(
  emit: Emit,
  sqlite: Database.Database,
  file: string,
  dir: string,
): Promise<void> {
  const insert = sqlite.prepare("INSERT INTO app_meta (key, value) VALUES (?, 'x')");
  let n = 0;
  const measure = async (method: 'backup' | 'vacuum') => {
    execSync('sync');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const target = join(dir, `copy-${method}.sqlite`);
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const Database = require(workerData.module);
       (async () => {
         const db = new Database(workerData.file, { readonly: true });
         if (workerData.method === 'backup') await db.backup(workerData.target, { progress: () => 0x7fffffff });
         else { db.pragma('synchronous = OFF'); db.prepare('VACUUM INTO ?').run(workerData.target); }
         db.close();
         parentPort.postMessage('done');
       })();`,
      { eval: true, workerData: { module: require.resolve('better-sqlite3'), file, target, method } },
    );
    const done = new Promise((resolve) => worker.once('message', resolve));
    let copying = true;
    void done.then(() => (copying = false));
    let longest = 0;
    while (copying) {
      const before = performance.now();
      insert.run(`copy-${n++}`);
      longest = Math.max(longest, performance.now() - before);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await worker.terminate();
    rmSync(target, { force: true });
    return round(longest);
  };
  emit({
    scenario: 'longest commit while a worker copies the database',
    backupApiMs: await measure('backup'),
    vacuumIntoMs: await measure('vacuum'),
    note: 'backups copy with VACUUM INTO for this reason',
  });
}
