import { servicesOf } from './testing/services';
import { afterEach, describe, expect, it } from 'vitest';
import { errorReasons, methodNames, methods, type MethodName } from '../contract';
import type { CallContext } from './context';
import { createHarness, expectOk, setupOwner, type Harness } from './testing/harness';
import { validInputs } from './testing/valid-inputs';

let h: Harness;
afterEach(() => h?.close());

describe('dispatch', () => {
  it('answers a wrong-shaped payload to every method with VALIDATION naming the field and why', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const known = new Set<string>(errorReasons);
    for (const method of methodNames) {
      const result = await h.core.dispatch(method, { notAField: 1 }, owner.call);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(!result.ok && result.error.field, method).toBeTruthy();
      // said in the user's language from errors.reasons.<reason>, never in zod's English
      expect(!result.ok && known.has(result.error.reason ?? ''), method).toBe(true);
      const notAnObject = await h.core.dispatch(method, [1, 2], owner.call);
      expect(notAnObject, method).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(!notAnObject.ok && known.has(notAnObject.error.reason ?? ''), method).toBe(true);
    }
  });

  it('says why a value was refused, with what the sentence needs (a length, a bound)', async () => {
    h = createHarness();
    const refusal = async (method: MethodName, input: unknown, call: CallContext) => {
      const result = await h.core.dispatch(method, input, call);
      return result.ok ? null : result.error;
    };
    const internal: CallContext = { transport: 'internal', ip: '127.0.0.1' };
    const owner = { orgName: 'Sykkelverksted Nord', name: 'Olivia', email: 'olivia@shop.test' };
    expect(await refusal('setup.createOwner', { ...owner, password: 'short' }, internal)).toMatchObject({
      code: 'VALIDATION',
      field: 'password',
      reason: 'too_short',
      params: { minimum: 12 },
    });
    expect(
      await refusal(
        'setup.createOwner',
        { ...owner, email: 'olivia', password: 'long enough password' },
        internal,
      ),
    ).toMatchObject({ field: 'email', reason: 'invalid_email' });
    expect(
      await refusal(
        'setup.createOwner',
        { ...owner, orgName: 'x'.repeat(101), password: 'long enough password' },
        internal,
      ),
    ).toMatchObject({ field: 'orgName', reason: 'too_long', params: { maximum: 100 } });
    expect(await refusal('setup.createOwner', { ...owner, email: undefined }, internal)).toMatchObject({
      field: 'email',
      reason: 'required',
    });
    const signedIn = await setupOwner(h.core);
    expect(await refusal('audit.list', { limit: 501 }, signedIn.call)).toMatchObject({
      field: 'limit',
      reason: 'too_big',
      params: { maximum: 500 },
    });
    expect(await refusal('audit.list', { limit: 2.5 }, signedIn.call)).toMatchObject({
      field: 'limit',
      reason: 'whole_number',
    });
  });

  it('names the nested field that is wrong', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const result = await h.core.dispatch(
      'users.invite',
      { email: 'not-an-email', role: 'viewer' },
      owner.call,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'email' } });
    const role = await h.core.dispatch('users.invite', { email: 'a@b.test', role: 'emperor' }, owner.call);
    expect(role).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'role' } });
  });

  it('refuses every non-public method without a session, and with a made-up one', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const inputs = validInputs({ tenantId: owner.me.tenant.id, userId: owner.me.user.id });
    for (const method of methodNames) {
      if (methods[method].access === 'public') continue;
      const none = await h.core.dispatch(method, inputs[method], { transport: 'internal' });
      expect(none, method).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const forged = await h.core.dispatch(method, inputs[method], {
        transport: 'internal',
        sessionToken: 'x'.repeat(43),
      });
      expect(forged, method).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('answers an unknown method with NOT_FOUND and never crashes on hostile input', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    expect(await h.core.dispatch('nope.nothing', {}, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.core.dispatch('__proto__', {}, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const hostile = [
      null,
      undefined,
      'x',
      0,
      true,
      { __proto__: { admin: true } },
      { email: 'a'.repeat(10_000) },
    ];
    for (const input of hostile) {
      const result = await h.core.dispatch('users.invite', input, owner.call);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('VALIDATION');
    }
  });

  it('writes an audit entry for every successful mutation and none for reads', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const before = (await expectOk(h.core, 'audit.list', {}, owner.call)).entries.length;
    await expectOk(h.core, 'users.list', {}, owner.call);
    await expectOk(h.core, 'health.summary', {}, owner.call);
    expect((await expectOk(h.core, 'audit.list', {}, owner.call)).entries.length).toBe(before);
    await expectOk(h.core, 'users.invite', { email: 'new@acme.test', role: 'operator' }, owner.call);
    const after = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(after.entries[0]).toMatchObject({
      action: 'users.invite',
      actorName: 'Olivia Owner',
      details: { email: 'new@acme.test', role: 'operator' },
    });
  });

  it('enforces roles: a viewer reads but cannot invite; an admin cannot make owners', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { inviteAndAccept } = await import('./testing/harness');
    const viewer = await inviteAndAccept(h.core, owner, 'vic@acme.test', 'viewer');
    const admin = await inviteAndAccept(h.core, owner, 'ada@acme.test', 'admin');
    expect((await h.core.dispatch('users.list', {}, viewer.call)).ok).toBe(true);
    expect(
      await h.core.dispatch('users.invite', { email: 'x@acme.test', role: 'viewer' }, viewer.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.dispatch('audit.list', {}, viewer.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.core.dispatch('tenants.list', {}, admin.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await h.core.dispatch('users.invite', { email: 'x@acme.test', role: 'owner' }, admin.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await h.core.dispatch('users.setRole', { userId: owner.me.user.id, role: 'viewer' }, admin.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await h.core.dispatch('users.setRole', { userId: admin.me.user.id, role: 'viewer' }, admin.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // the admin can demote the viewer's peer roles below their own
    expect(
      await h.core.dispatch('users.setRole', { userId: viewer.me.user.id, role: 'operator' }, admin.call),
    ).toMatchObject({
      ok: true,
      data: { role: 'operator' },
    });
  });

  it('keeps the last owner: nobody can demote or disable the only owner of a tenant', async () => {
    h = createHarness();
    const { twoTenants } = await import('./testing/tenants-fixture');
    const t = await twoTenants(h.core);
    await expectOk(h.core, 'tenants.switch', { tenantId: t.tenantA }, t.platformAdmin.call);
    const demote = await h.core.dispatch(
      'users.setRole',
      { userId: t.alice.me.user.id, role: 'admin' },
      t.platformAdmin.call,
    );
    expect(demote).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const disable = await h.core.dispatch(
      'users.disable',
      { userId: t.alice.me.user.id, disabled: true },
      t.platformAdmin.call,
    );
    expect(disable).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const demoteSelf = await h.core.dispatch(
      'users.setRole',
      { userId: t.alice.me.user.id, role: 'admin' },
      t.alice.call,
    );
    expect(demoteSelf).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('disabling a member ends their sessions at once', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { inviteAndAccept } = await import('./testing/harness');
    const op = await inviteAndAccept(h.core, owner, 'otto@acme.test', 'operator');
    expect((await h.core.dispatch('auth.me', {}, op.call)).ok).toBe(true);
    await expectOk(h.core, 'users.disable', { userId: op.me.user.id, disabled: true }, owner.call);
    expect(await h.core.dispatch('auth.me', {}, op.call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const relogin = await h.core.dispatch(
      'auth.login',
      { email: 'otto@acme.test', password: 'another long password' },
      { transport: 'internal' },
    );
    expect(relogin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expectOk(h.core, 'users.disable', { userId: op.me.user.id, disabled: false }, owner.call);
    const back = await h.core.dispatch(
      'auth.login',
      { email: 'otto@acme.test', password: 'another long password' },
      { transport: 'internal' },
    );
    expect(back.ok).toBe(true);
  });

  it('answers an unexpected failure as INTERNAL without internals', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    servicesOf(h.core).sqlite.exec('DROP TABLE invites');
    const result = await h.core.dispatch(
      'users.invite',
      { email: 'x@acme.test', role: 'viewer' },
      owner.call,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toMatch(/invites|sqlite|SQL|at \w+ \(/i);
  });
});
