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

async function build(name: string, seed: number): Promise<Built> {
  const dataDir = join(parent, name);
  const demo = await buildDemoInstallation({ dataDir, seed, days: 30, password });
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
  other = await build('other', 2);
}, 240_000);
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
    expect(plans.length).toBeGreaterThanOrEqual(3);
    expect(plans.length).toBeLessThanOrEqual(5);
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
    expect(perTenant.length).toBe(a.counts.organisations);
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
      expect(reset).toMatchObject({ ok: true, data: { seed: 2, days: 30 } });
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
