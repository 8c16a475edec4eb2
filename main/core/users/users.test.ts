import { servicesOf } from '../testing/services';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, Member, Notification } from '../../contract';
import type { Core } from '../index';
import { startSmtp, type SmtpReceiver } from '../notify/testing/receivers';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';

let h: Harness;
let smtp: SmtpReceiver | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  h?.close();
});

async function enrol(core: Core, who: SignedIn): Promise<void> {
  const begun = await expectOk(core, 'auth.totpBegin', {}, who.call);
  const code = new TOTP({ secret: Secret.fromBase32(begun.manualKey.replace(/\s/g, '')) }).generate({
    timestamp: h.clock.now(),
  });
  await expectOk(core, 'auth.totpConfirm', { code }, who.call);
}

/** Accepts an invitation as a person who chooses their own name (and password, when new). */
async function accept(core: Core, token: string, password: string, name?: string): Promise<SignedIn> {
  const result = await core.dispatch(
    'auth.acceptInvite',
    { token, password, ...(name ? { name } : {}) },
    { transport: 'internal', ip: '10.1.1.1' },
  );
  if (!result.ok || result.sessionChange?.type !== 'set') throw new Error(JSON.stringify(result));
  return {
    token: result.sessionChange.token,
    me: result.data as SignedIn['me'],
    call: { transport: 'internal', sessionToken: result.sessionChange.token, ip: '10.1.1.1' },
  };
}

const twoFactorOn = (userId: string) =>
  servicesOf(h.core).sqlite.prepare('SELECT 1 FROM user_two_factor WHERE user_id = ?').get(userId) !==
  undefined;

interface World {
  platformAdmin: SignedIn;
  tenantA: string;
  tenantB: string;
  alice: SignedIn;
  bob: SignedIn;
  /** Operator in A and viewer in B; signed in to each. */
  patInA: SignedIn;
  patInB: SignedIn;
}

/** A platform admin (with two-factor), tenants A and B with their owners, and Pat who belongs to both. */
async function world(): Promise<World> {
  const platformAdmin = await setupOwner(h.core, 'Platform', 'admin@platform.test');
  await enrol(h.core, platformAdmin);
  const a = await expectOk(h.core, 'tenants.create', { name: 'Alpha Bikes' }, platformAdmin.call);
  const b = await expectOk(h.core, 'tenants.create', { name: 'Beta Bakery' }, platformAdmin.call);
  await expectOk(h.core, 'tenants.switch', { tenantId: a.id }, platformAdmin.call);
  const alice = await inviteAndAccept(h.core, platformAdmin, 'alice@alpha.test', 'owner');
  await expectOk(h.core, 'tenants.switch', { tenantId: b.id }, platformAdmin.call);
  const bob = await inviteAndAccept(h.core, platformAdmin, 'bob@beta.test', 'owner');
  await expectOk(h.core, 'tenants.switch', { tenantId: a.id }, platformAdmin.call);
  const patInvite = await expectOk(
    h.core,
    'users.invite',
    { email: 'pat@both.test', role: 'operator' },
    alice.call,
  );
  const patInA = await accept(h.core, patInvite.inviteToken, 'pats own long password', 'Pat Private');
  await enrol(h.core, patInA);
  const toB = await expectOk(h.core, 'users.invite', { email: 'pat@both.test', role: 'viewer' }, bob.call);
  const patInB = await accept(h.core, toB.inviteToken, 'pats own long password');
  return { platformAdmin, tenantA: a.id, tenantB: b.id, alice, bob, patInA, patInB };
}

describe('credentials of an account other organisations share (issue 10, item 1)', () => {
  it("refuses tenant B's owner resetting the two-factor of the platform admin they invited", async () => {
    h = createHarness();
    const w = await world();
    const invite = await expectOk(
      h.core,
      'users.invite',
      { email: 'admin@platform.test', role: 'viewer' },
      w.bob.call,
    );
    const reset = await h.core.dispatch('users.resetTwoFactor', { userId: invite.member.userId }, w.bob.call);
    expect(reset).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'credentials_not_managed_here' },
    });
    expect(twoFactorOn(w.platformAdmin.me.user.id)).toBe(true);
    expect((await h.core.dispatch('auth.me', {}, w.platformAdmin.call)).ok).toBe(true);
  });

  it('refuses it for a member who is also active in another organisation, and for one still invited', async () => {
    h = createHarness();
    const w = await world();
    const pat = w.patInA.me.user.id;
    for (const owner of [w.bob, w.alice]) {
      expect(await h.core.dispatch('users.resetTwoFactor', { userId: pat }, owner.call)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'credentials_not_managed_here' },
      });
    }
    expect(twoFactorOn(pat)).toBe(true);
    expect((await h.core.dispatch('auth.me', {}, w.patInA.call)).ok).toBe(true);
    // someone new, merely invited: a pending invitation is not a membership
    const invited = await expectOk(
      h.core,
      'users.invite',
      { email: 'new@beta.test', role: 'viewer' },
      w.bob.call,
    );
    expect(
      await h.core.dispatch('users.resetTwoFactor', { userId: invited.member.userId }, w.bob.call),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'credentials_not_managed_here' } });
  });

  it('lets the one organisation of an account reset it, once the other membership has ended', async () => {
    h = createHarness();
    const w = await world();
    const pat = w.patInA.me.user.id;
    await expectOk(h.core, 'users.disable', { userId: pat, disabled: true }, w.bob.call);
    const reset = await expectOk(h.core, 'users.resetTwoFactor', { userId: pat }, w.alice.call);
    expect(reset).toMatchObject({ userId: pat, twoFactorEnabled: false });
    expect(twoFactorOn(pat)).toBe(false);
  });

  it("lets a platform admin reset it, ends the account's sessions everywhere, and tells the person and each organisation", async () => {
    h = createHarness();
    const w = await world();
    const pat = w.patInA.me.user.id;
    smtp = await startSmtp();
    // a mail server on this machine needs the platform admin's leave where the outbound guard exists
    await h.core.dispatch('outbound.allow', { hostPort: `127.0.0.1:${smtp.port}` }, w.platformAdmin.call);
    await expectOk(
      h.core,
      'notify.saveSmtp',
      { host: '127.0.0.1', port: smtp.port, secure: false, from: 'alerts@alpha.test' },
      w.alice.call,
    );
    const told: Notification[] = [];
    const others: string[] = [];
    h.core.events.subscribe(w.patInA.token, (name: EventName, payload: unknown) => {
      if (name === 'notification') told.push(payload as Notification);
    });
    h.core.events.subscribe(w.bob.token, (name: EventName) => others.push(name));

    // the platform admin works in B at the moment
    await expectOk(h.core, 'tenants.switch', { tenantId: w.tenantB }, w.platformAdmin.call);
    await expectOk(h.core, 'users.resetTwoFactor', { userId: pat }, w.platformAdmin.call);
    expect(twoFactorOn(pat)).toBe(false);
    for (const session of [w.patInA, w.patInB])
      expect(await h.core.dispatch('auth.me', {}, session.call)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });

    // the person: in the app, and by e-mail through their own organisation's mail server
    expect(told).toEqual([
      expect.objectContaining({ event: 'account.security', title: 'Your two-factor sign-in was turned off' }),
    ]);
    await expect.poll(() => smtp!.mails.length).toBe(1);
    expect(smtp.mails[0]).toMatchObject({ recipients: ['pat@both.test'] });
    expect(smtp.mails[0]!.text).toContain('two-factor sign-in');
    // Bob (B's owner) does not get Pat's notification
    expect(others).not.toContain('notification');

    // A, where Pat is active, sees it in its security events and its audit log, not only B
    const events = await expectOk(h.core, 'security.events', { kind: 'two_factor_reset' }, w.alice.call);
    expect(events.events).toEqual([expect.objectContaining({ userId: pat, tenantId: w.tenantA })]);
    const audit = await expectOk(h.core, 'audit.list', { action: 'users.two_factor_reset' }, w.alice.call);
    expect(audit.entries).toEqual([
      expect.objectContaining({ targetId: pat, actorId: w.platformAdmin.me.user.id }),
    ]);
  });
});

describe('an invitation reveals nothing about an existing account (item 2)', () => {
  it('answers and lists only what the inviter typed until the invitation is accepted', async () => {
    h = createHarness();
    const w = await world();
    const charlie = await expectOk(h.core, 'tenants.create', { name: 'Charlie Cafe' }, w.platformAdmin.call);
    await expectOk(h.core, 'tenants.switch', { tenantId: charlie.id }, w.platformAdmin.call);
    const carl = await inviteAndAccept(h.core, w.platformAdmin, 'carl@charlie.test', 'owner');

    const typed = await expectOk(
      h.core,
      'users.invite',
      { email: 'Pat@Both.test', name: 'Patricia from the market', role: 'viewer' },
      carl.call,
    );
    const untyped = await expectOk(
      h.core,
      'users.invite',
      { email: 'alice@alpha.test', role: 'viewer' },
      carl.call,
    );
    const expected = (email: string, name: string): Partial<Member> => ({
      email,
      name,
      status: 'invited',
      lastLoginAt: null,
      twoFactorEnabled: false,
    });
    expect(typed.member).toMatchObject(expected('pat@both.test', 'Patricia from the market'));
    expect(untyped.member).toMatchObject(expected('alice@alpha.test', 'alice'));
    const listed = (await expectOk(h.core, 'users.list', {}, carl.call)).members;
    expect(listed.find((m) => m.email === 'pat@both.test')).toMatchObject(
      expected('pat@both.test', 'Patricia from the market'),
    );
    expect(JSON.stringify({ typed, untyped, listed })).not.toContain('Pat Private');

    // once Pat accepts, Charlie's organisation sees the account as it is
    const result = await h.core.dispatch(
      'auth.acceptInvite',
      { token: typed.inviteToken, password: 'pats own long password' },
      { transport: 'internal' },
    );
    expect(result.ok).toBe(true);
    const member = (await expectOk(h.core, 'users.list', {}, carl.call)).members.find(
      (m) => m.email === 'pat@both.test',
    );
    expect(member).toMatchObject({ name: 'Pat Private', status: 'active', twoFactorEnabled: true });
    expect(member?.lastLoginAt).toEqual(expect.any(Number));
  });
});

describe('an invited person stays invited', () => {
  it('disabling and enabling an invitation does not make the person a member who never said yes', async () => {
    h = createHarness();
    const w = await world();
    const invite = await expectOk(
      h.core,
      'users.invite',
      { email: 'alice@alpha.test', role: 'viewer' },
      w.bob.call,
    );
    const alice = invite.member.userId;
    await expectOk(h.core, 'users.disable', { userId: alice, disabled: true }, w.bob.call);
    const disabled = (await expectOk(h.core, 'users.list', {}, w.bob.call)).members.find(
      (m) => m.userId === alice,
    );
    // disabled before joining: still only what the inviter typed
    expect(disabled).toMatchObject({ status: 'disabled', name: 'alice', lastLoginAt: null });
    const enabled = await expectOk(h.core, 'users.disable', { userId: alice, disabled: false }, w.bob.call);
    expect(enabled).toMatchObject({ status: 'invited', lastLoginAt: null, twoFactorEnabled: false });
    expect(
      servicesOf(h.core)
        .sqlite.prepare('SELECT status FROM memberships WHERE tenant_id = ? AND user_id = ?')
        .get(w.tenantB, alice),
    ).toEqual({ status: 'invited' });
    // a member who had joined comes back active
    await expectOk(h.core, 'users.disable', { userId: w.patInB.me.user.id, disabled: true }, w.bob.call);
    expect(
      await expectOk(h.core, 'users.disable', { userId: w.patInB.me.user.id, disabled: false }, w.bob.call),
    ).toMatchObject({ status: 'active', name: 'Pat Private' });
  });
});

describe("ending another member's session honours rank (item 12)", () => {
  it("an admin cannot end an owner's session, but can end an operator's; an owner can end an admin's", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'ad@acme.test', 'admin');
    const operator = await inviteAndAccept(h.core, owner, 'op@acme.test', 'operator');
    const sessionOf = async (who: SignedIn) =>
      (await expectOk(h.core, 'sessions.list', { userId: who.me.user.id }, owner.call)).sessions[0]!.id;

    const ownersSession = await sessionOf(owner);
    expect(await h.core.dispatch('sessions.revoke', { sessionId: ownersSession }, admin.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await h.core.dispatch('auth.me', {}, owner.call)).ok).toBe(true);

    await expectOk(h.core, 'sessions.revoke', { sessionId: await sessionOf(operator) }, admin.call);
    expect((await h.core.dispatch('auth.me', {}, operator.call)).ok).toBe(false);
    await expectOk(h.core, 'sessions.revoke', { sessionId: await sessionOf(admin) }, owner.call);
    expect((await h.core.dispatch('auth.me', {}, admin.call)).ok).toBe(false);
  });
});

describe('a person in two organisations (item 19)', () => {
  it("an owner of A changes that person's role and status in A only, never in B", async () => {
    h = createHarness();
    const w = await world();
    const pat = w.patInA.me.user.id;
    const inB = () =>
      servicesOf(h.core)
        .sqlite.prepare('SELECT role, status FROM memberships WHERE tenant_id = ? AND user_id = ?')
        .get(w.tenantB, pat);
    expect(inB()).toEqual({ role: 'viewer', status: 'active' });
    await expectOk(h.core, 'users.setRole', { userId: pat, role: 'admin' }, w.alice.call);
    expect(inB()).toEqual({ role: 'viewer', status: 'active' });
    await expectOk(h.core, 'users.disable', { userId: pat, disabled: true }, w.alice.call);
    expect(inB()).toEqual({ role: 'viewer', status: 'active' });
    // Pat still works in B, and B's owner still sees a viewer
    expect((await h.core.dispatch('auth.me', {}, w.patInB.call)).ok).toBe(true);
    const seenByBob = (await expectOk(h.core, 'users.list', {}, w.bob.call)).members.find(
      (m) => m.userId === pat,
    );
    expect(seenByBob).toMatchObject({ role: 'viewer', status: 'active' });
    // and the other way round
    await expectOk(h.core, 'users.setRole', { userId: pat, role: 'operator' }, w.bob.call);
    expect(
      servicesOf(h.core)
        .sqlite.prepare('SELECT role, status FROM memberships WHERE tenant_id = ? AND user_id = ?')
        .get(w.tenantA, pat),
    ).toEqual({ role: 'admin', status: 'disabled' });
  });
});
