import { afterEach, describe, expect, it } from 'vitest';
import type { FlowInput } from '../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { allowLocal } from '../testing/outbound';

let h: Harness;
afterEach(() => h?.close());

/** The newest audit entry of an action, as the audit log lists it. */
async function last(owner: SignedIn, action: string) {
  const { entries } = await expectOk(h.core, 'audit.list', { action }, owner.call);
  const entry = entries.find((e) => e.action === action);
  if (!entry) throw new Error(`no ${action} entry`);
  return entry;
}

const waitsForApproval: FlowInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'ask', type: 'approval', position: { x: 0, y: 140 }, data: { prompt: 'Refund the customer?' } },
  ],
  edges: [{ id: 'e0', source: 'trigger', target: 'ask' }],
};

/**
 * The audit log names what an action was done to by the name it had then: the sentences say it,
 * and the name stays readable after the thing is renamed or deleted.
 */
describe('audit entries keep the names of their targets', () => {
  it('of a deleted provider and knowledge document, a paused agent and its runs', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await allowLocal(h.core, owner, '127.0.0.1:9');
    const provider = await expectOk(
      h.core,
      'providers.save',
      { kind: 'compatible', name: 'Workshop server', baseUrl: 'http://127.0.0.1:9/v1', models: ['m'] },
      owner.call,
    );
    await expectOk(h.core, 'providers.test', { providerId: provider.id }, owner.call);
    expect((await last(owner, 'providers.test')).details).toMatchObject({
      name: 'Workshop server',
      ok: false,
    });
    await expectOk(h.core, 'providers.delete', { providerId: provider.id }, owner.call);
    expect((await last(owner, 'providers.delete')).details).toEqual({ name: 'Workshop server' });

    const doc = await expectOk(
      h.core,
      'knowledge.add',
      { title: 'Opening hours', body: 'Monday to Friday, 8 to 16.' },
      owner.call,
    );
    await expectOk(h.core, 'knowledge.delete', { docId: doc.id }, owner.call);
    expect((await last(owner, 'knowledge.delete')).details).toEqual({ title: 'Opening hours' });
    // deleting it again is still "not found", and writes nothing
    expect(await h.core.dispatch('knowledge.delete', { docId: doc.id }, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const agent = await expectOk(h.core, 'agents.create', { name: 'Front desk' }, owner.call);
    await expectOk(h.core, 'agents.pause', { agentId: agent.id, paused: true }, owner.call);
    expect((await last(owner, 'agents.pause')).details).toEqual({ name: 'Front desk' });

    const ask = () =>
      expectOk(
        h.core,
        'agents.run',
        {
          agentId: agent.id,
          draft: waitsForApproval,
          input: { message: 'I want my money back' },
          wait: true,
        },
        owner.call,
      );
    const decided = await ask();
    await expectOk(h.core, 'runs.decide', { runId: decided.id, approved: false, comment: 'No' }, owner.call);
    expect((await last(owner, 'runs.reject')).details).toMatchObject({
      agent: 'Front desk',
      prompt: 'Refund the customer?',
      comment: 'No',
    });
    const cancelled = await ask();
    await expectOk(h.core, 'agents.cancelRun', { runId: cancelled.id }, owner.call);
    expect((await last(owner, 'agents.cancelRun')).details).toEqual({ agent: 'Front desk' });
  });

  it("of an incident, with its status and severity before and after, and of a member's session", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const incident = await expectOk(
      h.core,
      'incidents.create',
      { title: 'Checkout times out', severity: 'SEV2' },
      owner.call,
    );
    await expectOk(h.core, 'incidents.addNote', { incidentId: incident.id, text: 'Looking' }, owner.call);
    expect((await last(owner, 'incidents.addNote')).details).toEqual({ title: 'Checkout times out' });
    await expectOk(
      h.core,
      'incidents.update',
      { incidentId: incident.id, status: 'acknowledged', severity: 'SEV3', title: 'Checkout is slow' },
      owner.call,
    );
    expect((await last(owner, 'incidents.update')).details).toEqual({
      status: 'acknowledged',
      from: 'open',
      severity: 'SEV3',
      fromSeverity: 'SEV2',
      title: 'Checkout is slow',
      previousTitle: 'Checkout times out',
    });

    const operator = await inviteAndAccept(h.core, owner, 'kari@acme.test', 'operator');
    const { sessions } = await expectOk(h.core, 'sessions.list', { userId: operator.me.user.id }, owner.call);
    await expectOk(h.core, 'sessions.revoke', { sessionId: sessions[0]!.id }, owner.call);
    expect((await last(owner, 'sessions.revoke')).details).toMatchObject({ own: false, name: 'kari' });
  });
});
