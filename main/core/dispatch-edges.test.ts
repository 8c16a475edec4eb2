import { servicesOf } from './testing/services';
import { Secret, TOTP } from 'otpauth';
import { createFileLogger, createStreamLogger, type Logger } from './lib/logger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
} from './testing/harness';
import { tinyFlow } from './testing/valid-inputs';

/**
 * What a caller (or an attacker) notices of dispatch itself: which field a refusal names, what an API
 * key may reach and what a dead one leaves behind, the full-disk refusal, and that a change and its
 * audit entry commit together or not at all. Codes, reasons and fields only: messages are English
 * for logs and scripts, the UI says them from the code and reason.
 */
let h: Harness;
const dirs: string[] = [];
afterEach(() => {
  h?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const day = 24 * 60 * 60 * 1000;

const auditActions = async (call: Parameters<typeof expectOk>[3]) =>
  (await expectOk(h.core, 'audit.list', {}, call)).entries.map((e) => e.action);

describe('dispatch: validation names the field', () => {
  it('names an unknown field, a wrong nested value, and carries the reason of a custom rule', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const unknown = await h.core.dispatch(
      'users.invite',
      { email: 'a@acme.test', role: 'viewer', isPlatformAdmin: true },
      owner.call,
    );
    expect(unknown).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'isPlatformAdmin',
        reason: 'unknown_field',
        params: { field: 'isPlatformAdmin' },
        message: expect.any(String),
      },
    });
    const wrong = await h.core.dispatch(
      'users.invite',
      { email: 'a@acme.test', role: 'emperor' },
      owner.call,
    );
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'VALIDATION', field: 'role', reason: 'invalid_value', message: expect.any(String) },
    });
    // a name with a right-to-left override: the rule's reason reaches the caller
    const spoof = await h.core.dispatch(
      'users.invite',
      { email: 'a@acme.test', role: 'viewer', name: 'Eve\u202Egnp.exe' },
      owner.call,
    );
    expect(spoof).toEqual({
      ok: false,
      error: { code: 'VALIDATION', field: 'name', reason: 'unsafe_characters', message: expect.any(String) },
    });
    // a payload that is not an object at all has no field to name
    const notAnObject = await h.core.dispatch('users.invite', 'hello', owner.call);
    expect(notAnObject).toEqual({
      ok: false,
      error: { code: 'VALIDATION', reason: 'invalid_value', message: expect.any(String) },
    });
    // a missing payload counts as an empty one: a method without input works
    expect(await h.core.dispatch('users.list', undefined, owner.call)).toMatchObject({ ok: true });
    expect(await h.core.dispatch('users.list', null, owner.call)).toMatchObject({ ok: true });
    // nothing was invited by any of these
    expect((await expectOk(h.core, 'users.list', {}, owner.call)).members).toHaveLength(1);
  });

  it('checks the input before the session: a wrong payload without a session is VALIDATION', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const result = await h.core.dispatch('users.invite', { email: 1 }, { transport: 'internal' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'email' } });
  });
});

describe('dispatch: API keys', () => {
  it('lets a key reach the methods of any of its scopes and nothing else, in its own tenant', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const created = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Reports', scopes: ['runs:read', 'agents:read', 'events:write'] },
      owner.call,
    );
    const key = { transport: 'http' as const, apiKey: created.secret, ip: '203.0.113.9' };
    // the second and third scope allow these, not the first
    expect(await h.core.dispatch('agents.list', {}, key)).toMatchObject({ ok: true });
    expect(await h.core.dispatch('runs.list', {}, key)).toMatchObject({ ok: true });
    for (const method of ['users.list', 'audit.list', 'logs.query', 'agents.create', 'auth.me'] as const) {
      expect(await h.core.dispatch(method, {}, key), method).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    // a change by the key is audited in the key's tenant, as the key, on behalf of its creator
    const ingested = await h.core.dispatch('events.ingest', { type: 'order.created' }, key);
    expect(ingested).toMatchObject({ ok: true, data: { type: 'order.created' } });
    const entry = (await expectOk(h.core, 'audit.list', { action: 'events.ingest' }, owner.call)).entries[0];
    expect(entry).toMatchObject({
      action: 'events.ingest',
      actorId: owner.me.user.id,
      actorName: 'API key "Reports"',
      ip: '203.0.113.9',
    });
    // the key is checked before the payload: a wrong payload with a key that may not call it is FORBIDDEN
    expect(await h.core.dispatch('users.invite', { email: 1 }, key)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // a session token sent beside the key changes nothing: the key decides
    expect(await h.core.dispatch('users.list', {}, { ...key, sessionToken: owner.token })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('answers a revoked or expired key UNAUTHENTICATED and records revoked_key_used; a made-up key leaves no event', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const revokedKey = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Old', scopes: ['agents:read'] },
      owner.call,
    );
    const expiringKey = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Short', scopes: ['agents:read'], expiresInDays: 1 },
      owner.call,
    );
    await expectOk(h.core, 'apiKeys.revoke', { keyId: revokedKey.key.id }, owner.call);
    const events = async () =>
      (await expectOk(h.core, 'security.events', { kind: 'revoked_key_used' }, owner.call)).events;
    expect(await events()).toEqual([]);

    const made = await h.core.dispatch(
      'agents.list',
      {},
      { transport: 'http', apiKey: 'mf_live_nonsense', ip: '198.51.100.7' },
    );
    expect(made).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await events()).toEqual([]);

    const revoked = await h.core.dispatch(
      'agents.list',
      {},
      { transport: 'http', apiKey: revokedKey.secret, ip: '198.51.100.7' },
    );
    expect(revoked).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await events()).toEqual([
      expect.objectContaining({
        kind: 'revoked_key_used',
        tenantId: owner.me.tenant.id,
        ip: '198.51.100.7',
        details: expect.objectContaining({
          keyId: revokedKey.key.id,
          reason: 'revoked',
          method: 'agents.list',
        }),
      }),
    ]);

    expect(
      await h.core.dispatch('agents.list', {}, { transport: 'http', apiKey: expiringKey.secret }),
    ).toMatchObject({ ok: true });
    h.clock.advance(2 * day);
    const expired = await h.core.dispatch(
      'agents.get',
      { agentId: revokedKey.key.id },
      {
        transport: 'http',
        apiKey: expiringKey.secret,
      },
    );
    expect(expired).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // the owner's session has ended by now: sign in again to read the events
    const again = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    if (!again.ok || again.sessionChange?.type !== 'set') throw new Error('sign-in failed');
    owner.call = { transport: 'internal', sessionToken: again.sessionChange.token };
    const after = await events();
    expect(after).toHaveLength(2);
    expect(after.find((e) => e.details.reason === 'expired')).toMatchObject({
      tenantId: owner.me.tenant.id,
      ip: null,
      details: { keyId: expiringKey.key.id, reason: 'expired', method: 'agents.get' },
    });
  });
});

describe('dispatch: sessions, roles and platform administrators', () => {
  it('lets a platform administrator through to platform methods and nobody else, whatever their role', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'ada@acme.test', 'admin');
    // the first owner of an installation is its platform administrator
    expect(owner.me.user.isPlatformAdmin).toBe(true);
    expect(await h.core.dispatch('tenants.list', {}, owner.call)).toMatchObject({ ok: true });
    expect(await h.core.dispatch('tenants.list', {}, admin.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.dispatch('audit.list', {}, admin.call)).toMatchObject({ ok: true });
    // a signed-out session is no session
    await expectOk(h.core, 'auth.logout', {}, admin.call);
    expect(await h.core.dispatch('auth.me', {}, admin.call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('dispatch: a full disk', () => {
  it('refuses changes with UNAVAILABLE disk_full while reads, sign-in and sign-out go on', async () => {
    h = createHarness({ disk: { reserveBytes: 0 } });
    const owner = await setupOwner(h.core);
    const second = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    expect(second).toMatchObject({ ok: true, sessionChange: { type: 'set' } });
    servicesOf(h.core).disk.noteFull(new Error('test: no space left on device'));

    const refused = await h.core.dispatch('knowledge.add', { title: 'T', body: 'b' }, owner.call);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', reason: 'disk_full' } });
    // the payload is checked first: a wrong one is VALIDATION, full disk or not
    expect(await h.core.dispatch('knowledge.add', { title: 1 }, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect((await expectOk(h.core, 'knowledge.list', {}, owner.call)).docs).toEqual([]);
    expect(await h.core.dispatch('auth.me', {}, owner.call)).toMatchObject({ ok: true });
    const login = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    expect(login).toMatchObject({ ok: true, sessionChange: { type: 'set' } });
    expect(await h.core.dispatch('auth.logout', {}, owner.call)).toMatchObject({
      ok: true,
      sessionChange: { type: 'clear' },
    });
  });

  it('answers a write that runs into a full disk UNAVAILABLE disk_full and keeps nothing of it', async () => {
    h = createHarness({ disk: { reserveBytes: 0 } });
    const owner = await setupOwner(h.core);
    const sqlite = servicesOf(h.core).sqlite;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages + 2}`);
    const body = 'word '.repeat(39_000);
    const result = await h.core.dispatch('knowledge.add', { title: 'Big', body }, owner.call);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', reason: 'disk_full' } });
    expect(servicesOf(h.core).disk.isFull()).toBe(true);
    sqlite.pragma('max_page_count = 1073741823');
    expect((await expectOk(h.core, 'knowledge.list', {}, owner.call)).docs).toEqual([]);
  });
});

describe('dispatch: a change and its audit entry commit together', () => {
  it('keeps no change whose audit entry could not be written, and says INTERNAL without details', async () => {
    const lines: string[] = [];
    h = createHarness({ logger: createStreamLogger({ write: (line: string) => lines.push(line) }) });
    const owner = await setupOwner(h.core);
    const sqlite = servicesOf(h.core).sqlite;
    sqlite.exec(
      "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log refused by test'); END",
    );
    const result = await h.core.dispatch('knowledge.add', { title: 'Secret plan', body: 'b' }, owner.call);
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String) },
    });
    expect(JSON.stringify(result)).not.toMatch(/audit_log|refused by test|trigger/i);
    expect(sqlite.inTransaction).toBe(false);
    // the details went to the log, for the administrator
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 50,
        method: 'knowledge.add',
        err: expect.objectContaining({ message: expect.stringContaining('refused by test') }),
      }),
    );
    sqlite.exec('DROP TRIGGER temp.refuse_audit');
    expect((await expectOk(h.core, 'knowledge.list', {}, owner.call)).docs).toEqual([]);
    expect(await auditActions(owner.call)).not.toContain('knowledge.add');
    // and the next change goes through with its entry
    await expectOk(h.core, 'knowledge.add', { title: 'Plan', body: 'b' }, owner.call);
    expect((await expectOk(h.core, 'knowledge.list', {}, owner.call)).docs).toHaveLength(1);
    expect(await auditActions(owner.call)).toContain('knowledge.add');
  });

  it('commits the change and its entry when the handler refuses after writing on purpose (AppError)', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    // a wrong password: the failed sign-in is counted and audited although the call is refused
    const wrong = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: 'not the password at all' },
      { transport: 'internal', ip: '192.0.2.5' },
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const failed = (await expectOk(h.core, 'audit.list', { action: 'auth.login_failed' }, owner.call))
      .entries;
    expect(failed).toEqual([expect.objectContaining({ actorName: 'owner@acme.test', ip: '192.0.2.5' })]);
    expect(servicesOf(h.core).sqlite.inTransaction).toBe(false);
  });
});

describe('dispatch: more of what callers see', () => {
  it('names an unknown field deep inside the input by its whole path', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const agent = await expectOk(h.core, 'agents.create', { name: 'Bot' }, owner.call);
    const flow = {
      ...tinyFlow,
      nodes: [
        tinyFlow.nodes[0],
        { id: 'reply', type: 'reply', position: { x: 0, y: 140 }, data: { text: 'Hi', sneaky: true } },
      ],
    };
    const result = await h.core.dispatch('agents.saveVersion', { agentId: agent.id, flow }, owner.call);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'flow.nodes.1.data.sneaky' },
    });
  });

  it("answers a custom rule of the contract with the field, the rule's reason and its params", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const data = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, i]));
    const result = await h.core.dispatch('events.ingest', { type: 'order.created', data }, owner.call);
    expect(result).toStrictEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'data',
        reason: 'too_many',
        params: { maximum: 20 },
        message: expect.any(String),
      },
    });
  });

  it('names the position in a list that is wrong', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const result = await h.core.dispatch(
      'apiKeys.create',
      { name: 'Reports', scopes: ['agents:read', 'everything'] },
      owner.call,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'scopes.1' } });
  });

  it('keeps the source address of an API key call on the key', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const created = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'CI', scopes: ['agents:read'] },
      owner.call,
    );
    await expectOk(
      h.core,
      'agents.list',
      {},
      { transport: 'http', apiKey: created.secret, ip: '203.0.113.20' },
    );
    const listed = await expectOk(h.core, 'apiKeys.list', {}, owner.call);
    expect(listed.keys[0]).toMatchObject({ id: created.key.id, lastUsedIp: '203.0.113.20' });
  });

  it('checks answers against the contract when asked to, and says INTERNAL for a wrong one', async () => {
    for (const validateOutputs of [true, false]) {
      h = createHarness({ validateOutputs });
      const owner = await setupOwner(h.core);
      // a value the contract does not allow (a timestamp with a fraction), put there by hand
      servicesOf(h.core).sqlite.prepare('UPDATE users SET last_login_at = 1.5').run();
      const result = await h.core.dispatch('users.list', {}, owner.call);
      if (validateOutputs)
        expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
      else expect(result).toMatchObject({ ok: true, data: { members: [{ lastLoginAt: 1.5 }] } });
      h.close();
    }
  });

  it('writes no entry of its own for an upload chunk after the first (the data never reaches the trail)', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const first = await expectOk(h.core, 'tenants.importChunk', { offset: 0, data: 'AAAA' }, owner.call);
    await expectOk(
      h.core,
      'tenants.importChunk',
      { importId: first.importId, offset: first.received, data: 'QkJCQg==' },
      owner.call,
    );
    const actions = await auditActions(owner.call);
    expect(actions.filter((a) => a === 'tenants.importUpload')).toHaveLength(1);
    expect(actions).not.toContain('tenants.importChunk');
    expect(JSON.stringify((await expectOk(h.core, 'audit.list', {}, owner.call)).entries)).not.toContain(
      'QkJCQg',
    );
  });
});

describe('dispatch: an asynchronous change with its own entry', () => {
  it('adds no second, generic entry after the handler wrote its own inside ctx.atomically()', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const codeAt = (key: string) =>
      new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, '')) }).generate({ timestamp: h.clock.now() });
    const begun = await expectOk(h.core, 'auth.totpBegin', {}, owner.call);
    await expectOk(h.core, 'auth.totpConfirm', { code: codeAt(begun.manualKey) }, owner.call);
    h.clock.advance(60_000);
    await expectOk(
      h.core,
      'auth.recoveryCodes',
      { password: ownerPassword, code: codeAt(begun.manualKey) },
      owner.call,
    );
    const actions = await auditActions(owner.call);
    expect(actions.filter((a) => a === 'auth.recovery_codes_replaced')).toHaveLength(1);
    expect(actions).not.toContain('auth.recoveryCodes');
    expect(JSON.stringify((await expectOk(h.core, 'audit.list', {}, owner.call)).entries)).not.toContain(
      ownerPassword,
    );
  });
});

/** A core whose log lines are kept, parsed, for the test to read. */
function withLogLines(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  h = createHarness({
    logger: createStreamLogger({
      write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
    }),
  });
  return lines;
}

describe('dispatch: joins a transaction already open, and keeps the session change on a late refusal', () => {
  it('lets a change made inside an open transaction commit or roll back with it', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const sqlite = servicesOf(h.core).sqlite;
    sqlite.exec('BEGIN');
    const inside = await h.core.dispatch('knowledge.add', { title: 'Draft', body: 'b' }, owner.call);
    expect(inside).toMatchObject({ ok: true, data: { title: 'Draft' } });
    expect(sqlite.inTransaction).toBe(true);
    sqlite.exec('ROLLBACK');
    expect((await expectOk(h.core, 'knowledge.list', {}, owner.call)).docs).toEqual([]);
    expect(await auditActions(owner.call)).not.toContain('knowledge.add');
  });

  it('still tells the browser to forget the session when signing out runs into a full disk', async () => {
    h = createHarness({ disk: { reserveBytes: 0 } });
    const owner = await setupOwner(h.core);
    servicesOf(h.core).sqlite.exec(
      "CREATE TEMP TRIGGER full_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no space left on device'); END",
    );
    const result = await h.core.dispatch('auth.logout', {}, owner.call);
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', reason: 'disk_full', message: expect.any(String) },
      sessionChange: { type: 'clear' },
    });
    expect(servicesOf(h.core).disk.isFull()).toBe(true);
  });
});

describe('dispatch: audit entries land where they belong', () => {
  it("writes an entry naming another tenant into that tenant, and the caller's into the caller's", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const created = await expectOk(h.core, 'tenants.create', { name: 'Beta Bakery' }, owner.call);
    const here = (await expectOk(h.core, 'audit.list', { action: 'tenants.create' }, owner.call)).entries;
    expect(here).toEqual([
      expect.objectContaining({
        targetId: created.id,
        details: expect.objectContaining({ by: 'owner@acme.test' }),
      }),
    ]);
    await expectOk(h.core, 'tenants.switch', { tenantId: created.id }, owner.call);
    const there = (await expectOk(h.core, 'audit.list', { action: 'tenants.create' }, owner.call)).entries;
    expect(there).toEqual([
      expect.objectContaining({ targetId: created.id, actorId: owner.me.user.id, actorName: 'Olivia Owner' }),
    ]);
    expect(there[0]!.details).not.toHaveProperty('by');
  });

  it('keeps the actor a handler names for a failed sign-in', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: 'wrong wrong wrong' },
      { transport: 'internal' },
    );
    const failed = (await expectOk(h.core, 'audit.list', { action: 'auth.login_failed' }, owner.call))
      .entries;
    expect(failed).toEqual([
      expect.objectContaining({ actorId: owner.me.user.id, actorName: 'owner@acme.test', ip: null }),
    ]);
  });
});

describe('dispatch: what it writes to the log (read by admins in the log viewer)', () => {
  it('logs every change with method, tenant, user and transport, a refusal with its code, and no reads', async () => {
    const lines = withLogLines();
    const owner = await setupOwner(h.core);
    lines.length = 0;
    await expectOk(h.core, 'knowledge.list', {}, owner.call);
    expect(lines.filter((l) => l.module === 'dispatch')).toEqual([]);
    await expectOk(h.core, 'knowledge.add', { title: 'Plan', body: 'b' }, owner.call);
    // a read refused is not logged either
    expect(await h.core.dispatch('agents.get', { agentId: owner.me.user.id }, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const refused = await h.core.dispatch('knowledge.delete', { docId: owner.me.user.id }, owner.call);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const ofDispatch = lines.filter((l) => l.module === 'dispatch');
    expect(ofDispatch).toEqual([
      expect.objectContaining({
        level: 30,
        method: 'knowledge.add',
        tenantId: owner.me.tenant.id,
        userId: owner.me.user.id,
        transport: 'internal',
        ms: expect.any(Number),
      }),
      expect.objectContaining({
        level: 30,
        method: 'knowledge.delete',
        code: 'NOT_FOUND',
        transport: 'internal',
      }),
    ]);
    expect(ofDispatch[0]).not.toHaveProperty('code');
  });

  it('logs a change refused for a full disk as a warning with code UNAVAILABLE', async () => {
    const lines = withLogLines();
    const owner = await setupOwner(h.core);
    servicesOf(h.core).sqlite.exec(
      "CREATE TEMP TRIGGER full_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no space left on device'); END",
    );
    lines.length = 0;
    const result = await h.core.dispatch('knowledge.add', { title: 'Plan', body: 'b' }, owner.call);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', reason: 'disk_full' } });
    expect(lines.filter((l) => l.module === 'dispatch')).toEqual([
      expect.objectContaining({ level: 40, method: 'knowledge.add', code: 'UNAVAILABLE' }),
    ]);
  });
});

describe('dispatch: an API key is never a platform administrator', () => {
  it("shows a key created by a platform administrator only its own tenant's log lines", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-dispatch-logs-'));
    dirs.push(dataDir);
    const logger: Logger = createFileLogger(dataDir, 'debug');
    h = createHarness({ dataDir, logger });
    const owner = await setupOwner(h.core);
    const beta = await expectOk(h.core, 'tenants.create', { name: 'Beta Bakery' }, owner.call);
    const reader = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Logs', scopes: ['logs:read'] },
      owner.call,
    );
    await expectOk(h.core, 'tenants.switch', { tenantId: beta.id }, owner.call);
    const writer = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Beta events', scopes: ['events:write'] },
      owner.call,
    );
    await expectOk(
      h.core,
      'events.ingest',
      { type: 'beta.secret', level: 'warn' },
      { transport: 'http', apiKey: writer.secret },
    );
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    // the platform administrator sees it ...
    await expect
      .poll(async () => (await expectOk(h.core, 'logs.query', { q: 'beta.secret' }, owner.call)).lines.length)
      .toBeGreaterThan(0);
    // ... the key they created in the other tenant does not
    const byKey = await expectOk(
      h.core,
      'logs.query',
      { q: 'beta.secret', limit: 1000 },
      { transport: 'http', apiKey: reader.secret },
    );
    expect(byKey.lines).toEqual([]);
  });
});

describe('dispatch: within its scopes an API key acts as an administrator would', () => {
  it('may test-run a draft that opens the private network, which an operator may not', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const operator = await inviteAndAccept(h.core, owner, 'otto@acme.test', 'operator');
    const agent = await expectOk(h.core, 'agents.create', { name: 'Bot' }, owner.call);
    const key = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Runner', scopes: ['agents:run'] },
      owner.call,
    );
    const draft = {
      schemaVersion: 1,
      nodes: [
        { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
        {
          id: 'fetch',
          type: 'http',
          position: { x: 0, y: 140 },
          data: { url: 'http://127.0.0.1:9/', allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true },
        },
        { id: 'reply', type: 'reply', position: { x: 0, y: 280 }, data: { text: 'done' } },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'fetch' },
        { id: 'e2', source: 'fetch', target: 'reply' },
      ],
    };
    const input = { agentId: agent.id, input: { message: 'hi' }, draft };
    expect(await h.core.dispatch('agents.run', input, operator.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'private_network_admin_only' },
    });
    const byKey = await h.core.dispatch('agents.run', input, { transport: 'http', apiKey: key.secret });
    const byOwner = await h.core.dispatch('agents.run', input, owner.call);
    expect(byOwner.ok || byOwner.error.reason).not.toBe('private_network_admin_only');
    expect(byKey.ok ? 'ok' : byKey.error.code).toBe(byOwner.ok ? 'ok' : byOwner.error.code);
  });
});
