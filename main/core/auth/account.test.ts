import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext, Core } from '../index';
import { startSmtp, type ReceivedMail, type SmtpReceiver } from '../notify/testing/receivers';
import { allowLocal } from '../testing/outbound';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { defaultThrottlePolicy } from './throttle';

/**
 * Account basics (issue 14): changing one's password, "forgot password" by e-mail through a real
 * SMTP server, and reset links an admin hands over.
 */

let h: Harness;
let smtp: SmtpReceiver | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  h?.close();
});

const anonymous = (ip = '203.0.113.7'): CallContext => ({ transport: 'internal', ip });

async function login(core: Core, email: string, password: string) {
  return core.dispatch('auth.login', { email, password }, anonymous('198.51.100.1'));
}

async function signIn(core: Core, email: string, password: string): Promise<SignedIn> {
  const result = await login(core, email, password);
  if (!result.ok || result.sessionChange?.type !== 'set') throw new Error(JSON.stringify(result));
  const token = result.sessionChange.token;
  return {
    token,
    me: result.data as SignedIn['me'],
    call: { transport: 'internal', sessionToken: token, ip: '198.51.100.1' },
  };
}

/** Whether a session still works. */
async function works(core: Core, who: SignedIn): Promise<boolean> {
  return (await core.dispatch('auth.me', {}, who.call)).ok;
}

async function withSmtp(owner: SignedIn): Promise<SmtpReceiver> {
  const receiver = await startSmtp();
  await allowLocal(h.core, owner, `127.0.0.1:${receiver.port}`);
  await expectOk(
    h.core,
    'notify.saveSmtp',
    { host: '127.0.0.1', port: receiver.port, from: 'Mindframe <noreply@acme.test>' },
    owner.call,
  );
  return receiver;
}

async function mailTo(address: string, count = 1): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mails = smtp!.mails.filter((m) => m.recipients.includes(address));
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} (got ${smtp!.mails.length} in all)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const resetTokenIn = (mail: ReceivedMail): string => {
  const match = /#\/reset\/([A-Za-z0-9_-]{20,})/.exec(`${mail.text}\n${mail.html}`);
  if (!match) throw new Error(`no reset link in: ${mail.text}`);
  return match[1]!;
};

describe('changing one’s password', () => {
  it('needs the current password: a wrong one is refused with its reason and counts toward the throttle', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const wrong = await h.core.dispatch(
      'auth.changePassword',
      {
        currentPassword: 'not my password at all',
        newPassword: 'a brand new long password',
        endOtherSessions: false,
      },
      owner.call,
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'currentPassword', reason: 'wrong_current_password' },
    });
    // the old password still signs in, the new one does not
    expect((await login(h.core, 'owner@acme.test', ownerPassword)).ok).toBe(true);
    expect((await login(h.core, 'owner@acme.test', 'a brand new long password')).ok).toBe(false);

    // wrong guesses are throttled like failed sign-ins: after a few, even the right one waits
    for (let i = 0; i < 6; i += 1) {
      await h.core.dispatch(
        'auth.changePassword',
        {
          currentPassword: `guess number ${i}`,
          newPassword: 'a brand new long password',
          endOtherSessions: false,
        },
        owner.call,
      );
    }
    const throttled = await h.core.dispatch(
      'auth.changePassword',
      { currentPassword: ownerPassword, newPassword: 'a brand new long password', endOtherSessions: false },
      owner.call,
    );
    expect(throttled).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('keeps the strength rule of setup and refuses the same password', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const short = await h.core.dispatch(
      'auth.changePassword',
      { currentPassword: ownerPassword, newPassword: 'short', endOtherSessions: false },
      owner.call,
    );
    expect(short).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'newPassword', reason: 'too_short' },
    });
    const same = await h.core.dispatch(
      'auth.changePassword',
      { currentPassword: ownerPassword, newPassword: ownerPassword, endOtherSessions: false },
      owner.call,
    );
    expect(same).toMatchObject({ ok: false, error: { reason: 'password_unchanged' } });
  });

  it('changes it; other sessions end when asked and this one stays', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const laptop = await signIn(h.core, 'owner@acme.test', ownerPassword);
    const phone = await signIn(h.core, 'owner@acme.test', ownerPassword);
    const changed = await expectOk(
      h.core,
      'auth.changePassword',
      { currentPassword: ownerPassword, newPassword: 'a brand new long password', endOtherSessions: true },
      owner.call,
    );
    expect(changed.endedSessions).toBe(2);
    expect(await works(h.core, owner)).toBe(true);
    expect(await works(h.core, laptop)).toBe(false);
    expect(await works(h.core, phone)).toBe(false);
    expect((await login(h.core, 'owner@acme.test', ownerPassword)).ok).toBe(false);
    expect((await login(h.core, 'owner@acme.test', 'a brand new long password')).ok).toBe(true);
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(audit.entries.map((e) => e.action)).toContain('auth.password_changed');
  });

  it('keeps the other sessions when not asked to end them', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const laptop = await signIn(h.core, 'owner@acme.test', ownerPassword);
    const changed = await expectOk(
      h.core,
      'auth.changePassword',
      { currentPassword: ownerPassword, newPassword: 'a brand new long password', endOtherSessions: false },
      owner.call,
    );
    expect(changed.endedSessions).toBe(0);
    expect(await works(h.core, laptop)).toBe(true);
    expect(await works(h.core, owner)).toBe(true);
  });
});

describe('own name', () => {
  it('a person changes their own name; the team sees it', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const member = await inviteAndAccept(h.core, owner, 'sam@acme.test', 'operator');
    await expectOk(h.core, 'auth.updateProfile', { name: 'Samira Jansen' }, member.call);
    expect((await expectOk(h.core, 'auth.me', {}, member.call)).user.name).toBe('Samira Jansen');
    const team = await expectOk(h.core, 'users.list', {}, owner.call);
    expect(team.members.find((m) => m.email === 'sam@acme.test')?.name).toBe('Samira Jansen');
    const empty = await h.core.dispatch('auth.updateProfile', { name: '' }, member.call);
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } });
  });
});

describe('forgot password, by e-mail', () => {
  it('is not offered while no organisation has SMTP set, and is once one has', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    expect(await expectOk(h.core, 'auth.resetAvailable', {}, anonymous())).toEqual({ available: false });
    smtp = await withSmtp(owner);
    expect(await expectOk(h.core, 'auth.resetAvailable', {}, anonymous())).toEqual({ available: true });
  });

  it('end to end: the mail brings a single-use link; the new password works, the old does not, sessions end', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    smtp = await withSmtp(owner);
    const elsewhere = await signIn(h.core, 'owner@acme.test', ownerPassword);

    const asked = await h.core.dispatch(
      'auth.requestPasswordReset',
      { email: 'owner@acme.test' },
      anonymous(),
    );
    expect(asked).toEqual({ ok: true, data: { ok: true } });
    const [mail] = await mailTo('owner@acme.test');
    const token = resetTokenIn(mail!);
    expect(mail!.text).toContain('30');

    await expectOk(
      h.core,
      'auth.resetPassword',
      { token, newPassword: 'my fresh long password' },
      anonymous(),
    );
    expect((await login(h.core, 'owner@acme.test', 'my fresh long password')).ok).toBe(true);
    expect((await login(h.core, 'owner@acme.test', ownerPassword)).ok).toBe(false);
    // every session of the person ended
    expect(await works(h.core, owner)).toBe(false);
    expect(await works(h.core, elsewhere)).toBe(false);

    const again = await h.core.dispatch(
      'auth.resetPassword',
      { token, newPassword: 'yet another long password' },
      anonymous(),
    );
    expect(again).toMatchObject({ ok: false, error: { reason: 'reset_link_used' } });
    const made = await h.core.dispatch(
      'auth.resetPassword',
      { token: 'x'.repeat(43), newPassword: 'yet another long password' },
      anonymous(),
    );
    expect(made).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'reset_link_invalid' } });
  });

  it('a link expires after 30 minutes', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    smtp = await withSmtp(owner);
    await expectOk(h.core, 'auth.requestPasswordReset', { email: 'owner@acme.test' }, anonymous());
    const token = resetTokenIn((await mailTo('owner@acme.test'))[0]!);
    h.clock.advance(30 * 60 * 1000 + 1);
    const late = await h.core.dispatch(
      'auth.resetPassword',
      { token, newPassword: 'my fresh long password' },
      anonymous(),
    );
    expect(late).toMatchObject({ ok: false, error: { reason: 'reset_link_expired' } });
    expect((await login(h.core, 'owner@acme.test', ownerPassword)).ok).toBe(true);
  });

  it('reset for an unknown address answers the same as for a known one (no mail, about the same time)', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    smtp = await withSmtp(owner);
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await h.core.dispatch('auth.requestPasswordReset', { email }, anonymous());
      return { answer, ms: performance.now() - started };
    };
    const known = await timed('owner@acme.test');
    const unknown = await timed('nobody@acme.test');
    expect(unknown.answer).toEqual(known.answer);
    expect(JSON.stringify(unknown.answer)).toBe(JSON.stringify(known.answer));
    await mailTo('owner@acme.test');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.filter((m) => m.recipients.includes('nobody@acme.test'))).toHaveLength(0);
    expect(smtp.mails).toHaveLength(1);
    // neither answer comes sooner than the floor, and they are close
    expect(known.ms).toBeGreaterThanOrEqual(240);
    expect(unknown.ms).toBeGreaterThanOrEqual(240);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
  });

  it('sends nothing where none of the person’s organisations has SMTP', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const answer = await h.core.dispatch(
      'auth.requestPasswordReset',
      { email: 'owner@acme.test' },
      anonymous(),
    );
    expect(answer).toEqual({ ok: true, data: { ok: true } });
  });

  it('is rate-limited per address (known or not) and per IP', async () => {
    h = createHarness({ throttlePolicy: { ...defaultThrottlePolicy, resetsPerIpPerHour: 5 } });
    const owner = await setupOwner(h.core);
    smtp = await withSmtp(owner);
    for (let i = 0; i < 3; i += 1) {
      expect(
        (
          await h.core.dispatch(
            'auth.requestPasswordReset',
            { email: 'nobody@acme.test' },
            anonymous(`203.0.113.${i}`),
          )
        ).ok,
      ).toBe(true);
    }
    const fourth = await h.core.dispatch(
      'auth.requestPasswordReset',
      { email: 'nobody@acme.test' },
      anonymous('203.0.113.99'),
    );
    expect(fourth).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });

    // one IP asking for many addresses is stopped too
    let refused = 0;
    for (let i = 0; i < 7; i += 1) {
      const result = await h.core.dispatch(
        'auth.requestPasswordReset',
        { email: `person${i}@acme.test` },
        anonymous('192.0.2.50'),
      );
      if (!result.ok && result.error.code === 'RATE_LIMITED') refused += 1;
    }
    expect(refused).toBe(2);
    // an hour later the address may ask again
    h.clock.advance(61 * 60 * 1000);
    expect(
      (await h.core.dispatch('auth.requestPasswordReset', { email: 'nobody@acme.test' }, anonymous())).ok,
    ).toBe(true);
  });
});

describe('reset links an admin hands over', () => {
  it('an admin makes a link for a member (also e-mailed); it sets a new password once', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    smtp = await withSmtp(owner);
    const admin = await inviteAndAccept(h.core, owner, 'ada@acme.test', 'admin');
    const member = await inviteAndAccept(h.core, owner, 'sam@acme.test', 'operator');
    const issued = await expectOk(h.core, 'users.issueResetLink', { userId: member.me.user.id }, admin.call);
    expect(issued.link).toBe(`#/reset/${issued.token}`);
    expect(issued.expiresAt).toBe(h.clock.now() + 30 * 60 * 1000);
    expect(issued.emailed).toBe(true);
    const mail = (await mailTo('sam@acme.test')).at(-1)!;
    expect(resetTokenIn(mail)).toBe(issued.token);

    await expectOk(
      h.core,
      'auth.resetPassword',
      { token: issued.token, newPassword: 'sams new long password' },
      anonymous(),
    );
    expect(await works(h.core, member)).toBe(false);
    expect((await login(h.core, 'sam@acme.test', 'sams new long password')).ok).toBe(true);
  });

  it('never for an owner by a mere admin, never for a platform admin, never across organisations', async () => {
    h = createHarness();
    const platformAdmin = await setupOwner(h.core, 'Platform', 'admin@platform.test');
    const other = await expectOk(h.core, 'tenants.create', { name: 'Other Org' }, platformAdmin.call);
    const home = platformAdmin.me.tenant.id;
    const owner2 = await inviteAndAccept(h.core, platformAdmin, 'owner2@platform.test', 'owner');
    const admin = await inviteAndAccept(h.core, platformAdmin, 'ada@platform.test', 'admin');
    await expectOk(h.core, 'tenants.switch', { tenantId: other.id }, platformAdmin.call);
    const outsider = await inviteAndAccept(h.core, platformAdmin, 'otto@other.test', 'operator');
    await expectOk(h.core, 'tenants.switch', { tenantId: home }, platformAdmin.call);

    const ofOwner = await h.core.dispatch('users.issueResetLink', { userId: owner2.me.user.id }, admin.call);
    expect(ofOwner).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'member_outranks' } });
    const ofPlatformAdmin = await h.core.dispatch(
      'users.issueResetLink',
      { userId: platformAdmin.me.user.id },
      owner2.call,
    );
    expect(ofPlatformAdmin).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'platform_admin_account' },
    });
    const across = await h.core.dispatch(
      'users.issueResetLink',
      { userId: outsider.me.user.id },
      owner2.call,
    );
    expect(across).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // an owner may make one for an admin; without SMTP it is only shown
    const ofAdmin = await expectOk(h.core, 'users.issueResetLink', { userId: admin.me.user.id }, owner2.call);
    expect(ofAdmin.emailed).toBe(false);
  });
});
