import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyScopeMethods, apiKeyScopes, isMethodName, methods } from '../../contract';
import { createHarness, expectOk, setupOwner, type Harness } from '../testing/harness';
import { parseApiKey } from './service';

let h: Harness;
afterEach(() => h?.close());

describe('API keys in the core', () => {
  it('maps every scope to real read methods, plus running agents and sending events', () => {
    for (const scope of apiKeyScopes) {
      for (const name of apiKeyScopeMethods[scope]) {
        expect(isMethodName(name), name).toBe(true);
        if (isMethodName(name))
          expect(methods[name].mutation, name).toBe(name === 'agents.run' || name === 'events.ingest');
      }
    }
  });

  it('parses only well-formed keys', () => {
    expect(parseApiKey('mf_live_0123456789abcdef0123456789abcdef_' + 'x'.repeat(43))).toEqual({
      id: '01234567-89ab-cdef-0123-456789abcdef',
      secret: 'x'.repeat(43),
    });
    for (const bad of [
      '',
      'mf_live_',
      'mf_test_0123456789abcdef0123456789abcdef_abc',
      'Bearer x',
      'mf_live_zz_' + 'x'.repeat(43),
    ])
      expect(parseApiKey(bad), bad).toBeNull();
  });

  it('acts in the key’s tenant with its scopes, and stops at once when revoked', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const created = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Reports', scopes: ['analytics:read', 'events:write'], expiresInDays: 1 },
      owner.call,
    );
    const call = { transport: 'http' as const, apiKey: created.secret, ip: '10.0.0.7' };
    expect(await h.core.dispatch('analytics.summary', {}, call)).toMatchObject({ ok: true });
    expect(await h.core.dispatch('users.list', {}, call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // a key is not a session: public and session methods are not opened by it either
    expect(await h.core.dispatch('auth.me', {}, call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const event = await h.core.dispatch('events.ingest', { type: 'report.sent' }, call);
    expect(event).toMatchObject({ ok: true });
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(audit.entries[0]).toMatchObject({
      action: 'events.ingest',
      actorName: 'API key "Reports"',
      ip: '10.0.0.7',
    });
    await expectOk(h.core, 'apiKeys.revoke', { keyId: created.key.id }, owner.call);
    expect(await h.core.dispatch('analytics.summary', {}, call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const listed = await expectOk(h.core, 'apiKeys.list', {}, owner.call);
    expect(listed.keys[0]).toMatchObject({ status: 'revoked', lastUsedIp: '10.0.0.7' });
    expect(await h.core.dispatch('apiKeys.rotate', { keyId: created.key.id }, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('expires a key at its expiry time', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const created = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Short', scopes: ['analytics:read'], expiresInDays: 1 },
      owner.call,
    );
    const call = { transport: 'http' as const, apiKey: created.secret };
    expect(await h.core.dispatch('analytics.summary', {}, call)).toMatchObject({ ok: true });
    h.clock.advance(24 * 60 * 60 * 1000);
    expect(await h.core.dispatch('analytics.summary', {}, call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/) },
    });
  });
});
