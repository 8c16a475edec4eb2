import { servicesOf } from '../testing/services';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../context';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
} from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';
import { securityEventsCheck } from '../guardian/checks/tenant';
import { securityEventCounts } from './queries';
import { describeDevice, sanitizeDetails } from './security-monitor';

let h: Harness;
afterEach(() => h?.close());

const from = (ip: string, userAgent?: string): CallContext => ({
  transport: 'http',
  ip,
  ...(userAgent ? { userAgent } : {}),
});

async function login(email: string, password: string, call: CallContext) {
  return h.core.dispatch('auth.login', { email, password }, call);
}

async function signIn(email: string, password: string, call: CallContext): Promise<CallContext> {
  const result = await login(email, password, call);
  if (!result.ok || result.sessionChange?.type !== 'set')
    throw new Error(`sign-in failed: ${JSON.stringify(result)}`);
  return { ...call, sessionToken: result.sessionChange.token };
}

describe('threat detection', () => {
  it('turns 20 failed sign-ins from one address across 10 accounts into credential stuffing and an incident', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const attacker = from('198.51.100.7', 'python-requests/2.31');
    const accounts = ['owner@acme.test', ...Array.from({ length: 9 }, (_, i) => `user${i}@victims.test`)];
    for (let round = 0; round < 2; round++) {
      for (const email of accounts) {
        const result = await login(email, 'wrong password guess', attacker);
        expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
    }

    const stuffing = await expectOk(h.core, 'security.events', { kind: 'credential_stuffing' }, owner.call);
    // one event for the whole attack, counting every failure
    expect(stuffing.events).toHaveLength(1);
    expect(stuffing.events[0]).toMatchObject({
      kind: 'credential_stuffing',
      severity: 'high',
      ip: '198.51.100.7',
      tenantId: null,
      count: 20,
      details: { accounts: 10, failures: 20 },
    });
    // the attacked e-mail addresses stay out of an installation-level event
    expect(JSON.stringify(stuffing.events[0]!.details)).not.toContain('@');

    const incidents = await expectOk(h.core, 'incidents.list', {}, owner.call);
    const incident = incidents.incidents.find((i) => i.source === 'security');
    expect(incident).toMatchObject({ severity: 'SEV2', status: 'open' });
    expect(incident!.title).toMatch(/credential stuffing/i);
    expect(stuffing.events[0]!.incidentId).toBe(incident!.id);
    expect(incidents.incidents.filter((i) => i.source === 'security')).toHaveLength(1);
  });

  it('reports a burst of failures on one account once per window, with the count', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    for (let i = 0; i < 4; i++) {
      await login('owner@acme.test', 'not my password', from('192.0.2.10'));
      h.clock.advance(1000);
    }
    expect((await expectOk(h.core, 'security.events', {}, owner.call)).events).toHaveLength(0);
    await login('owner@acme.test', 'not my password', from('192.0.2.10'));
    let events = (await expectOk(h.core, 'security.events', { kind: 'login_failed_burst' }, owner.call))
      .events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      severity: 'medium',
      tenantId: owner.me.tenant.id,
      userId: owner.me.user.id,
      count: 5,
      details: { email: 'owner@acme.test', failures: 5 },
    });
    // the throttle slows the next tries down; once it allows one, it folds into the same event
    h.clock.advance(2000);
    await login('owner@acme.test', 'not my password', from('192.0.2.10'));
    events = (await expectOk(h.core, 'security.events', { kind: 'login_failed_burst' }, owner.call)).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ count: 6, details: { failures: 6 } });
    // a medium event opens no incident
    const incidents = await expectOk(h.core, 'incidents.list', {}, owner.call);
    expect(incidents.incidents.filter((i) => i.source === 'security')).toHaveLength(0);
  });

  it('notes a sign-in from a new address or device, but not from a known one', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
    await signIn('owner@acme.test', ownerPassword, from('127.0.0.1', chrome));
    // the first browser on a known address is a new device
    let events = (await expectOk(h.core, 'security.events', { kind: 'new_device_login' }, owner.call)).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ severity: 'low', details: { newIp: false, newDevice: true } });
    // the same browser again: nothing new
    await signIn('owner@acme.test', ownerPassword, from('127.0.0.1', chrome));
    events = (await expectOk(h.core, 'security.events', { kind: 'new_device_login' }, owner.call)).events;
    expect(events).toHaveLength(1);
    // the same browser from somewhere else
    await signIn('owner@acme.test', ownerPassword, from('203.0.113.44', chrome));
    events = (await expectOk(h.core, 'security.events', { kind: 'new_device_login' }, owner.call)).events;
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      ip: '203.0.113.44',
      userName: 'Olivia Owner',
      details: { newIp: true, newDevice: false, device: 'Chrome on Windows' },
    });
  });

  it('records role changes as privilege changes', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const vic = await inviteAndAccept(h.core, owner, 'vic@acme.test', 'viewer');
    await expectOk(h.core, 'users.setRole', { userId: vic.me.user.id, role: 'admin' }, owner.call);
    const events = (await expectOk(h.core, 'security.events', { kind: 'privilege_change' }, owner.call))
      .events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      severity: 'medium',
      userId: vic.me.user.id,
      details: { from: 'viewer', to: 'admin', byUserId: owner.me.user.id },
    });
    // filters: by severity, and from a severity up
    expect((await expectOk(h.core, 'security.events', { severity: 'low' }, owner.call)).events).toHaveLength(
      0,
    );
    expect((await expectOk(h.core, 'security.events', { minSeverity: 'medium' }, owner.call)).total).toBe(1);
    expect((await expectOk(h.core, 'security.events', { minSeverity: 'high' }, owner.call)).total).toBe(0);
    // a viewer may not read security events
    const val = await inviteAndAccept(h.core, owner, 'val@acme.test', 'viewer');
    expect(await h.core.dispatch('security.events', {}, val.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it("keeps tenants' events apart, live and stored; installation events reach only platform admins", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const seen: Record<string, string[]> = { alice: [], bob: [], bea: [], admin: [] };
    h.core.events.subscribe(t.alice.token, (name, payload) =>
      seen.alice!.push(`${name}:${JSON.stringify(payload)}`),
    );
    h.core.events.subscribe(t.bob.token, (name, payload) =>
      seen.bob!.push(`${name}:${JSON.stringify(payload)}`),
    );
    h.core.events.subscribe(t.bea.token, (name, payload) =>
      seen.bea!.push(`${name}:${JSON.stringify(payload)}`),
    );
    h.core.events.subscribe(t.platformAdmin.token, (name, payload) =>
      seen.admin!.push(`${name}:${JSON.stringify(payload)}`),
    );
    servicesOf(h.core).security.record({
      kind: 'csrf_failure',
      tenantId: t.tenantB,
      ip: '192.0.2.77',
      details: { path: '/api/call/agents.create', password: 'hunter2', token: 'abc' },
    });
    servicesOf(h.core).security.record({ kind: 'ip_blocked', tenantId: null, ip: '192.0.2.200' });

    const ofB = await expectOk(h.core, 'security.events', {}, t.bob.call);
    expect(ofB.events.map((e) => e.kind)).toEqual(['csrf_failure']);
    expect(ofB.events[0]!.details).toEqual({ path: '/api/call/agents.create' });
    expect((await expectOk(h.core, 'security.events', {}, t.alice.call)).events).toHaveLength(0);
    expect(seen.bob!.some((e) => e.startsWith('security.event') && e.includes('192.0.2.77'))).toBe(true);
    expect(seen.alice!.join('\n')).not.toContain('security.event');
    // viewers do not get security events either
    expect(seen.bea!.join('\n')).not.toContain('security.event');
    expect(seen.bob!.join('\n')).not.toContain('192.0.2.200');
    expect(seen.admin!.some((e) => e.includes('192.0.2.200'))).toBe(true);
    // the platform admin, bound to B, sees B's and the installation's
    await expectOk(h.core, 'tenants.switch', { tenantId: t.tenantB }, t.platformAdmin.call);
    const adminView = await expectOk(h.core, 'security.events', {}, t.platformAdmin.call);
    expect(adminView.events.map((e) => e.kind).sort()).toEqual(['csrf_failure', 'ip_blocked']);
    // a signal repeated within its window is one event
    servicesOf(h.core).security.record({ kind: 'ip_blocked', tenantId: null, ip: '192.0.2.200' });
    const again = await expectOk(h.core, 'security.events', { kind: 'ip_blocked' }, t.platformAdmin.call);
    expect(again.events).toHaveLength(1);
    expect(again.events[0]!.count).toBe(2);
  });
});

describe("the Guardian's security check", () => {
  it('counts medium and higher security events of the tenant in the last 15 minutes', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const tenantId = owner.me.tenant.id;
    const events = securityEventCounts(servicesOf(h.core).sqlite);
    const check = () => securityEventsCheck(events, tenantId, h.clock.now());
    expect(check()).toMatchObject({ status: 'ok', value: 0 });
    servicesOf(h.core).security.record({ kind: 'csrf_failure', tenantId, ip: '192.0.2.1' });
    expect(check()).toMatchObject({ status: 'ok', value: 0 });
    servicesOf(h.core).security.record({ kind: 'injection_pattern', tenantId, ip: '192.0.2.1' });
    expect(check()).toMatchObject({ status: 'warn', value: 1 });
    for (let i = 2; i <= 5; i++)
      servicesOf(h.core).security.record({ kind: 'injection_pattern', tenantId, ip: `192.0.2.${i}` });
    expect(check()).toMatchObject({ status: 'critical', value: 5 });
    h.clock.advance(16 * 60 * 1000);
    expect(check()).toMatchObject({ status: 'ok', value: 0 });
  });
});

describe('sessions', () => {
  it('lists and revokes own sessions, marks the current one, and keeps other tenants out', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const second = await signIn(
      'bob@beta.test',
      'another long password',
      from('192.0.2.5', 'Firefox/130.0 (X11; Linux)'),
    );
    const list = await expectOk(h.core, 'sessions.list', {}, t.bob.call);
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
    const other = list.sessions.find((s) => !s.current)!;
    expect(other).toMatchObject({ ip: '192.0.2.5', device: 'Firefox on Linux' });

    // another tenant's owner cannot see or end it, and learns nothing
    expect(await h.core.dispatch('sessions.revoke', { sessionId: other.id }, t.alice.call)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.core.dispatch('sessions.list', { userId: t.bob.me.user.id }, t.alice.call)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // a viewer of the same tenant may not end the owner's session
    expect(await h.core.dispatch('sessions.revoke', { sessionId: other.id }, t.bea.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const ended: string[] = [];
    h.core.events.subscribe(second.sessionToken!, (name) => ended.push(name));
    expect(await expectOk(h.core, 'sessions.revoke', { sessionId: other.id }, t.bob.call)).toEqual({
      ok: true,
      current: false,
    });
    expect(ended).toContain('session.ended');
    expect(await h.core.dispatch('auth.me', {}, second)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect((await expectOk(h.core, 'sessions.list', {}, t.bob.call)).sessions).toHaveLength(1);
    // ended sessions are gone: revoking again is NOT_FOUND
    expect(await h.core.dispatch('sessions.revoke', { sessionId: other.id }, t.bob.call)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // an owner (admin) sees and ends a member's session in the tenant
    const beas = await expectOk(h.core, 'sessions.list', { userId: t.bea.me.user.id }, t.bob.call);
    expect(beas.sessions).toHaveLength(1);
    expect(beas.sessions[0]!.current).toBe(false);
    await expectOk(h.core, 'sessions.revoke', { sessionId: beas.sessions[0]!.id }, t.bob.call);
    expect(await h.core.dispatch('auth.me', {}, t.bea.call)).toMatchObject({ ok: false });

    // ending the current session signs the caller out
    const own = (await expectOk(h.core, 'sessions.list', {}, t.bob.call)).sessions[0]!;
    const result = await h.core.dispatch('sessions.revoke', { sessionId: own.id }, t.bob.call);
    expect(result).toMatchObject({ ok: true, data: { current: true }, sessionChange: { type: 'clear' } });
  });
});

describe('security settings', () => {
  it('lets owners require two-factor and only platform admins edit the allow-list', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    expect(await expectOk(h.core, 'security.settings', {}, t.alice.call)).toEqual({
      requireTwoFactor: false,
      ipAllowList: null,
      yourIp: null,
    });
    const saved = await expectOk(h.core, 'security.saveSettings', { requireTwoFactor: true }, t.alice.call);
    expect(saved.requireTwoFactor).toBe(true);
    // stored where the two-factor sign-in reads it, for A only
    const row = servicesOf(h.core)
      .sqlite.prepare("SELECT tenant_id, value FROM settings WHERE key = 'security.requireTwoFactor'")
      .all();
    expect(row).toEqual([{ tenant_id: t.tenantA, value: 'true' }]);
    expect(
      await h.core.dispatch('security.saveSettings', { ipAllowList: ['10.0.0.0/8'] }, t.alice.call),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const admin = t.platformAdmin.call;
    expect(
      await h.core.dispatch('security.saveSettings', { ipAllowList: ['10.0.0.0/33'] }, admin),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ipAllowList.0' } });
    const list = await expectOk(
      h.core,
      'security.saveSettings',
      { ipAllowList: ['10.0.0.0/8', '2001:db8::/32', '192.168.1.7'] },
      admin,
    );
    expect(list.ipAllowList).toEqual(['10.0.0.0/8', '2001:db8::/32', '192.168.1.7']);
    expect(servicesOf(h.core).security.ipAllowed('10.1.2.3')).toBe(true);
    expect(servicesOf(h.core).security.ipAllowed('203.0.113.1')).toBe(false);
    // a list that shuts out the admin's own address is refused
    const remote = { ...admin, ip: '203.0.113.9' };
    expect(
      await h.core.dispatch('security.saveSettings', { ipAllowList: ['10.0.0.0/8'] }, remote),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ipAllowList' } });
    await expectOk(h.core, 'security.saveSettings', { ipAllowList: [] }, admin);
    expect(servicesOf(h.core).security.ipAllowed('203.0.113.1')).toBe(true);
  });
});

describe('helpers', () => {
  it('keeps secrets out of details and names devices', () => {
    expect(
      sanitizeDetails({
        password: 'x',
        apiKey: 'mf_live_x',
        Authorization: 'Bearer y',
        path: '/a',
        n: 3,
        nested: {},
      }),
    ).toEqual({ path: '/a', n: 3 });
    expect(describeDevice(null)).toBe('Unknown device');
    expect(
      describeDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605 Version/17 Safari/605'),
    ).toBe('Safari on macOS');
    expect(describeDevice('Mozilla/5.0 Mindframe/1.0 Electron/33.0 Chrome/130')).toBe('Mindframe desktop');
  });
});
