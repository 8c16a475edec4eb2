import { servicesOf } from '../testing/services';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../lib/crypto';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
} from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';
import { Secret, TOTP } from 'otpauth';

/**
 * The edges of a session's life: the exact idle and absolute limits, how often a use is written
 * down, what ends a session and what a session resolves to (role, platform admin, second factor).
 */
let h: Harness;
afterEach(() => h?.close());

const minute = 60 * 1000;
const policy = { idleMs: 10 * minute, absoluteMs: 60 * minute };

interface Row {
  last_seen_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  expires_at: number;
  created_at: number;
  ip: string | null;
  user_agent: string | null;
}

const rowOf = (id: string) =>
  servicesOf(h.core)
    .sqlite.prepare<[string], Row>(
      'SELECT last_seen_at, revoked_at, revoked_reason, expires_at, created_at, ip, user_agent FROM sessions WHERE id = ?',
    )
    .get(id)!;

describe('a session’s limits', () => {
  it('ends exactly when it has been idle for the idle limit, and notes why', async () => {
    h = createHarness({ sessionPolicy: policy });
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    const signedInAt = h.clock.now();
    h.clock.advance(policy.idleMs - 1);
    const live = sessions.resolve(owner.token);
    expect(live).toMatchObject({ userId: owner.me.user.id, role: 'owner' });
    expect(live!.createdAt).toBe(signedInAt);
    expect(live!.expiresAt).toBe(signedInAt + policy.absoluteMs);

    const other = await h.core.dispatch(
      'auth.login',
      { email: 'owner@acme.test', password: ownerPassword },
      { transport: 'internal' },
    );
    const token = other.ok && other.sessionChange?.type === 'set' ? other.sessionChange.token : '';
    const id = sessions.resolve(token)!.id;
    h.clock.advance(policy.idleMs);
    expect(sessions.resolve(token)).toBeNull();
    expect(rowOf(id)).toMatchObject({ revoked_at: h.clock.now(), revoked_reason: 'idle' });
    // ended for good: not even a clock set back revives it
    h.clock.advance(-policy.idleMs);
    expect(sessions.resolve(token)).toBeNull();
    expect(sessions.boundTenant(id)).toBeNull();
  });

  it('ends exactly at the absolute limit however active, for events too', async () => {
    h = createHarness({ sessionPolicy: policy });
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    const first = sessions.resolve(owner.token)!;
    for (let used = 0; used < policy.absoluteMs - 5 * minute; used += 5 * minute) {
      h.clock.advance(5 * minute);
      expect(sessions.resolve(owner.token), `after ${used / minute + 5} min`).not.toBeNull();
    }
    h.clock.advance(5 * minute - 1);
    expect(sessions.resolve(owner.token)).not.toBeNull();
    expect(sessions.boundTenant(first.id)).toBe(owner.me.tenant.id);
    h.clock.advance(1);
    expect(sessions.boundTenant(first.id)).toBeNull();
    expect(sessions.resolve(owner.token)).toBeNull();
    expect(await h.core.dispatch('auth.me', {}, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('writes a use down at most once a minute, and counts idleness from the last one written', async () => {
    h = createHarness({ sessionPolicy: policy });
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    const id = sessions.resolve(owner.token)!.id;
    const signedInAt = h.clock.now();
    h.clock.advance(minute - 1);
    expect(sessions.resolve(owner.token)).not.toBeNull();
    expect(rowOf(id).last_seen_at).toBe(signedInAt);
    h.clock.advance(1);
    expect(sessions.resolve(owner.token)).not.toBeNull();
    expect(rowOf(id).last_seen_at).toBe(signedInAt + minute);
    // idle from that minute on, not from sign-in
    h.clock.advance(policy.idleMs - 1);
    expect(sessions.resolve(owner.token)).not.toBeNull();
    expect(rowOf(id).last_seen_at).toBe(signedInAt + minute + policy.idleMs - 1);
  });

  it('does not count a use within the first minute as activity', async () => {
    h = createHarness({ sessionPolicy: policy });
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    h.clock.advance(30 * 1000);
    expect(sessions.resolve(owner.token)).not.toBeNull();
    h.clock.advance(policy.idleMs - 30 * 1000);
    expect(sessions.resolve(owner.token)).toBeNull();
  });

  it('accepts tokens of 20 to 100 characters only, whatever the table holds', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { sessions, sqlite } = servicesOf(h.core);
    const rebind = (token: string) => {
      const issued = sessions.create({ userId: owner.me.user.id, tenantId: owner.me.tenant.id });
      sqlite
        .prepare('UPDATE sessions SET token_hash = ? WHERE token_hash = ?')
        .run(sha256Hex(token), sha256Hex(issued));
    };
    for (const length of [19, 20, 100, 101]) rebind('t'.repeat(length));
    expect(sessions.resolve('t'.repeat(19))).toBeNull();
    expect(sessions.resolve('t'.repeat(20))).toMatchObject({ userId: owner.me.user.id });
    expect(sessions.resolve('t'.repeat(100))).toMatchObject({ userId: owner.me.user.id });
    expect(sessions.resolve('t'.repeat(101))).toBeNull();
  });

  it('keeps where a session came from, the browser name cut to 300 characters', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    const token = sessions.create({
      userId: owner.me.user.id,
      tenantId: owner.me.tenant.id,
      ip: '10.1.2.3',
      userAgent: 'x'.repeat(500),
    });
    const bare = sessions.create({ userId: owner.me.user.id, tenantId: owner.me.tenant.id });
    expect(rowOf(sessions.resolve(token)!.id)).toMatchObject({ ip: '10.1.2.3', user_agent: 'x'.repeat(300) });
    expect(rowOf(sessions.resolve(bare)!.id)).toMatchObject({ ip: null, user_agent: null });
  });
});

describe('what ends a session and what it resolves to', () => {
  it('ends a revoked session once: a second revocation changes nothing', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    const id = sessions.resolve(owner.token)!.id;
    expect(sessions.revoke(id, 'test')).toBe(true);
    const revokedAt = rowOf(id).revoked_at;
    h.clock.advance(minute);
    expect(sessions.revoke(id, 'again')).toBe(false);
    expect(rowOf(id)).toMatchObject({ revoked_at: revokedAt, revoked_reason: 'test' });
    expect(sessions.resolve(owner.token)).toBeNull();
    expect(sessions.boundTenant(id)).toBeNull();
    expect(sessions.boundTenant('no-such-session')).toBeNull();
  });

  it('ends only the live sessions of the user, and only those bound to the tenant named', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const { sessions } = servicesOf(h.core);
    const userId = t.alice.me.user.id;
    const inA = sessions.resolve(t.alice.token)!.id;
    const inBToken = sessions.create({ userId, tenantId: t.tenantB });
    const bobsId = sessions.resolve(t.bob.token)!.id;
    const idOf = (token: string) =>
      servicesOf(h.core)
        .sqlite.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE token_hash = ?')
        .get(sha256Hex(token))!.id;
    expect(sessions.revokeForUser(userId, 'test', t.tenantB)).toEqual([idOf(inBToken)]);
    expect(sessions.resolve(t.alice.token)).not.toBeNull();
    expect(rowOf(bobsId).revoked_at).toBeNull();
    // an ended session is not ended again, nor counted
    const expired = sessions.create({ userId, tenantId: t.tenantA });
    servicesOf(h.core)
      .sqlite.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?')
      .run(h.clock.now(), idOf(expired));
    expect(sessions.revokeForUser(userId, 'everywhere')).toEqual([inA]);
    expect(rowOf(idOf(inBToken)).revoked_reason).toBe('test');
    expect(rowOf(idOf(expired)).revoked_at).toBeNull();
    expect(sessions.resolve(t.alice.token)).toBeNull();
  });

  it('resolves to nothing once the person is no longer an active member of the bound tenant', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const viewer = await inviteAndAccept(h.core, owner, 'vera@acme.test', 'viewer');
    const { sessions, sqlite } = servicesOf(h.core);
    expect(sessions.resolve(viewer.token)).toMatchObject({ role: 'viewer', isPlatformAdmin: false });
    const setStatus = sqlite.prepare('UPDATE memberships SET status = ? WHERE user_id = ?');
    setStatus.run('disabled', viewer.me.user.id);
    expect(sessions.resolve(viewer.token)).toBeNull();
    setStatus.run('active', viewer.me.user.id);
    expect(sessions.resolve(viewer.token)).toMatchObject({ role: 'viewer' });
    sqlite.prepare('DELETE FROM memberships WHERE user_id = ?').run(viewer.me.user.id);
    expect(sessions.resolve(viewer.token)).toBeNull();
  });

  it('resolves a platform admin as an owner in any tenant, and anyone else only where a member', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const { sessions } = servicesOf(h.core);
    // the fixture left the platform admin's session in tenant B, where they are no member
    expect(sessions.resolve(t.platformAdmin.token)).toMatchObject({
      tenantId: t.tenantB,
      role: 'owner',
      isPlatformAdmin: true,
      email: 'admin@platform.test',
    });
    const alices = sessions.resolve(t.alice.token)!;
    expect(alices).toMatchObject({ role: 'owner', isPlatformAdmin: false, email: 'alice@alpha.test' });
    sessions.bindTenant(alices.id, t.tenantB);
    expect(sessions.resolve(t.alice.token)).toBeNull();
    expect(sessions.boundTenant(alices.id)).toBe(t.tenantB);
  });

  it('asks an admin or owner without a second factor to enrol where the tenant requires one, nobody else', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const admin = await inviteAndAccept(h.core, owner, 'adam@acme.test', 'admin');
    const operator = await inviteAndAccept(h.core, owner, 'otto@acme.test', 'operator');
    const { sessions } = servicesOf(h.core);
    const flags = () =>
      [owner, admin, operator].map((who) => sessions.resolve(who.token)!.mustEnrolTwoFactor);
    expect(flags()).toEqual([false, false, false]);
    const begun = await expectOk(h.core, 'auth.totpBegin', {}, owner.call);
    const code = new TOTP({ secret: Secret.fromBase32(begun.manualKey.replace(/\s/g, '')) }).generate({
      timestamp: h.clock.now(),
    });
    await expectOk(h.core, 'auth.totpConfirm', { code }, owner.call);
    await expectOk(h.core, 'security.saveSettings', { requireTwoFactor: true }, owner.call);
    expect(flags()).toEqual([false, true, false]);
  });
});

describe('a session when the database cannot write', () => {
  /** A genuine SQLITE_FULL for every write to sessions: a trigger that needs room the file may not take. */
  function fillDiskOnSessionWrites(): () => void {
    const { sqlite } = servicesOf(h.core);
    sqlite.exec('CREATE TABLE test_filler (b BLOB)');
    sqlite.exec(
      'CREATE TRIGGER test_full BEFORE UPDATE ON sessions BEGIN INSERT INTO test_filler VALUES (zeroblob(1000000)); END',
    );
    sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
    return () => {
      sqlite.exec('DROP TRIGGER test_full');
      sqlite.pragma('max_page_count = 1073741823');
    };
  }

  it('keeps a session in use working while the disk is full, and notes the use once there is room', async () => {
    h = createHarness({ sessionPolicy: policy });
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    const id = sessions.resolve(owner.token)!.id;
    const signedInAt = h.clock.now();
    const freeSpace = fillDiskOnSessionWrites();
    h.clock.advance(2 * minute);
    expect(sessions.resolve(owner.token)).toMatchObject({ id, role: 'owner' });
    expect(rowOf(id).last_seen_at).toBe(signedInAt);
    freeSpace();
    expect(sessions.resolve(owner.token)).toMatchObject({ id });
    expect(rowOf(id).last_seen_at).toBe(signedInAt + 2 * minute);
  });

  it('ends an idle session while the disk is full, though the ending cannot be written', async () => {
    h = createHarness({ sessionPolicy: policy });
    const owner = await setupOwner(h.core);
    const { sessions } = servicesOf(h.core);
    const id = sessions.resolve(owner.token)!.id;
    fillDiskOnSessionWrites();
    h.clock.advance(policy.idleMs);
    expect(sessions.resolve(owner.token)).toBeNull();
    expect(rowOf(id).revoked_at).toBeNull();
  });

  it('does not hide any other database failure', async () => {
    h = createHarness({ sessionPolicy: policy });
    const owner = await setupOwner(h.core);
    const { sessions, sqlite } = servicesOf(h.core);
    sqlite.exec(
      "CREATE TRIGGER test_broken BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'broken'); END",
    );
    h.clock.advance(2 * minute);
    expect(() => sessions.resolve(owner.token)).toThrow(/broken/);
    h.clock.advance(policy.idleMs);
    expect(() => sessions.resolve(owner.token)).toThrow(/broken/);
  });
});
