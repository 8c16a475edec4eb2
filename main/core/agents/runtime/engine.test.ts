import { servicesOf } from '../../testing/services';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowInput, RunSummary } from '../../../contract';
import { createCore } from '../../index';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../../testing/harness';
import { allowLocal } from '../../testing/outbound';

let h: Harness;
let server: Server | undefined;
afterEach(async () => {
  h?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

type NodeInput = FlowInput['nodes'][number];
const at = (i: number) => ({ x: 0, y: i * 140 });
const chat: NodeInput = { id: 'trigger', type: 'trigger', position: at(0), data: { kind: 'chat' } };

function flowOf(nodes: NodeInput[], edges: [string, string, string?, number?][]): FlowInput {
  return {
    schemaVersion: 1,
    nodes: [chat, ...nodes],
    edges: edges.map(([source, target, sourceHandle, loopLimit], i) => ({
      id: `e${i}`,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
      ...(loopLimit ? { loopLimit } : {}),
    })),
  };
}

async function withAgent(): Promise<{ owner: SignedIn; agentId: string }> {
  h = createHarness();
  const owner = await setupOwner(h.core);
  const agent = await expectOk(h.core, 'agents.create', { name: 'Probe' }, owner.call);
  return { owner, agentId: agent.id };
}

async function test(
  owner: SignedIn,
  agentId: string,
  draft: FlowInput,
  message = 'hello',
  wait = true,
): Promise<RunSummary> {
  return expectOk(h.core, 'agents.run', { agentId, draft, input: { message }, wait }, owner.call);
}

describe('run engine', () => {
  it('routes conditions and sets variables with the safe expression language', async () => {
    const { owner, agentId } = await withAgent();
    const flow = flowOf(
      [
        {
          id: 'score',
          type: 'set',
          position: at(1),
          data: { assignments: [{ variable: 'score', expression: 'len(message) * 2' }] },
        },
        { id: 'big', type: 'condition', position: at(2), data: { expression: 'score > 10' } },
        { id: 'yes', type: 'reply', position: at(3), data: { text: 'long ({{score}})' } },
        { id: 'no', type: 'reply', position: at(3), data: { text: 'short ({{score}})' } },
      ],
      [
        ['trigger', 'score'],
        ['score', 'big'],
        ['big', 'yes', 'true'],
        ['big', 'no', 'false'],
      ],
    );
    expect((await test(owner, agentId, flow, 'hi')).replies).toEqual(['short (4)']);
    const long = await test(owner, agentId, flow, 'a longer message');
    expect(long.replies).toEqual(['long (32)']);
    const detail = await expectOk(h.core, 'runs.get', { runId: long.id }, owner.call);
    expect(detail.steps.map((s) => s.nodeId)).toEqual(['trigger', 'score', 'big', 'yes']);
    expect(detail.steps.every((s) => s.durationMs >= 0 && s.startedAt > 0)).toBe(true);
  });

  it('follows a bounded loop exactly as often as its limit allows', async () => {
    const { owner, agentId } = await withAgent();
    const flow = flowOf(
      [
        {
          id: 'init',
          type: 'set',
          position: at(1),
          data: { assignments: [{ variable: 'n', expression: '0' }] },
        },
        {
          id: 'inc',
          type: 'set',
          position: at(2),
          data: { assignments: [{ variable: 'n', expression: 'n + 1' }] },
        },
        { id: 'done', type: 'reply', position: at(3), data: { text: 'n={{n}}' } },
      ],
      [
        ['trigger', 'init'],
        ['init', 'inc'],
        ['inc', 'inc', 'out', 3],
        ['inc', 'done'],
      ],
    );
    const run = await test(owner, agentId, flow);
    expect(run.status).toBe('succeeded');
    // nodes run in the order they were reached (a queue): "inc" runs once plus 3 times through the
    // loop edge, and each pass also queues the reply, which runs after the next "inc"
    expect(run.replies).toEqual(['n=2', 'n=3', 'n=4', 'n=4']);
    const steps = (await expectOk(h.core, 'runs.get', { runId: run.id }, owner.call)).steps;
    expect(steps.filter((s) => s.nodeId === 'inc')).toHaveLength(4);
    expect(steps.find((s) => s.nodeId === 'inc' && s.notes.length > 0)?.notes).toEqual([
      'loop limit 3 reached on edge e2',
    ]);
  });

  it('parks a run at an approval step, keeps it across a restart, and continues on the decision', async () => {
    const { owner, agentId } = await withAgent();
    const flow = flowOf(
      [
        {
          id: 'ask',
          type: 'approval',
          label: 'Manager approval',
          position: at(1),
          data: { prompt: 'Refund for {{message}}?', approverRole: 'admin' },
        },
        { id: 'ok', type: 'reply', position: at(2), data: { text: 'Refund approved' } },
        { id: 'no', type: 'reply', position: at(2), data: { text: 'Refund declined: {{approval.comment}}' } },
      ],
      [
        ['trigger', 'ask'],
        ['ask', 'ok', 'approved'],
        ['ask', 'no', 'rejected'],
      ],
    );
    const waiting = await test(owner, agentId, flow, 'order 1042');
    expect(waiting).toMatchObject({
      status: 'waiting',
      waitingFor: { nodeId: 'ask', prompt: 'Refund for order 1042?', approverRole: 'admin' },
    });

    // restart the app on the same data: the run is still waiting and can be decided
    const dataDir = h.dataDir;
    h.core.stop();
    const again = createCore({ dataDir, clock: h.clock, secrets: 'file' });
    again.start();
    h.core = again;
    const decided = await expectOk(
      again,
      'runs.decide',
      { runId: waiting.id, approved: false, comment: 'outside the return window' },
      owner.call,
    );
    expect(decided.status).toMatch(/^(queued|running)$/);
    const final = await servicesOf(again).agents.engine.wait(owner.me.tenant.id, waiting.id);
    expect(final).toMatchObject({
      status: 'succeeded',
      replies: ['Refund declined: outside the return window'],
    });
    const steps = (await expectOk(again, 'runs.get', { runId: waiting.id }, owner.call)).steps;
    expect(steps.map((s) => `${s.nodeId}:${s.status}`)).toEqual([
      'trigger:ok',
      'ask:waiting',
      'ask:ok',
      'no:ok',
    ]);
    expect(
      await again.dispatch('runs.decide', { runId: waiting.id, approved: true }, owner.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('lets only the approver role decide', async () => {
    const { owner, agentId } = await withAgent();
    const { inviteAndAccept } = await import('../../testing/harness');
    const operator = await inviteAndAccept(h.core, owner, 'op@acme.test', 'operator');
    const flow = flowOf(
      [{ id: 'ask', type: 'approval', position: at(1), data: { prompt: 'Go?', approverRole: 'admin' } }],
      [['trigger', 'ask']],
    );
    const waiting = await test(owner, agentId, flow);
    expect(
      await h.core.dispatch('runs.decide', { runId: waiting.id, approved: true }, operator.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const rejected = await expectOk(
      h.core,
      'runs.decide',
      { runId: waiting.id, approved: false },
      owner.call,
    );
    expect(rejected).toMatchObject({
      status: 'failed',
      errorCode: 'rejected',
      errorMessage: { key: 'runs.error.rejected', params: { by: expect.any(String) } },
    });
  });

  it('stops a run that goes over its token budget, with the reason', async () => {
    const { owner, agentId } = await withAgent();
    await expectOk(
      h.core,
      'agents.updateSettings',
      { agentId, budget: { maxTokens: 100, maxCostMicros: 1_000_000 } },
      owner.call,
    );
    const flow = flowOf(
      [
        {
          id: 'answer',
          type: 'llm',
          position: at(1),
          data: { prompt: 'Context: {{message}}\nQuestion: what is it?', maxTokens: 400 },
        },
        { id: 'reply', type: 'reply', position: at(2), data: { text: '{{answer}}' } },
      ],
      [
        ['trigger', 'answer'],
        ['answer', 'reply'],
      ],
    );
    const run = await test(owner, agentId, flow, 'word '.repeat(400));
    expect(run).toMatchObject({ status: 'failed', errorCode: 'budget_exceeded' });
    expect(run.error).toMatch(/Stopped: the run used \d+ tokens, over its budget of 100/);
    expect(run.errorMessage).toEqual({
      key: 'runs.error.budget_tokens',
      params: { used: expect.any(Number), limit: 100 },
    });
    expect(run.replies).toEqual([]);
  });

  it('refuses a private address unless the node allows it and the installation lists it, then calls it', async () => {
    const { owner, agentId } = await withAgent();
    let hits = 0;
    server = createServer((req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'shipped', path: req.url }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const httpFlow = (allowPrivateNetwork: boolean) =>
      flowOf(
        [
          {
            id: 'call',
            type: 'http',
            position: at(1),
            data: {
              url: `http://127.0.0.1:${port}/orders/{{message}}`,
              allowedHosts: ['127.0.0.1'],
              allowPrivateNetwork,
            },
          },
          { id: 'reply', type: 'reply', position: at(2), data: { text: 'Order is {{http.body.status}}' } },
        ],
        [
          ['trigger', 'call'],
          ['call', 'reply'],
        ],
      );
    const refused = await h.core.dispatch(
      'agents.run',
      { agentId, draft: httpFlow(false), input: { message: '42' }, wait: true },
      owner.call,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // the node opens the private network, but the installation does not list 127.0.0.1:<port>
    const notListed = await h.core.dispatch(
      'agents.run',
      { agentId, draft: httpFlow(true), input: { message: '42' }, wait: true },
      owner.call,
    );
    expect(notListed).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/this installation does not allow/),
        reason: 'flow_has_problems',
        params: { count: 1, inner: 'flow.url.private_not_allowed', address: `127.0.0.1:${port}` },
      },
    });
    expect(hits).toBe(0);
    await allowLocal(h.core, owner, `127.0.0.1:${port}`);
    const allowed = await test(owner, agentId, httpFlow(true), '42');
    expect(allowed).toMatchObject({ status: 'succeeded', replies: ['Order is shipped'] });
    expect(hits).toBe(1);
    // removed from the list: a live version that calls it fails at run time without reaching it
    await expectOk(h.core, 'agents.saveVersion', { agentId, flow: httpFlow(true) }, owner.call);
    await expectOk(h.core, 'agents.deploy', { agentId }, owner.call);
    await expectOk(h.core, 'outbound.remove', { hostPort: `127.0.0.1:${port}` }, owner.call);
    const started = await servicesOf(h.core).agents.engine.start({
      tenantId: owner.me.tenant.id,
      agent: {
        ...(await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent,
      },
      flow: (await expectOk(h.core, 'agents.get', { agentId }, owner.call)).flow,
      versionNumber: null,
      trigger: 'chat',
      input: { message: '43' },
    });
    const ended = await servicesOf(h.core).agents.engine.wait(owner.me.tenant.id, started.id);
    expect(ended).toMatchObject({ status: 'failed', errorCode: 'blocked' });
    // why, as the run page says it: the step's name and the guard's refusal
    expect(ended.errorMessage).toEqual({
      key: 'runs.error.step_failed',
      params: {
        node: expect.any(String),
        step: 'flow.url.private_not_allowed',
        address: `127.0.0.1:${port}`,
      },
    });
    expect(hits).toBe(1);
  });

  it('lets only an admin open the private network to an HTTP node', async () => {
    const { owner, agentId } = await withAgent();
    const operator = await inviteAndAccept(h.core, owner, 'otto@acme.test', 'operator');
    const admin = await inviteAndAccept(h.core, owner, 'ada@acme.test', 'admin');
    let hits = 0;
    server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await allowLocal(h.core, owner, `127.0.0.1:${port}`);
    const httpFlow = (allowPrivateNetwork: boolean, label = 'Call') =>
      flowOf(
        [
          {
            id: 'call',
            type: 'http',
            position: at(1),
            label,
            data: { url: `http://127.0.0.1:${port}/x`, allowedHosts: ['127.0.0.1'], allowPrivateNetwork },
          },
          { id: 'note', type: 'reply', position: at(2), data: { text: 'Status {{http.body.status}}' } },
        ],
        [
          ['trigger', 'call'],
          ['call', 'note'],
        ],
      );
    const adminOnly = { ok: false, error: { code: 'FORBIDDEN', reason: 'private_network_admin_only' } };
    // an operator can neither save, test-run nor restore a flow that opens it
    expect(
      await h.core.dispatch('agents.saveVersion', { agentId, flow: httpFlow(true) }, operator.call),
    ).toMatchObject(adminOnly);
    expect(
      await h.core.dispatch(
        'agents.run',
        { agentId, draft: httpFlow(true), input: { message: 'x' }, wait: true },
        operator.call,
      ),
    ).toMatchObject(adminOnly);
    expect(hits).toBe(0);
    // an operator's flow that keeps it shut saves (and its node is refused at validation)
    await expectOk(h.core, 'agents.saveVersion', { agentId, flow: httpFlow(false) }, operator.call);
    // an admin opens it; the operator may not deploy that version, the admin may
    const byAdmin = await expectOk(
      h.core,
      'agents.saveVersion',
      { agentId, flow: httpFlow(true) },
      admin.call,
    );
    expect(await h.core.dispatch('agents.deploy', { agentId }, operator.call)).toMatchObject(adminOnly);
    await expectOk(h.core, 'agents.deploy', { agentId }, admin.call);
    const live = await expectOk(
      h.core,
      'agents.run',
      { agentId, input: { message: 'x' }, wait: true },
      operator.call,
    );
    expect(live).toMatchObject({ status: 'succeeded', replies: ['Status ok'] });
    // the operator may go on editing the flow as long as the admin's node stays as it is
    await expectOk(
      h.core,
      'agents.saveVersion',
      { agentId, flow: httpFlow(true), note: 'same node' },
      operator.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId }, operator.call);
    const changed = httpFlow(true);
    const node = changed.nodes.find((n) => n.id === 'call')!;
    if (node.type === 'http') node.data = { ...node.data, url: `http://127.0.0.1:${port}/other` };
    expect(
      await h.core.dispatch('agents.saveVersion', { agentId, flow: changed }, operator.call),
    ).toMatchObject(adminOnly);
    // restoring a version that opens it is saving it again
    await expectOk(h.core, 'agents.saveVersion', { agentId, flow: httpFlow(false) }, admin.call);
    expect(
      await h.core.dispatch(
        'agents.restoreVersion',
        { agentId, versionId: byAdmin.version.id },
        operator.call,
      ),
    ).toMatchObject(adminOnly);
    await expectOk(h.core, 'agents.restoreVersion', { agentId, versionId: byAdmin.version.id }, admin.call);
  });

  it('cancels a waiting or queued run, and runs of one tenant wait their turn in order', async () => {
    h = createHarness({ maxConcurrentRunsPerTenant: 1 });
    const owner = await setupOwner(h.core);
    const agentId = (await expectOk(h.core, 'agents.create', { name: 'Queue' }, owner.call)).id;
    const slow = flowOf(
      [{ id: 'ask', type: 'approval', position: at(1), data: { prompt: 'Hold' } }],
      [['trigger', 'ask']],
    );
    const quick = flowOf(
      [{ id: 'r', type: 'reply', position: at(1), data: { text: 'done {{message}}' } }],
      [['trigger', 'r']],
    );
    const first = await test(owner, agentId, quick, '1', false);
    const second = await test(owner, agentId, quick, '2', false);
    const parked = await test(owner, agentId, slow, 'x');
    const [a, b] = await Promise.all([
      servicesOf(h.core).agents.engine.wait(owner.me.tenant.id, first.id),
      servicesOf(h.core).agents.engine.wait(owner.me.tenant.id, second.id),
    ]);
    expect(a.finishedAt! <= b.startedAt!).toBe(true);
    expect(parked.status).toBe('waiting');
    const cancelled = await expectOk(h.core, 'agents.cancelRun', { runId: parked.id }, owner.call);
    expect(cancelled.status).toBe('cancelled');
  });

  it('marks runs a crash left running as interrupted at the next start', async () => {
    const { owner, agentId } = await withAgent();
    const run = await test(
      owner,
      agentId,
      flowOf([{ id: 'r', type: 'reply', position: at(1), data: { text: 'x' } }], [['trigger', 'r']]),
    );
    servicesOf(h.core)
      .sqlite.prepare("UPDATE agent_runs SET status = 'running', finished_at = NULL WHERE id = ?")
      .run(run.id);
    h.core.start();
    const after = await expectOk(h.core, 'runs.get', { runId: run.id }, owner.call);
    expect(after.run).toMatchObject({
      status: 'interrupted',
      errorCode: 'interrupted',
      errorMessage: { key: 'runs.error.interrupted' },
    });
  });

  it('answers a live run only for deployed agents', async () => {
    const { owner, agentId } = await withAgent();
    expect(
      await h.core.dispatch('agents.run', { agentId, input: { message: 'x' } }, owner.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await expectOk(h.core, 'agents.deploy', { agentId }, owner.call);
    const run = await expectOk(
      h.core,
      'agents.run',
      { agentId, input: { message: 'What can you do?' }, wait: true },
      owner.call,
    );
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'chat', versionNumber: 1 });
    expect(run.replies[0]!.length).toBeGreaterThan(0);
  });
});

describe('runs of drafts and templates', () => {
  it('keeps the draft a test run ran, so it can be replayed as it was', async () => {
    const { owner, agentId } = await withAgent();
    const draft = flowOf(
      [{ id: 'r', type: 'reply', position: at(1), data: { text: 'draft says {{message}}' } }],
      [['trigger', 'r']],
    );
    const run = await test(owner, agentId, draft, 'hi');
    const detail = await expectOk(h.core, 'runs.get', { runId: run.id }, owner.call);
    expect(detail.draft?.nodes.map((n) => n.id)).toEqual(['trigger', 'r']);
    const replay = await test(owner, agentId, detail.draft!, run.input.message);
    expect(replay.replies).toEqual(['draft says hi']);
  });

  it('adds a template’s documents to the knowledge base once, however many agents use it', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const { templates } = await expectOk(h.core, 'templates.list', {}, owner.call);
    const templateId = templates[0]!.id;
    await expectOk(h.core, 'agents.create', { templateId }, owner.call);
    const once = (await expectOk(h.core, 'knowledge.list', { limit: 200 }, owner.call)).docs.length;
    await expectOk(h.core, 'agents.create', { templateId }, owner.call);
    expect((await expectOk(h.core, 'knowledge.list', { limit: 200 }, owner.call)).docs).toHaveLength(once);
    expect(once).toBeGreaterThan(0);
  });
});
