import { servicesOf } from '../testing/services';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../lib/crypto';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
} from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';
import { parseApiKey } from './service';

/**
 * What an API key answers at its edges: how a key must look, every reason it is refused, when it
 * stops working, what is kept of its use, rotation and its grace period, and the few seconds a
 * checked key is remembered.
 */
let h: Harness;
afterEach(() => {
  vi.useRealTimers();
  h?.close();
});

const minute = 60 * 1000;
const hour = 60 * minute;
const hex = '0123456789abcdef0123456789abcdef';
const uuid = '01234567-89ab-cdef-0123-456789abcdef';

async function ownerWithKey(input: Record<string, unknown> = {}) {
  h = createHarness();
  const owner = await setupOwner(h.core);
  const created = await expectOk(
    h.core,
    'apiKeys.create',
    { name: 'Reports', scopes: ['agents:read'], ...input },
    owner.call,
  );
  return { owner, created, keys: servicesOf(h.core).apiKeys, tenantId: owner.me.tenant.id };
}

describe('the shape of a key', () => {
  it('takes mf_live_, a 32-digit lower-case hex id and a 20 to 128 character secret, nothing else', () => {
    const secret = (n: number) => 'a'.repeat(n);
    expect(parseApiKey(`mf_live_${hex}_${secret(20)}`)).toEqual({ id: uuid, secret: secret(20) });
    expect(parseApiKey(`mf_live_${hex}_${secret(128)}`)).toEqual({ id: uuid, secret: secret(128) });
    expect(parseApiKey(`mf_live_${hex}_Az09_-${secret(14)}`)).toEqual({
      id: uuid,
      secret: `Az09_-${secret(14)}`,
    });
    for (const bad of [
      `mf_live_${hex}_${secret(19)}`,
      `mf_live_${hex}_${secret(129)}`,
      `mf_test_${hex}_${secret(43)}`,
      `xmf_live_${hex}_${secret(43)}`,
      `mf_live_x${hex}_${secret(43)}`,
      `mf_live_${hex.toUpperCase()}_${secret(43)}`,
      `mf_live_${hex.slice(1)}_${secret(43)}`,
      `mf_live_${hex}_${secret(43)}!`,
      `mf_live_${hex}_${secret(42)}.`,
      `mf_live_${hex}${secret(43)}`,
    ])
      expect(parseApiKey(bad), bad).toBeNull();
  });

  it('answers malformed and unknown keys without naming a key or tenant', async () => {
    const { created, keys } = await ownerWithKey();
    expect(keys.authenticate('mf_live_nonsense', null)).toEqual({ ok: false, reason: 'malformed' });
    expect(keys.authenticate(`mf_live_${hex}_${'a'.repeat(43)}`, null)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    // the real id with another secret
    const wrong = `${created.secret.slice(0, 41)}${'b'.repeat(43)}`;
    expect(keys.authenticate(wrong, null)).toEqual({ ok: false, reason: 'unknown' });
    // a right secret stays right after a wrong one, and a wrong one after a right one
    expect(keys.authenticate(created.secret, null).ok).toBe(true);
    expect(keys.authenticate(wrong, null)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('a key at rest', () => {
  it('stores only the SHA-256 of the secret, deduplicated scopes, and a prefix that starts the key', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const keys = servicesOf(h.core).apiKeys;
    const created = keys.create(owner.me.tenant.id, {
      name: 'Twice',
      scopes: ['agents:read', 'runs:read', 'agents:read'],
      createdBy: owner.me.user.id,
    });
    const row = servicesOf(h.core)
      .sqlite.prepare<[string], { secret_hash: string; scopes: string; created_by: string }>(
        'SELECT secret_hash, scopes, created_by FROM api_keys WHERE id = ?',
      )
      .get(created.key.id)!;
    const secretPart = created.secret.slice(created.key.prefix.length + 1);
    expect(created.secret.startsWith(`${created.key.prefix}_`)).toBe(true);
    expect(created.key.prefix).toBe(`mf_live_${created.key.id.replace(/-/g, '')}`);
    expect(row.secret_hash).toBe(sha256Hex(secretPart));
    expect(JSON.parse(row.scopes)).toEqual(['agents:read', 'runs:read']);
    expect(row.created_by).toBe(owner.me.user.id);
    expect(created.key).toMatchObject({
      name: 'Twice',
      status: 'active',
      rateLimitPerMinute: null,
      expiresAt: null,
      revokedAt: null,
      graceUntil: null,
      replacedBy: null,
      lastUsedAt: null,
      lastUsedIp: null,
      createdAt: h.clock.now(),
    });
  });

  it('ignores scopes it does not know, wherever they came from', async () => {
    const { created, keys, tenantId } = await ownerWithKey();
    const setScopes = (json: string) =>
      servicesOf(h.core)
        .sqlite.prepare('UPDATE api_keys SET scopes = ? WHERE id = ?')
        .run(json, created.key.id);
    setScopes('["agents:read","admin:all",42]');
    keys.forget();
    const check = keys.authenticate(created.secret, null);
    expect(check.ok && check.principal.scopes).toEqual(['agents:read']);
    expect(keys.get(tenantId, created.key.id)!.scopes).toEqual(['agents:read']);
    setScopes('{"agents:read":true}');
    keys.forget();
    const none = keys.authenticate(created.secret, null);
    expect(none.ok && none.principal.scopes).toEqual([]);
    expect(keys.list(tenantId)[0]!.scopes).toEqual([]);
  });

  it('lists the newest key first and only the tenant’s own', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const keys = servicesOf(h.core).apiKeys;
    const first = keys.create(t.tenantA, { name: 'First', scopes: ['agents:read'], createdBy: null });
    h.clock.advance(1000);
    const second = keys.create(t.tenantA, { name: 'Second', scopes: ['agents:read'], createdBy: null });
    keys.create(t.tenantB, { name: 'Theirs', scopes: ['agents:read'], createdBy: null });
    expect(keys.list(t.tenantA).map((k) => k.name)).toEqual(['Second', 'First']);
    expect(keys.get(t.tenantB, first.key.id)).toBeNull();
    expect(keys.revoke(t.tenantB, second.key.id)).toBeNull();
    expect(keys.rotate(t.tenantB, second.key.id, 1, null)).toBeNull();
    expect(keys.get(t.tenantA, second.key.id)!.status).toBe('active');
  });
});

describe('why a key is refused', () => {
  it('names the key and tenant of a revoked key, and refuses it at once', async () => {
    const { created, keys, tenantId } = await ownerWithKey();
    expect(keys.authenticate(created.secret, null).ok).toBe(true);
    h.clock.advance(minute);
    const revoked = keys.revoke(tenantId, created.key.id)!;
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: h.clock.now() });
    expect(keys.authenticate(created.secret, null)).toEqual({
      ok: false,
      reason: 'revoked',
      tenantId,
      keyId: created.key.id,
    });
    // revoking again keeps the first time
    h.clock.advance(minute);
    expect(keys.revoke(tenantId, created.key.id)!.revokedAt).toBe(revoked.revokedAt);
  });

  it('expires a key at its expiry time to the millisecond', async () => {
    const { created, keys, tenantId } = await ownerWithKey({ expiresInDays: 1 });
    expect(created.key.expiresAt).toBe(h.clock.now() + 24 * hour);
    h.clock.advance(24 * hour - 1);
    expect(keys.authenticate(created.secret, null).ok).toBe(true);
    expect(keys.get(tenantId, created.key.id)!.status).toBe('active');
    h.clock.advance(1);
    expect(keys.authenticate(created.secret, null)).toEqual({
      ok: false,
      reason: 'expired',
      tenantId,
      keyId: created.key.id,
    });
    expect(keys.get(tenantId, created.key.id)!.status).toBe('expired');
  });

  it('refuses every key of a suspended organisation, and takes them back when it is active again', async () => {
    const { created, keys, tenantId } = await ownerWithKey();
    const setStatus = (status: string) =>
      servicesOf(h.core).sqlite.prepare('UPDATE tenants SET status = ? WHERE id = ?').run(status, tenantId);
    setStatus('suspended');
    keys.forget();
    expect(keys.authenticate(created.secret, null)).toEqual({
      ok: false,
      reason: 'suspended',
      tenantId,
      keyId: created.key.id,
    });
    setStatus('active');
    keys.forget();
    expect(keys.authenticate(created.secret, null).ok).toBe(true);
  });

  it('refuses a revoked or expired key in the REST sense: UNAUTHENTICATED, and notes it as a security event', async () => {
    const { created } = await ownerWithKey({ expiresInDays: 1 });
    const call = { transport: 'http' as const, apiKey: created.secret, ip: '10.0.0.8' };
    h.clock.advance(24 * hour);
    expect(await h.core.dispatch('agents.list', {}, call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // a day later the owner signs in again to look
    const again = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    const token = again.ok && again.sessionChange?.type === 'set' ? again.sessionChange.token : '';
    const events = await expectOk(
      h.core,
      'security.events',
      {},
      { transport: 'internal', sessionToken: token },
    );
    expect(JSON.stringify(events)).toContain('revoked_key_used');
  });
});

describe('what is kept of a key’s use', () => {
  it('notes the first use, then at most once a minute from the same address, at once from another', async () => {
    const { created, keys, tenantId } = await ownerWithKey();
    const used = () => keys.get(tenantId, created.key.id)!;
    // the host's rate-limit look-up does not count as a use
    expect(keys.authenticate(created.secret, '10.0.0.1', { touch: false }).ok).toBe(true);
    expect(used()).toMatchObject({ lastUsedAt: null, lastUsedIp: null });
    const firstAt = h.clock.now();
    expect(keys.authenticate(created.secret, '10.0.0.1').ok).toBe(true);
    expect(used()).toMatchObject({ lastUsedAt: firstAt, lastUsedIp: '10.0.0.1' });
    h.clock.advance(minute - 1);
    expect(keys.authenticate(created.secret, '10.0.0.1').ok).toBe(true);
    expect(used()).toMatchObject({ lastUsedAt: firstAt, lastUsedIp: '10.0.0.1' });
    h.clock.advance(1);
    expect(keys.authenticate(created.secret, '10.0.0.1').ok).toBe(true);
    expect(used()).toMatchObject({ lastUsedAt: firstAt + minute, lastUsedIp: '10.0.0.1' });
    h.clock.advance(1000);
    expect(keys.authenticate(created.secret, '10.0.0.2').ok).toBe(true);
    expect(used()).toMatchObject({ lastUsedAt: firstAt + minute + 1000, lastUsedIp: '10.0.0.2' });
    h.clock.advance(1000);
    expect(keys.authenticate(created.secret, '10.0.0.2').ok).toBe(true);
    expect(used()).toMatchObject({ lastUsedAt: firstAt + minute + 1000, lastUsedIp: '10.0.0.2' });
  });

  it('hands back who the key is: its tenant, name, scopes, creator and rate limit', async () => {
    const { owner, created, keys, tenantId } = await ownerWithKey({
      scopes: ['agents:read', 'runs:read'],
      rateLimitPerMinute: 12,
    });
    expect(created.key.rateLimitPerMinute).toBe(12);
    expect(keys.authenticate(created.secret, null)).toEqual({
      ok: true,
      principal: {
        keyId: created.key.id,
        tenantId,
        name: 'Reports',
        scopes: ['agents:read', 'runs:read'],
        createdBy: owner.me.user.id,
        rateLimitPerMinute: 12,
        mustEnrolTwoFactor: false,
      },
    });
  });
});

describe('rotation', () => {
  it('gives a like key and keeps the old one for exactly the grace period', async () => {
    const { owner, created, keys, tenantId } = await ownerWithKey({
      scopes: ['agents:read', 'runs:read'],
      rateLimitPerMinute: 30,
      expiresInDays: 10,
    });
    h.clock.advance(30 * minute);
    const rotated = await expectOk(
      h.core,
      'apiKeys.rotate',
      { keyId: created.key.id, graceHours: 2 },
      owner.call,
    );
    expect(rotated.key).toMatchObject({
      name: 'Reports',
      scopes: ['agents:read', 'runs:read'],
      rateLimitPerMinute: 30,
      expiresAt: created.key.expiresAt,
      status: 'active',
    });
    expect(rotated.previous).toMatchObject({
      status: 'grace',
      graceUntil: h.clock.now() + 2 * hour,
      replacedBy: rotated.key.id,
    });
    h.clock.advance(2 * hour - 1);
    expect(keys.authenticate(created.secret, null).ok).toBe(true);
    expect(keys.get(tenantId, created.key.id)!.status).toBe('grace');
    h.clock.advance(1);
    expect(keys.authenticate(created.secret, null)).toMatchObject({ ok: false, reason: 'expired' });
    expect(keys.get(tenantId, created.key.id)!.status).toBe('expired');
    expect(keys.authenticate(rotated.secret, null).ok).toBe(true);
  });

  it('never lengthens the grace of a key already in one, and ends at once with no grace', async () => {
    const { owner, created, keys, tenantId } = await ownerWithKey();
    const rotatedAt = h.clock.now();
    keys.rotate(tenantId, created.key.id, 2, owner.me.user.id);
    h.clock.advance(hour);
    const again = keys.rotate(tenantId, created.key.id, 24, owner.me.user.id)!;
    expect(again.previous.graceUntil).toBe(rotatedAt + 2 * hour);
    const shorter = keys.rotate(tenantId, created.key.id, 0, owner.me.user.id)!;
    expect(shorter.previous).toMatchObject({ graceUntil: h.clock.now(), status: 'expired' });
    expect(keys.authenticate(created.secret, null)).toMatchObject({ ok: false, reason: 'expired' });
  });
});

describe('the keys checked a moment ago', () => {
  it('forgets a key as soon as it is revoked, rotated or the organisation’s rules change', async () => {
    const { owner, created, keys, tenantId } = await ownerWithKey();
    const call = { transport: 'http' as const, apiKey: created.secret };
    expect(await h.core.dispatch('agents.list', {}, call)).toMatchObject({ ok: true });
    // rotation with no grace: the old key stops at once, although it was checked a moment ago
    const rotated = await expectOk(
      h.core,
      'apiKeys.rotate',
      { keyId: created.key.id, graceHours: 0 },
      owner.call,
    );
    expect(await h.core.dispatch('agents.list', {}, call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const next = { transport: 'http' as const, apiKey: rotated.secret };
    expect(await h.core.dispatch('agents.list', {}, next)).toMatchObject({ ok: true });
    // a key created meanwhile does not disturb the checked one
    await expectOk(h.core, 'apiKeys.create', { name: 'Other', scopes: ['agents:read'] }, owner.call);
    expect(await h.core.dispatch('agents.list', {}, next)).toMatchObject({ ok: true });
    await expectOk(h.core, 'apiKeys.revoke', { keyId: rotated.key.id }, owner.call);
    expect(keys.authenticate(rotated.secret, null)).toMatchObject({ ok: false, reason: 'revoked' });
    void tenantId;
  });

  it('looks a key up again after a few seconds, so a change made behind its back counts soon', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { created, keys, tenantId } = await ownerWithKey();
    expect(keys.authenticate(created.secret, null).ok).toBe(true);
    servicesOf(h.core).sqlite.prepare("UPDATE tenants SET status = 'suspended' WHERE id = ?").run(tenantId);
    // remembered for a moment, as designed (a change through the service forgets it at once) ...
    vi.advanceTimersByTime(4999);
    expect(keys.authenticate(created.secret, null).ok).toBe(true);
    // ... not longer
    vi.advanceTimersByTime(1);
    expect(keys.authenticate(created.secret, null)).toMatchObject({ ok: false, reason: 'suspended' });
  });

  it('stops and restarts the keys of an admin without a second factor when the organisation requires one', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'adam@acme.test', 'admin');
    const keys = servicesOf(h.core).apiKeys;
    const created = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Admin’s', scopes: ['agents:read'] },
      admin.call,
    );
    const check = () => {
      const result = keys.authenticate(created.secret, null);
      return result.ok && result.principal.mustEnrolTwoFactor;
    };
    expect(check()).toBe(false);
    const begun = await expectOk(h.core, 'auth.totpBegin', {}, owner.call);
    const code = new TOTP({ secret: Secret.fromBase32(begun.manualKey.replace(/\s/g, '')) }).generate({
      timestamp: h.clock.now(),
    });
    await expectOk(h.core, 'auth.totpConfirm', { code }, owner.call);
    await expectOk(h.core, 'security.saveSettings', { requireTwoFactor: true }, owner.call);
    expect(check()).toBe(true);
    expect(
      await h.core.dispatch('agents.list', {}, { transport: 'http', apiKey: created.secret }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'two_factor_required' },
    });
    await expectOk(h.core, 'security.saveSettings', { requireTwoFactor: false }, owner.call);
    expect(check()).toBe(false);
  });
});
