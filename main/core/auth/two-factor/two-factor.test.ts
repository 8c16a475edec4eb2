import { servicesOf } from '../../testing/services';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../../testing/harness';
import { twoTenants } from '../../testing/tenants-fixture';
import { requiresTwoFactor } from './service';
import { matchingStep, stepAt } from './totp';

let h: Harness;
afterEach(() => h?.close());

describe('RFC 6238 Appendix B test vectors', () => {
  const seeds = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  } as const;
  const vectors: [number, Record<keyof typeof seeds, string>][] = [
    [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
    [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
    [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
    [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
    [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
    [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
  ];
  for (const algorithm of Object.keys(seeds) as (keyof typeof seeds)[]) {
    it(`gives the RFC's 8-digit codes for ${algorithm} with its ${seeds[algorithm].length}-byte seed`, () => {
      const totp = new TOTP({
        algorithm,
        digits: 8,
        period: 30,
        secret: Secret.fromLatin1(seeds[algorithm]),
      });
      expect(Secret.fromLatin1(seeds[algorithm]).bytes.length).toBe(seeds[algorithm].length);
      for (const [seconds, codes] of vectors) {
        expect(totp.generate({ timestamp: seconds * 1000 }), `${algorithm} at T=${seconds}`).toBe(
          codes[algorithm],
        );
      }
    });
  }

  it('accepts one step of drift either way, never two, and never a step already used', () => {
    const secret = new Secret({ size: 20 }).base32;
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const now = Date.UTC(2026, 10, 22, 9, 0, 10);
    const step = stepAt(now);
    const at = (s: number) => totp.generate({ timestamp: s * 30_000 });
    expect(matchingStep(secret, at(step), now, null)).toBe(step);
    expect(matchingStep(secret, at(step - 1), now, null)).toBe(step - 1);
    expect(matchingStep(secret, at(step + 1), now, null)).toBe(step + 1);
    expect(matchingStep(secret, at(step - 2), now, null)).toBeNull();
    expect(matchingStep(secret, at(step + 2), now, null)).toBeNull();
    expect(matchingStep(secret, at(step), now, step)).toBeNull();
    expect(matchingStep(secret, at(step - 1), now, step)).toBeNull();
    expect(matchingStep(secret, at(step + 1), now, step)).toBe(step + 1);
  });
});

const email = 'owner@acme.test';

/** The code an authenticator app with this key shows at the core's current time. */
function codeFor(manualKey: string, at: number): string {
  return new TOTP({ secret: Secret.fromBase32(manualKey.replace(/\s/g, '')) }).generate({ timestamp: at });
}

async function enrol(signedIn: SignedIn): Promise<{ key: string; recoveryCodes: string[] }> {
  const begun = await expectOk(h.core, 'auth.totpBegin', {}, signedIn.call);
  const recovery = await expectOk(
    h.core,
    'auth.totpConfirm',
    { code: codeFor(begun.manualKey, h.clock.now()) },
    signedIn.call,
  );
  return { key: begun.manualKey, recoveryCodes: recovery.recoveryCodes };
}

const login = (input: Record<string, unknown>, login = email) =>
  h.core.dispatch(
    'auth.login',
    { email: login, password: ownerPassword, ...input },
    { transport: 'internal', ip: '10.0.0.9' },
  );

describe('two-factor sign-in', () => {
  it('enrols with a QR code and key, then asks for a code at sign-in and accepts each code once', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    expect(owner.me.twoFactor).toEqual({ enabled: false, required: false });
    const begun = await expectOk(h.core, 'auth.totpBegin', {}, owner.call);
    expect(begun.uri).toMatch(/^otpauth:\/\/totp\/Mindframe:owner%40acme\.test\?/);
    expect(begun.uri).toContain('algorithm=SHA1');
    expect(begun.uri).toContain('digits=6');
    expect(begun.uri).toContain('period=30');
    expect(begun.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(begun.manualKey.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes
    // nothing is on until a code confirms the key
    expect((await login({})).ok).toBe(true);
    const wrong = await h.core.dispatch('auth.totpConfirm', { code: '000000' }, owner.call);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } });
    const confirmed = await expectOk(
      h.core,
      'auth.totpConfirm',
      { code: codeFor(begun.manualKey, h.clock.now()) },
      owner.call,
    );
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    expect(confirmed.recoveryCodes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // the codes and the secret are not in the database in the clear
    const dump = JSON.stringify(servicesOf(h.core).sqlite.prepare('SELECT * FROM recovery_codes').all());
    for (const code of confirmed.recoveryCodes) expect(dump).not.toContain(code);
    const key = begun.manualKey.replace(/\s/g, '');
    for (const table of ['user_two_factor', 'recovery_codes', 'settings', 'users']) {
      const rows = JSON.stringify(servicesOf(h.core).sqlite.prepare(`SELECT * FROM ${table}`).all());
      expect(rows).not.toContain(key);
    }
    expect(servicesOf(h.core).secrets.get(`totp.${owner.me.user.id}`)).toBe(key);
    // a second enrolment is refused while one is on
    expect(await h.core.dispatch('auth.totpBegin', {}, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const me = await expectOk(h.core, 'auth.me', {}, owner.call);
    expect(me.twoFactor).toEqual({ enabled: true, required: false });

    // password alone: asked for the code (an answer, not an error), no session
    const asked = await login({});
    expect(asked).toEqual({ ok: true, data: { next: 'two_factor' } });
    // the confirming code was used; the same code again (replay) is refused
    expect(await login({ code: codeFor(key, h.clock.now()) })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', field: 'code' },
    });
    h.clock.advance(30_000);
    const code = codeFor(key, h.clock.now());
    const signedIn = await login({ code });
    expect(signedIn).toMatchObject({ ok: true, sessionChange: { type: 'set' } });
    // the same code within its window, from another device: refused
    h.clock.advance(5_000);
    expect(await login({ code })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // a wrong password with a right code tells nothing about the code
    h.clock.advance(60_000);
    const badPassword = await h.core.dispatch(
      'auth.login',
      { email, password: 'not the password', code: codeFor(key, h.clock.now()) },
      { transport: 'internal' },
    );
    expect(badPassword).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(badPassword.ok === false && badPassword.error.field).toBeFalsy();
  });

  it('lets each recovery code sign in once', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { recoveryCodes } = await enrol(owner);
    const first = recoveryCodes[0]!;
    // dashes, spaces and case do not matter
    const typed = ` ${first.toUpperCase().replace(/-/g, ' ')} `;
    const ok = await login({ recoveryCode: typed });
    expect(ok).toMatchObject({ ok: true, sessionChange: { type: 'set' } });
    expect(await login({ recoveryCode: first })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', field: 'recoveryCode' },
    });
    expect(await login({ recoveryCode: recoveryCodes[1] })).toMatchObject({ ok: true });
    const status = await expectOk(h.core, 'auth.twoFactorStatus', {}, owner.call);
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 8 });
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(audit.entries.find((e) => e.action === 'auth.login')?.details).toMatchObject({
      secondFactor: 'backup_code',
      backupCodesLeft: 8,
    });
  });

  it('counts wrong codes as failed sign-ins in the throttle', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { key } = await enrol(owner);
    h.clock.advance(60_000);
    for (let i = 0; i < 5; i++) {
      expect(await login({ code: '000000' })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    }
    // the sixth is slowed down, even with the right code
    const slowed = await login({ code: codeFor(key, h.clock.now()) });
    expect(slowed).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    h.clock.advance(2_000);
    // past the delay the right code gets in (a step later than any used before)
    h.clock.advance(30_000);
    expect(await login({ code: codeFor(key, h.clock.now()) })).toMatchObject({ ok: true });
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    const failed = audit.entries.filter((e) => e.action === 'auth.login_failed');
    expect(failed).toHaveLength(5);
    expect(failed[0]?.details).toMatchObject({ reason: 'wrong_code' });
  });

  it('replaces recovery codes and turns off only with password and a current code', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { key, recoveryCodes } = await enrol(owner);
    h.clock.advance(30_000);
    expect(
      await h.core.dispatch(
        'auth.recoveryCodes',
        { password: 'wrong password', code: codeFor(key, h.clock.now()) },
        owner.call,
      ),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'password' } });
    const fresh = await expectOk(
      h.core,
      'auth.recoveryCodes',
      { password: ownerPassword, code: codeFor(key, h.clock.now()) },
      owner.call,
    );
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect(await login({ recoveryCode: recoveryCodes[0] })).toMatchObject({ ok: false });
    expect(
      await h.core.dispatch('auth.totpDisable', { password: ownerPassword, code: '123456' }, owner.call),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } });
    // a recovery code also confirms (for someone who lost the phone)
    await expectOk(
      h.core,
      'auth.totpDisable',
      { password: ownerPassword, code: fresh.recoveryCodes[3] },
      owner.call,
    );
    expect(servicesOf(h.core).secrets.get(`totp.${owner.me.user.id}`)).toBeNull();
    expect(await login({})).toMatchObject({ ok: true });
    expect((await expectOk(h.core, 'auth.me', {}, owner.call)).twoFactor.enabled).toBe(false);
    const actions = (await expectOk(h.core, 'audit.list', {}, owner.call)).entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.two_factor_setup_started',
        'auth.two_factor_enabled',
        'auth.recovery_codes_replaced',
        'auth.two_factor_disabled',
      ]),
    );
  });

  it('tells admins and owners to enrol when the organisation requires it, not operators', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const operator = await inviteAndAccept(h.core, owner, 'op@acme.test', 'operator');
    const admin = await inviteAndAccept(h.core, owner, 'ad@acme.test', 'admin');
    const tenantId = owner.me.tenant.id;
    expect(requiresTwoFactor(servicesOf(h.core).sqlite, tenantId)).toBe(false);
    servicesOf(h.core)
      .sqlite.prepare('INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, ?, ?, ?)')
      .run(tenantId, 'security.requireTwoFactor', 'true', h.clock.now());
    expect(requiresTwoFactor(servicesOf(h.core).sqlite, tenantId)).toBe(true);
    // sign-in still works without a second factor; the answer says to enrol
    const signIn = await login({}, 'ad@acme.test');
    expect(signIn).toMatchObject({ ok: false });
    const adminLogin = await h.core.dispatch(
      'auth.login',
      { email: 'ad@acme.test', password: 'another long password' },
      { transport: 'internal' },
    );
    expect(adminLogin).toMatchObject({ ok: true, data: { twoFactor: { enabled: false, required: true } } });
    expect((await expectOk(h.core, 'auth.me', {}, operator.call)).twoFactor).toEqual({
      enabled: false,
      required: false,
    });
    await enrol(admin);
    expect((await expectOk(h.core, 'auth.me', {}, admin.call)).twoFactor).toEqual({
      enabled: true,
      required: true,
    });
    servicesOf(h.core)
      .sqlite.prepare('UPDATE settings SET value = ? WHERE tenant_id = ? AND key = ?')
      .run('false', tenantId, 'security.requireTwoFactor');
    expect((await expectOk(h.core, 'auth.me', {}, owner.call)).twoFactor.required).toBe(false);
  });

  it("lets an owner reset a member's two-factor sign-in, audited, but not their own", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'ad@acme.test', 'admin');
    await enrol(admin);
    await enrol(owner);
    let members = await expectOk(h.core, 'users.list', {}, owner.call);
    expect(members.members.every((m) => m.twoFactorEnabled)).toBe(true);
    // an admin may not
    expect(
      await h.core.dispatch('users.resetTwoFactor', { userId: owner.me.user.id }, admin.call),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await h.core.dispatch('users.resetTwoFactor', { userId: owner.me.user.id }, owner.call),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const reset = await expectOk(h.core, 'users.resetTwoFactor', { userId: admin.me.user.id }, owner.call);
    expect(reset).toMatchObject({ email: 'ad@acme.test', twoFactorEnabled: false });
    members = await expectOk(h.core, 'users.list', {}, owner.call);
    expect(members.members.find((m) => m.email === 'ad@acme.test')?.twoFactorEnabled).toBe(false);
    // the admin signs in with the password alone again
    const again = await h.core.dispatch(
      'auth.login',
      { email: 'ad@acme.test', password: 'another long password' },
      { transport: 'internal' },
    );
    expect(again).toMatchObject({ ok: true });
    expect(
      await h.core.dispatch('users.resetTwoFactor', { userId: admin.me.user.id }, owner.call),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const entry = (await expectOk(h.core, 'audit.list', {}, owner.call)).entries.find(
      (e) => e.action === 'users.two_factor_reset',
    );
    expect(entry).toMatchObject({
      actorName: 'Olivia Owner',
      targetId: admin.me.user.id,
      details: { email: 'ad@acme.test' },
    });
  });

  it("ends the member's sessions in this organisation when their two-factor sign-in is reset", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'ad@acme.test', 'admin');
    await enrol(admin);
    const events: { name: string; payload: unknown }[] = [];
    h.core.events.subscribe(admin.call.sessionToken!, (name, payload) => events.push({ name, payload }));
    const ownerEvents: string[] = [];
    h.core.events.subscribe(owner.call.sessionToken!, (name) => ownerEvents.push(name));
    await expectOk(h.core, 'users.resetTwoFactor', { userId: admin.me.user.id }, owner.call);
    expect(events).toContainEqual({ name: 'session.ended', payload: { reason: 'revoked' } });
    expect(await h.core.dispatch('auth.me', {}, admin.call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // the owner who reset it stays signed in
    expect(ownerEvents).not.toContain('session.ended');
    await expectOk(h.core, 'auth.me', {}, owner.call);
    const row = servicesOf(h.core)
      .sqlite.prepare('SELECT revoked_reason FROM sessions WHERE user_id = ?')
      .get(admin.me.user.id) as { revoked_reason: string } | undefined;
    expect(row?.revoked_reason).toBe('two_factor_reset');
    const entry = (await expectOk(h.core, 'audit.list', {}, owner.call)).entries.find(
      (e) => e.action === 'users.two_factor_reset',
    );
    expect(entry?.details).toMatchObject({ sessionsEnded: 1 });
  });

  it("answers NOT_FOUND for another tenant's member, exactly as for an id that exists nowhere", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    await enrol(t.bob);
    const ofB = await h.core.dispatch('users.resetTwoFactor', { userId: t.bob.me.user.id }, t.alice.call);
    const nowhere = await h.core.dispatch(
      'users.resetTwoFactor',
      { userId: '01a20125-33c1-7000-8000-000000000000' },
      t.alice.call,
    );
    expect(ofB).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(nowhere).toEqual(ofB);
    expect((await expectOk(h.core, 'auth.me', {}, t.bob.call)).twoFactor.enabled).toBe(true);
  });
});
