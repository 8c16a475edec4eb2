import { servicesOf } from '../testing/services';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, LogLine } from '../../contract';
import type { Logger } from '../lib/logger';
import { createFileLogger } from '../lib/logger';
import { createHarness, expectOk, inviteAndAccept, type Harness, type SignedIn } from '../testing/harness';
import { twoTenants, type TwoTenants } from '../testing/tenants-fixture';

let h: Harness | undefined;
let dataDir: string | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function start(): Promise<{ h: Harness; logger: Logger; t: TwoTenants }> {
  dataDir = mkdtempSync(join(tmpdir(), 'mindframe-logs-'));
  const logger = createFileLogger(dataDir, 'debug');
  h = createHarness({ dataDir, logger });
  const t = await twoTenants(h.core);
  return { h, logger, t };
}

const flush = (logger: Logger) => new Promise<void>((resolve) => logger.flush(() => resolve()));

/** The log.line events one session receives. */
function tail(harness: Harness, who: SignedIn): LogLine[] {
  const received: LogLine[] = [];
  harness.core.events.subscribe(who.token, (name: EventName, payload: unknown) => {
    if (name === 'log.line') received.push(payload as LogLine);
  });
  return received;
}

describe('logs.query', () => {
  it('shows a platform admin every line and a tenant admin only their tenant’s; viewers get none', async () => {
    const { h, logger, t } = await start();
    logger.child({ module: 'runtime' }).warn({ tenantId: t.tenantB, model: 'gpt-x' }, 'provider slow');
    logger.child({ module: 'runtime' }).warn({ tenantId: t.tenantA }, 'provider slow');
    await flush(logger);

    const query = (who: SignedIn, input: Record<string, unknown> = {}) =>
      expectOk(h.core, 'logs.query', { minLevel: 'debug', ...input }, who.call);
    await expect
      .poll(async () => (await query(t.platformAdmin, { q: 'provider slow' })).lines.length)
      .toBe(2);

    const everything = await query(t.platformAdmin, { limit: 1000 });
    const tenants = new Set(everything.lines.map((l) => l.tenantId));
    for (const tenant of [t.tenantA, t.tenantB, null]) expect(tenants).toContain(tenant);
    // dispatch writes its lines as module "dispatch", with method, tenant, user, transport, ms
    const invite = everything.lines.find(
      (l) => l.message === 'change applied' && l.data.method === 'users.invite',
    );
    expect(invite).toMatchObject({ module: 'dispatch', level: 'info', data: { transport: 'internal' } });
    expect(typeof invite?.data.ms).toBe('number');
    // newest first
    const times = everything.lines.map((l) => l.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const ofAlice = await query(t.alice, { limit: 1000 });
    expect(ofAlice.lines.length).toBeGreaterThan(0);
    expect(ofAlice.lines.every((l) => l.tenantId === t.tenantA)).toBe(true);
    expect((await query(t.bob, { q: 'provider slow' })).lines).toMatchObject([
      { tenantId: t.tenantB, module: 'runtime', level: 'warn', data: { model: 'gpt-x' } },
    ]);

    const dispatchOnly = await query(t.platformAdmin, { module: 'dispatch', limit: 1000 });
    expect(dispatchOnly.lines.length).toBeGreaterThan(3);
    expect(dispatchOnly.lines.every((l) => l.module === 'dispatch')).toBe(true);

    expect(await h.core.dispatch('logs.query', {}, t.bea.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.dispatch('logs.query', { minLevel: 'loud' }, t.alice.call)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'minLevel' },
    });
  });
});

describe('live tail', () => {
  it('sends a tenant’s lines to its admins and platform admins, installation lines to platform admins only', async () => {
    const { h, logger, t } = await start();
    const ofPlatform = tail(h, t.platformAdmin);
    const ofAlice = tail(h, t.alice);
    const ofBob = tail(h, t.bob);
    const ofBea = tail(h, t.bea); // a viewer of B

    const runtime = logger.child({ module: 'runtime' });
    runtime.info({ tenantId: t.tenantA, runId: 'r1' }, 'run started');
    runtime.info('runtime warmed up');
    runtime.debug({ tenantId: t.tenantA }, 'too chatty for the tail');
    await expectOk(h.core, 'agents.create', { name: 'Support bot' }, t.alice.call);

    expect(ofAlice.map((l) => l.message)).toEqual(['run started', 'change applied']);
    expect(ofAlice[0]).toMatchObject({
      module: 'runtime',
      level: 'info',
      tenantId: t.tenantA,
      data: { runId: 'r1' },
    });
    expect(ofAlice[1]).toMatchObject({ module: 'dispatch', data: { method: 'agents.create' } });
    expect(ofPlatform.map((l) => l.message)).toEqual(['run started', 'runtime warmed up', 'change applied']);
    expect(ofBob).toEqual([]);
    expect(ofBea).toEqual([]);

    // the tail sees the line as written: redacted
    runtime.info({ tenantId: t.tenantA, password: 'leak-me', nested: { apiKey: 'leak-me-too' } }, 'probe');
    expect(ofAlice.at(-1)).toMatchObject({ message: 'probe', data: { password: '[redacted]' } });
    expect(JSON.stringify(ofAlice)).not.toContain('leak-me');
    ofAlice.pop();
    ofPlatform.pop();

    runtime.error({ tenantId: t.tenantB }, 'run failed');
    expect(ofBob.map((l) => l.message)).toEqual(['run failed']);
    expect(ofBea).toEqual([]);
    expect(ofAlice).toHaveLength(2);

    // an admin of A receives A's lines until demoted to viewer
    const ada = await inviteAndAccept(h.core, t.alice, 'ada@alpha.test', 'admin');
    const ofAda = tail(h, ada);
    runtime.info({ tenantId: t.tenantA }, 'for admins of A');
    await expectOk(h.core, 'users.setRole', { userId: ada.me.user.id, role: 'viewer' }, t.alice.call);
    // (the session lives on: only the role keeps the lines away)
    expect(await expectOk(h.core, 'auth.me', {}, ada.call)).toMatchObject({ role: 'viewer' });
    runtime.info({ tenantId: t.tenantA }, 'after the demotion');
    expect(ofAda.map((l) => l.message)).toEqual(['for admins of A']);
    expect(ofAlice.map((l) => l.message)).toContain('after the demotion');
  });

  it('never sends more than about 50 lines a second, and counts what it drops', async () => {
    const { h, logger, t } = await start();
    const ofPlatform = tail(h, t.platformAdmin);
    const before = servicesOf(h.core).logs.tail.stats();
    for (let i = 0; i < 300; i++) logger.info({ i }, 'burst');
    const sent = ofPlatform.filter((l) => l.message === 'burst').length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(55);
    const after = servicesOf(h.core).logs.tail.stats();
    expect(after.dropped - before.dropped).toBe(300 - sent);
    // the file still has every line
    await flush(logger);
    await expect
      .poll(
        async () =>
          (await expectOk(h.core, 'logs.query', { q: 'burst', limit: 1000 }, t.platformAdmin.call)).lines
            .length,
      )
      .toBe(300);
  });
});
