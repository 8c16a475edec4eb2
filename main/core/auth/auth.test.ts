import { afterEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
} from '../testing/harness';

let h: Harness;
afterEach(() => h?.close());

describe('first run and sign-in', () => {
  it('asks for an owner once, then refuses a second setup', async () => {
    h = createHarness();
    expect(await expectOk(h.core, 'setup.status', {}, { transport: 'internal' })).toMatchObject({
      needsSetup: true,
    });
    const owner = await setupOwner(h.core);
    expect(owner.me).toMatchObject({
      role: 'owner',
      tenant: { name: 'Acme', slug: 'acme' },
      user: { isPlatformAdmin: true },
    });
    expect(await expectOk(h.core, 'setup.status', {}, { transport: 'internal' })).toMatchObject({
      needsSetup: false,
    });
    const again = await h.core.dispatch(
      'setup.createOwner',
      { orgName: 'Evil', name: 'Mallory', email: 'm@evil.test', password: 'another long password' },
      { transport: 'internal' },
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('signs in with the right password and refuses a wrong one without telling which part was wrong', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const wrong = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: 'nope' },
      { transport: 'internal' },
    );
    const unknown = await h.core.dispatch(
      'auth.login',
      { email: 'nobody@acme.test', password: 'nope' },
      { transport: 'internal' },
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(wrong.ok === false && unknown.ok === false && wrong.error.message === unknown.error.message).toBe(
      true,
    );
    const ok = await h.core.dispatch(
      'auth.login',
      { email: ' Owner@Acme.test ', password: ownerPassword },
      { transport: 'internal' },
    );
    expect(ok).toMatchObject({ ok: true, sessionChange: { type: 'set' } });
  });

  it('slows down and then locks out repeated failures, and never allows 100 failures an hour', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const attempt = (password = 'wrong') =>
      h.core.dispatch('auth.login', { email: 'owner@acme.test', password }, { transport: 'internal' });
    for (let i = 0; i < 5; i++)
      expect(await attempt()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // the sixth try comes too soon, and while slowed down even the right password is not checked
    expect(await attempt()).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
    });
    expect(await attempt(ownerPassword)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });

    let checked = 5;
    for (let second = 0; second < 3600; second += 5) {
      const result = await attempt();
      if (result.ok) throw new Error('a wrong password was accepted');
      if (result.error.code === 'UNAUTHENTICATED') checked++;
      h.clock.advance(5_000);
    }
    expect(checked).toBeLessThan(100);
    h.clock.advance(2 * 60 * 60 * 1000);
    const later = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    expect(later.ok).toBe(true);
  });

  it('ends a session after the idle timeout and after 24 hours however active', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    h.clock.advance(59 * 60 * 1000);
    expect((await h.core.dispatch('auth.me', {}, owner.call)).ok).toBe(true);
    h.clock.advance(61 * 60 * 1000);
    expect(await h.core.dispatch('auth.me', {}, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    const login = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    const token = login.ok && login.sessionChange?.type === 'set' ? login.sessionChange.token : '';
    for (let step = 0; step < 28; step++) {
      h.clock.advance(50 * 60 * 1000);
      expect((await h.core.dispatch('auth.me', {}, { transport: 'internal', sessionToken: token })).ok).toBe(
        true,
      );
    }
    h.clock.advance(50 * 60 * 1000); // 24 h 10 min after sign-in, never idle for more than 50 min
    expect(
      await h.core.dispatch('auth.me', {}, { transport: 'internal', sessionToken: token }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('signs out everywhere: every session of the user stops working', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const second = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    const secondToken = second.ok && second.sessionChange?.type === 'set' ? second.sessionChange.token : '';
    const result = await expectOk(h.core, 'auth.logoutEverywhere', {}, owner.call);
    expect(result.revoked).toBe(2);
    expect((await h.core.dispatch('auth.me', {}, owner.call)).ok).toBe(false);
    expect(
      (await h.core.dispatch('auth.me', {}, { transport: 'internal', sessionToken: secondToken })).ok,
    ).toBe(false);
  });

  it('lets an invited person choose a password once; the link does not work twice', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const invite = await expectOk(
      h.core,
      'users.invite',
      { email: 'vera@acme.test', role: 'viewer' },
      owner.call,
    );
    const accept = () =>
      h.core.dispatch(
        'auth.acceptInvite',
        { token: invite.inviteToken, name: 'Vera', password: 'vera has a long password' },
        { transport: 'internal' },
      );
    expect(await accept()).toMatchObject({ ok: true, data: { role: 'viewer', user: { name: 'Vera' } } });
    expect(await accept()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const viewer = await inviteAndAccept(h.core, owner, 'victor@acme.test', 'viewer');
    expect(viewer.me.role).toBe('viewer');
  });
});
