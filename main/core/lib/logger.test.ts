import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, ownerPassword, setupOwner, type Harness } from '../testing/harness';
import { createFileLogger } from './logger';

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
