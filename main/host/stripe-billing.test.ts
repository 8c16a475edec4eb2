import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, startPublicHost, type RunningHost } from './server';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../core/testing/harness';
import { FakeStripe, type FakeStripeEvent } from '../core/testing/fake-stripe';
import { servicesOf } from '../core/testing/services';
const stripeApiUrlVariable = 'MINDFRAME_STRIPE_API_URL';

/**
 * Billing through Stripe, end to end (issue 16): the real core on real SQLite, the real `stripe` SDK
 * against a local server that speaks Stripe's wire format, and the real served host for webhooks.
 */

const secretKey = 'rk_test_mindframe1234';
const webhookSecret = 'whsec_testsigningsecret0001';
const dayMs = 86_400_000;

let h: Harness;
let fake: FakeStripe;
let host: RunningHost;
let admin: SignedIn;
let owner: SignedIn;
let tenantB: string;

async function call<T = unknown>(method: string, input: unknown, who: SignedIn): Promise<T> {
  return (await expectOk(h.core, method as never, input, who.call)) as T;
}

async function refusal(method: string, input: unknown, who: SignedIn) {
  const result = await h.core.dispatch(method, input, who.call);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
}

/** Delivers events to the served host's webhook as Stripe would (signed with the endpoint's secret). */
async function deliver(events: FakeStripeEvent[], secret = webhookSecret): Promise<number[]> {
  const statuses: number[] = [];
  for (const event of events) {
    const { payload, headers } = fake.signedWebhook(event, secret);
    const response = await fetch(`${host.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers,
      body: payload,
    });
    statuses.push(response.status);
  }
  return statuses;
}

function billingState(tenantId: string) {
  const sqlite = servicesOf(h.core).sqlite;
  return {
    plan: sqlite.prepare('SELECT plan FROM tenants WHERE id = ?').get(tenantId),
    subscription: sqlite.prepare('SELECT * FROM billing_subscriptions WHERE tenant_id = ?').get(tenantId),
    invoices: sqlite.prepare('SELECT * FROM billing_invoices WHERE tenant_id = ? ORDER BY id').all(tenantId),
    changes: sqlite
      .prepare(
        'SELECT kind, from_plan, to_plan, mrr_before, mrr_after, source FROM billing_changes WHERE tenant_id = ? ORDER BY at, id',
      )
      .all(tenantId),
  };
}

const entitlementsOf = (tenantId: string) => servicesOf(h.core).billing.entitlements.resolve(tenantId);

async function connect(extra: Record<string, unknown> = {}) {
  return call<{
    stripe: { connected: boolean; testMode: boolean; keyHint: string | null; accountName: string | null };
  }>('billing.saveSettings', { enabled: true, secretKey, webhookSecret, graceDays: 7, ...extra }, admin);
}

/** The tenant owner buys a plan in Checkout; returns the events Stripe made (not yet delivered). */
async function buy(planKey: string, interval: 'month' | 'year' = 'month') {
  const { url } = await call<{ url: string }>('billing.checkout', { planKey, interval }, owner);
  const sessionId = url.split('/').pop()!;
  return { url, sessionId, events: fake.completeCheckout(sessionId) };
}

beforeEach(async () => {
  h = createHarness();
  fake = new FakeStripe({ now: () => h.clock.now(), accountName: 'Sykkelverksted Nord' });
  await fake.start();
  process.env[stripeApiUrlVariable] = fake.url;
  host = await startHost(h.core, { port: 0 });
  h.core.setAppOrigin(host.url);
  admin = await setupOwner(h.core, 'Platform Co', 'admin@platform.test');
  const created = await call<{ id: string }>('tenants.create', { name: 'Beta Bakery' }, admin);
  tenantB = created.id;
  const inB = await call<unknown>('tenants.switch', { tenantId: tenantB }, admin);
  expect(inB).toBeTruthy();
  // the platform admin stays in Beta Bakery (platform methods work from any organisation)
  owner = await inviteAndAccept(h.core, admin, 'owner@beta.test', 'owner');
});

afterEach(async () => {
  delete process.env[stripeApiUrlVariable];
  await host.close();
  await fake.stop();
  h.close();
});

describe('connecting Stripe', () => {
  it('tests a new key before keeping it, shows test mode and never keeps or audits a secret', async () => {
    const bad = await refusal('billing.saveSettings', { secretKey: 'rk_test_badkey123456' }, admin);
    expect(bad).toMatchObject({ code: 'CONFLICT', reason: 'stripe_key_invalid' });
    const notAKey = await refusal('billing.saveSettings', { secretKey: 'pk_test_123' }, admin);
    expect(notAKey).toMatchObject({ code: 'VALIDATION', reason: 'stripe_key_invalid' });
    expect(
      (await call<{ stripe: { connected: boolean } }>('billing.settings', {}, admin)).stripe.connected,
    ).toBe(false);
    const badSecret = await refusal('billing.saveSettings', { webhookSecret: 'nope' }, admin);
    expect(badSecret).toMatchObject({ reason: 'stripe_webhook_secret_invalid' });
    const badUrl = await refusal('billing.saveSettings', { apiUrl: 'ftp://example.com' }, admin);
    expect(badUrl).toMatchObject({ reason: 'stripe_api_url_invalid' });

    const saved = await connect();
    expect(saved.stripe).toMatchObject({
      connected: true,
      testMode: true,
      keyHint: 'rk_test_…1234',
      accountName: 'Sykkelverksted Nord',
      webhookSecretSet: true,
      apiUrl: fake.url,
    });
    const audit = await call<{ entries: unknown[] }>('audit.list', { action: 'billing.saveSettings' }, admin);
    expect(audit.entries).toHaveLength(1);
    const text = JSON.stringify(audit.entries);
    expect(text).not.toContain(secretKey);
    expect(text).not.toContain(webhookSecret);
    expect(text).toContain('rk_test_…1234');

    // '' disconnects
    const off = await call<{
      stripe: { connected: boolean; keyHint: string | null; webhookSecretSet: boolean };
    }>('billing.saveSettings', { secretKey: '', webhookSecret: '' }, admin);
    expect(off.stripe).toMatchObject({ connected: false, keyHint: null, webhookSecretSet: false });
    expect(await refusal('billing.syncPlans', {}, admin)).toMatchObject({ reason: 'stripe_not_connected' });
  });

  it('makes each sold plan a Product with monthly and yearly Prices, links them again, and replaces a changed price', async () => {
    await connect();
    const first = await call<{ created: number; linked: number; updated: number }>(
      'billing.syncPlans',
      {},
      admin,
    );
    // starter, pro, enterprise: a product and two prices each; the two billing meters
    expect(first.created).toBe(11);
    expect(fake.products.size).toBe(3);
    expect([...fake.meters.values()].map((m) => m['event_name']).sort()).toEqual([
      'mindframe_conversations',
      'mindframe_tokens',
    ]);
    const prices = [...fake.prices.values()];
    expect(prices.map((p) => p['lookup_key']).sort()).toEqual([
      'mindframe_enterprise_month',
      'mindframe_enterprise_year',
      'mindframe_pro_month',
      'mindframe_pro_year',
      'mindframe_starter_month',
      'mindframe_starter_year',
    ]);
    const starter = servicesOf(h.core).billing.catalogue.get('starter')!;
    expect(fake.prices.get(starter.stripe.priceMonthlyId!)).toMatchObject({
      unit_amount: 2900,
      currency: 'eur',
    });

    const again = await call('billing.syncPlans', {}, admin);
    expect(again).toEqual({ created: 0, linked: 0, updated: 0 });

    // a fresh installation against the same account links what is there
    servicesOf(h.core)
      .sqlite.prepare(
        'UPDATE plans SET stripe_product_id = NULL, stripe_price_monthly_id = NULL, stripe_price_yearly_id = NULL',
      )
      .run();
    const relinked = await call<{ created: number; linked: number }>('billing.syncPlans', {}, admin);
    expect(relinked.created).toBe(0);
    expect(relinked.linked).toBeGreaterThanOrEqual(3);
    expect(fake.products.size).toBe(3);

    // prices cannot change in Stripe: a new one takes the lookup key, the old one is deactivated
    const catalogue = servicesOf(h.core).billing.catalogue;
    const pro = catalogue.get('pro')!;
    catalogue.save({
      key: 'pro',
      name: 'Pro',
      description: pro.description,
      priceMonthly: 10900,
      priceYearly: pro.priceYearly,
      entitlements: pro.entitlements,
    });
    const changed = await call<{ updated: number }>('billing.syncPlans', {}, admin);
    expect(changed.updated).toBeGreaterThanOrEqual(1);
    const newPro = catalogue.get('pro')!;
    expect(newPro.stripe.priceMonthlyId).not.toBe(pro.stripe.priceMonthlyId);
    expect(fake.prices.get(pro.stripe.priceMonthlyId!)).toMatchObject({ active: false, lookup_key: null });
    expect(fake.prices.get(newPro.stripe.priceMonthlyId!)).toMatchObject({
      active: true,
      unit_amount: 10900,
      lookup_key: 'mindframe_pro_month',
    });
    expect(fake.products.get(newPro.stripe.productId!)).toMatchObject({ name: 'Pro' });
    const audit = await call<{ entries: unknown[] }>('audit.list', { action: 'billing.syncPlans' }, admin);
    expect(audit.entries.length).toBe(4);
  });
});

describe('buying a plan', () => {
  beforeEach(async () => {
    await connect();
    await call('billing.syncPlans', {}, admin);
  });

  it('upgrades through Checkout; webhooks in the wrong order change the entitlements once; a replay changes nothing', async () => {
    expect(entitlementsOf(tenantB).planKey).toBe('own_use');
    const { url, sessionId, events } = await buy('starter');
    expect(url).toBe(`${fake.url}/c/pay/${sessionId}`);
    const session = fake.sessions.get(sessionId)!;
    expect(session['mode']).toBe('subscription');
    expect(session['client_reference_id']).toBe(tenantB);
    expect(session['success_url']).toBe(`${host.url}/#/billing/success?session_id=${sessionId}`);
    expect(session['cancel_url']).toBe(`${host.url}/#/billing/cancelled`);
    const customer = fake.customers.get(String(session['customer']))!;
    expect(customer['metadata']).toEqual({ tenant_id: tenantB });
    // nothing changes before Stripe says so
    expect(entitlementsOf(tenantB).planKey).toBe('own_use');

    // the customer moves to Pro in Stripe's portal before any event arrived
    const subscriptionId = String(fake.sessions.get(sessionId)!['subscription']);
    const stripe = new Stripe(secretKey, {
      host: '127.0.0.1',
      port: fake.url.split(':').pop()!,
      protocol: 'http',
    });
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    const proPrice = servicesOf(h.core).billing.catalogue.get('pro')!.stripe.priceMonthlyId!;
    await stripe.subscriptions.update(subscriptionId, {
      items: [{ id: subscription.items.data[0]!.id, price: proPrice }],
    });
    const updated = fake.events.filter((e) => e.type === 'customer.subscription.updated');
    const completed = events.find((e) => e.type === 'checkout.session.completed')!;

    // customer.subscription.updated first, checkout.session.completed after it, then the rest
    expect(await deliver(updated)).toEqual([200]);
    expect(entitlementsOf(tenantB).planKey).toBe('pro');
    expect(await deliver([completed])).toEqual([200]);
    expect(await deliver(events.filter((e) => e !== completed))).toEqual([200, 200, 200]);

    const pro = servicesOf(h.core).billing.catalogue.get('pro')!;
    const resolved = entitlementsOf(tenantB);
    expect(resolved).toMatchObject({ planKey: 'pro', effectivePlanKey: 'pro' });
    expect(resolved.entitlements).toEqual(pro.entitlements);
    const state = billingState(tenantB);
    expect(state.changes).toEqual([
      { kind: 'new', from_plan: 'own_use', to_plan: 'pro', mrr_before: 0, mrr_after: 9900, source: 'stripe' },
    ]);
    expect(state.subscription).toMatchObject({
      status: 'active',
      plan_key: 'pro',
      interval: 'month',
      mrr: 9900,
    });
    expect(state.invoices).toHaveLength(1);

    const sub = await call<{ planKey: string; status: string; paidThrough: number | null }>(
      'billing.subscription',
      {},
      owner,
    ).catch(() => null);
    if (sub) expect(sub).toMatchObject({ planKey: 'pro', status: 'active' });
    const invoices = await call<{ items: { status: string; total: number; hostedInvoiceUrl: string }[] }>(
      'billing.invoices',
      {},
      owner,
    );
    expect(invoices.items).toEqual([expect.objectContaining({ status: 'paid', total: 2900 })]);
    const customers = await call<{
      items: { tenantId: string; mrr: number; planKey: string; nextInvoiceAt: number | null }[];
      totalMrr: number;
    }>('billing.customers', {}, admin);
    expect(customers.totalMrr).toBe(9900);
    expect(customers.items.find((c) => c.tenantId === tenantB)).toMatchObject({
      planKey: 'pro',
      mrr: 9900,
      status: 'active',
    });

    // replaying every event changes nothing
    const before = billingState(tenantB);
    expect(await deliver(fake.events)).toEqual(fake.events.map(() => 200));
    expect(billingState(tenantB)).toEqual(before);
    const outcomes = servicesOf(h.core).sqlite.prepare('SELECT COUNT(*) AS n FROM stripe_events').get() as {
      n: number;
    };
    expect(outcomes.n).toBe(fake.events.length);
  });

  it("changes the plan of a running subscription in place with the admin's proration, and a downgrade waits for the period end", async () => {
    await connect({ proration: 'always_invoice', downgradeTiming: 'period_end' });
    const bought = await buy('pro');
    await deliver(bought.events);
    expect(entitlementsOf(tenantB).planKey).toBe('pro');

    // upgrade: the subscription's price changes at once (no new Checkout)
    const sessions = fake.sessions.size;
    const { url } = await call<{ url: string }>(
      'billing.checkout',
      { planKey: 'enterprise', interval: 'month' },
      owner,
    );
    expect(url).toContain('/#/billing/success');
    expect(fake.sessions.size).toBe(sessions);
    const subscription = [...fake.subscriptions.values()][0]!;
    expect(subscription['_last_proration']).toBe('always_invoice');
    await deliver(fake.events.filter((e) => e.type === 'customer.subscription.updated'));
    expect(entitlementsOf(tenantB).planKey).toBe('enterprise');
    expect(billingState(tenantB).changes.map((c) => (c as { kind: string }).kind)).toEqual([
      'new',
      'upgrade',
    ]);

    // the same plan again is refused; a downgrade is scheduled for the period's end
    expect(
      await refusal('billing.checkout', { planKey: 'enterprise', interval: 'month' }, owner),
    ).toMatchObject({
      reason: 'plan_unchanged',
    });
    const seen = fake.events.length;
    await call('billing.checkout', { planKey: 'starter', interval: 'month' }, owner);
    expect(fake.events.length).toBe(seen); // nothing changed yet
    expect(entitlementsOf(tenantB).planKey).toBe('enterprise');
    const audit = await call<{ entries: unknown[] }>('audit.list', { action: 'billing.checkout' }, owner);
    expect(audit.entries.length).toBe(3);
    const periodEnd = Number(
      (subscription['items'] as { data: { current_period_end: number }[] }).data[0]!.current_period_end,
    );
    h.clock.set(periodEnd * 1000);
    await deliver(fake.renew(String(subscription['id']), { paid: true }));
    expect(entitlementsOf(tenantB).planKey).toBe('starter');
    expect(billingState(tenantB).changes.map((c) => (c as { kind: string }).kind)).toEqual([
      'new',
      'upgrade',
      'downgrade',
    ]);
  });

  it('cancels at the period end (and takes it back), opens the portal, and falls back when the subscription ends', async () => {
    await call('billing.saveSettings', { fallbackPlan: 'own_use' }, admin);
    expect(await refusal('billing.portal', {}, owner)).toMatchObject({ reason: 'no_subscription' });
    const bought = await buy('starter', 'year');
    await deliver(bought.events);
    expect(billingState(tenantB).subscription).toMatchObject({
      interval: 'year',
      mrr: Math.round(29000 / 12),
    });
    const portal = await call<{ url: string }>('billing.portal', {}, owner);
    expect(portal.url.startsWith(fake.url)).toBe(true);
    expect([...fake.portalSessions.values()][0]).toMatchObject({ return_url: `${host.url}/#/billing` });

    const cancelled = await call<{ cancelAtPeriodEnd: boolean; planKey: string }>(
      'billing.cancel',
      { atPeriodEnd: true },
      owner,
    );
    expect(cancelled).toMatchObject({ cancelAtPeriodEnd: true, planKey: 'starter' });
    const back = await call<{ cancelAtPeriodEnd: boolean }>('billing.cancel', { atPeriodEnd: false }, owner);
    expect(back.cancelAtPeriodEnd).toBe(false);
    await call('billing.cancel', { atPeriodEnd: true }, owner);
    const audit = await call<{ entries: { action: string }[] }>('audit.list', {}, owner);
    const actions = audit.entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'billing.cancel')).toHaveLength(3);
    expect(actions).toContain('billing.portal');
    const subscription = [...fake.subscriptions.values()][0]!;
    const end = Number(
      (subscription['items'] as { data: { current_period_end: number }[] }).data[0]!.current_period_end,
    );
    h.clock.set(end * 1000);
    await deliver(fake.renew(String(subscription['id']), { paid: true }));
    expect(entitlementsOf(tenantB).planKey).toBe('own_use');
    expect(billingState(tenantB).changes.map((c) => (c as { kind: string }).kind)).toEqual(['new', 'churn']);
  });
});

describe('whose event it is', () => {
  beforeEach(async () => {
    await connect();
    await call('billing.syncPlans', {}, admin);
  });

  it('acts only for the organisation whose stored Stripe customer it is, whatever a tenant id in the event says', async () => {
    const tenantA = admin.me.tenants.find((t) => t.id !== tenantB)!.id;
    const stripe = new Stripe(secretKey, {
      host: '127.0.0.1',
      port: fake.url.split(':').pop()!,
      protocol: 'http',
    });
    const price = servicesOf(h.core).billing.catalogue.get('enterprise')!.stripe.priceMonthlyId!;
    // a customer made in Stripe's dashboard that claims to be organisation A
    const stranger = await stripe.customers.create({ name: 'Stranger', metadata: { tenant_id: tenantA } });
    const foreign = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: stranger.id,
      client_reference_id: tenantA,
      line_items: [{ price, quantity: 1 }],
      success_url: 'https://example.test/ok',
      subscription_data: { metadata: { tenant_id: tenantA } },
    });
    expect(await deliver(fake.completeCheckout(foreign.id))).toEqual([200, 200, 200, 200]);
    expect(entitlementsOf(tenantA).planKey).toBe('own_use');
    // organisation B's customer paying a session that names organisation A
    await call('billing.checkout', { planKey: 'starter', interval: 'month' }, owner);
    const customerB = String([...fake.sessions.values()].at(-1)!['customer']);
    const named = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customerB,
      client_reference_id: tenantA,
      line_items: [{ price, quantity: 1 }],
      success_url: 'https://example.test/ok',
      subscription_data: { metadata: { tenant_id: tenantA } },
    });
    await deliver(fake.completeCheckout(named.id));
    expect(entitlementsOf(tenantA).planKey).toBe('own_use');
    expect(entitlementsOf(tenantB).planKey).toBe('own_use');
    const outcomes = servicesOf(h.core)
      .sqlite.prepare('SELECT outcome, COUNT(*) AS n FROM stripe_events GROUP BY outcome ORDER BY outcome')
      .all();
    expect(outcomes).toEqual([{ outcome: 'ignored', n: 8 }]);
  });
});

describe('webhook signatures', () => {
  beforeEach(async () => {
    await connect();
    await call('billing.syncPlans', {}, admin);
  });

  it('answers 400 without detail and records a security event for a bad or missing signature', async () => {
    const { events } = await buy('starter');
    const event = events[0]!;
    const { payload, headers } = fake.signedWebhook(event, 'whsec_someoneelsessecret');
    const forged = await fetch(`${host.url}/api/webhooks/stripe`, { method: 'POST', headers, body: payload });
    expect(forged.status).toBe(400);
    expect(await forged.text()).not.toContain('signature');
    const unsigned = await fetch(`${host.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
    });
    expect(unsigned.status).toBe(400);
    // signed right but too old (past Stripe's 300 s tolerance)
    const stale = fake.signedWebhook(event, webhookSecret, Math.floor(h.clock.now() / 1000) - 301);
    const old = await fetch(`${host.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: stale.headers,
      body: stale.payload,
    });
    expect(old.status).toBe(400);
    // a body changed after signing
    const signed = fake.signedWebhook(event, webhookSecret);
    const tampered = await fetch(`${host.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.payload.replace(event.id, `${event.id}x`),
    });
    expect(tampered.status).toBe(400);

    const security = await call<{ events: { kind: string }[] }>('security.events', {}, admin);
    expect(security.events.some((e) => e.kind === 'webhook_signature_invalid')).toBe(true);
    const stored = servicesOf(h.core).sqlite.prepare('SELECT COUNT(*) AS n FROM stripe_events').get() as {
      n: number;
    };
    expect(stored.n).toBe(0);
    expect(entitlementsOf(tenantB).planKey).toBe('own_use');

    // the public listener (serve --public-port) takes Stripe's deliveries too
    const publicHost = await startPublicHost(h.core, { port: 0 });
    try {
      const good = fake.signedWebhook(event, webhookSecret);
      const response = await fetch(`${publicHost.url}/api/webhooks/stripe`, {
        method: 'POST',
        headers: good.headers,
        body: good.payload,
      });
      expect(response.status).toBe(200);
    } finally {
      await publicHost.close();
    }

    // without a signing secret every delivery is refused
    await call('billing.saveSettings', { webhookSecret: '' }, admin);
    expect(await deliver([event])).toEqual([400]);
  });
});

describe('dunning', () => {
  it('keeps a past-due plan until paid-through plus grace, then the fallback plan; paying restores it', async () => {
    const catalogue = servicesOf(h.core).billing.catalogue;
    const starter = catalogue.get('starter')!;
    catalogue.save({
      key: 'basic_free',
      name: 'Free',
      description: '',
      priceMonthly: 0,
      priceYearly: 0,
      entitlements: { ...starter.entitlements, limits: { ...starter.entitlements.limits, liveAgents: 0 } },
    });
    await connect({ fallbackPlan: 'basic_free', graceDays: 7 });
    await call('billing.syncPlans', {}, admin);
    const bought = await buy('starter');
    await deliver(bought.events);
    const subscription = [...fake.subscriptions.values()][0]!;
    const end =
      Number(
        (subscription['items'] as { data: { current_period_end: number }[] }).data[0]!.current_period_end,
      ) * 1000;

    // the renewal's payment fails
    h.clock.set(end);
    const failed = fake.renew(String(subscription['id']), { paid: false });
    await deliver(failed);
    expect(billingState(tenantB).subscription).toMatchObject({ status: 'past_due', paid_through: end });
    expect(entitlementsOf(tenantB)).toMatchObject({
      planKey: 'starter',
      effectivePlanKey: 'starter',
      graceUntil: end + 7 * dayMs,
    });

    h.clock.set(end + 7 * dayMs - 60_000);
    expect(entitlementsOf(tenantB).effectivePlanKey).toBe('starter');
    h.clock.set(end + 7 * dayMs + 60_000);
    expect(entitlementsOf(tenantB)).toMatchObject({ planKey: 'starter', effectivePlanKey: 'basic_free' });
    expect(entitlementsOf(tenantB).entitlements.limits.liveAgents).toBe(0);

    // paid at last: the plan is in force again
    const open = [...fake.invoices.values()].find((i) => i['status'] === 'open')!;
    await deliver(fake.payInvoice(String(open['id'])));
    expect(entitlementsOf(tenantB).effectivePlanKey).toBe('starter');
    expect(billingState(tenantB).changes.map((c) => (c as { kind: string }).kind)).toEqual([
      'new',
      'past_due',
      'recovered',
    ]);
  });
});

describe('polling', () => {
  it('reads the same events from Stripe through the same handler, keeps the last state offline, and reports metered usage', async () => {
    await connect({ webhookSecret: '' });
    await call('billing.syncPlans', {}, admin);
    await buy('pro');
    h.clock.advance(5_000);
    const polled = await call<{ received: number; applied: number }>('billing.syncNow', {}, admin);
    expect(polled.received).toBe(fake.events.length);
    expect(polled.applied).toBeGreaterThanOrEqual(1);
    expect(entitlementsOf(tenantB).planKey).toBe('pro');
    const state = billingState(tenantB);
    const again = await call<{ received: number; applied: number }>('billing.syncNow', {}, admin);
    expect(again.applied).toBe(0);
    expect(billingState(tenantB)).toEqual(state);

    // the schedule: every pollSeconds on a desktop; a slower safety net beside a webhook endpoint
    const billing = servicesOf(h.core).billing;
    // a customer went to Checkout a moment ago: Stripe is asked every 10 s for half an hour
    expect(billing.stripe.pollIntervalMs()).toBe(10_000);
    h.clock.advance(31 * 60_000);
    expect(billing.stripe.pollIntervalMs()).toBe(300_000);
    await call('billing.saveSettings', { webhookSecret }, admin);
    expect(billing.stripe.pollIntervalMs()).toBe(1_800_000);

    // metered usage: the counted deltas go to Stripe's billing meters once
    const usage = servicesOf(h.core).billing.usage;
    usage.add(tenantB, 'conversations', 3);
    usage.add(tenantB, 'tokens', 1200);
    await call('billing.syncNow', {}, admin);
    expect(fake.meterEvents.map((e) => [e['event_name'], (e['payload'] as { value: string }).value])).toEqual(
      [
        ['mindframe_conversations', '3'],
        ['mindframe_tokens', '1200'],
      ],
    );
    usage.add(tenantB, 'conversations', 2);
    await call('billing.syncNow', {}, admin);
    await call('billing.syncNow', {}, admin);
    expect(fake.meterEvents.map((e) => (e['payload'] as { value: string }).value)).toEqual([
      '3',
      '1200',
      '2',
    ]);

    // Stripe unreachable: nothing changes, the reason is said
    fake.down = true;
    const offline = await call<{ received: number }>('billing.syncNow', {}, admin);
    expect(offline.received).toBe(0);
    const settings = await call<{ stripe: { lastErrorReason: string | null } }>(
      'billing.settings',
      {},
      admin,
    );
    expect(settings.stripe.lastErrorReason).toBe('stripe_unreachable');
    expect(entitlementsOf(tenantB).planKey).toBe('pro');
    expect(await refusal('billing.portal', {}, owner)).toMatchObject({
      code: 'UNAVAILABLE',
      reason: 'stripe_unreachable',
    });
    fake.down = false;
    await call('billing.syncNow', {}, admin);
    expect(
      (await call<{ stripe: { lastErrorReason: string | null } }>('billing.settings', {}, admin)).stripe
        .lastErrorReason,
    ).toBeNull();
  });
});
