import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, Notification, PlanInput, PlanLimits } from '../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { servicesOf } from '../testing/services';
import { sayIn } from '../lib/catalogue';

/**
 * Plans enforced (issue 16), with a real core and SQLite: the catalogue, entitlements (dunning grace,
 * the cache dropped on a plan save), quotas through dispatch and through the public channel door,
 * the API rate limit from the plan, and a capability refusal that names the plan that has it.
 */

let h: Harness;
let owner: SignedIn;
let viewer: SignedIn;
let tenantId: string;
const dayMs = 86_400_000;

const unlimited: PlanLimits = {
  liveAgents: null,
  conversationsPerMonth: null,
  runsPerMonth: null,
  tokensPerMonth: null,
  seats: null,
  knowledgeMb: null,
  apiRequestsPerMinute: null,
};

function plan(key: string, limits: Partial<PlanLimits>, extra: Partial<PlanInput> = {}): PlanInput {
  return {
    key,
    name: key[0]!.toUpperCase() + key.slice(1),
    description: '',
    // dearer than Pro, so Pro stays the cheapest plan with the API
    priceMonthly: 50000,
    priceYearly: 500000,
    entitlements: {
      limits: { ...unlimited, ...limits },
      channels: ['web', 'email', 'voice'],
      features: ['api', 'knowledge_import'],
    },
    ...extra,
  };
}

async function putOn(planInput: PlanInput) {
  await expectOk(h.core, 'billing.savePlan', planInput, owner.call);
  await expectOk(h.core, 'billing.assignPlan', { tenantId, planKey: planInput.key }, owner.call);
}

async function fail(method: string, input: unknown, call = owner.call) {
  const result = await h.core.dispatch(method, input, call);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
}

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  viewer = await inviteAndAccept(h.core, owner, 'vera@pedal.test', 'viewer');
  tenantId = owner.me.tenant!.id;
});
afterAll(() => h?.close());

describe('plan catalogue', () => {
  it('lists the four built-in plans, Own use first, and the first organisation is on Own use', async () => {
    const { plans } = await expectOk(h.core, 'billing.plans', {}, owner.call);
    expect(plans.map((p) => p.key).slice(0, 4)).toEqual(['own_use', 'starter', 'pro', 'enterprise']);
    expect(plans.find((p) => p.key === 'own_use')).toMatchObject({ billable: false, tenantCount: 1 });
    const sub = await expectOk(h.core, 'billing.subscription', {}, owner.call);
    expect(sub).toMatchObject({ planKey: 'own_use', effectivePlanKey: 'own_use', status: 'none' });
  });

  it('archives a plan for platform admins only, and never Own use or the default plan', async () => {
    await expectOk(h.core, 'billing.savePlan', plan('legacy', {}), owner.call);
    await expectOk(h.core, 'billing.archivePlan', { key: 'legacy', archived: true }, owner.call);
    const admin = await expectOk(h.core, 'billing.plans', {}, owner.call);
    const member = await expectOk(h.core, 'billing.plans', {}, viewer.call);
    expect(admin.plans.find((p) => p.key === 'legacy')?.archived).toBe(true);
    expect(member.plans.some((p) => p.key === 'legacy')).toBe(false);
    expect(member.plans.every((p) => p.tenantCount === 0)).toBe(true);
    expect(await fail('billing.archivePlan', { key: 'own_use', archived: true })).toMatchObject({
      code: 'CONFLICT',
      reason: 'plan_not_archivable',
    });
    expect(await fail('billing.savePlan', plan('sneaky', {}), viewer.call)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await fail('billing.assignPlan', { tenantId, planKey: 'pro' }, viewer.call)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await fail('tenants.create', { name: 'Old Shop', plan: 'legacy' })).toMatchObject({
      code: 'VALIDATION',
      reason: 'plan_archived',
    });
  });
});

describe('entitlements', () => {
  it('a saved plan applies to its organisations at once (the cache is dropped)', async () => {
    const { billing } = servicesOf(h.core);
    await putOn(plan('growing', { seats: 3 }));
    expect(billing.entitlements.limit(tenantId, 'seats')).toBe(3);
    await expectOk(h.core, 'billing.savePlan', plan('growing', { seats: 7 }), owner.call);
    expect(billing.entitlements.limit(tenantId, 'seats')).toBe(7);
  });

  it('a past-due subscription keeps its plan until paid-through plus grace, then the fallback plan', async () => {
    const { billing, sqlite } = servicesOf(h.core);
    await putOn(plan('dunning', { seats: 9 }));
    billing.settings.update({ graceDays: 7, fallbackPlan: 'starter' });
    const paidThrough = h.clock.now() - 2 * dayMs;
    sqlite
      .prepare(
        `INSERT INTO billing_subscriptions (tenant_id, plan_key, status, paid_through, updated_at)
         VALUES (@tenantId, 'dunning', 'past_due', @paidThrough, @now)`,
      )
      .run({ tenantId, paidThrough, now: h.clock.now() });
    billing.entitlements.invalidate(tenantId);
    const during = await expectOk(h.core, 'billing.subscription', {}, owner.call);
    expect(during).toMatchObject({ planKey: 'dunning', effectivePlanKey: 'dunning', status: 'past_due' });
    expect(during.graceUntil).toBe(paidThrough + 7 * dayMs);
    expect(billing.entitlements.limit(tenantId, 'seats')).toBe(9);
    // past the grace: the cached answer runs out by itself (validUntil), no invalidation needed
    const now = h.clock.now();
    h.clock.advance(5 * dayMs + 1);
    expect(billing.entitlements.limit(tenantId, 'seats')).toBe(3);
    expect(billing.entitlements.resolve(tenantId)).toMatchObject({
      planKey: 'dunning',
      effectivePlanKey: 'starter',
    });
    h.clock.set(now);
    sqlite.prepare('DELETE FROM billing_subscriptions WHERE tenant_id = ?').run(tenantId);
    billing.settings.update({ fallbackPlan: 'own_use' });
    billing.entitlements.invalidate(tenantId);
  });
});

describe('quotas and capabilities', () => {
  it('with a plan of 1 live agent, deploying a second answers QUOTA_EXCEEDED with limit and usage', async () => {
    await putOn(plan('solo', { liveAgents: 1 }));
    const first = await expectOk(
      h.core,
      'agents.create',
      { templateId: 'bike-shop-repairs', language: 'en' },
      owner.call,
    );
    const second = await expectOk(
      h.core,
      'agents.create',
      { templateId: 'bike-shop-repairs', language: 'en' },
      owner.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: first.id }, owner.call);
    const refused = await fail('agents.deploy', { agentId: second.id });
    expect(refused).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      reason: 'plan_limit',
      params: { kind: 'liveAgents', limit: 1, used: 1, periodEnd: null },
    });
    // a new version of the live agent is no second agent
    await expectOk(h.core, 'agents.deploy', { agentId: first.id }, owner.call);
    // pausing frees the place; nothing was deleted
    await expectOk(h.core, 'agents.pause', { agentId: first.id, paused: true }, owner.call);
    await expectOk(h.core, 'agents.deploy', { agentId: second.id }, owner.call);
    expect(await fail('agents.pause', { agentId: first.id, paused: false })).toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
    const fit = await expectOk(h.core, 'billing.planFit', { planKey: 'solo' }, owner.call);
    expect(fit).toMatchObject({ fits: true, agentsToPause: [] });
    await expectOk(h.core, 'agents.pause', { agentId: second.id, paused: true }, owner.call);
    await expectOk(h.core, 'agents.pause', { agentId: first.id, paused: false }, owner.call);
  });

  it('with 100 conversations a month the 101st customer message gets the kind limit reply and the owner a notification', async () => {
    const { billing } = servicesOf(h.core);
    await putOn(plan('hundred', { conversationsPerMonth: 100 }));
    await expectOk(
      h.core,
      'notify.saveRule',
      {
        name: 'Plan limits',
        events: ['billing.usage_warning', 'billing.usage_limit'],
        minSeverity: 'SEV4',
        desktop: true,
        emails: [],
        webhookUrl: null,
        enabled: true,
      },
      owner.call,
    );
    const notified: Notification[] = [];
    h.core.events.subscribe(owner.token, (name: EventName, payload: unknown) => {
      if (name === 'notification') notified.push(payload as Notification);
    });
    const { agents } = await expectOk(h.core, 'agents.list', {}, owner.call);
    const live = agents.find((a) => a.status === 'active')!;
    const channel = await expectOk(
      h.core,
      'channels.save',
      { agentId: live.id, kind: 'web', name: 'Website chat', allowedOrigins: ['https://www.pedal.test/'] },
      owner.call,
    );
    // 98 conversations earlier this month, then the 99th and 100th through the door
    billing.usage.add(tenantId, 'conversations', 98);
    for (const text of ['Can you fix a flat tyre?', 'Do you sell helmets?']) {
      const answer = await h.core.publicDoor.send(channel.publicId, { text });
      expect(answer.ok).toBe(true);
    }
    expect(billing.usage.used(tenantId, 'conversations')).toBe(100);
    const over = await h.core.publicDoor.send(channel.publicId, {
      text: 'Hallo, kunnen jullie mijn fiets vandaag nog repareren?',
    });
    if (!over.ok) throw new Error(JSON.stringify(over.error));
    const replies = (over.data as { replies: { text: string }[] }).replies;
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(sayIn('nl', { key: 'conversations.plan_limit_reply' }));
    expect(replies[0]!.text).not.toMatch(/limit|quota|plan/i);
    // not counted past the limit; the owners heard of it
    expect(billing.usage.used(tenantId, 'conversations')).toBe(100);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(notified.some((n) => n.event === 'billing.usage_limit')).toBe(true);
    const usage = await expectOk(h.core, 'billing.usage', {}, owner.call);
    expect(usage.meters.find((m) => m.kind === 'conversations')).toMatchObject({
      used: 100,
      limit: 100,
      percent: 100,
    });
    expect(usage.highestPercent).toBe(100);
  });

  it('refuses inviting past the seats and knowledge past its MB; a downgrade says what to pause and deletes nothing', async () => {
    // two seats taken (the owner and the viewer)
    await putOn(plan('pair', { seats: 2, knowledgeMb: 0, liveAgents: 0 }));
    expect(await fail('users.invite', { email: 'third@pedal.test', role: 'viewer' })).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      reason: 'plan_limit',
      params: { kind: 'seats', limit: 2, used: 2 },
    });
    expect(await fail('knowledge.add', { title: 'Prices', body: 'A service costs 79 euro.' })).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      params: { kind: 'knowledgeMb', limit: 0 },
    });
    const { agents } = await expectOk(h.core, 'agents.list', {}, owner.call);
    const live = agents.filter((a) => a.status === 'active' && a.deployedVersion !== null);
    expect(live.length).toBeGreaterThan(0);
    const fit = await expectOk(h.core, 'billing.planFit', { planKey: 'pair' }, owner.call);
    expect(fit.fits).toBe(false);
    expect(fit.agentsToPause.map((a) => a.id).sort()).toEqual(live.map((a) => a.id).sort());
    expect(fit.over).toContainEqual({ kind: 'liveAgents', used: live.length, limit: 0 });
    // nothing was paused or deleted by asking
    const after = await expectOk(h.core, 'agents.list', {}, owner.call);
    expect(after.agents).toHaveLength(agents.length);
    expect(after.agents.filter((a) => a.status === 'active')).toHaveLength(live.length);
  });

  it('a capability the plan lacks is refused, naming the cheapest plan that has it', async () => {
    await expectOk(h.core, 'billing.assignPlan', { tenantId, planKey: 'starter' }, owner.call);
    const refused = await fail('apiKeys.create', { name: 'Shop sync', scopes: ['agents:read'] });
    // Pro is the cheapest plan on sale with the API (the built-in name is said by the UI: its key travels)
    expect(refused).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'plan_feature',
      params: { feature: 'api', plan: 'pro' },
    });
    const email = await fail('channels.save', {
      agentId: (await expectOk(h.core, 'agents.list', {}, owner.call)).agents[0]!.id,
      kind: 'email',
      name: 'Mail',
      emailSettings: null,
    });
    expect(email).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'plan_feature',
      params: { feature: 'channel_email' },
    });
  });

  it('the API rate limit per key comes from the plan, and REST calls need the API in the plan', async () => {
    await putOn(plan('metered', { apiRequestsPerMinute: 30 }));
    const { secret } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Sync', scopes: ['agents:read'] },
      owner.call,
    );
    const identity = h.core.guard.identify({ apiKey: secret, ip: '127.0.0.1' });
    expect(identity).toMatchObject({ kind: 'apiKey', rateLimitPerMinute: 30 });
    const ok = await h.core.dispatch(
      'agents.list',
      {},
      { transport: 'http', origin: 'rest', apiKey: secret, identity },
    );
    expect(ok.ok).toBe(true);
    await expectOk(h.core, 'billing.assignPlan', { tenantId, planKey: 'starter' }, owner.call);
    const refused = await h.core.dispatch(
      'agents.list',
      {},
      { transport: 'http', origin: 'rest', apiKey: secret },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'plan_feature' } });
    await expectOk(h.core, 'billing.assignPlan', { tenantId, planKey: 'own_use' }, owner.call);
  });
});
