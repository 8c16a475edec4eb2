import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, type Harness } from '../core/testing/harness';
import { twoTenants } from '../core/testing/tenants-fixture';
import { startHost, type RunningHost } from './server';

/**
 * A platform admin suspends an organisation (issue 14): its members' calls and its API keys (over
 * the REST API v1) are refused at once with reason tenant_suspended, its data is kept, and
 * reactivating gives everything back. Deleting needs the organisation's name typed exactly.
 */

let h: Harness;
let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  h?.close();
});

async function restGet(path: string, key: string) {
  const response = await fetch(`${host!.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; error?: { code: string; reason?: string } },
  };
}

describe('suspending an organisation', () => {
  it('refuses its members and API keys at once, keeps its data, and reactivating gives it back', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    const t = await twoTenants(h.core);
    await expectOk(
      h.core,
      'knowledge.add',
      { title: 'Opening hours', body: 'We open at nine.' },
      t.alice.call,
    );
    const { secret: key } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Website', scopes: ['agents:read'] },
      t.alice.call,
    );
    expect((await restGet('/api/v1/agents', key)).status).toBe(200);

    const suspended = await expectOk(
      h.core,
      'tenants.suspend',
      { tenantId: t.tenantA },
      t.platformAdmin.call,
    );
    expect(suspended).toMatchObject({ id: t.tenantA, status: 'suspended' });

    // the member's very next call is refused, with the reason
    const call = await h.core.dispatch('knowledge.list', {}, t.alice.call);
    expect(call).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'tenant_suspended' } });
    // so is the API key, over REST
    const rest = await restGet('/api/v1/agents', key);
    expect(rest.status).toBe(403);
    expect(rest.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'tenant_suspended' } });
    // the member can still see where they stand and sign out
    const me = await expectOk(h.core, 'auth.me', {}, t.alice.call);
    expect(me.tenant.status).toBe('suspended');
    // signing in says why
    const login = await h.core.dispatch(
      'auth.login',
      { email: 'alice@alpha.test', password: 'another long password' },
      { transport: 'internal', ip: '10.9.9.9' },
    );
    expect(login).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'tenant_suspended' } });
    // the other organisation does not notice
    expect((await h.core.dispatch('knowledge.list', {}, t.bob.call)).ok).toBe(true);
    // and the member's open app hears nothing of the organisation while it is suspended
    const heard: string[] = [];
    h.core.events.subscribe(t.alice.token, (name) => heard.push(name));
    await expectOk(h.core, 'tenants.switch', { tenantId: t.tenantA }, t.platformAdmin.call);
    await expectOk(
      h.core,
      'users.invite',
      { email: 'quiet@alpha.test', role: 'viewer' },
      t.platformAdmin.call,
    );
    expect(heard).toEqual([]);

    const active = await expectOk(
      h.core,
      'tenants.reactivate',
      { tenantId: t.tenantA },
      t.platformAdmin.call,
    );
    expect(active.status).toBe('active');
    const docs = await expectOk(h.core, 'knowledge.list', {}, t.alice.call);
    expect(JSON.stringify(docs)).toContain('Opening hours');
    expect((await restGet('/api/v1/agents', key)).status).toBe(200);
    // and hears the organisation again
    await expectOk(
      h.core,
      'users.invite',
      { email: 'heard@alpha.test', role: 'viewer' },
      t.platformAdmin.call,
    );
    expect(heard).toContain('members.changed');

    const audit = await expectOk(h.core, 'audit.list', {}, t.alice.call);
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['tenants.suspend', 'tenants.reactivate']),
    );
  });

  it('is for platform admins only; an owner cannot suspend or rename their organisation', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const bySuspend = await h.core.dispatch('tenants.suspend', { tenantId: t.tenantA }, t.alice.call);
    expect(bySuspend).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'platform_admin_only' },
    });
    const byRename = await h.core.dispatch(
      'tenants.rename',
      { tenantId: t.tenantA, name: 'Mine now' },
      t.alice.call,
    );
    expect(byRename).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const renamed = await expectOk(
      h.core,
      'tenants.rename',
      { tenantId: t.tenantA, name: 'Alpha Bicycles' },
      t.platformAdmin.call,
    );
    expect(renamed.name).toBe('Alpha Bicycles');
    expect((await expectOk(h.core, 'auth.me', {}, t.alice.call)).tenant.name).toBe('Alpha Bicycles');
  });
});

describe('deleting an organisation', () => {
  it('needs its name typed exactly; then its data and sessions are gone and the members keep their accounts', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    await expectOk(
      h.core,
      'knowledge.add',
      { title: 'Opening hours', body: 'We open at nine.' },
      t.alice.call,
    );
    // the file first, as the Organisations page makes it
    const exported = await expectOk(h.core, 'tenants.export', { tenantId: t.tenantA }, t.platformAdmin.call);
    expect(exported.counts.knowledge_docs ?? exported.counts['knowledge_docs']).toBe(1);

    for (const confirmName of ['', 'alpha bikes', 'Alpha Bikes ', 'Beta Bakery']) {
      const refused = await h.core.dispatch(
        'tenants.delete',
        { tenantId: t.tenantA, confirmName },
        t.platformAdmin.call,
      );
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'confirmName', reason: 'tenant_name_mismatch' },
      });
    }
    const missing = await h.core.dispatch('tenants.delete', { tenantId: t.tenantA }, t.platformAdmin.call);
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'confirmName' } });
    // nothing went
    expect((await h.core.dispatch('knowledge.list', {}, t.alice.call)).ok).toBe(true);

    // the platform admin works in tenant B now: that one is refused
    const current = await h.core.dispatch(
      'tenants.delete',
      { tenantId: t.tenantB, confirmName: 'Beta Bakery' },
      t.platformAdmin.call,
    );
    expect(current).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'tenant_is_current' } });

    await expectOk(
      h.core,
      'tenants.delete',
      { tenantId: t.tenantA, confirmName: 'Alpha Bikes' },
      t.platformAdmin.call,
    );
    const list = await expectOk(h.core, 'tenants.list', {}, t.platformAdmin.call);
    expect(list.tenants.map((x) => x.name)).not.toContain('Alpha Bikes');
    // Alice's session there ended; her account stays, but she belongs nowhere now
    expect((await h.core.dispatch('auth.me', {}, t.alice.call)).ok).toBe(false);
    const login = await h.core.dispatch(
      'auth.login',
      { email: 'alice@alpha.test', password: 'another long password' },
      { transport: 'internal', ip: '10.9.9.9' },
    );
    expect(login).toMatchObject({ ok: false, error: { reason: 'no_active_organisation' } });
    // the deletion is in the platform admin's own audit log, with the name kept
    const audit = await expectOk(h.core, 'audit.list', {}, t.platformAdmin.call);
    const entry = audit.entries.find((e) => e.action === 'tenants.delete');
    expect(entry?.details).toMatchObject({ name: 'Alpha Bikes' });
    // Bob's organisation is untouched and its audit chain still verifies
    expect((await h.core.dispatch('knowledge.list', {}, t.bob.call)).ok).toBe(true);
    expect((await expectOk(h.core, 'audit.verify', {}, t.bob.call)).ok).toBe(true);
  });
});
