/**
 * Hostile flows through the public methods: 10 000 random flow documents go through
 * agents.validate and agents.run (a test run that waits for its end). Every answer must be a typed
 * one, no run may crash the runtime, and the app must keep serving afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type RunSummary } from '../../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';
import { expressionText, largeFlow, mutatedFlow, plausibleFlow } from './flow/testing/flow-arbitraries';

/**
 * Flows that pass validation often enough to reach the runtime: every node is reachable from the
 * trigger, backward edges carry loop limits, variables come from a pool that set nodes define, and
 * expressions mix well-formed ones with random token soup (runtime type errors included).
 */
const pool = ['v0', 'v1', 'v2'];
const expression = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'v0 + 1',
      'len(message) > 2',
      'v1 ?? 0',
      'v0 > v1',
      'contains(lower(message), "fu")',
      'v2 * 2',
      'message + v0',
      'v0 / 0',
      '[1, 2][5]',
      'upper(v1)',
    ),
  },
  { weight: 1, arbitrary: expressionText },
);
const template = fc.constantFrom(
  '{{message}}',
  'v0={{v0}}',
  '{{v1}} and {{v2}}',
  'plain text',
  '{{knowledge.text}}',
  '{{answer}}',
);
const runnableType = fc.constantFrom(
  'set',
  'condition',
  'reply',
  'intent',
  'knowledge',
  'llm',
  'approval',
  'handoff',
);
const runnableFlow = fc
  .tuple(
    fc.array(fc.tuple(runnableType, expression, template, fc.nat()), { minLength: 1, maxLength: 25 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5 })), { maxLength: 8 }),
  )
  .map(([specs, extra]) => {
    const nodes: Record<string, unknown>[] = [
      { id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    ];
    const handlesOf: string[][] = [['out']];
    specs.forEach(([type, expr, text, pick], i) => {
      const id = `n${i + 1}`;
      const position = { x: (i % 5) * 260, y: (i + 1) * 140 };
      const data: Record<string, unknown> = {
        set: { assignments: pool.map((variable) => ({ variable, expression: expr })) },
        condition: { expression: expr },
        reply: { text },
        intent: {
          intents: [
            { name: 'yes', examples: ['yes please', 'sure'] },
            { name: 'no', examples: ['no thanks'] },
          ],
        },
        knowledge: { query: '{{message}}' },
        llm: {
          prompt: `Context: {{message}}\nQuestion: ${text}`,
          maxTokens: 1 + (pick % 300),
          outputVariable: 'answer',
        },
        approval: { prompt: text },
        handoff: { reason: text },
      }[type]!;
      nodes.push({ id, type, position, data });
      handlesOf.push(
        {
          condition: ['true', 'false'],
          intent: ['yes', 'no', 'fallback'],
          approval: ['approved', 'rejected'],
          llm: ['out', 'error'],
          knowledge: ['out'],
        }[type as 'condition'] ?? ['out'],
      );
    });
    const edges: Record<string, unknown>[] = [];
    for (let i = 1; i < nodes.length; i++) {
      const from = specs[i - 1]![3] % i;
      const handles = handlesOf[from]!;
      edges.push({
        id: `e${i}`,
        source: `n${from}`,
        target: `n${i}`,
        sourceHandle: handles[specs[i - 1]![3] % handles.length],
      });
    }
    extra.forEach(([a, b, limit], i) => {
      const source = a % nodes.length;
      const target = 1 + (b % (nodes.length - 1 || 1));
      const handles = handlesOf[source]!;
      edges.push({
        id: `x${i}`,
        source: `n${source}`,
        target: `n${Math.min(target, nodes.length - 1)}`,
        sourceHandle: handles[0],
        loopLimit: limit,
      });
    });
    return { schemaVersion: 1, nodes, edges, variables: pool.map((name) => ({ name, value: '1' })) };
  });

let h: Harness;
let owner: SignedIn;
let agentId: string;
const typedCodes = new Set<string>(errorCodes);
const seen = { validated: 0, ran: 0, runStatuses: new Map<string, number>() };

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core);
  agentId = (await expectOk(h.core, 'agents.create', { name: 'Fuzz target' }, owner.call)).id;
});
afterAll(() => h?.close());

async function throughMethods(document: unknown): Promise<void> {
  const validated = await h.core.dispatch('agents.validate', { flow: document, agentId }, owner.call);
  if (!validated.ok && !typedCodes.has(validated.error.code))
    throw new Error(`untyped: ${JSON.stringify(validated)}`);
  if (validated.ok) seen.validated++;
  const ran = await h.core.dispatch(
    'agents.run',
    { agentId, draft: document, input: { message: 'fuzz' }, wait: true },
    owner.call,
  );
  if (!ran.ok) {
    if (!typedCodes.has(ran.error.code) || ran.error.code === 'INTERNAL')
      throw new Error(`bad answer: ${JSON.stringify(ran.error)}`);
    return;
  }
  const run = ran.data as RunSummary;
  seen.ran++;
  seen.runStatuses.set(run.status, (seen.runStatuses.get(run.status) ?? 0) + 1);
  if (run.status === 'queued' || run.status === 'running') throw new Error(`run did not end: ${run.id}`);
  if (run.error?.includes('unexpected error'))
    throw new Error(`runtime crashed on a flow: ${JSON.stringify(document)}`);
  if (run.status === 'waiting') await expectOk(h.core, 'agents.cancelRun', { runId: run.id }, owner.call);
}

describe('hostile flows through agents.validate and agents.run', () => {
  it('answers 10 000 random documents with typed results only, and keeps serving', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), throughMethods), { numRuns: 1_000 });
    await fc.assert(fc.asyncProperty(mutatedFlow, throughMethods), { numRuns: 1_500 });
    await fc.assert(fc.asyncProperty(plausibleFlow, throughMethods), { numRuns: 3_490 });
    await fc.assert(fc.asyncProperty(runnableFlow, throughMethods), { numRuns: 4_000 });
    await fc.assert(
      fc.asyncProperty(fc.integer(), (seed) => throughMethods(largeFlow(seed))),
      { numRuns: 10 },
    );

    if (process.env.FUZZ_STATS)
      console.log(JSON.stringify({ ...seen, runStatuses: Object.fromEntries(seen.runStatuses) }));
    // a meaningful share of documents was valid and actually ran
    expect(seen.validated).toBeGreaterThan(1_000);
    expect(seen.ran).toBeGreaterThan(1_000);
    expect(seen.runStatuses.get('succeeded')).toBeGreaterThan(100);
    expect(seen.runStatuses.get('failed')).toBeGreaterThan(10);
    const health = await expectOk(h.core, 'health.summary', {}, owner.call);
    expect(health.database).toBe('connected');
    const normal = await expectOk(
      h.core,
      'agents.run',
      {
        agentId,
        wait: true,
        input: { message: 'still here?' },
        draft: {
          schemaVersion: 1,
          nodes: [
            { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
            { id: 'r', type: 'reply', position: { x: 0, y: 140 }, data: { text: 'yes: {{message}}' } },
          ],
          edges: [{ id: 'e', source: 't', target: 'r' }],
        },
      },
      owner.call,
    );
    expect(normal.replies).toEqual(['yes: still here?']);
  }, 240_000);
});
