import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoInstallation, createCore, databaseFileName, DemoFolderNotEmptyError } from '../core';

const parent = mkdtempSync(join(tmpdir(), 'mindframe-demo-test-'));
const password = 'a long enough demo password';

interface Built {
  counts: Record<string, number>;
  db: Database.Database;
  dataDir: string;
  email: string;
}

async function build(name: string, seed: number, days = 30): Promise<Built> {
  const dataDir = join(parent, name);
  const demo = await buildDemoInstallation({ dataDir, seed, days, password });
  return {
    counts: demo.counts,
    db: new Database(join(dataDir, databaseFileName), { readonly: true }),
    dataDir,
    email: demo.email,
  };
}

const firstCustomerText = (db: Database.Database) =>
  (
    db
      .prepare(
        `SELECT m.text FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.role = 'customer' ORDER BY c.created_at, m.created_at, m.rowid LIMIT 1`,
      )
      .get() as { text: string }
  ).text;

let a: Built;
let again: Built;
let other: Built;

beforeAll(async () => {
  a = await build('a', 1);
  again = await build('again', 1);
  // long enough for every billing story (the past-due customer joins after 55 days)
  other = await build('other', 2, 120);
}, 300_000);
afterAll(() => {
  for (const b of [a, again, other]) b?.db.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('mindframe demo', () => {
  it('makes the same installation for the same seed, and another for another seed', () => {
    expect(again.counts).toEqual(a.counts);
    expect(firstCustomerText(again.db)).toBe(firstCustomerText(a.db));
    expect(other.counts).not.toEqual(a.counts);
  });

  it('makes what a prospect expects: organisations on plans, members, agents, conversations in three languages', () => {
    const { db } = a;
    const plans = db.prepare('SELECT plan FROM tenants').all() as { plan: string }[];
    // a platform with 3–5 customer organisations (issue 15): four at work and a seasonal customer only
    // the billing history tells of
    expect(plans.length).toBeGreaterThanOrEqual(3);
    expect(plans.length).toBeLessThanOrEqual(5);
    expect(plans.length).toBe(5);
    expect(new Set(plans.map((p) => p.plan))).toEqual(new Set(['starter', 'pro', 'enterprise']));
    const roles = db.prepare('SELECT DISTINCT role FROM memberships').all() as { role: string }[];
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(['owner', 'admin', 'operator', 'viewer']));
    const main = db.prepare("SELECT id FROM tenants WHERE name = 'Sykkelverksted Nord'").get() as {
      id: string;
    };
    const live = db
      .prepare(
        "SELECT count(*) AS n FROM agents WHERE tenant_id = ? AND status = 'active' AND template_id IS NOT NULL",
      )
      .get(main.id) as { n: number };
    expect(live.n).toBeGreaterThanOrEqual(5);
    const languages = db
      .prepare('SELECT DISTINCT language FROM conversations WHERE tenant_id = ?')
      .all(main.id) as { language: string }[];
    expect(new Set(languages.map((l) => l.language))).toEqual(new Set(['en', 'nl', 'nb']));
    // 30 days here; the default 180 days makes several thousand
    expect(a.counts.conversations).toBeGreaterThan(700);
    expect(a.counts.tickets).toBeGreaterThan(20);
    const breached = db
      .prepare('SELECT count(*) AS n FROM tickets WHERE first_response_breached_at IS NOT NULL')
      .get() as { n: number };
    expect(breached.n).toBeGreaterThan(0);
    const rated = db.prepare("SELECT count(*) AS n FROM conversations WHERE rating = 'up'").get() as {
      n: number;
    };
    expect(rated.n).toBeGreaterThan(0);
    const costs = db.prepare('SELECT sum(cost_micros) AS c FROM agent_runs').get() as { c: number };
    expect(costs.c).toBeGreaterThan(0);
    const postmortems = db
      .prepare('SELECT count(*) AS n FROM incidents WHERE postmortem IS NOT NULL')
      .get() as {
      n: number;
    };
    expect(postmortems.n).toBeGreaterThanOrEqual(1);
    const rolledBack = db
      .prepare("SELECT count(*) AS n FROM guardian_actions WHERE status = 'rolled_back'")
      .get() as { n: number };
    expect(rolledBack.n).toBe(1);
  });

  it("keeps each organisation's demo data in its own tenant", () => {
    const { db } = a;
    const crossed = db
      .prepare(
        `SELECT
           (SELECT count(*) FROM conversations c JOIN agents g ON g.id = c.agent_id WHERE g.tenant_id <> c.tenant_id) +
           (SELECT count(*) FROM conversations c JOIN channels h ON h.id = c.channel_id WHERE h.tenant_id <> c.tenant_id) +
           (SELECT count(*) FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.tenant_id <> m.tenant_id) +
           (SELECT count(*) FROM agent_runs r JOIN agents g ON g.id = r.agent_id WHERE g.tenant_id <> r.tenant_id) +
           (SELECT count(*) FROM run_steps s JOIN agent_runs r ON r.id = s.run_id WHERE r.tenant_id <> s.tenant_id) +
           (SELECT count(*) FROM tickets t JOIN conversations c ON c.id = t.conversation_id WHERE c.tenant_id <> t.tenant_id) +
           (SELECT count(*) FROM tickets t JOIN memberships m ON m.user_id = t.assignee_id AND m.tenant_id = t.tenant_id
             WHERE t.assignee_id IS NOT NULL AND m.user_id IS NULL) AS n`,
      )
      .get() as { n: number };
    expect(crossed.n).toBe(0);
    const perTenant = db
      .prepare('SELECT tenant_id, count(*) AS n FROM conversations GROUP BY tenant_id')
      .all() as { n: number }[];
    expect(perTenant.length).toBe(4);
  });

  it('is put back as it was built by its owner (demo.reset), and stays a demo', async () => {
    const core = createCore({ dataDir: other.dataDir, secrets: 'file' });
    try {
      const login = await core.dispatch(
        'auth.login',
        { email: other.email, password },
        { transport: 'internal', ip: '127.0.0.1' },
      );
      if (!login.ok || login.sessionChange?.type !== 'set') throw new Error(JSON.stringify(login));
      const call = { transport: 'internal' as const, sessionToken: login.sessionChange.token };
      const agents = async () => {
        const answer = await core.dispatch('agents.list', {}, call);
        if (!answer.ok) throw new Error(JSON.stringify(answer));
        return (answer.data as { agents: { name: string }[] }).agents.map((agent) => agent.name).sort();
      };
      const built = await agents();
      const made = await core.dispatch('agents.create', { name: 'Made while exploring' }, call);
      expect(made.ok).toBe(true);
      expect(await agents()).toContain('Made while exploring');
      const reset = await core.dispatch('demo.reset', {}, call);
      expect(reset).toMatchObject({ ok: true, data: { seed: 2, days: 120 } });
      const again = await core.dispatch(
        'auth.login',
        { email: other.email, password },
        { transport: 'internal', ip: '127.0.0.1' },
      );
      if (!again.ok || again.sessionChange?.type !== 'set') throw new Error(JSON.stringify(again));
      call.sessionToken = again.sessionChange.token;
      expect(await agents()).toEqual(built);
      const status = await core.dispatch('setup.status', {}, { transport: 'internal' });
      expect(status).toMatchObject({ ok: true, data: { demo: true } });
    } finally {
      core.stop();
    }
  }, 60_000);

  it('sells plans: billing on in NOK, customers with MRR, the main organisation paying monthly with paid invoices', () => {
    for (const { db } of [a, other]) {
      const settings = JSON.parse(
        (db.prepare("SELECT value FROM app_meta WHERE key = 'billing.settings'").get() as { value: string })
          .value,
      ) as { enabled: boolean; currency: string; defaultPlan: string; fallbackPlan: string };
      expect(settings).toMatchObject({
        enabled: true,
        currency: 'NOK',
        defaultPlan: 'starter',
        fallbackPlan: 'starter',
      });
      const subscriptions = db
        .prepare(
          `SELECT t.name, t.plan, s.plan_key, s.status, s.interval, s.mrr, s.stripe_customer_id, s.stripe_subscription_id
             FROM billing_subscriptions s JOIN tenants t ON t.id = s.tenant_id`,
        )
        .all() as {
        name: string;
        plan: string;
        plan_key: string;
        status: string;
        interval: string;
        mrr: number;
        stripe_customer_id: string;
        stripe_subscription_id: string;
      }[];
      // every organisation is a customer
      expect(subscriptions).toHaveLength(5);
      for (const s of subscriptions) {
        expect(s.stripe_customer_id).toMatch(/^cus_demo/);
        expect(s.stripe_subscription_id).toMatch(/^sub_demo/);
        // the organisation's plan is its subscription's, or the fallback plan once it cancelled
        expect(s.plan).toBe(s.status === 'canceled' ? 'starter' : s.plan_key);
        // Stripe's MRR: the monthly price, a twelfth of the yearly one, nothing once cancelled
        const price = db
          .prepare('SELECT price_monthly AS m, price_yearly AS y FROM plans WHERE key = ?')
          .get(s.plan_key) as { m: number; y: number };
        expect(s.mrr).toBe(
          s.status === 'canceled' ? 0 : s.interval === 'month' ? price.m : Math.round(price.y / 12),
        );
      }
      // all paying, but the seasonal customer while it is away for the winter
      expect(subscriptions.filter((s) => s.mrr > 0).length).toBeGreaterThanOrEqual(4);
      expect(new Set(subscriptions.map((s) => s.interval))).toEqual(new Set(['month', 'year']));
      const main = subscriptions.find((s) => s.name === 'Sykkelverksted Nord')!;
      expect(main).toMatchObject({ plan: 'enterprise', status: 'active', interval: 'month' });
      const invoices = db
        .prepare(
          `SELECT i.status, i.total, i.amount_paid, i.currency FROM billing_invoices i JOIN tenants t ON t.id = i.tenant_id
            WHERE t.name = 'Sykkelverksted Nord'`,
        )
        .all() as { status: string; total: number; amount_paid: number; currency: string }[];
      expect(invoices.length).toBeGreaterThanOrEqual(1);
      for (const i of invoices)
        expect(i).toMatchObject({ status: 'paid', currency: 'nok', amount_paid: i.total });
      const kinds = db.prepare("SELECT DISTINCT kind FROM billing_changes WHERE source = 'demo'").all() as {
        kind: string;
      }[];
      expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['new', 'upgrade', 'churn']));
    }
  });

  it('tells a year of a business: a downgrade, churn and a comeback, a past-due customer in its grace, one customer near its limit', () => {
    const { db } = other;
    const kinds = db.prepare("SELECT DISTINCT kind FROM billing_changes WHERE source = 'demo'").all() as {
      kind: string;
    }[];
    expect(new Set(kinds.map((k) => k.kind))).toEqual(
      new Set(['new', 'upgrade', 'downgrade', 'churn', 'reactivation', 'past_due']),
    );
    // monthly invoices for the main organisation, one per period since it subscribed
    const mainInvoices = db
      .prepare(
        `SELECT count(*) AS n FROM billing_invoices i JOIN tenants t ON t.id = i.tenant_id
          WHERE t.name = 'Sykkelverksted Nord' AND i.status = 'paid'`,
      )
      .get() as { n: number };
    expect(mainInvoices.n).toBeGreaterThanOrEqual(4);
    // past due: paid through a date in the past, still within the grace period, so its plan holds
    const pastDue = db
      .prepare(
        `SELECT t.plan, s.plan_key, s.paid_through, (SELECT count(*) FROM billing_invoices i
            WHERE i.tenant_id = s.tenant_id AND i.status = 'open') AS open
           FROM billing_subscriptions s JOIN tenants t ON t.id = s.tenant_id WHERE s.status = 'past_due'`,
      )
      .all() as { plan: string; plan_key: string; paid_through: number; open: number }[];
    expect(pastDue).toHaveLength(1);
    const now = Date.now();
    expect(pastDue[0]!.paid_through).toBeLessThan(now);
    expect(pastDue[0]!.paid_through + 7 * 24 * 3_600_000).toBeGreaterThan(now);
    expect(pastDue[0]!.plan).toBe(pastDue[0]!.plan_key);
    expect(pastDue[0]!.open).toBe(1);
    // usage this period: the counted tokens of one customer between 80 % and 100 % of Starter's
    // limit, every other counter within its plan's limits
    const current = db
      .prepare(
        `SELECT t.name, u.metric, u.count, p.entitlements FROM usage_counters u JOIN tenants t ON t.id = u.tenant_id
           JOIN plans p ON p.key = t.plan WHERE u.period_start <= @now AND u.period_end > @now`,
      )
      .all({ now }) as { name: string; metric: string; count: number; entitlements: string }[];
    const percent = current.map((c) => {
      const limits = (JSON.parse(c.entitlements) as { limits: Record<string, number | null> }).limits;
      const limit = limits[`${c.metric}PerMonth`]!;
      return { name: c.name, metric: c.metric, percent: (100 * c.count) / limit };
    });
    const high = percent.filter((p) => p.percent >= 80);
    expect(high.map((h) => h.name)).toEqual(['Fietsenmaker De Spaak']);
    expect(high[0]!.percent).toBeLessThan(100);
    // the main organisation's conversations this period are the ones the demo made
    const main = current.find((c) => c.name === 'Sykkelverksted Nord' && c.metric === 'conversations')!;
    const period = db
      .prepare(
        `SELECT s.current_period_start AS s, s.current_period_end AS e, s.tenant_id AS id FROM billing_subscriptions s
           JOIN tenants t ON t.id = s.tenant_id WHERE t.name = 'Sykkelverksted Nord'`,
      )
      .get() as { s: number; e: number; id: string };
    const made = db
      .prepare(
        'SELECT count(*) AS n FROM conversations WHERE tenant_id = ? AND created_at >= ? AND created_at < ?',
      )
      .get(period.id, period.s, period.e) as { n: number };
    expect(main.count).toBe(made.n);
  });

  it('refuses a data folder that holds anything, saying so', async () => {
    const dataDir = join(parent, 'full');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    await expect(buildDemoInstallation({ dataDir, seed: 1, days: 30, password })).rejects.toThrow(
      DemoFolderNotEmptyError,
    );
    await expect(buildDemoInstallation({ dataDir, seed: 1, days: 30, password })).rejects.toThrow(
      /is not empty/,
    );
  });
});
