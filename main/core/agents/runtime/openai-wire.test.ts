import { servicesOf } from '../../testing/services';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowInput, RunSummary } from '../../../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../../testing/harness';
import { allowLocal } from '../../testing/outbound';
import { FakeOpenAi } from '../testing/fake-openai';

let h: Harness;
let fake: FakeOpenAi;
afterEach(async () => {
  h?.close();
  await fake?.stop();
});

const flow: FlowInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'api', type: 'trigger', position: { x: 260, y: 0 }, data: { kind: 'api' } },
    {
      id: 'answer',
      type: 'llm',
      label: 'Answer',
      position: { x: 0, y: 140 },
      data: {
        systemPrompt: 'You help customers of a bike shop.',
        prompt: '{{message}}',
        tools: ['search_knowledge'],
      },
    },
    { id: 'reply', type: 'reply', position: { x: 0, y: 280 }, data: { text: '{{answer}}' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'answer' },
    { id: 'e2', source: 'api', target: 'answer' },
    { id: 'e3', source: 'answer', target: 'reply' },
  ],
};

async function agentOnFakeProvider(): Promise<{ owner: SignedIn; agentId: string }> {
  fake = new FakeOpenAi();
  const baseUrl = await fake.start();
  h = createHarness({ chainPolicy: { attemptsPerModel: 3, baseDelayMs: 5, maxDelayMs: 50 } });
  const owner = await setupOwner(h.core);
  await allowLocal(h.core, owner, baseUrl);
  const provider = await expectOk(
    h.core,
    'providers.save',
    {
      kind: 'compatible',
      name: 'Fake',
      baseUrl,
      apiKey: 'sk-test-secret-123',
      models: ['gpt-4o-mini', 'gpt-4o'],
    },
    owner.call,
  );
  const agent = await expectOk(h.core, 'agents.create', { name: 'Bike helper' }, owner.call);
  await expectOk(
    h.core,
    'agents.updateSettings',
    {
      agentId: agent.id,
      primaryModel: { providerId: provider.id, model: 'gpt-4o-mini' },
      fallbackModels: [{ providerId: provider.id, model: 'gpt-4o' }],
    },
    owner.call,
  );
  await expectOk(h.core, 'agents.saveVersion', { agentId: agent.id, flow }, owner.call);
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  await expectOk(
    h.core,
    'knowledge.add',
    { title: 'Opening hours', body: 'We are open Monday to Saturday from 08:00 to 17:00.' },
    owner.call,
  );
  return { owner, agentId: agent.id };
}

async function runAgent(owner: SignedIn, agentId: string, message: string, origin?: 'rest') {
  const summary = (await expectOk(
    h.core,
    'agents.run',
    { agentId, input: { message }, wait: true },
    { ...owner.call, ...(origin ? { origin } : {}) },
  )) as RunSummary;
  const detail = await expectOk(h.core, 'runs.get', { runId: summary.id }, owner.call);
  return { run: detail.run, llm: detail.steps.find((s) => s.nodeType === 'llm')! };
}

describe('runtime against an OpenAI-compatible server, through the real openai SDK', () => {
  it('streams a chat run and prices it from the usage the provider reports', async () => {
    const { owner, agentId } = await agentOnFakeProvider();
    fake.script('gpt-4o-mini', {
      text: 'Hello there, rider!',
      usage: { prompt_tokens: 1000, completion_tokens: 500 },
    });
    const deltas: string[] = [];
    h.core.events.subscribe(owner.token, (name, payload) => {
      if (name === 'run.delta') deltas.push((payload as { text: string }).text);
    });
    const { run, llm } = await runAgent(owner, agentId, 'Hi');
    expect(run).toMatchObject({
      status: 'succeeded',
      trigger: 'chat',
      replies: ['Hello there, rider!'],
      tokensIn: 1000,
      tokensOut: 500,
    });
    expect(deltas.join('')).toBe('Hello there, rider!');
    expect(fake.requests.at(-1)).toMatchObject({ stream: true, authorization: 'Bearer sk-test-secret-123' });
    // gpt-4o-mini: $0.15 per million in, $0.60 per million out
    expect(llm).toMatchObject({ model: 'Fake/gpt-4o-mini', costMicros: 450, attempts: 1, status: 'ok' });
  });

  it('answers API runs without streaming', async () => {
    const { owner, agentId } = await agentOnFakeProvider();
    fake.script('gpt-4o-mini', { text: 'Plain answer.' });
    const { run } = await runAgent(owner, agentId, 'Hi', 'rest');
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'api', replies: ['Plain answer.'] });
    expect(fake.requests.at(-1)!.stream).toBe(false);
  });

  it('retries a 429 and shows the retry in the trace', async () => {
    const { owner, agentId } = await agentOnFakeProvider();
    fake.script('gpt-4o-mini', { status: 429, retryAfter: 0 }, { text: 'Second time lucky.' });
    const { run, llm } = await runAgent(owner, agentId, 'Hi');
    expect(run.replies).toEqual(['Second time lucky.']);
    expect(llm.attempts).toBe(2);
    expect(llm.notes.join('\n')).toMatch(/Fake\/gpt-4o-mini answered 429; retrying/);
    expect(fake.requests.map((r) => r.model)).toEqual(['gpt-4o-mini', 'gpt-4o-mini']);
  });

  it('falls back to the second model after repeated 500s and says so in the trace', async () => {
    const { owner, agentId } = await agentOnFakeProvider();
    fake.script('gpt-4o-mini', { status: 500 }, { status: 500 }, { status: 500 });
    fake.script('gpt-4o', { text: 'The fallback answers.' });
    const { run, llm } = await runAgent(owner, agentId, 'Hi', 'rest');
    expect(run.replies).toEqual(['The fallback answers.']);
    expect(llm).toMatchObject({ model: 'Fake/gpt-4o', attempts: 4 });
    expect(llm.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Fake\/gpt-4o-mini failed \(500\) after 3 attempts/),
        'fell back to Fake/gpt-4o',
      ]),
    );
    // the same notes as messages, for the trace in the user's language
    expect(llm.noteMessages).toEqual(
      expect.arrayContaining([
        {
          key: 'runs.note.failed_after',
          params: { status: 500, model: 'Fake/gpt-4o-mini', count: 3, inner: 'providers.error.http_status' },
        },
        { key: 'runs.note.fell_back', params: { model: 'Fake/gpt-4o' } },
      ]),
    );
  });

  it('lets the model call the knowledge tool and answers with what it found', async () => {
    const { owner, agentId } = await agentOnFakeProvider();
    fake.script(
      'gpt-4o-mini',
      { toolCall: { name: 'search_knowledge', arguments: '{"query":"opening hours"}' } },
      { text: 'We open at 08:00.' },
    );
    const { run, llm } = await runAgent(owner, agentId, 'When do you open?');
    expect(run.replies).toEqual(['We open at 08:00.']);
    const second = fake.requests.at(-1)!.body.messages;
    const toolMessage = second.find((m) => m.role === 'tool');
    expect(toolMessage?.content).toContain('08:00 to 17:00');
    expect(llm.notes.join('\n')).toMatch(/model called search_knowledge\("opening hours"\): 1 passages/);
  });

  it('fails clearly when every model fails, and keeps the key out of the database', async () => {
    const { owner, agentId } = await agentOnFakeProvider();
    fake.script('gpt-4o-mini', { status: 401, error: 'bad key' });
    fake.script('gpt-4o', { status: 401, error: 'bad key' });
    const { run } = await runAgent(owner, agentId, 'Hi');
    expect(run).toMatchObject({ status: 'failed', errorCode: 'provider_error' });
    expect(run.error).toMatch(/Every model failed/);
    // the run page says the kind of failure and its status, never what the server wrote
    expect(run.errorMessage).toEqual({
      key: 'runs.error.step_failed',
      params: {
        node: expect.any(String),
        step: 'runs.error.models_failed',
        inner: 'providers.error.http_status',
        status: 401,
      },
    });
    const { steps } = await expectOk(h.core, 'runs.get', { runId: run.id }, owner.call);
    expect(steps.find((step) => step.status === 'error')?.errorMessage).toEqual({
      key: 'runs.error.models_failed',
      params: { inner: 'providers.error.http_status', status: 401 },
    });
    expect(JSON.stringify([run, steps])).not.toMatch(/bad key/);
    servicesOf(h.core).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(h.core.databaseFile).includes('sk-test-secret-123')).toBe(false);
  });
});

describe('provider time limits and template matching with a model', () => {
  it('stops a model step that takes longer than its time limit', async () => {
    fake = new FakeOpenAi();
    const baseUrl = await fake.start();
    h = createHarness({
      nodeTimeoutMs: { llm: 300 },
      chainPolicy: { attemptsPerModel: 1, baseDelayMs: 5, maxDelayMs: 5 },
    });
    const owner = await setupOwner(h.core);
    await allowLocal(h.core, owner, baseUrl);
    const provider = await expectOk(
      h.core,
      'providers.save',
      { kind: 'compatible', name: 'Slow', baseUrl, models: ['slow-model'] },
      owner.call,
    );
    const agent = await expectOk(h.core, 'agents.create', { name: 'Patient' }, owner.call);
    await expectOk(
      h.core,
      'agents.updateSettings',
      { agentId: agent.id, primaryModel: { providerId: provider.id, model: 'slow-model' } },
      owner.call,
    );
    fake.script('slow-model', { delayMs: 2_000, then: { text: 'too late' } });
    const run = await expectOk(
      h.core,
      'agents.run',
      { agentId: agent.id, draft: flow, input: { message: 'hi' }, wait: true },
      owner.call,
    );
    expect(run).toMatchObject({ status: 'failed', errorCode: 'timeout', replies: [] });
    expect(run.error).toMatch(/took longer than 300 ms/);
    expect(run.errorMessage).toEqual({
      key: 'runs.error.step_failed',
      params: { node: expect.any(String), step: 'runs.error.step_timeout', seconds: 0.3 },
    });
  });

  it('lets a configured model reorder the offline shortlist, and keeps the offline order when its answer is unusable', async () => {
    fake = new FakeOpenAi();
    const baseUrl = await fake.start();
    h = createHarness();
    const owner = await setupOwner(h.core);
    const need = 'I run a bike shop and want to answer questions about repairs and book appointments';
    const offline = await expectOk(h.core, 'templates.match', { need }, owner.call);
    expect(offline.method).toBe('offline');
    expect(offline.matches[0]!.template.id).toBe('bike-shop-repairs');
    await allowLocal(h.core, owner, baseUrl);
    await expectOk(
      h.core,
      'providers.save',
      { kind: 'compatible', name: 'Ranker', baseUrl, models: ['ranker'] },
      owner.call,
    );
    fake.script('ranker', { text: '["car-garage-service", "bike-shop-repairs", "not-a-template"]' });
    const ranked = await expectOk(h.core, 'templates.match', { need }, owner.call);
    expect(ranked.method).toBe('model');
    expect(ranked.matches.slice(0, 2).map((m) => m.template.id)).toEqual([
      'car-garage-service',
      'bike-shop-repairs',
    ]);
    expect(fake.requests.at(-1)!.body.messages[1]!.content).toContain('bike-shop-repairs');
    fake.script('ranker', { text: 'I think the bike one.' });
    const fallback = await expectOk(h.core, 'templates.match', { need }, owner.call);
    expect(fallback.method).toBe('offline');
    expect(fallback.matches[0]!.template.id).toBe('bike-shop-repairs');
  });
});
