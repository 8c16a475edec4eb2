import { servicesOf } from '../testing/services';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../lib/app-info';
import { createFileLogger, type Logger } from '../lib/logger';
import { createHarness, expectOk, type Harness } from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';
import { firstOwnFrame, fingerprintOf, normaliseMessage, scrubSecrets, trimStack } from './fingerprint';
import { installProcessHandlers } from './process-handlers';

let h: Harness | undefined;
let dataDir: string | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

function startWithFileLog(): { h: Harness; logger: Logger } {
  dataDir = mkdtempSync(join(tmpdir(), 'mindframe-errors-'));
  const logger = createFileLogger(dataDir, 'debug');
  h = createHarness({ dataDir, logger });
  return { h, logger };
}

// two places in our code that fail the same way
function findUser(id: number): Error {
  return new Error(`user ${id} not found`);
}
function findUserElsewhere(id: number): Error {
  return new Error(`user ${id} not found`);
}

describe('fingerprints', () => {
  it('take numbers, ids, e-mail addresses and quoted values out of the message', () => {
    expect(normaliseMessage('user 123 not found')).toBe(normaliseMessage('user 456 not found'));
    expect(normaliseMessage('run 0194a1b2-3c4d-7e5f-8a6b-9c0d1e2f3a4b timed out after 30.5 s')).toBe(
      'run <id> timed out after <n> s',
    );
    expect(normaliseMessage(`can't open "C:\\data\\a.db": busy`)).toBe(
      normaliseMessage(`can't open "/b.db": busy`),
    );
    expect(normaliseMessage("no template 'bakery' for ann@acme.test")).toBe(
      'no template <value> for <email>',
    );
    expect(normaliseMessage('user 1 not found')).not.toBe(normaliseMessage('agent 1 not found'));
  });

  it('group by the first frame in our code, without line and column', () => {
    const root = '/opt/mindframe';
    const stackAt = (fn: string, line: number) =>
      [
        'Error: user 1 not found',
        `    at Database.prepare (${root}/node_modules/better-sqlite3/lib/methods/wrappers.js:5:21)`,
        `    at ${fn} (${root}/main/core/users/service.ts:${line}:13)`,
        `    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
      ].join('\n');
    expect(firstOwnFrame(stackAt('findUser', 40), root)).toBe('findUser main/core/users/service.ts');
    expect(fingerprintOf('Error', 'user 1 not found', stackAt('findUser', 40), root)).toBe(
      fingerprintOf('Error', 'user 2 not found', stackAt('findUser', 52), root),
    );
    expect(fingerprintOf('Error', 'user 1 not found', stackAt('findUser', 40), root)).not.toBe(
      fingerprintOf('Error', 'user 1 not found', stackAt('loadTeam', 40), root),
    );
    // the same code installed elsewhere groups the same
    const moved = stackAt('findUser', 40).replaceAll(
      root,
      'C:\\Program Files\\Mindframe'.replaceAll('\\', '/'),
    );
    expect(fingerprintOf('Error', 'user 1 not found', moved, 'C:/Program Files/Mindframe')).toBe(
      fingerprintOf('Error', 'user 1 not found', stackAt('findUser', 40), root),
    );
    expect(fingerprintOf('TypeError', 'user 1 not found', stackAt('findUser', 40), root)).not.toBe(
      fingerprintOf('Error', 'user 1 not found', stackAt('findUser', 40), root),
    );
  });

  it('keep secrets and absolute paths out of samples', () => {
    const text = scrubSecrets(
      'login failed for token=abc123def password: "hunter2!" Bearer eyJhbGciOiJIUzI1NiJ9.x.y key mf_live_ABCDEF0123 ' +
        'https://bob:pw@example.test/ k 4f9c2a7e1b3d5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6 id 0194a1b2-3c4d-7e5f-8a6b-9c0d1e2f3a4b',
    );
    for (const secret of [
      'abc123def',
      'hunter2',
      'eyJhbGci',
      'mf_live_ABCDEF0123',
      'bob:pw',
      '4f9c2a7e1b3d5f60',
    ])
      expect(text).not.toContain(secret);
    expect(text).toContain('0194a1b2-3c4d-7e5f-8a6b-9c0d1e2f3a4b');
    const stack = trimStack(
      [
        'Error: boom',
        ...Array.from(
          { length: 30 },
          (_, i) => `    at f${i} (/home/olivia/mindframe/main/core/x.ts:${i}:1)`,
        ),
      ].join('\n'),
      '/home/olivia/mindframe',
    );
    expect(stack).not.toContain('/home/olivia');
    expect(stack.split('\n')[1]).toBe('    at f0 (main/core/x.ts:0:1)');
    expect(stack.split('\n')).toHaveLength(1 + 15 + 1);
  });
});

describe('error groups', () => {
  it('group logged errors by fingerprint with counts, first and last seen; errors.list for platform admins', async () => {
    const { h, logger } = startWithFileLog();
    const t = await twoTenants(h.core);
    const runtime = logger.child({ module: 'runtime' });
    const first = h.clock.now();
    runtime.error({ err: findUser(123), tenantId: t.tenantA }, 'lookup failed');
    h.clock.advance(60_000);
    runtime.error({ err: findUser(456), tenantId: t.tenantB }, 'lookup failed');
    runtime.error({ err: findUserElsewhere(123) }, 'lookup failed');
    runtime.error({ err: new TypeError(`cannot read 'x' of token=s3cr3t-value`) }, 'oops');
    runtime.warn({ err: findUser(1) }, 'only a warning: not an error group');
    runtime.error('an error line without err: counted, not grouped');

    const { groups } = await expectOk(h.core, 'errors.list', {}, t.platformAdmin.call);
    expect(groups).toHaveLength(3);
    const same = groups.filter((g) => g.message.startsWith('user '));
    expect(same.map((g) => g.count).sort()).toEqual([1, 2]);
    const pair = same.find((g) => g.count === 2)!;
    expect(pair).toMatchObject({
      name: 'Error',
      message: 'user 456 not found', // the latest sample
      module: 'runtime',
      firstSeen: first,
      lastSeen: first + 60_000,
    });
    expect(pair.stack).toContain('findUser');
    expect(pair.stack).not.toContain('findUserElsewhere');
    expect(pair.stack).toMatch(/at findUser \(main\/core\/logs\/error-tracker\.test\.ts:\d+:\d+\)/);
    const typeError = groups.find((g) => g.name === 'TypeError')!;
    expect(typeError.message).not.toContain('s3cr3t');
    expect(typeError.stack).not.toContain('s3cr3t');
    // most recent first
    expect(groups.map((g) => g.lastSeen)).toEqual([...groups.map((g) => g.lastSeen)].sort((a, b) => b - a));

    // tenant admins do not see installation-wide groups
    expect(await expectOk(h.core, 'errors.list', {}, t.alice.call)).toEqual({ groups: [] });
    expect(await h.core.dispatch('errors.list', {}, t.bea.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // the Guardian's error rate: 5 error lines (not the warning), by the core's clock
    const errors = servicesOf(h.core).logs.errors;
    expect(errors.errorCount(first)).toBe(5);
    expect(errors.errorCount(first, t.tenantA)).toBe(1);
    expect(errors.errorLinesPerMinute(30_000)).toBe(8); // 4 lines in the last half minute
    expect(errors.errorLinesPerMinute(5 * 60_000)).toBeCloseTo(1, 5);
    h.clock.advance(10 * 60_000);
    expect(errors.errorLinesPerMinute(5 * 60_000)).toBe(0);
  });

  it('survive a restart: counts add up in the table', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-errors-'));
    let logger = createFileLogger(dataDir);
    let harness = createHarness({ dataDir, logger });
    logger.error({ err: findUser(7) }, 'lookup failed');
    harness.close(); // flushes what is pending
    logger = createFileLogger(dataDir);
    harness = createHarness({ dataDir, logger });
    h = harness;
    logger.error({ err: findUser(8) }, 'lookup failed');
    expect(servicesOf(harness.core).logs.errors.list()).toMatchObject([
      { count: 2, message: 'user 8 not found' },
    ]);
  });
});

describe('process handlers', () => {
  it('record an unhandled rejection and keep the process running; handling never throws', async () => {
    const { h } = startWithFileLog();
    const target = new EventEmitter();
    const exits: number[] = [];
    const uninstall = installProcessHandlers(h.core, { target, exit: (code) => exits.push(code) });
    target.emit('unhandledRejection', findUser(9), Promise.resolve());
    target.emit('unhandledRejection', 'a plain string', Promise.resolve());
    expect(exits).toEqual([]);
    const groups = servicesOf(h.core).logs.errors.list();
    expect(groups.map((g) => [g.name, g.message, g.module, g.count])).toEqual(
      expect.arrayContaining([
        ['Error', 'user 9 not found', 'process', 1],
        ['NonError', 'a plain string', 'process', 1],
      ]),
    );
    // the logged line carries the group and is not counted twice
    expect(servicesOf(h.core).logs.errors.errorCount(0)).toBe(2);

    target.emit('uncaughtException', new RangeError('bad range 5'), 'uncaughtException');
    expect(exits).toEqual([1]);
    expect(
      servicesOf(h.core)
        .logs.errors.list()
        .find((g) => g.name === 'RangeError'),
    ).toMatchObject({
      count: 1,
    });
    h.close();
    expect(() => target.emit('uncaughtException', new Error('after stop'))).not.toThrow();
    uninstall();
  });

  it('record a real uncaught exception before the process ends', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-crash-'));
    const appRoot = findAppRoot();
    const script = join(dataDir, 'crash.ts');
    writeFileSync(
      script,
      `import { createCore, createFileLogger, installProcessHandlers } from ${JSON.stringify(join(appRoot, 'main/core/index.ts'))};
const dataDir = process.argv[2]!;
const core = createCore({ dataDir, logger: createFileLogger(dataDir), secrets: 'file' });
installProcessHandlers(core);
function chargeCard(order: number): never {
  throw new TypeError('order ' + order + ' could not be charged');
}
setTimeout(() => chargeCard(991), 5);
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, dataDir], {
      cwd: appRoot,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(1);

    h = createHarness({ dataDir });
    expect(servicesOf(h.core).logs.errors.list()).toMatchObject([
      { name: 'TypeError', message: 'order 991 could not be charged', module: 'process', count: 1 },
    ]);
    expect(servicesOf(h.core).logs.errors.list()[0]!.stack).toContain('chargeCard');
    const logs = readdirSync(join(dataDir, 'logs'))
      .map((file) => readFileSync(join(dataDir!, 'logs', file), 'utf8'))
      .join('');
    const fatal = logs
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'uncaught exception');
    expect(fatal).toMatchObject({ level: 60, module: 'process', errorGroup: expect.any(String) });
  }, 60_000);
});
