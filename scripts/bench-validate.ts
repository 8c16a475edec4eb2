// Flow validation on large and hostile flows (was a timing assertion in validate.test.ts; goals
// live here): a 1000-node chain, and 1000 nodes in one loop with 5000 connections.
import { flowSchema, type Flow } from '../main/contract';
import { validateFlow } from '../main/core/agents/flow/validate';

type Emit = (line: Record<string, unknown>) => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

type NodeSpec = { id: string; type: string; data: Record<string, unknown> };

function flow(nodes: NodeSpec[], edges: [string, string, string?][]): Flow {
  return flowSchema.parse({
    schemaVersion: 1,
    nodes: nodes.map((node, i) => ({ position: { x: i * 200, y: 0 }, ...node })),
    edges: edges.map(([source, target, sourceHandle], i) => ({
      id: `e${i}`,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
    })),
    variables: [],
  });
}

function chain(): Flow {
  const nodes: NodeSpec[] = [{ id: 'start', type: 'trigger', data: { kind: 'chat' } }];
  const edges: [string, string][] = [];
  for (let i = 0; i < 999; i++) {
    nodes.push({
      id: `n${i}`,
      type: 'set',
      data: { assignments: [{ variable: `v${i}`, expression: `v${Math.max(i - 1, 0)} ?? 1` }] },
    });
    edges.push([i === 0 ? 'start' : `n${i - 1}`, `n${i}`]);
  }
  return flow(nodes, edges);
}

function loop(): Flow {
  const nodes: NodeSpec[] = [{ id: 'start', type: 'trigger', data: { kind: 'chat' } }];
  const edges: [string, string, string?][] = [['start', 'n0']];
  for (let i = 0; i < 999; i++) nodes.push({ id: `n${i}`, type: 'condition', data: { expression: 'true' } });
  for (let i = 0; i < 999; i++) edges.push([`n${i}`, `n${(i + 1) % 999}`, 'true']);
  for (let i = 0; edges.length < 5000; i++) edges.push([`n${i % 999}`, `n${(i * 7919) % 999}`, 'false']);
  return flow(nodes, edges);
}

export function validateLargeFlows(emit: Emit): void {
  const options = {
    isModelAvailable: () => true,
    defaultModel: { providerId: 'local', model: 'mindframe-mini' },
  };
  for (const [name, make, targetMs] of [
    ['chain_1000_nodes', chain, 1000],
    ['loop_1000_nodes_5000_edges', loop, 2000],
  ] as const) {
    const f = make();
    const samples: number[] = [];
    const baseline: number[] = [];
    let problems = 0;
    for (let i = 0; i < 7; i++) {
      let t0 = performance.now();
      problems = validateFlow(f, options).filter((p) => p.severity === 'error').length;
      samples.push(performance.now() - t0);
      t0 = performance.now();
      flowSchema.parse(f);
      baseline.push(performance.now() - t0);
    }
    const ms = median(samples);
    emit({
      scenario: `designer.validate_${name}`,
      description: `validate a flow of ${f.nodes.length} nodes and ${f.edges.length} connections`,
      median_ms: round(ms, 1),
      error_problems: problems,
      baseline_schema_parse_ms: round(median(baseline), 1),
      ratio: round(ms / Math.max(median(baseline), 0.01), 1),
      target_ms: targetMs,
      meets_target: ms < targetMs,
    });
  }
}
