/**
 * The hostile tenant (issue 10): the owner, an admin, an operator and a viewer of tenant B try every
 * path to the credentials of tenant A's members and of the platform admin: invitations, two-factor
 * resets, roles, disabling, sessions, API keys and events. Nothing may change in A, and nothing B
 * is answered or sent may carry A's data.
 */
import { servicesOf } from './testing/services';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, MethodName, Role } from '../contract';
import type { Core } from './index';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from './testing/harness';
import { tinyFlow } from './testing/valid-inputs';
import { RetentionSweeper } from './conversations';

let h: Harness;
let core: Core;

async function enrol(who: SignedIn): Promise<void> {
  const begun = await expectOk(core, 'auth.totpBegin', {}, who.call);
  const code = new TOTP({ secret: Secret.fromBase32(begun.manualKey.replace(/\s/g, '')) }).generate({
    timestamp: h.clock.now(),
  });
  await expectOk(core, 'auth.totpConfirm', { code }, who.call);
}

/** Invites a person and accepts as them, choosing their own name (what B must never see). */
async function join(inviter: SignedIn, email: string, role: Role, name: string, password: string) {
  const invite = await expectOk(core, 'users.invite', { email, role }, inviter.call);
  const result = await core.dispatch(
    'auth.acceptInvite',
    { token: invite.inviteToken, password, name },
    { transport: 'internal', ip: '10.0.0.1' },
  );
  if (!result.ok || result.sessionChange?.type !== 'set') throw new Error(JSON.stringify(result));
  const token = result.sessionChange.token;
  return {
    token,
    me: result.data as SignedIn['me'],
    call: { transport: 'internal' as const, sessionToken: token, ip: '10.0.0.1' },
  };
}

interface World {
  platformAdmin: SignedIn;
  tenantA: string;
  tenantB: string;
  a: { owner: SignedIn; admin: SignedIn; operator: SignedIn; viewer: SignedIn };
  b: Record<Role, SignedIn>;
  /** Operator in A, viewer in B. */
  pat: SignedIn;
  aKeyId: string;
  aKeyPrefix: string;
  /** A's website chat and a customer's conversation on it. */
  aAgentId: string;
  aChannel: { id: string; publicId: string };
  aConversation: { id: string; visitorToken: string };
}

let w: World;
/** Every answer and event tenant B's people received, as JSON. */
const seenByB: string[] = [];

async function buildWorld(): Promise<World> {
  const platformAdmin = await setupOwner(core, 'Platform', 'root@platform.test');
  await enrol(platformAdmin);
  const tenantA = (await expectOk(core, 'tenants.create', { name: 'Alpha Bikes' }, platformAdmin.call)).id;
  const tenantB = (await expectOk(core, 'tenants.create', { name: 'Beta Bakery' }, platformAdmin.call)).id;

  await expectOk(core, 'tenants.switch', { tenantId: tenantA }, platformAdmin.call);
  const owner = await join(
    platformAdmin,
    'alice@alpha.test',
    'owner',
    'Alice Andersen',
    'alices long password',
  );
  const admin = await join(owner, 'andy@alpha.test', 'admin', 'Andy Arnesen', 'andys long password');
  const operator = await join(owner, 'otto@alpha.test', 'operator', 'Otto Olsen', 'ottos long password');
  const viewer = await join(owner, 'vera@alpha.test', 'viewer', 'Vera Vik', 'veras long password');
  const pat = await join(owner, 'pat@both.test', 'operator', 'Pat Both', 'pats long password');
  for (const who of [owner, admin, pat]) await enrol(who);
  const key = await expectOk(
    core,
    'apiKeys.create',
    { name: 'Alpha ERP link', scopes: ['agents:read'] },
    owner.call,
  );
  const aAgent = await expectOk(core, 'agents.create', { name: 'Alpha helpdesk' }, owner.call);
  await expectOk(core, 'agents.saveVersion', { agentId: aAgent.id, flow: tinyFlow }, owner.call);
  await expectOk(core, 'agents.deploy', { agentId: aAgent.id }, owner.call);
  const aChannel = await expectOk(
    core,
    'channels.save',
    { agentId: aAgent.id, kind: 'web', name: 'Alpha web chat', allowedOrigins: ['https://alpha.test'] },
    owner.call,
  );
  const chat = await core.publicDoor.send(aChannel.publicId, { text: 'Alpha customer secret' });
  if (!chat.ok) throw new Error(JSON.stringify(chat.error));
  // the platform admin goes back home
  await expectOk(core, 'tenants.switch', { tenantId: platformAdmin.me.tenant.id }, platformAdmin.call);

  await expectOk(core, 'tenants.switch', { tenantId: tenantB }, platformAdmin.call);
  const bOwner = await join(platformAdmin, 'bob@beta.test', 'owner', 'Bob Berg', 'bobs long password');
  await expectOk(core, 'tenants.switch', { tenantId: platformAdmin.me.tenant.id }, platformAdmin.call);
  const b: Record<Role, SignedIn> = {
    owner: bOwner,
    admin: await join(bOwner, 'bianca@beta.test', 'admin', 'Bianca Bull', 'biancas long password'),
    operator: await join(bOwner, 'oscar@beta.test', 'operator', 'Oscar Os', 'oscars long password'),
    viewer: await join(bOwner, 'bea@beta.test', 'viewer', 'Bea Bo', 'beas long password'),
  };
  // Pat also joins B (with the password they already have)
  const toB = await expectOk(core, 'users.invite', { email: 'pat@both.test', role: 'viewer' }, bOwner.call);
  expect(
    (
      await core.dispatch(
        'auth.acceptInvite',
        { token: toB.inviteToken, password: 'pats long password' },
        {
          transport: 'internal',
        },
      )
    ).ok,
  ).toBe(true);
  return {
    platformAdmin,
    tenantA,
    tenantB,
    a: { owner, admin, operator, viewer },
    b,
    pat,
    aKeyId: key.key.id,
    aKeyPrefix: key.key.prefix,
    aAgentId: aAgent.id,
    aChannel: { id: aChannel.id, publicId: aChannel.publicId },
    aConversation: { id: chat.data.conversationId, visitorToken: chat.data.visitorToken },
  };
}

/** Everything about A's people, A's credentials and the platform admin that B must not be able to change. */
function snapshotA(): unknown {
  const db = servicesOf(core).sqlite;
  const people = [
    w.platformAdmin.me.user.id,
    ...Object.values(w.a).map((s) => s.me.user.id),
    w.pat.me.user.id,
  ];
  const list = people.map((id) => `'${id}'`).join(',');
  return {
    members: db
      .prepare('SELECT user_id, role, status FROM memberships WHERE tenant_id = ? ORDER BY user_id')
      .all(w.tenantA),
    accounts: db
      .prepare(
        `SELECT id, email, name, password_hash, is_platform_admin, last_login_at FROM users WHERE id IN (${list}) ORDER BY id`,
      )
      .all(),
    twoFactor: db
      .prepare(`SELECT user_id, enabled_at FROM user_two_factor WHERE user_id IN (${list}) ORDER BY user_id`)
      .all(),
    recoveryCodes: db
      .prepare(
        `SELECT user_id, count(*) AS n FROM recovery_codes WHERE used_at IS NULL AND user_id IN (${list}) GROUP BY user_id ORDER BY user_id`,
      )
      .all(),
    totpSecrets: people.map((id) => servicesOf(core).secrets.get(`totp.${id}`) !== null),
    sessions: db
      .prepare(
        `SELECT id, user_id, tenant_id, revoked_at, expires_at FROM sessions
          WHERE tenant_id = ? OR user_id = ? ORDER BY id`,
      )
      .all(w.tenantA, w.platformAdmin.me.user.id),
    apiKeys: db
      .prepare(
        'SELECT id, name, secret_hash, scopes, expires_at, revoked_at, replaced_by, grace_until FROM api_keys WHERE tenant_id = ? ORDER BY id',
      )
      .all(w.tenantA),
    invites: db
      .prepare('SELECT id, user_id, accepted_at FROM invites WHERE tenant_id = ? ORDER BY id')
      .all(w.tenantA),
    audit: db.prepare('SELECT count(*) AS n FROM audit_log WHERE tenant_id = ?').get(w.tenantA),
    securityEvents: db
      .prepare('SELECT count(*) AS n FROM security_events WHERE tenant_id = ?')
      .get(w.tenantA),
    channels: db
      .prepare(
        'SELECT id, agent_id, name, public_id, allowed_origins, enabled, updated_at FROM channels WHERE tenant_id = ? ORDER BY id',
      )
      .all(w.tenantA),
    conversations: db
      .prepare(
        'SELECT id, channel_id, status, rating, message_count, updated_at FROM conversations WHERE tenant_id = ? ORDER BY id',
      )
      .all(w.tenantA),
    conversationMessages: db
      .prepare('SELECT id, role, text FROM conversation_messages WHERE tenant_id = ? ORDER BY id')
      .all(w.tenantA),
    conversationSettings: db
      .prepare("SELECT value FROM settings WHERE tenant_id = ? AND key = 'conversations.retention'")
      .all(w.tenantA),
  };
}

/** Ids of A's live sessions and the platform admin's. */
function sessionsToAttack(): string[] {
  return (
    servicesOf(core)
      .sqlite.prepare(
        `SELECT id FROM sessions WHERE revoked_at IS NULL AND (tenant_id = ? OR user_id = ?) ORDER BY id`,
      )
      .all(w.tenantA, w.platformAdmin.me.user.id) as { id: string }[]
  ).map((row) => row.id);
}

/** What B must never see: A's name, A's people's own names, A's sessions and keys. */
function secretsOfA(): string[] {
  return [
    w.tenantA,
    'Alpha Bikes',
    'Alice Andersen',
    'Andy Arnesen',
    'Otto Olsen',
    'Vera Vik',
    w.aKeyId,
    w.aKeyPrefix,
    'Alpha ERP link',
    w.aChannel.id,
    w.aChannel.publicId,
    'Alpha web chat',
    'https://alpha.test',
    w.aConversation.id,
    w.aConversation.visitorToken,
    'Alpha customer secret',
    ...sessionsToAttack(),
  ];
}

async function asB(who: SignedIn, method: MethodName, input: unknown) {
  const result = await core.dispatch(method, input, who.call);
  seenByB.push(JSON.stringify(result.ok ? result.data : result.error));
  return result;
}

const roles: Role[] = ['owner', 'admin', 'operator', 'viewer'];
const targets = () => [
  { email: 'alice@alpha.test', name: 'Alice Andersen' },
  { email: 'andy@alpha.test', name: 'Andy Arnesen' },
  { email: 'vera@alpha.test', name: 'Vera Vik' },
  { email: 'root@platform.test', name: 'Olivia Owner' },
];

let before: unknown;
let aSessions: string[];

beforeAll(async () => {
  h = createHarness();
  core = h.core;
  w = await buildWorld();
  for (const role of roles)
    core.events.subscribe(w.b[role].token, (name: EventName, payload: unknown) =>
      seenByB.push(JSON.stringify({ event: name, payload })),
    );
  aSessions = sessionsToAttack();
  expect(aSessions.length).toBeGreaterThanOrEqual(6);
  before = snapshotA();
});
afterAll(() => h?.close());

describe.each(roles)("tenant B's %s against tenant A and the platform admin", (role) => {
  const attacker = () => w.b[role];
  const mayInvite = role === 'owner' || role === 'admin';

  it("invites A's people and the platform admin, and learns nothing about their accounts", async () => {
    for (const target of targets()) {
      const result = await asB(attacker(), 'users.invite', { email: target.email, role: 'viewer' });
      if (!mayInvite) {
        expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        continue;
      }
      expect(result).toMatchObject({
        ok: true,
        data: {
          member: {
            email: target.email,
            name: target.email.split('@')[0],
            status: 'invited',
            lastLoginAt: null,
            twoFactorEnabled: false,
          },
        },
      });
      expect(JSON.stringify(result)).not.toContain(target.name);
    }
    // with a name typed, that name is what B sees
    if (mayInvite) {
      const typed = await asB(attacker(), 'users.invite', {
        email: 'andy@alpha.test',
        name: 'Andy from the trade fair',
        role: 'viewer',
      });
      expect(typed).toMatchObject({ ok: true, data: { member: { name: 'Andy from the trade fair' } } });
    }
    const listed = await asB(attacker(), 'users.list', {});
    expect(listed.ok).toBe(true);
    for (const target of targets()) expect(JSON.stringify(listed)).not.toContain(target.name);
  });

  it('cannot reset the second factor, change the role or disable anyone in A', async () => {
    const ids = [
      ...Object.values(w.a).map((s) => s.me.user.id),
      w.platformAdmin.me.user.id,
      w.pat.me.user.id,
    ];
    for (const userId of ids) {
      const reset = await asB(attacker(), 'users.resetTwoFactor', { userId });
      expect(reset.ok, `resetTwoFactor ${userId}`).toBe(false);
      // B may change what B owns (an invitation, Pat's membership of B); the snapshot shows A is untouched
      await asB(attacker(), 'users.setRole', { userId, role: 'viewer' });
      await asB(attacker(), 'users.disable', { userId, disabled: true });
      await asB(attacker(), 'users.disable', { userId, disabled: false });
    }
  });

  it("cannot see or end A's sessions or the platform admin's", async () => {
    for (const userId of [w.a.owner.me.user.id, w.platformAdmin.me.user.id, w.pat.me.user.id]) {
      const listed = await asB(attacker(), 'sessions.list', { userId });
      if (listed.ok) {
        const ids = (listed.data as { sessions: { id: string }[] }).sessions.map((s) => s.id);
        for (const id of ids) expect(aSessions).not.toContain(id);
      }
    }
    for (const sessionId of aSessions) {
      const revoked = await asB(attacker(), 'sessions.revoke', { sessionId });
      expect(revoked).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it("cannot list, rotate or revoke A's API keys; its own keys stay in B", async () => {
    const listed = await asB(attacker(), 'apiKeys.list', {});
    if (listed.ok) expect(JSON.stringify(listed.data)).not.toContain(w.aKeyId);
    for (const method of ['apiKeys.revoke', 'apiKeys.rotate'] as const) {
      const result = await asB(attacker(), method, { keyId: w.aKeyId });
      expect(result.ok, method).toBe(false);
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(!result.ok && result.error.code);
    }
    const created = await asB(attacker(), 'apiKeys.create', {
      name: `B ${role} key`,
      scopes: ['agents:read'],
    });
    if (created.ok) {
      const keyId = (created.data as { key: { id: string } }).key.id;
      expect(
        servicesOf(core).sqlite.prepare('SELECT tenant_id FROM api_keys WHERE id = ?').get(keyId),
      ).toEqual({
        tenant_id: w.tenantB,
      });
    }
  });

  it("cannot read, change, export or delete A's channels and conversations", async () => {
    const aIds = { channelId: w.aChannel.id, conversationId: w.aConversation.id };
    for (const [method, input] of [
      ['channels.delete', { channelId: aIds.channelId }],
      [
        'channels.save',
        {
          id: aIds.channelId,
          agentId: w.aAgentId,
          kind: 'web',
          name: 'Taken',
          allowedOrigins: ['https://evil.test'],
        },
      ],
      ['conversations.get', { conversationId: aIds.conversationId }],
      ['conversations.setStatus', { conversationId: aIds.conversationId, status: 'closed' }],
      ['conversations.delete', { conversationId: aIds.conversationId }],
    ] as const) {
      const result = await asB(attacker(), method, input);
      expect(result.ok, method).toBe(false);
      expect(['NOT_FOUND', 'FORBIDDEN'], method).toContain(!result.ok && result.error.code);
    }
    // a channel of B's own cannot be pointed at A's agent
    const onAAgent = await asB(attacker(), 'channels.save', {
      agentId: w.aAgentId,
      kind: 'web',
      name: 'Hijack',
      allowedOrigins: [],
    });
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(!onAAgent.ok && onAAgent.error.code);
    for (const method of [
      'channels.list',
      'conversations.list',
      'conversations.export',
      'conversations.stats',
    ] as const) {
      // (an export is audited with its filters: B's own entry would then hold the id B typed)
      const input =
        method === 'conversations.stats'
          ? { since: 0 }
          : method === 'channels.list'
            ? { agentId: w.aAgentId }
            : method === 'conversations.list'
              ? { channelId: aIds.channelId }
              : {};
      const result = await asB(attacker(), method, input);
      if (result.ok) {
        const text = JSON.stringify(result.data);
        for (const secret of ['Alpha customer secret', w.aConversation.id, w.aChannel.publicId])
          expect(text, method).not.toContain(secret);
      }
    }
    // B's retention setting is B's: A's conversations are not swept by it
    await asB(attacker(), 'conversations.saveSettings', { retentionDays: 1 });
    const services = servicesOf(core);
    const later = { now: () => h.clock.now() + 2 * 24 * 60 * 60 * 1000 };
    new RetentionSweeper({
      conversations: services.conversations,
      audit: services.audit,
      clock: later as never,
      logger: services.logger,
      atomically: (work) => services.sqlite.transaction(work)(),
    }).sweep();
    // the public door with B's own visitor token never opens A's conversation
    expect(core.publicDoor.conversation(w.aChannel.publicId, w.aConversation.id, 'b'.repeat(32))).toBeNull();
  });

  it('cannot bind a session to A', async () => {
    expect(await asB(attacker(), 'tenants.switch', { tenantId: w.tenantA })).toMatchObject({ ok: false });
  });

  it("can never change its own plan or A's: only the platform admin or a verified Stripe event does", async () => {
    const { sqlite } = servicesOf(core);
    const planOf = (tenantId: string) =>
      (sqlite.prepare('SELECT plan FROM tenants WHERE id = ?').get(tenantId) as { plan: string }).plan;
    const subscriptions = () => sqlite.prepare('SELECT * FROM billing_subscriptions').all();
    const plansBefore = [planOf(w.tenantA), planOf(w.tenantB)];
    const subscriptionsBefore = subscriptions();
    const catalogueBefore = sqlite.prepare('SELECT * FROM plans ORDER BY key').all();
    for (const tenantId of [w.tenantB, w.tenantA]) {
      const assigned = await asB(attacker(), 'billing.assignPlan', { tenantId, planKey: 'enterprise' });
      expect(assigned).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const free = {
      key: 'own_use',
      name: 'Free for us',
      description: '',
      priceMonthly: 0,
      priceYearly: 0,
      entitlements: {
        limits: {
          liveAgents: null,
          conversationsPerMonth: null,
          runsPerMonth: null,
          tokensPerMonth: null,
          seats: null,
          knowledgeMb: null,
          apiRequestsPerMinute: null,
        },
        channels: ['web', 'email', 'voice'],
        features: ['api', 'knowledge_import'],
      },
    };
    expect(await asB(attacker(), 'billing.savePlan', free)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await asB(attacker(), 'billing.archivePlan', { key: 'starter', archived: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await asB(attacker(), 'billing.saveSettings', { defaultPlan: 'enterprise' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect([planOf(w.tenantA), planOf(w.tenantB)]).toEqual(plansBefore);
    expect(subscriptions()).toEqual(subscriptionsBefore);
    expect(sqlite.prepare('SELECT * FROM plans ORDER BY key').all()).toEqual(catalogueBefore);
  });
});

describe('after all of it', () => {
  it('nothing changed in A: members, accounts, second factors, sessions, API keys, invitations, audit', () => {
    expect(snapshotA()).toEqual(before);
  });

  it("A's people and the platform admin still sign in and work as before", async () => {
    for (const who of [...Object.values(w.a), w.platformAdmin, w.pat])
      expect((await core.dispatch('auth.me', {}, who.call)).ok).toBe(true);
    expect(
      await core.dispatch(
        'auth.login',
        { email: 'alice@alpha.test', password: 'alices long password' },
        {
          transport: 'internal',
        },
      ),
    ).toEqual({ ok: true, data: { next: 'two_factor' } }); // still asks for the code, and starts no session
  });

  it("B's events carry nothing of A while A goes about its business", async () => {
    await expectOk(core, 'users.setRole', { userId: w.a.operator.me.user.id, role: 'admin' }, w.a.owner.call);
    await expectOk(
      core,
      'apiKeys.create',
      { name: 'Alpha second key', scopes: ['runs:read'] },
      w.a.owner.call,
    );
    await expectOk(core, 'users.invite', { email: 'newbie@alpha.test', role: 'viewer' }, w.a.owner.call);
    const veras = await expectOk(core, 'sessions.list', { userId: w.a.viewer.me.user.id }, w.a.owner.call);
    await expectOk(core, 'sessions.revoke', { sessionId: veras.sessions[0]!.id }, w.a.owner.call);
    const leaks = secretsOfA().filter((secret) => seenByB.some((seen) => seen.includes(secret)));
    expect(leaks).toEqual([]);
    expect(seenByB.length).toBeGreaterThan(100);
  });
});
