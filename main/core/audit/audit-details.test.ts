import { servicesOf } from '../testing/services';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness } from '../testing/harness';
import { genesisHash, redactSecrets } from './chain';

let h: Harness;
afterEach(() => h?.close());

describe('redacting secrets from audit details', () => {
  it('replaces every value whose key looks like a secret, at any depth and inside arrays', () => {
    const secretKeys = [
      'password',
      'newPassword',
      'pass',
      'PASSWORD',
      'clientSecret',
      'token',
      'apiKey',
      'api_key',
      'api-key',
      'authorization',
      'cookie',
      'otp',
      'recoveryCode',
    ];
    for (const key of secretKeys) {
      expect(redactSecrets({ [key]: 'hunter2' }), key).toEqual({ [key]: '[redacted]' });
    }
    expect(redactSecrets({ email: 'ann@acme.test', role: 'viewer', count: 3 })).toEqual({
      email: 'ann@acme.test',
      role: 'viewer',
      count: 3,
    });
    expect(
      redactSecrets({ smtp: { host: 'mail', password: 'x' }, list: [{ token: 't', name: 'n' }] }),
    ).toEqual({
      smtp: { host: 'mail', password: '[redacted]' },
      list: [{ token: '[redacted]', name: 'n' }],
    });
    // a key that only resembles one part ("apikey" without a separator counts; "apix" does not)
    expect(redactSecrets({ apikey: 'k', apix: 'v' })).toEqual({ apikey: '[redacted]', apix: 'v' });
    expect(redactSecrets('plain')).toBe('plain');
    expect(redactSecrets(null)).toBeNull();
  });

  it('stops at seven levels of nesting, and keeps the six above it', () => {
    let value: unknown = { password: 'deep' };
    for (let i = 0; i < 6; i++) value = { level: value };
    // depth 0..6 are walked: the secret at depth 6 is still redacted
    expect(JSON.stringify(redactSecrets(value))).toContain('[redacted]');
    expect(JSON.stringify(redactSecrets(value))).not.toContain('deep');
    value = { level: value };
    expect(JSON.stringify(redactSecrets(value))).toContain('[nested]');
    expect(JSON.stringify(redactSecrets(value))).not.toContain('deep');
    expect(JSON.stringify(redactSecrets([[[[[[[['x']]]]]]]]))).toContain('[nested]');
  });
});

describe('audit entries as stored and listed', () => {
  it('chains the first entry to the genesis hash and keeps target, actor and address', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const appended: unknown[] = [];
    h.core.events.subscribe(
      owner.token,
      (name, payload) => name === 'audit.appended' && appended.push(payload),
    );
    const invite = await expectOk(
      h.core,
      'users.invite',
      { email: 'ann@acme.test', role: 'viewer' },
      owner.call,
    );
    const raw = new Database(h.core.databaseFile, { readonly: true });
    const first = raw.prepare('SELECT prev_hash, seq FROM audit_log ORDER BY seq LIMIT 1').get() as {
      prev_hash: string;
      seq: number;
    };
    raw.close();
    expect(first).toEqual({ prev_hash: '0'.repeat(64), seq: 1 });
    expect(genesisHash).toBe('0'.repeat(64));
    const entry = (await expectOk(h.core, 'audit.list', { action: 'users.invite' }, owner.call)).entries[0]!;
    expect(entry).toMatchObject({
      action: 'users.invite',
      targetType: 'user',
      targetId: invite.member.userId,
      actorName: 'Olivia Owner',
      ip: '127.0.0.1',
    });
    // the live event carries the same entry
    expect(appended).toContainEqual(entry);
  });

  it('lists by time window, pages exactly, and treats % and _ in a search as plain characters', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const times: number[] = [];
    for (const name of ['ann', 'ben', 'cat_x']) {
      h.clock.advance(60_000);
      times.push(h.clock.now());
      await expectOk(h.core, 'users.invite', { email: `${name}@acme.test`, role: 'viewer' }, owner.call);
    }
    const window = await expectOk(h.core, 'audit.list', { from: times[1], to: times[1] }, owner.call);
    expect(window.entries.map((e) => e.details.email)).toEqual(['ben@acme.test']);
    const since = await expectOk(h.core, 'audit.list', { from: times[1] }, owner.call);
    expect(since.entries.map((e) => e.details.email)).toEqual(['cat_x@acme.test', 'ben@acme.test']);
    const until = await expectOk(h.core, 'audit.list', { to: times[0], action: 'users.' }, owner.call);
    expect(until.entries.map((e) => e.details.email)).toEqual(['ann@acme.test']);
    // a page of three out of four: the next page starts below the last entry shown
    const firstPage = await expectOk(h.core, 'audit.list', { limit: 3 }, owner.call);
    expect(firstPage.nextBefore).toBe(firstPage.entries[2]!.seq);
    // exactly a page: no next page
    const exact = await expectOk(h.core, 'audit.list', { action: 'users.', limit: 3 }, owner.call);
    expect(exact.entries).toHaveLength(3);
    expect(exact.nextBefore).toBeNull();
    // "_" matches itself only, not any character
    const underscore = await expectOk(h.core, 'audit.list', { q: 't_x' }, owner.call);
    expect(underscore.entries.map((e) => e.details.email)).toEqual(['cat_x@acme.test']);
    expect((await expectOk(h.core, 'audit.list', { q: 'a_n' }, owner.call)).entries).toEqual([]);
    expect((await expectOk(h.core, 'audit.list', { action: 'users_' }, owner.call)).entries).toEqual([]);
  });

  it('shows details it cannot read as such instead of failing the list', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'users.invite', { email: 'ann@acme.test', role: 'viewer' }, owner.call);
    const raw = new Database(h.core.databaseFile);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details = '{not json' WHERE seq = 2");
    raw.close();
    const entries = (await expectOk(h.core, 'audit.list', {}, owner.call)).entries;
    expect(entries.find((e) => e.seq === 2)?.details).toEqual({ unreadable: '{not json' });
  });

  it('reports the newest row rewritten with its hash recomputed (the head no longer matches)', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'users.invite', { email: 'ann@acme.test', role: 'viewer' }, owner.call);
    const { chainHash } = await import('./chain');
    const raw = new Database(h.core.databaseFile);
    const row = raw.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      id: string;
      tenant_id: string;
      seq: number;
      at: number;
      actor_id: string | null;
      actor_name: string;
      action: string;
      target_type: string | null;
      target_id: string | null;
      ip: string | null;
      prev_hash: string;
    };
    const details = '{"email":"mallory@acme.test","role":"owner"}';
    const hash = chainHash({
      tenantId: row.tenant_id,
      seq: row.seq,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details,
      ip: row.ip,
      prevHash: row.prev_hash,
    });
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare('UPDATE audit_log SET details = ?, hash = ? WHERE id = ?').run(details, hash, row.id);
    raw.close();
    expect(await expectOk(h.core, 'audit.verify', {}, owner.call)).toEqual({
      ok: false,
      checked: 2,
      broken: { seq: 2, id: null, reason: 'altered' },
    });
  });

  it('verifies an organisation that has no entries yet', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const tenant = await expectOk(h.core, 'tenants.create', { name: 'Quiet Org' }, owner.call);
    const raw = new Database(h.core.databaseFile);
    raw.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE tenant_id = '${tenant.id}'`);
    raw.exec(`DELETE FROM audit_heads WHERE tenant_id = '${tenant.id}'`);
    raw.exec(
      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
    raw.close();
    expect(servicesOf(h.core).audit.verify(tenant.id)).toEqual({ ok: true, checked: 0, broken: null });
  });
});
