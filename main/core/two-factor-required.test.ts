import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import {
  methodNames,
  methods,
  roleAtLeast,
  roles,
  twoFactorEnrolmentMethods,
  type MethodName,
  type Role,
} from '../contract';

const isRole = (access: string): access is Role => (roles as readonly string[]).includes(access);
import { createHarness, expectOk, inviteAndAccept, setupOwner, type Harness } from './testing/harness';
import { validInputs } from './testing/valid-inputs';
import { uuidv7 } from '../../db';

let h: Harness;
afterEach(() => h?.close());

const codeFor = (key: string, now: number) =>
  new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, '')) }).generate({ timestamp: now });

async function enrol(call: Parameters<typeof expectOk>[3]) {
  const begun = await expectOk(h.core, 'auth.totpBegin', {}, call);
  await expectOk(h.core, 'auth.totpConfirm', { code: codeFor(begun.manualKey, h.clock.now()) }, call);
}

describe('a tenant that requires two-factor sign-in', () => {
  it('refuses an admin without a second factor everything but enrolment, on sessions and API keys', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'adam@acme.test', 'admin');
    const operator = await inviteAndAccept(h.core, owner, 'otto@acme.test', 'operator');
    const key = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Reports', scopes: ['agents:read'], expiresInDays: 30 },
      admin.call,
    );
    const keyCall = { transport: 'http' as const, apiKey: key.secret };
    expect(await h.core.dispatch('agents.list', {}, keyCall)).toMatchObject({ ok: true });

    await enrol(owner.call);
    await expectOk(h.core, 'security.saveSettings', { requireTwoFactor: true }, owner.call);

    // every method that needs a session and is not part of enrolment is refused for the admin
    const inputs = validInputs({ tenantId: owner.me.tenant.id, userId: uuidv7(h.clock.now()) });
    const access = (method: MethodName) => methods[method].access;
    const refused = methodNames.filter((method) => {
      const needed = access(method);
      const allowedToAdmin = needed === 'user' || (isRole(needed) && roleAtLeast('admin', needed));
      return allowedToAdmin && !twoFactorEnrolmentMethods.has(method);
    });
    expect(refused.length).toBeGreaterThan(50);
    for (const method of refused) {
      const answer = await h.core.dispatch(method, inputs[method], admin.call);
      expect(answer, method).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'two_factor_required' },
      });
    }
    expect(await h.core.dispatch('users.list', {}, admin.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'two_factor_required' },
    });
    expect(await h.core.dispatch('agents.list', {}, keyCall)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'two_factor_required' },
    });
    // what enrolment needs still works
    const me = await expectOk(h.core, 'auth.me', {}, admin.call);
    expect(me.twoFactor).toMatchObject({ required: true, enabled: false });

    // the requirement is for admins and owners: an operator carries on
    await expectOk(h.core, 'agents.list', {}, operator.call);
    // the owner, who has a second factor, too
    await expectOk(h.core, 'users.list', {}, owner.call);

    await enrol(admin.call);
    await expectOk(h.core, 'users.list', {}, admin.call);
  });

  it('keeps the live audit trail from an admin who has not enrolled yet', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'adam@acme.test', 'admin');
    await enrol(owner.call);
    await expectOk(h.core, 'security.saveSettings', { requireTwoFactor: true }, owner.call);
    const seen: string[] = [];
    h.core.events.subscribe(admin.token, (name) => seen.push(name));
    await expectOk(h.core, 'users.invite', { email: 'new@acme.test', role: 'viewer' }, owner.call);
    expect(seen).not.toContain('audit.appended');
    await enrol(admin.call);
    await expectOk(h.core, 'users.invite', { email: 'other@acme.test', role: 'viewer' }, owner.call);
    expect(seen, JSON.stringify(seen)).toContain('audit.appended');
  });
});
