import { servicesOf } from '../testing/services';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../context';
import { createHarness, inviteAndAccept, ownerPassword, setupOwner, type Harness } from '../testing/harness';

let h: Harness;
afterEach(() => h?.close());

const email = 'owner@acme.test';
const attacker: CallContext = { transport: 'http', ip: '203.0.113.66', userAgent: 'curl/8.0' };
const ownersLaptop = (deviceToken: string | null): CallContext => ({
  transport: 'http',
  ip: '198.51.100.7',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0',
  deviceToken,
});
/** Someone new: another address, no device cookie. */
const stranger: CallContext = { transport: 'http', ip: '192.0.2.44', userAgent: 'Mozilla/5.0 Firefox/121.0' };

const login = (call: CallContext, password = 'wrong password', who = email) =>
  h.core.dispatch('auth.login', { email: who, password }, call);

/** Signs in as the host does and answers the device cookie it would set. */
async function signInOnLaptop(previous: string | null = null, who = email, password = ownerPassword) {
  const result = await login(ownersLaptop(previous), password, who);
  if (!result.ok || result.sessionChange?.type !== 'set') throw new Error(JSON.stringify(result));
  const cookie = h.core.guard.deviceCookieFor(result.sessionChange.token, previous);
  if (!cookie) throw new Error('no device cookie');
  return cookie;
}

/** Wrong passwords from the attacker for `minutes`, one every 5 seconds, as fast as the throttle allows. */
async function hammer(minutes: number): Promise<number> {
  let checked = 0;
  for (let second = 0; second < minutes * 60; second += 5) {
    const result = await login(attacker);
    if (result.ok) throw new Error('a wrong password was accepted');
    if (result.error.code === 'UNAUTHENTICATED') checked++;
    h.clock.advance(5_000);
  }
  return checked;
}

describe('sign-in throttling per account and source', () => {
  it('an attacker elsewhere cannot lock the owner out of a browser they signed in from before', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const cookie = await signInOnLaptop();
    expect(cookie).toMatch(/^v1\./);

    // six wrong passwords from elsewhere: strangers are now held back ...
    for (let i = 0; i < 6; i++) await login(attacker);
    expect(await login(stranger, ownerPassword)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    // ... but the owner at their own laptop gets in at once
    expect(await login(ownersLaptop(cookie), ownerPassword)).toMatchObject({ ok: true });

    // and still while the attack goes on for a quarter of an hour
    await hammer(15);
    expect(await login(stranger, ownerPassword)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await login(ownersLaptop(cookie), ownerPassword)).toMatchObject({ ok: true });
  });

  it('still slows down and caps guessing from unknown sources (ASVS V2.2.1), whoever signs in meanwhile', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const cookie = await signInOnLaptop();
    for (let i = 0; i < 5; i++)
      expect(await login(attacker)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await login(attacker)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
    });
    // the owner signing in on the trusted laptop does not forgive the attacker's failures
    expect(await login(ownersLaptop(cookie), ownerPassword)).toMatchObject({ ok: true });
    expect(await login(attacker)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // over an hour, fewer than 100 guesses are checked
    expect(5 + (await hammer(60))).toBeLessThan(100);
  });

  it('a trusted browser that guesses wrong is slowed down itself', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const cookie = await signInOnLaptop();
    for (let i = 0; i < 5; i++)
      expect(await login(ownersLaptop(cookie))).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    expect(await login(ownersLaptop(cookie), ownerPassword)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    // that is the laptop's own count: strangers (and the owner elsewhere) are not held back by it
    expect(await login(stranger, ownerPassword)).toMatchObject({ ok: true });
  });

  it("trusts only a token issued to this account: not another account's, not a forged or altered one", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await inviteAndAccept(h.core, owner, 'mallory@acme.test', 'viewer', 'mallorys own password');
    // Mallory signs in on her own browser and so holds a valid device token, for her account
    const mallorysCookie = await signInOnLaptop(null, 'mallory@acme.test', 'mallorys own password');
    const ownersCookie = await signInOnLaptop();
    for (let i = 0; i < 6; i++) await login(attacker);

    const [, issued, nonce, signature] = ownersCookie.split('.');
    const altered = `v1.${issued}.${nonce}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    const otherNonce = `v1.${issued}.${'A'.repeat(22)}.${signature}`;
    for (const token of [mallorysCookie, altered, otherNonce, 'v1.zz.nonsense', 'x'.repeat(3000)]) {
      expect(await login({ ...attacker, deviceToken: token }, ownerPassword)).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED' },
      });
    }
    expect(await login(ownersLaptop(ownersCookie), ownerPassword)).toMatchObject({ ok: true });
  });

  it('keeps the tokens of several accounts that sign in from one browser, and lets a token age out', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await inviteAndAccept(h.core, owner, 'amy@acme.test', 'admin', 'amys own long password');
    let cookie = await signInOnLaptop();
    cookie = await signInOnLaptop(cookie, 'amy@acme.test', 'amys own long password');
    expect(cookie.split('~')).toHaveLength(2);
    // signing in again replaces the account's own token instead of piling them up
    cookie = await signInOnLaptop(cookie);
    expect(cookie.split('~')).toHaveLength(2);

    for (let i = 0; i < 6; i++) {
      await login(attacker);
      await login(attacker, 'wrong', 'amy@acme.test');
    }
    expect(await login(ownersLaptop(cookie), ownerPassword)).toMatchObject({ ok: true });
    expect(await login(ownersLaptop(cookie), 'amys own long password', 'amy@acme.test')).toMatchObject({
      ok: true,
    });

    // half a year later the browser is a stranger again
    h.clock.advance(181 * 24 * 60 * 60 * 1000);
    for (let i = 0; i < 6; i++) await login(attacker);
    expect(await login(ownersLaptop(cookie), ownerPassword)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
  });

  it('keeps the signing key in the secret store, never in the database', async () => {
    h = createHarness();
    await setupOwner(h.core);
    const cookie = await signInOnLaptop();
    const key = servicesOf(h.core).secrets.get('auth.deviceTokenKey');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const dump = servicesOf(h.core)
      .sqlite.prepare("SELECT group_concat(value, ' ') AS v FROM app_meta")
      .get() as { v: string | null };
    expect(dump.v ?? '').not.toContain(key!);
    // a failure on the trusted laptop is stored under a hash of its token, not the token
    await login(ownersLaptop(cookie));
    const rows = servicesOf(h.core).sqlite.prepare('SELECT device FROM login_failures').all() as {
      device: string | null;
    }[];
    expect(rows.map((r) => r.device)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(JSON.stringify(rows)).not.toContain(cookie.split('.')[2]!);
  });
});
