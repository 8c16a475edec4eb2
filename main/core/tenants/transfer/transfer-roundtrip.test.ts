import { servicesOf } from '../../testing/services';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness } from '../../testing/harness';
import { twoTenants } from '../../testing/tenants-fixture';
import {
  appSchemaVersion,
  download,
  linesOf,
  providerKey,
  rowsOf,
  seedTenantA,
  seedTenantB,
  smtpPassword,
  upload,
  webhookSecret,
} from '../../testing/transfer-test-kit';

const open: Harness[] = [];
const harness = () => {
  const h = createHarness();
  open.push(h);
  return h;
};
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});

describe('tenant export and import', () => {
  it('moves tenant A to a fresh installation with its agents, runs, members, audit log and knowledge', async () => {
    const one = harness();
    const t = await twoTenants(one.core);
    const seeded = await seedTenantA(one, t);
    const secretsOfB = await seedTenantB(one, t);
    const bAgentsBefore = await expectOk(one.core, 'agents.list', {}, t.bob.call);
    const bAuditBefore = await expectOk(one.core, 'audit.list', { limit: 200 }, t.bob.call);

    const events: unknown[] = [];
    one.core.events.subscribe(t.alice.token, (name, payload) => {
      if (name === 'tenant.transfer') events.push(payload);
    });
    const exported = await expectOk(one.core, 'tenants.export', {}, t.alice.call);
    expect(exported.fileName).toBe('alpha-bikes-2026-11-22.mftenant');
    expect(events.at(-1)).toEqual({ direction: 'export', phase: 'done', percent: 100 });

    const file = await download(one.core, t.alice.call, exported.exportId);
    expect(file.length).toBe(exported.bytes);
    expect(createHash('sha256').update(file).digest('hex')).toBe(exported.sha256);

    // what is in the file: A's rows, none of B's, no secret, no password hash, no tokens
    const text = gunzipSync(file).toString('utf8');
    for (const secret of [providerKey, webhookSecret, smtpPassword, ...secretsOfB])
      expect(text, `export holds ${secret}`).not.toContain(secret);
    expect(text).not.toMatch(/password_hash|is_platform_admin|token_hash|\$argon2/);
    // the platform admin is no member of A: references to them are cleared, their account stays home
    expect(text).not.toContain(t.platformAdmin.me.user.id);
    const lines = linesOf(file);
    expect(lines[0]).toMatchObject({
      format: 'mindframe-tenant-export',
      version: 1,
      schemaVersion: appSchemaVersion,
      // made without a plan: the installation's default plan (Own use until billing is set up)
      tenant: { name: 'Alpha Bikes', slug: 'alpha-bikes', plan: 'own_use', status: 'active' },
      auditChainVerified: true,
    });
    expect(lines.at(-1)).toEqual({ end: true, counts: exported.counts });
    const tables = new Set(lines.slice(1, -1).map((line) => line.t));
    for (const table of ['sessions', 'invites', 'login_failures', 'audit_heads', 'knowledge_fts', 'tenants'])
      expect(tables.has(table), table).toBe(false);
    expect(
      rowsOf(lines, 'users')
        .map((u) => u.r.email)
        .sort(),
    ).toEqual(['alice@alpha.test', 'otto@alpha.test']);
    expect(rowsOf(lines, 'providers')[0]!.r).toMatchObject({ name: 'Alpha OpenAI', has_key: 0 });
    expect(rowsOf(lines, 'notify_rules')[0]!.r).toMatchObject({ webhook_signed: 0 });
    expect(exported.counts).toMatchObject({
      agents: 1,
      agent_versions: 3, // the one agents.create makes, and two saves
      agent_runs: 2,
      knowledge_docs: 1,
      providers: 1,
      incidents: 1,
      guardian_actions: 1,
      memberships: 2,
    });
    expect(exported.counts.run_steps).toBeGreaterThanOrEqual(4);
    expect(exported.counts.audit_log).toBeGreaterThan(10);

    // exporting left B exactly as it was
    expect(await expectOk(one.core, 'agents.list', {}, t.bob.call)).toEqual(bAgentsBefore);
    expect(await expectOk(one.core, 'audit.list', { limit: 200 }, t.bob.call)).toEqual(bAuditBefore);
    expect(await expectOk(one.core, 'audit.verify', {}, t.bob.call)).toMatchObject({ ok: true });

    // a fresh installation
    const two = harness();
    const root = await setupOwner(two.core, 'Second Site', 'root@second.test');
    const importId = await upload(two.core, root.call, file, 8 * 1024);
    const imported = await expectOk(two.core, 'tenants.import', { importId }, root.call);
    expect(imported.tenant).toMatchObject({ name: 'Alpha Bikes', slug: 'alpha-bikes', memberCount: 2 });
    expect(imported.counts).toEqual(exported.counts);
    await expectOk(two.core, 'tenants.switch', { tenantId: imported.tenant.id }, root.call);

    const [agent] = (await expectOk(two.core, 'agents.list', {}, root.call)).agents;
    expect(agent).toMatchObject({ name: 'Gear advisor', currentVersion: 3, deployedVersion: 3 });
    expect(agent!.id).not.toBe(seeded.agentId);
    const provider = (await expectOk(two.core, 'providers.list', {}, root.call)).providers[0]!;
    expect(provider).toMatchObject({ name: 'Alpha OpenAI', hasKey: false });
    // the provider id inside the agent's JSON settings points at the new provider
    expect(agent!.fallbackModels).toEqual([{ providerId: provider.id, model: 'gpt-4o-mini' }]);

    const versions = (await expectOk(two.core, 'agents.versions', { agentId: agent!.id }, root.call))
      .versions;
    expect(versions).toHaveLength(3);
    expect(versions.map((v) => v.note)).toEqual(expect.arrayContaining(['first', 'second']));
    expect(versions.some((v) => seeded.versionIds.includes(v.id))).toBe(false);
    const second = versions.find((v) => v.note === 'second')!;
    const flow = await expectOk(
      two.core,
      'agents.version',
      { agentId: agent!.id, versionId: second.id },
      root.call,
    );
    expect(flow.flow.variables).toEqual([{ name: 'shop', value: 'Alpha' }]);

    const runs = (await expectOk(two.core, 'runs.list', { agentId: agent!.id }, root.call)).runs;
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      const detail = await expectOk(two.core, 'runs.get', { runId: run.id }, root.call);
      expect(detail.run.status).toBe('succeeded');
      expect(detail.steps.length).toBeGreaterThanOrEqual(2);
    }

    const members = (await expectOk(two.core, 'users.list', {}, root.call)).members;
    expect(members.map((m) => [m.email, m.role, m.status]).sort()).toEqual([
      ['alice@alpha.test', 'owner', 'invited'],
      ['otto@alpha.test', 'operator', 'invited'],
    ]);

    const incident = (await expectOk(two.core, 'incidents.list', {}, root.call)).incidents[0]!;
    expect(incident).toMatchObject({ title: 'Chat answers slowly', assignee: { name: 'alice' } });
    const timeline = await expectOk(two.core, 'incidents.get', { incidentId: incident.id }, root.call);
    expect(JSON.stringify(timeline)).toContain('Looking at the provider');
    const actions = (await expectOk(two.core, 'guardian.actions', {}, root.call)).actions;
    expect(actions[0]).toMatchObject({ target: { type: 'agent', id: agent!.id }, incidentId: incident.id });

    const hits = (await expectOk(two.core, 'knowledge.search', { q: 'barrel adjuster' }, root.call)).hits;
    expect(hits.map((hit) => hit.title)).toEqual(['Derailleur tuning']);

    expect(await expectOk(two.core, 'audit.verify', {}, root.call)).toMatchObject({ ok: true });
    const audit = (await expectOk(two.core, 'audit.list', { limit: 200 }, root.call)).entries;
    expect(audit.length).toBe(exported.counts.audit_log! + 2); // + tenants.import, + tenants.switch
    expect(audit.find((e) => e.action === 'agents.create')).toMatchObject({ targetId: agent!.id });
    expect(audit.find((e) => e.action === 'tenants.import')).toMatchObject({
      details: {
        source: { name: 'Alpha Bikes', exportedAt: lines[0]!.exportedAt, auditChainVerified: true },
      },
    });
    // and the installation's own log says who imported what
    await expectOk(two.core, 'tenants.switch', { tenantId: root.me.tenant.id }, root.call);
    const own = (await expectOk(two.core, 'audit.list', { action: 'tenants.import' }, root.call)).entries;
    expect(own[0]).toMatchObject({ targetId: imported.tenant.id, details: { by: 'root@second.test' } });

    // the members came without passwords: a new invitation brings Alice in as owner again
    await expectOk(two.core, 'tenants.switch', { tenantId: imported.tenant.id }, root.call);
    const invite = await expectOk(
      two.core,
      'users.invite',
      { email: 'alice@alpha.test', role: 'owner' },
      root.call,
    );
    const accepted = await two.core.dispatch(
      'auth.acceptInvite',
      { token: invite.inviteToken, password: 'a brand new long password' },
      { transport: 'internal' },
    );
    expect(accepted).toMatchObject({ ok: true, data: { tenant: { id: imported.tenant.id }, role: 'owner' } });
    const aliceCall = {
      transport: 'internal' as const,
      sessionToken: accepted.sessionChange?.type === 'set' ? accepted.sessionChange.token : null,
    };
    expect((await expectOk(two.core, 'agents.list', {}, aliceCall)).agents.map((a) => a.name)).toEqual([
      'Gear advisor',
    ]);
    const escalation = await expectOk(two.core, 'incidents.escalation', {}, aliceCall);
    expect(escalation.people.map((p) => p.email)).toEqual(['alice@alpha.test']);
  });

  it('imports into the same installation as a second tenant, reusing the members who already exist', async () => {
    const one = harness();
    const t = await twoTenants(one.core);
    const seeded = await seedTenantA(one, t);
    // a run still going when the tenant is exported cannot go on in the copy
    servicesOf(one.core)
      .sqlite.prepare("UPDATE agent_runs SET status = 'running', finished_at = NULL WHERE id = ?")
      .run(seeded.draftRunId);
    const exported = await expectOk(one.core, 'tenants.export', {}, t.alice.call);
    const file = await download(one.core, t.alice.call, exported.exportId);
    const importId = await upload(one.core, t.platformAdmin.call, file);
    const imported = await expectOk(
      one.core,
      'tenants.import',
      { importId, name: 'Alpha Bikes (copy)' },
      t.platformAdmin.call,
    );
    expect(imported.tenant).toMatchObject({ name: 'Alpha Bikes (copy)', slug: 'alpha-bikes-copy' });

    // Alice has a password here, so she is an active owner of the copy and can open it at once
    const me = await expectOk(one.core, 'tenants.switch', { tenantId: imported.tenant.id }, t.alice.call);
    expect(me).toMatchObject({ tenant: { id: imported.tenant.id }, role: 'owner' });
    const copy = (await expectOk(one.core, 'agents.list', {}, t.alice.call)).agents;
    expect(copy.map((a) => a.name)).toEqual(['Gear advisor']);
    expect(copy[0]!.id).not.toBe(seeded.agentId);
    const runs = (await expectOk(one.core, 'runs.list', { agentId: copy[0]!.id }, t.alice.call)).runs;
    expect(runs.map((r) => r.status).sort()).toEqual(['interrupted', 'succeeded']);
    expect(await expectOk(one.core, 'audit.verify', {}, t.alice.call)).toMatchObject({ ok: true });
    // the original is untouched and still separate
    await expectOk(one.core, 'tenants.switch', { tenantId: t.tenantA }, t.alice.call);
    expect((await expectOk(one.core, 'agents.list', {}, t.alice.call)).agents[0]!.id).toBe(seeded.agentId);
    expect(await expectOk(one.core, 'audit.verify', {}, t.alice.call)).toMatchObject({ ok: true });
    // Otto never chose a password: still invited in the copy
    await expectOk(one.core, 'tenants.switch', { tenantId: imported.tenant.id }, t.alice.call);
    const members = (await expectOk(one.core, 'users.list', {}, t.alice.call)).members;
    expect(members.find((m) => m.email === 'otto@alpha.test')).toMatchObject({ status: 'invited' });
  });
});
