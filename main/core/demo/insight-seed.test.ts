import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoInstallation, databaseFileName } from '../index';
import { controlChart } from '../insight/math/control-chart';

// `mindframe demo` (180 days, the default) leaves the insight section six months of data the
// dashboards read like live data: the events of every simulated conversation, ticket and run under
// the live feed's names, sign-ins, searches, API calls, website visits with their campaigns, leads
// and customers, with their hourly rollups and actor days; campaigns, the platform's costs, six-sigma
// processes and a weekly report. Each organisation's rows stay in its own tenant.

const day = 86_400_000;
const parent = mkdtempSync(join(tmpdir(), 'mindframe-demo-insight-'));
let db: Database.Database;
let counts: Record<string, number>;
let mainId: string;
let builtAt: number;

beforeAll(async () => {
  const dataDir = join(parent, 'data');
  const started = Date.now();
  const demo = await buildDemoInstallation({
    dataDir,
    seed: 42,
    days: 180,
    password: 'a long enough demo password',
  });
  builtAt = started;
  counts = demo.counts;
  mainId = demo.tenantId;
  db = new Database(join(dataDir, databaseFileName), { readonly: true });
}, 300_000);
afterAll(() => {
  db?.close();
  rmSync(parent, { recursive: true, force: true });
});

const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const n = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

describe('mindframe demo: insight', () => {
  it('has six months of conversation events, one start for every conversation of every organisation', () => {
    const tenants = all<{ id: string }>('SELECT DISTINCT tenant_id AS id FROM conversations');
    expect(tenants.length).toBe(4);
    for (const { id } of tenants) {
      const conversations = n('SELECT count(*) AS n FROM conversations WHERE tenant_id = ?', id);
      const started = n(
        "SELECT count(DISTINCT session) AS n FROM insight_events WHERE tenant_id = ? AND name = 'conversation.started'",
        id,
      );
      expect(started).toBe(conversations);
      // and each of those sessions is a conversation of the same organisation
      const foreign = n(
        `SELECT count(*) AS n FROM insight_events e
          WHERE e.tenant_id = ? AND e.name LIKE 'conversation.%'
            AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = e.session AND c.tenant_id = e.tenant_id)`,
        id,
      );
      expect(foreign).toBe(0);
    }
    const span = one<{ first: number; last: number }>(
      "SELECT min(at) AS first, max(at) AS last FROM insight_events WHERE tenant_id = ? AND name = 'conversation.started'",
      mainId,
    );
    expect(builtAt - span.first).toBeGreaterThan(175 * day);
    expect(builtAt - span.last).toBeLessThan(2 * day);
    const months = all<{ m: string }>(
      `SELECT DISTINCT strftime('%Y-%m', at / 1000, 'unixepoch') AS m FROM insight_events
        WHERE tenant_id = ? AND name = 'conversation.started'`,
      mainId,
    );
    expect(months.length).toBeGreaterThanOrEqual(6);
    expect(counts.insightEvents).toBeGreaterThan(50_000);
  });

  it('tells how the conversations went as the live feed does: sentiment and intent, ratings, containment, hand-offs, first responses, solved tickets, runs with costs', () => {
    const names = new Map(
      all<{ name: string; n: number }>(
        'SELECT name, count(*) AS n FROM insight_events WHERE tenant_id = ? GROUP BY name',
        mainId,
      ).map((r) => [r.name, r.n]),
    );
    for (const name of [
      'conversation.started',
      'conversation.message',
      'conversation.rated',
      'conversation.closed',
      'conversation.handoff',
      'ticket.first_response',
      'ticket.solved',
      'run.finished',
      'auth.sign_in',
      'search.query',
      'api.call',
      'visitor.touch',
      'lead',
      'customer',
    ])
      expect(names.get(name) ?? 0, name).toBeGreaterThan(0);
    const sentiments = all<{ s: string }>(
      `SELECT DISTINCT json_extract(props, '$.sentiment') AS s FROM insight_events
        WHERE tenant_id = ? AND name = 'conversation.message' AND json_extract(props, '$.sentiment') IS NOT NULL`,
      mainId,
    ).map((r) => r.s);
    expect(new Set(sentiments)).toEqual(new Set(['positive', 'neutral', 'negative']));
    const contained = all<{ c: number; n: number }>(
      `SELECT json_extract(props, '$.contained') AS c, count(*) AS n FROM insight_events
        WHERE tenant_id = ? AND name = 'conversation.closed' GROUP BY c ORDER BY c`,
      mainId,
    );
    expect(contained.map((r) => r.c)).toEqual([0, 1]);
    // every hand-off is a ticket of the organisation, every run one run.finished with its cost
    expect(names.get('conversation.handoff')).toBe(
      n("SELECT count(*) AS n FROM tickets WHERE tenant_id = ? AND source = 'handoff'", mainId),
    );
    // the feed hears of every run when it stops: done, handed over, or waiting for a person
    expect(names.get('run.finished')).toBe(
      n('SELECT count(*) AS n FROM agent_runs WHERE tenant_id = ?', mainId),
    );
    const cost = n(
      "SELECT sum(total) AS n FROM insight_rollups WHERE tenant_id = ? AND name = 'run.finished' AND dim = ''",
      mainId,
    );
    expect(cost).toBe(n('SELECT sum(cost_micros) AS n FROM agent_runs WHERE tenant_id = ?', mainId));
    // some searches found nothing; API calls carry their duration
    expect(
      n(
        "SELECT count(*) AS n FROM insight_events WHERE tenant_id = ? AND name = 'search.query' AND json_extract(props, '$.zero') = 1",
        mainId,
      ),
    ).toBeGreaterThan(0);
    expect(
      n(
        "SELECT count(*) AS n FROM insight_events WHERE tenant_id = ? AND name = 'api.call' AND json_extract(props, '$.ms') IS NULL",
        mainId,
      ),
    ).toBe(0);
  });

  it('keeps the hourly rollups and actor days of every event (the dashboards read those)', () => {
    const byName = all<{ name: string; events: number; rolled: number }>(
      `SELECT e.name, e.n AS events, (SELECT sum(count) FROM insight_rollups r
                                      WHERE r.tenant_id = ? AND r.name = e.name AND r.dim = '') AS rolled
         FROM (SELECT name, count(*) AS n FROM insight_events WHERE tenant_id = ? GROUP BY name) e`,
      mainId,
      mainId,
    );
    for (const row of byName) expect(row.rolled, row.name).toBe(row.events);
    const days = n('SELECT count(DISTINCT day) AS n FROM insight_actor_days WHERE tenant_id = ?', mainId);
    expect(days).toBeGreaterThanOrEqual(178);
    // the people signed in on most working days: DAU of members
    const members = n(
      `SELECT count(DISTINCT a.actor) AS n FROM insight_actor_days a
        JOIN memberships m ON m.user_id = a.actor AND m.tenant_id = a.tenant_id WHERE a.tenant_id = ?`,
      mainId,
    );
    expect(members).toBe(n('SELECT count(*) AS n FROM memberships WHERE tenant_id = ?', mainId));
  });

  it('runs campaigns with spend and UTM tags that website visits carry, leads and customers with their value', () => {
    const campaigns = all<{ spend: number; utmCampaign: string | null; utmSource: string | null }>(
      'SELECT spend, utm_campaign AS utmCampaign, utm_source AS utmSource FROM insight_campaigns WHERE tenant_id = ?',
      mainId,
    );
    expect(campaigns.length).toBeGreaterThanOrEqual(4);
    for (const c of campaigns) {
      expect(c.spend).toBeGreaterThan(0);
      expect(c.utmCampaign).toBeTruthy();
      expect(c.utmSource).toBeTruthy();
    }
    const touched = all<{ campaign: string }>(
      "SELECT DISTINCT campaign FROM insight_events WHERE tenant_id = ? AND name = 'visitor.touch' AND campaign IS NOT NULL",
      mainId,
    ).map((r) => r.campaign);
    expect(new Set(touched)).toEqual(new Set(campaigns.map((c) => c.utmCampaign)));
    // a visitor is their conversation; leads and customers are visitors who chatted
    const strangers = n(
      `SELECT count(*) AS n FROM insight_events e WHERE e.tenant_id = ? AND e.name IN ('visitor.touch', 'lead', 'customer')
          AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = substr(e.actor, 14) AND c.tenant_id = e.tenant_id)`,
      mainId,
    );
    expect(strangers).toBe(0);
    const values = one<{ low: number; n: number }>(
      `SELECT min(json_extract(props, '$.value')) AS low, count(*) AS n FROM insight_events
        WHERE tenant_id = ? AND name = 'customer'`,
      mainId,
    );
    expect(values.n).toBeGreaterThan(10);
    expect(values.low).toBeGreaterThan(0);
  });

  it("has the platform's monthly costs, four six-sigma processes (one imported, drifting in its last weeks) and the owner's weekly report", () => {
    const months = all<{ month: number }>(
      'SELECT DISTINCT month FROM insight_costs WHERE tenant_id = ? ORDER BY month',
      mainId,
    );
    expect(months.length).toBeGreaterThanOrEqual(6);
    const processes = all<{ name: string; kind: string }>(
      'SELECT name, kind FROM insight_processes WHERE tenant_id = ? ORDER BY kind',
      mainId,
    );
    expect(processes.map((p) => p.kind)).toEqual([
      'api_latency',
      'contained',
      'first_response_sla',
      'imported',
    ]);
    const imported = processes.find((p) => p.kind === 'imported')!;
    const values = all<{ value: number }>(
      'SELECT value FROM insight_measurements WHERE tenant_id = ? AND process = ? ORDER BY at',
      mainId,
      imported.name,
    ).map((r) => r.value);
    expect(values.length).toBeGreaterThan(100);
    const chart = controlChart({ values, rules: 'western_electric' });
    expect(chart.signals.length).toBeGreaterThan(0);
    // a Western Electric rule fires in the last three weeks, and nowhere before
    for (const signal of chart.signals) expect(signal.index).toBeGreaterThanOrEqual(values.length - 21);
    const reports = all<{ frequency: string; recipients: string; dashboard: string; nextAt: number }>(
      'SELECT frequency, recipients, dashboard, next_at AS nextAt FROM insight_reports WHERE tenant_id = ?',
      mainId,
    );
    const owner = one<{ id: string }>(
      "SELECT user_id AS id FROM memberships WHERE tenant_id = ? AND role = 'owner'",
      mainId,
    );
    expect(reports).toEqual([
      {
        frequency: 'weekly',
        recipients: JSON.stringify([owner.id]),
        dashboard: 'conversations',
        nextAt: expect.any(Number),
      },
    ]);
    expect(reports[0]!.nextAt).toBeGreaterThan(builtAt - day);
  });

  it('keeps the words of each search in the search log, at the times and for the people the events say', () => {
    const events = n(
      "SELECT count(*) AS n FROM insight_events WHERE tenant_id = ? AND name = 'search.query'",
      mainId,
    );
    const logged = n('SELECT count(*) AS n FROM search_log WHERE tenant_id = ?', mainId);
    expect(events).toBeGreaterThan(100);
    expect(logged).toBe(events);
    // a desk asks a few things often, and some searches find nothing, again and again
    const top = all<{ query: string; n: number }>(
      'SELECT lower(query) AS query, count(*) AS n FROM search_log WHERE tenant_id = ? GROUP BY 1 ORDER BY n DESC',
      mainId,
    );
    expect(top[0]!.n).toBeGreaterThan(top[top.length - 1]!.n * 3);
    const zero = n('SELECT count(*) AS n FROM search_log WHERE tenant_id = ? AND result_count = 0', mainId);
    const zeroEvents = n(
      "SELECT count(*) AS n FROM insight_events WHERE tenant_id = ? AND name = 'search.query' AND json_extract(props, '$.results') = 0",
      mainId,
    );
    expect(zero).toBe(zeroEvents);
    expect(zero).toBeGreaterThan(0);
    expect(
      n(
        'SELECT count(*) AS n FROM search_log WHERE tenant_id = ? AND user_id NOT IN (SELECT user_id FROM memberships WHERE tenant_id = ?)',
        mainId,
        mainId,
      ),
    ).toBe(0);
  });

  it("keeps each organisation's insight rows in its own tenant", () => {
    // members' events are of members of the same organisation
    const foreignPeople = n(
      `SELECT count(*) AS n FROM insight_events e WHERE e.name IN ('auth.sign_in', 'search.query')
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = e.actor AND m.tenant_id = e.tenant_id)`,
    );
    expect(foreignPeople).toBe(0);
    // runs and tickets of the same organisation
    const foreignRuns = n(
      `SELECT count(*) AS n FROM insight_events e WHERE e.name = 'run.finished'
          AND NOT EXISTS (SELECT 1 FROM agents g WHERE g.id = substr(e.actor, 7) AND g.tenant_id = e.tenant_id)`,
    );
    expect(foreignRuns).toBe(0);
    const foreignTickets = n(
      `SELECT count(*) AS n FROM insight_events e WHERE e.name IN ('ticket.first_response', 'ticket.solved', 'conversation.handoff')
          AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = e.session AND c.tenant_id = e.tenant_id)`,
    );
    expect(foreignTickets).toBe(0);
    // rollups and actor days of a tenant add up to its own events only
    const mismatched = all<{ tenant: string }>(
      `SELECT e.tenant_id AS tenant FROM (SELECT tenant_id, count(*) AS n FROM insight_events GROUP BY tenant_id) e
        WHERE e.n <> (SELECT sum(count) FROM insight_rollups r WHERE r.tenant_id = e.tenant_id AND r.dim = '')
           OR e.n <> (SELECT sum(events) FROM insight_actor_days a WHERE a.tenant_id = e.tenant_id)`,
    );
    expect(mismatched).toEqual([]);
    // the campaigns, costs, processes and reports are the main organisation's (the platform's home)
    for (const table of [
      'insight_campaigns',
      'insight_costs',
      'insight_processes',
      'insight_measurements',
      'insight_reports',
    ])
      expect(n(`SELECT count(*) AS n FROM ${table} WHERE tenant_id <> ?`, mainId), table).toBe(0);
    // the other organisations have their own events, not the main one's visitors or API calls
    const others = all<{ tenant: string; n: number }>(
      `SELECT tenant_id AS tenant, count(*) AS n FROM insight_events
        WHERE tenant_id <> ? AND name IN ('visitor.touch', 'api.call') GROUP BY tenant_id`,
      mainId,
    );
    expect(others).toEqual([]);
  });
});
