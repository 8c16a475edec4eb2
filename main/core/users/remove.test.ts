import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, inviteAndAccept, setupOwner, type Harness } from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';

/** Removing a member from an organisation (users.remove, issue 14). */

let h: Harness;
afterEach(() => h?.close());

describe('removing a member', () => {
  it('ends their sessions in this organisation at once; they keep their other organisations', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    // Sam belongs to A and B
    const samInA = await inviteAndAccept(h.core, t.alice, 'sam@both.test', 'operator', 'sams long password');
    const invite = await expectOk(
      h.core,
      'users.invite',
      { email: 'sam@both.test', role: 'viewer' },
      t.bob.call,
    );
    const accepted = await h.core.dispatch(
      'auth.acceptInvite',
      { token: invite.inviteToken, password: 'sams long password' },
      { transport: 'internal' },
    );
    if (!accepted.ok || accepted.sessionChange?.type !== 'set') throw new Error(JSON.stringify(accepted));
    const samInB = { transport: 'internal' as const, sessionToken: accepted.sessionChange.token };

    await expectOk(h.core, 'users.remove', { userId: samInA.me.user.id }, t.alice.call);
    expect((await h.core.dispatch('auth.me', {}, samInA.call)).ok).toBe(false);
    expect((await h.core.dispatch('knowledge.list', {}, samInA.call)).ok).toBe(false);
    const members = await expectOk(h.core, 'users.list', {}, t.alice.call);
    expect(members.members.map((m) => m.email)).not.toContain('sam@both.test');
    // still a member of B, signed in there
    const meInB = await expectOk(h.core, 'auth.me', {}, samInB);
    expect(meInB.tenants.map((x) => x.id)).toEqual([t.tenantB]);
    // the audit keeps who it was
    const audit = await expectOk(h.core, 'audit.list', {}, t.alice.call);
    const entry = audit.entries.find((e) => e.action === 'users.remove');
    expect(entry?.details).toMatchObject({ email: 'sam@both.test', role: 'operator' });
    expect(entry?.details).toHaveProperty('name');
  });

  it('keeps the last owner, even when the owner removes themselves', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'ada@acme.test', 'admin');
    const self = await h.core.dispatch('users.remove', { userId: owner.me.user.id }, owner.call);
    expect(self).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'last_owner' } });
    const byAdmin = await h.core.dispatch('users.remove', { userId: owner.me.user.id }, admin.call);
    expect(byAdmin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'member_outranks' } });
    // with a second owner, the first may leave
    const second = await inviteAndAccept(h.core, owner, 'otto@acme.test', 'owner');
    const left = await h.core.dispatch('users.remove', { userId: owner.me.user.id }, owner.call);
    expect(left).toMatchObject({ ok: true, sessionChange: { type: 'clear' } });
    const members = await expectOk(h.core, 'users.list', {}, second.call);
    expect(members.members.map((m) => m.email).sort()).toEqual(['ada@acme.test', 'otto@acme.test']);
  });

  it("another organisation's member is NOT_FOUND; a viewer may not remove anyone", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const across = await h.core.dispatch('users.remove', { userId: t.bob.me.user.id }, t.alice.call);
    expect(across).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const byViewer = await h.core.dispatch('users.remove', { userId: t.bob.me.user.id }, t.bea.call);
    expect(byViewer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await h.core.dispatch('auth.me', {}, t.bob.call)).ok).toBe(true);
  });
});
