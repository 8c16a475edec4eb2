import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, ownerPassword, setupOwner, type Harness } from '../testing/harness';
import { createFileLogger, logFileOf } from './logger';

let h: Harness;
afterEach(() => h?.close());

function readLogs(dataDir: string): string {
  const dir = join(dataDir, 'logs');
  return readdirSync(dir)
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('');
}

describe('structured logs', () => {
  it('write JSON lines for changes into a dated file, and never a password, token or cookie', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-log-'));
    const logger = createFileLogger(dataDir, 'debug');
    h = createHarness({ dataDir, logger });
    const owner = await setupOwner(h.core);
    const invite = await expectOk(
      h.core,
      'users.invite',
      { email: 'v@acme.test', role: 'viewer' },
      owner.call,
    );
    await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: 'wrong password here' },
      { transport: 'internal' },
    );
    logger.info(
      { password: 'leak-me-1', nested: { token: 'leak-me-2' }, headers: { cookie: 'leak-me-3' } },
      'redaction probe',
    );
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    await expect.poll(() => readLogs(dataDir), { timeout: 5000 }).toContain('redaction probe');

    expect(readdirSync(join(dataDir, 'logs'))[0]).toMatch(/^mindframe\.\d{4}-\d{2}-\d{2}\.\d+\.log$/);
    const text = readLogs(dataDir);
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'change applied' && l.method === 'users.invite')).toBe(true);
    expect(
      lines.some(
        (l) => l.msg === 'change refused' && l.method === 'auth.login' && l.code === 'UNAUTHENTICATED',
      ),
    ).toBe(true);
    for (const secret of [
      ownerPassword,
      'wrong password here',
      invite.inviteToken,
      owner.token,
      'leak-me-1',
      'leak-me-2',
      'leak-me-3',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('log file on a full disk', () => {
  const today = () => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it.skipIf(!existsSync('/dev/full'))(
    'drops and counts lines while writes fail with ENOSPC, never throws, and says how many once it can write again',
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'mindframe-log-full-'));
      const logDir = join(dir, 'logs');
      mkdirSync(logDir);
      const file = join(logDir, `mindframe.${today()}.1.log`);
      // every write to /dev/full fails with ENOSPC, as on a full disk
      symlinkSync('/dev/full', file);
      const logger = createFileLogger(dir);
      const control = logFileOf(logger.child({ module: 'test' }))!;
      const full: unknown[] = [];
      control.onDiskFull((error) => full.push(error));

      for (let i = 0; i < 5; i++) logger.info({ i }, 'while full');
      logger.flush();
      expect(control.droppedLines()).toBe(5);
      expect(full).toHaveLength(1);
      expect(full[0]).toMatchObject({ code: 'ENOSPC' });
      for (let i = 0; i < 3; i++) logger.warn({ i }, 'still full');
      logger.flush();
      expect(control.droppedLines()).toBe(8);
      expect(full).toHaveLength(1);

      // space is back: the file can be written again
      unlinkSync(file);
      await expect
        .poll(
          () => {
            logger.info('after');
            logger.flush();
            return existsSync(file) ? readFileSync(file, 'utf8') : '';
          },
          { timeout: 5_000 },
        )
        .toContain('"msg":"after"');
      const lines = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({ level: 40, module: 'logs', droppedLines: expect.any(Number) });
      expect(lines[0]!.droppedLines as number).toBeGreaterThanOrEqual(8);
      expect(lines[0]!.msg).toMatch(/log lines were dropped while the disk was full/);
      expect(lines.some((line) => line.msg === 'while full')).toBe(false);
      expect(control.droppedLines()).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    },
  );

  it('drops lines while held (the disk is full elsewhere) and writes the count when released', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-log-hold-'));
    const logger = createFileLogger(dir);
    const control = logFileOf(logger)!;
    logger.info('before');
    logger.flush();
    control.hold();
    for (let i = 0; i < 3; i++) logger.info('held');
    logger.flush();
    expect(control.droppedLines()).toBe(3);
    control.release();
    logger.info('released');
    logger.flush();
    const text = readLogs(dir);
    expect(text).not.toContain('"msg":"held"');
    expect(text.indexOf('3 log lines were dropped while the disk was full')).toBeGreaterThan(
      text.indexOf('"msg":"before"'),
    );
    expect(text.indexOf('"msg":"released"')).toBeGreaterThan(text.indexOf('were dropped'));
  });
});
