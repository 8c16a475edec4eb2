import { servicesOf } from '../testing/services';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../index';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';
import { allowLocal } from '../testing/outbound';

let h: Harness;
afterEach(() => h?.close());

/** An agent whose only model sits behind a port nobody listens on: every run fails on the provider. */
async function failingAgent(owner: SignedIn): Promise<string> {
  await allowLocal(h.core, owner, '127.0.0.1:9');
  const provider = await expectOk(
    h.core,
    'providers.save',
    { kind: 'compatible', name: 'Down', baseUrl: 'http://127.0.0.1:9/v1', models: ['gone-model'] },
    owner.call,
  );
  const agent = await expectOk(h.core, 'agents.create', { name: 'Front desk' }, owner.call);
  await expectOk(
    h.core,
    'agents.updateSettings',
    { agentId: agent.id, primaryModel: { providerId: provider.id, model: 'gone-model' } },
    owner.call,
  );
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  for (let i = 0; i < 6; i++) {
    const run = await expectOk(
      h.core,
      'agents.run',
      { agentId: agent.id, input: { message: `question ${i}` }, wait: true },
      owner.call,
    );
    expect(run).toMatchObject({ status: 'failed', errorCode: 'provider_error' });
  }
  return agent.id;
}

async function guardianTrail(owner: SignedIn): Promise<string[]> {
  const { entries } = await expectOk(h.core, 'audit.list', { limit: 500 }, owner.call);
  return entries
    .map((e) => e.action)
    .filter((a) => a.startsWith('guardian.') || a === 'incidents.opened')
    .filter((a) => a !== 'guardian.runChecks' && a !== 'guardian.setAutonomy')
    .reverse();
}

describe('Guardian healing under control', () => {
  it('proposes pausing a failing agent, applies it on approval with an incident, and rolls it back', async () => {
    h = createHarness({ chainPolicy: { attemptsPerModel: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const owner = await setupOwner(h.core);
    const agentId = await failingAgent(owner);

    const status = await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    const errorRate = status.checks.find((c) => c.id === 'agent_error_rate' && c.target?.id === agentId);
    expect(errorRate).toMatchObject({ status: 'critical', value: 100, strategy: 'pause_agent' });
    expect(status.score).toBeLessThan(100);

    const { actions } = await expectOk(h.core, 'guardian.actions', { status: 'proposed' }, owner.call);
    expect(actions).toHaveLength(1);
    const proposal = actions[0]!;
    expect(proposal).toMatchObject({
      strategy: 'pause_agent',
      mode: 'ask',
      target: { type: 'agent', id: agentId, name: 'Front desk' },
    });
    expect(proposal.evidence[0]).toMatchObject({ id: 'agent_error_rate', status: 'critical' });
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('active');

    // running the checks again proposes nothing new while the proposal waits
    await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    expect(
      (await expectOk(h.core, 'guardian.actions', { status: 'proposed' }, owner.call)).actions,
    ).toHaveLength(1);

    const applied = await expectOk(
      h.core,
      'guardian.approve',
      { actionId: proposal.id, comment: 'Stop it until the provider is back' },
      owner.call,
    );
    expect(applied).toMatchObject({ status: 'applied', canRollBack: true, decidedBy: 'Olivia Owner' });
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('paused');
    const refused = await h.core.dispatch('agents.run', { agentId, input: { message: 'hi' } }, owner.call);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // one incident for the failing agent (the action is linked to it), one for the unreachable provider
    const { incidents } = await expectOk(h.core, 'incidents.list', { open: true }, owner.call);
    expect(incidents.map((i) => i.severity).sort()).toEqual(['SEV2', 'SEV3']);
    const agentIncident = incidents.find((i) => i.id === applied.incidentId)!;
    expect(agentIncident).toMatchObject({ source: 'guardian', severity: 'SEV2', status: 'open' });
    expect(agentIncident.title).toMatch(/runs of Front desk failed/);
    const { timeline } = await expectOk(
      h.core,
      'incidents.get',
      { incidentId: agentIncident.id },
      owner.call,
    );
    expect(timeline.map((e) => e.kind)).toEqual(['opened', 'guardian', 'guardian']);
    expect(timeline[2]!.guardianActionId).toBe(proposal.id);

    const rolledBack = await expectOk(
      h.core,
      'guardian.rollback',
      { actionId: proposal.id, comment: 'Provider fixed' },
      owner.call,
    );
    expect(rolledBack).toMatchObject({ status: 'rolled_back', canRollBack: false });
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('active');
    expect((await h.core.dispatch('agents.run', { agentId, input: { message: 'hi' } }, owner.call)).ok).toBe(
      true,
    );

    expect(await guardianTrail(owner)).toEqual([
      'incidents.opened',
      'guardian.proposed',
      'incidents.opened',
      'guardian.approved',
      'guardian.applied',
      'guardian.rolled_back',
    ]);
    expect(await expectOk(h.core, 'audit.verify', {}, owner.call)).toMatchObject({ ok: true });
  });

  it('with autonomy "automatic" pauses the agent without waiting, within the hourly limit', async () => {
    h = createHarness({ chainPolicy: { attemptsPerModel: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const owner = await setupOwner(h.core);
    await expectOk(
      h.core,
      'guardian.setAutonomy',
      { strategy: 'pause_agent', mode: 'automatic', maxPerHour: 1 },
      owner.call,
    );
    const agentId = await failingAgent(owner);
    await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    const { actions } = await expectOk(h.core, 'guardian.actions', {}, owner.call);
    expect(actions[0]).toMatchObject({
      strategy: 'pause_agent',
      mode: 'automatic',
      status: 'applied',
      decidedBy: null,
    });
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('paused');
    expect((await expectOk(h.core, 'incidents.list', { open: true }, owner.call)).incidents).toHaveLength(2);
    expect(await guardianTrail(owner)).toEqual([
      'incidents.opened',
      'guardian.proposed',
      'guardian.applied',
      'incidents.opened',
    ]);

    // the circuit breaker probes after ten minutes; the provider is still down, so it stays paused
    h.clock.advance(11 * 60 * 1000);
    await expectOk(h.core, 'guardian.runChecks', {}, owner.call);
    const probed = (await expectOk(h.core, 'guardian.actions', {}, owner.call)).actions[0]!;
    expect(probed.outcome).toMatch(/probe run failed/);
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('paused');
  });

  it('never restores a backup on its own: a damaged database proposes it for approval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mindframe-corrupt-'));
    const original = join(dir, 'original');
    let core: Core = createCore({ dataDir: original, secrets: 'file' });
    const setup = await core.dispatch(
      'setup.createOwner',
      {
        orgName: 'Acme',
        name: 'Olivia Owner',
        email: 'owner@acme.test',
        password: 'correct horse battery staple',
      },
      { transport: 'internal' },
    );
    const token = setup.ok && setup.sessionChange?.type === 'set' ? setup.sessionChange.token : '';
    const call = { transport: 'internal' as const, sessionToken: token };
    for (let i = 0; i < 300; i++) {
      await core.dispatch('knowledge.add', { title: `Doc ${i}`, body: `Body number ${i} `.repeat(40) }, call);
    }
    servicesOf(core).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    core.stop();

    // a copy of the file with one page in the middle overwritten by garbage
    const copy = join(dir, 'copy');
    const { cpSync, statSync } = await import('node:fs');
    cpSync(original, copy, { recursive: true });
    const file = join(copy, 'mindframe.sqlite');
    const pages = statSync(file).size / 4096;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages * 0.6) * 4096);
    closeSync(fd);

    core = createCore({ dataDir: copy, secrets: 'file' });
    try {
      const status = await core.dispatch('guardian.runChecks', {}, call);
      expect(status.ok).toBe(true);
      const checks = (
        status as { data: { checks: { id: string; status: string; strategy: string | null }[] } }
      ).data.checks;
      expect(checks.find((c) => c.id === 'integrity')).toMatchObject({
        status: 'critical',
        strategy: 'restore_backup',
      });
      const actions = await core.dispatch('guardian.actions', {}, call);
      const restore = (
        actions as { data: { actions: { strategy: string; status: string; mode: string; id: string }[] } }
      ).data.actions.find((a) => a.strategy === 'restore_backup');
      expect(restore).toMatchObject({ status: 'proposed', mode: 'ask' });
      expect(
        await core.dispatch('guardian.setAutonomy', { strategy: 'restore_backup', mode: 'automatic' }, call),
      ).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      const incidents = await core.dispatch('incidents.list', { open: true }, call);
      expect(
        (incidents as { data: { incidents: { severity: string }[] } }).data.incidents.some(
          (i) => i.severity === 'SEV1',
        ),
      ).toBe(true);
      // approving it tries the restore; without a verified backup it fails and says why
      const approved = await core.dispatch('guardian.approve', { actionId: restore!.id }, call);
      expect(approved).toMatchObject({
        ok: true,
        data: { status: 'failed', outcome: expect.stringMatching(/No verified backup/) },
      });
    } finally {
      core.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
