// Agent runtime scenarios for `npm run bench`.
import { servicesOf } from '../main/core/testing/services';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowInput, RunSummary } from '../main/contract';
import { createCore, type Core } from '../main/core';

type Emit = (line: Record<string, unknown>) => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A chain of `count` nodes after the trigger: set, condition, set ... and one offline-model step. */
export function chainFlow(count: number, withModel = true): FlowInput {
  const nodes: FlowInput['nodes'] = [
    { id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
  ];
  const edges: FlowInput['edges'] = [];
  for (let i = 1; i <= count; i++) {
    const position = { x: 0, y: i * 140 };
    const last = i === count;
    if (last) nodes.push({ id: `n${i}`, type: 'reply', position, data: { text: 'n={{n}} {{answer}}' } });
    else if (withModel && i === Math.floor(count / 2))
      nodes.push({
        id: `n${i}`,
        type: 'llm',
        position,
        data: { prompt: 'Context: We open at 08:00.\nQuestion: {{message}}', outputVariable: 'answer' },
      });
    else if (i % 2 === 1)
      nodes.push({
        id: `n${i}`,
        type: 'set',
        position,
        data: { assignments: [{ variable: 'n', expression: '(n ?? 0) + 1' }] },
      });
    else
      nodes.push({
        id: `n${i}`,
        type: 'condition',
        position,
        data: { expression: 'n > 0 && len(message) > 1' },
      });
    const previous = nodes[i - 1]!;
    edges.push({
      id: `e${i}`,
      source: previous.id,
      target: `n${i}`,
      sourceHandle: previous.type === 'condition' ? 'true' : 'out',
    });
  }
  return { schemaVersion: 1, nodes, edges, variables: [{ name: 'answer', value: '' }] };
}

async function setup(maxConcurrent = 4): Promise<{
  core: Core;
  dataDir: string;
  call: { transport: 'internal'; sessionToken: string };
  agentId: string;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-agents-'));
  const core = createCore({ dataDir, secrets: 'file', maxConcurrentRunsPerTenant: maxConcurrent });
  const setupResult = await core.dispatch(
    'setup.createOwner',
    { orgName: 'Bench', name: 'Bench', email: 'bench@bench.test', password: 'benchmark password 1234' },
    { transport: 'internal' },
  );
  if (!setupResult.ok || setupResult.sessionChange?.type !== 'set') throw new Error('bench setup failed');
  const call = { transport: 'internal' as const, sessionToken: setupResult.sessionChange.token };
  const agent = await core.dispatch('agents.create', { name: 'Bench' }, call);
  if (!agent.ok) throw new Error('agent create failed');
  return { core, dataDir, call, agentId: (agent.data as { id: string }).id };
}

async function runOnce(
  core: Core,
  call: { transport: 'internal'; sessionToken: string },
  agentId: string,
  flow: FlowInput,
): Promise<RunSummary> {
  const result = await core.dispatch(
    'agents.run',
    { agentId, draft: flow, input: { message: 'When do you open?' }, wait: true },
    call,
  );
  if (!result.ok) throw new Error(`run refused: ${result.error.message}`);
  return result.data as RunSummary;
}

export async function runtimeOverheadPerNode(emit: Emit): Promise<void> {
  const { core, dataDir, call, agentId } = await setup();
  if (process.env.BENCH_SYNC) servicesOf(core).sqlite.pragma(`synchronous = ${process.env.BENCH_SYNC}`);
  const nodes = 50;
  const flow = chainFlow(nodes);
  const small = chainFlow(2, false);
  for (let i = 0; i < 20; i++) await runOnce(core, call, agentId, flow);
  const perNode: number[] = [];
  const fixed: number[] = [];
  for (let i = 0; i < 60; i++) {
    let t0 = performance.now();
    await runOnce(core, call, agentId, small);
    const smallMs = performance.now() - t0;
    t0 = performance.now();
    const run = await runOnce(core, call, agentId, flow);
    const bigMs = performance.now() - t0;
    if (run.status !== 'succeeded') throw new Error(`bench run ${run.status}: ${run.error}`);
    fixed.push(smallMs);
    // what each further node adds: the run's fixed costs (validation, queueing, the run row) cancel out
    perNode.push((bigMs - smallMs) / (nodes + 1 - 3));
  }
  const perNodeMs = median(perNode);
  emit({
    scenario: 'runtime.overhead_per_node',
    description: `added time per node of a ${nodes}-node flow (set, condition, one offline-model step), each step traced to SQLite`,
    median_ms: round(perNodeMs, 4),
    baseline_fixed_run_cost_ms: round(median(fixed), 3),
    ratio: round(perNodeMs / median(fixed), 3),
    target_ms: 0.2,
    meets_target: perNodeMs < 0.2,
  });
  core.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

export async function runsPerSecond(emit: Emit): Promise<void> {
  const { core, dataDir, call, agentId } = await setup(50);
  const flow = chainFlow(10);
  const deadline = performance.now() + 4_000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < deadline) {
        await runOnce(core, call, agentId, flow);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sequentialStart = performance.now();
  let sequential = 0;
  while (performance.now() - sequentialStart < 2_000) {
    await runOnce(core, call, agentId, flow);
    sequential++;
  }
  const sequentialRate = sequential / ((performance.now() - sequentialStart) / 1000);
  emit({
    scenario: 'runtime.runs_per_second',
    description: '10-node flow (offline model), 50 concurrent runs, each waited for',
    runs_per_second: Math.round(done / seconds),
    baseline_one_at_a_time_rps: Math.round(sequentialRate),
    ratio: round(done / seconds / sequentialRate, 2),
  });
  core.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

export async function templateMatching(emit: Emit): Promise<void> {
  const { core, dataDir } = await setup();
  const catalog = servicesOf(core).agents.catalog;
  const needs = [
    'I run a bike shop and want to answer questions about repairs and book appointments',
    'Ik heb een restaurant en wil reserveringen aannemen',
    'Jeg vil at kundene kan spørre om fakturaer og betaling',
    'help employees request leave and answer HR questions',
  ];
  for (let i = 0; i < 50; i++) catalog.match(needs[i % needs.length]!);
  const samples: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 400; i++) {
    const need = needs[i % needs.length]!;
    let t0 = performance.now();
    catalog.match(need);
    samples.push(performance.now() - t0);
    t0 = performance.now();
    catalog.list({});
    baseline.push(performance.now() - t0);
  }
  const ms = median(samples);
  emit({
    scenario: 'templates.match_time',
    description: `rank all ${catalog.list({}).length} templates for a need in plain words (en/nl/nb), offline`,
    median_ms: round(ms, 3),
    baseline_list_all_ms: round(median(baseline), 4),
    ratio: round(ms / Math.max(median(baseline), 0.0001), 1),
    target_ms: 20,
    meets_target: ms < 20,
  });
  core.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
