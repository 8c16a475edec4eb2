import { servicesOf } from '../../testing/services';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../index';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../../testing/harness';
import { twoTenants } from '../../testing/tenants-fixture';
import { tinyFlow } from '../../testing/valid-inputs';
import { referenceEdges } from './references';
import { buildTransferPlan } from './table-plan';
import { download, linesOf, rowsOf, upload } from '../../testing/transfer-test-kit';

const open: Harness[] = [];
const harness = () => {
  const h = createHarness();
  open.push(h);
  return h;
};
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});

describe('which tables a tenant export holds', () => {
  it('covers every table of the schema: exported, or left out with a reason', () => {
    const h = harness();
    const plan = buildTransferPlan(servicesOf(h.core).sqlite, referenceEdges());
    expect(plan.unclassified).toEqual([]);
    const exported = plan.tables.map((t) => t.name);
    for (const table of [
      'users',
      'memberships',
      'agents',
      'agent_versions',
      'agent_runs',
      'run_steps',
      'knowledge_docs',
      'providers',
      'incidents',
      'incident_events',
      'guardian_actions',
      'notify_rules',
      'settings',
      'health_samples',
      'audit_log',
    ])
      expect(exported, table).toContain(table);
    const skipped = new Map(plan.skipped.map((s) => [s.table, s.reason]));
    for (const table of [
      'sessions',
      'invites',
      'login_failures',
      'audit_heads',
      'knowledge_fts',
      'knowledge_fts_data',
      'tenants',
      'app_meta',
      'error_groups',
    ])
      expect(skipped.get(table), table).toMatch(/\w/);

    // referenced tables come first, so rows can go in in file order
    const before = (a: string, b: string) =>
      expect(exported.indexOf(a), `${a} before ${b}`).toBeLessThan(exported.indexOf(b));
    expect(exported[0]).toBe('users');
    before('agents', 'agent_versions');
    before('agent_runs', 'run_steps');
    before('incidents', 'guardian_actions');
    before('guardian_actions', 'incident_events');
    for (const target of ['agents', 'agent_runs', 'providers', 'knowledge_docs', 'incidents', 'users'])
      before(target, 'audit_log');

    // never a password hash or admin flag; hashes and integer keys are made anew on import
    expect(plan.byName.get('users')!.fileColumns).toEqual(['id', 'email', 'name', 'created_at']);
    expect(plan.byName.get('audit_log')!.fileColumns).not.toContain('hash');
    expect(plan.byName.get('health_samples')!.fileColumns).not.toContain('id');
    for (const table of plan.tables) expect(table.fileColumns, table.name).not.toContain('tenant_id');
  });

  it('exports and imports a table added later, and rows hanging off a run, without any code change', async () => {
    const addTables = (core: Core) =>
      servicesOf(core).sqlite.exec(`
        CREATE TABLE agent_notes (
          id text PRIMARY KEY NOT NULL,
          tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE cascade,
          agent_id text NOT NULL REFERENCES agents(id) ON DELETE cascade,
          body text NOT NULL,
          created_at integer NOT NULL
        );
        CREATE INDEX agent_notes_tenant_idx ON agent_notes (tenant_id);
        CREATE TABLE run_labels (
          id text PRIMARY KEY NOT NULL,
          run_id text NOT NULL REFERENCES agent_runs(id) ON DELETE cascade,
          label text NOT NULL
        );`);
    const one = harness();
    addTables(one.core);
    const t = await twoTenants(one.core);
    const seed = async (who: SignedIn, tenantId: string, word: string) => {
      const agent = await expectOk(one.core, 'agents.create', { name: `${word} agent` }, who.call);
      const run = await expectOk(
        one.core,
        'agents.run',
        { agentId: agent.id, input: { message: word }, draft: tinyFlow, wait: true },
        who.call,
      );
      const { sqlite } = servicesOf(one.core);
      sqlite
        .prepare('INSERT INTO agent_notes (id, tenant_id, agent_id, body, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(`${word}-note`, tenantId, agent.id, `${word} note body`, 1);
      sqlite
        .prepare('INSERT INTO run_labels (id, run_id, label) VALUES (?, ?, ?)')
        .run(`${word}-label`, run.id, `${word} label`);
    };
    await seed(t.alice, t.tenantA, 'alpha');
    await seed(t.bob, t.tenantB, 'beta');

    const exported = await expectOk(one.core, 'tenants.export', {}, t.alice.call);
    expect(exported.counts).toMatchObject({ agent_notes: 1, run_labels: 1 });
    const file = await download(one.core, t.alice.call, exported.exportId);
    const lines = linesOf(file);
    expect(rowsOf(lines, 'agent_notes').map((l) => l.r.body)).toEqual(['alpha note body']);
    expect(rowsOf(lines, 'run_labels').map((l) => l.r.label)).toEqual(['alpha label']);

    const two = harness();
    addTables(two.core);
    const root = await setupOwner(two.core, 'Second Site', 'root@second.test');
    const imported = await expectOk(
      two.core,
      'tenants.import',
      { importId: await upload(two.core, root.call, file) },
      root.call,
    );
    await expectOk(two.core, 'tenants.switch', { tenantId: imported.tenant.id }, root.call);
    const agent = (await expectOk(two.core, 'agents.list', {}, root.call)).agents[0]!;
    const run = (await expectOk(two.core, 'runs.list', { agentId: agent.id }, root.call)).runs[0]!;
    const { sqlite } = servicesOf(two.core);
    expect(sqlite.prepare('SELECT tenant_id, agent_id, body FROM agent_notes').all()).toEqual([
      { tenant_id: imported.tenant.id, agent_id: agent.id, body: 'alpha note body' },
    ]);
    const labels = sqlite.prepare('SELECT id, run_id, label FROM run_labels').all() as { id: string }[];
    expect(labels).toMatchObject([{ run_id: run.id, label: 'alpha label' }]);
    expect(labels[0]!.id).not.toBe('alpha-label');
  });
});
