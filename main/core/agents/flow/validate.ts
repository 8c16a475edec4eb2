/**
 * Every problem of a flow, each attached to the node, connection and field it is about. Errors
 * block deploying; warnings point at things that work but are probably not meant:
 *
 * - A node with no incoming connection at all is unfinished work: `missing_input`, an error.
 * - A node that has inputs but no path from any trigger (an island) never runs and harms nothing:
 *   `unreachable`, a warning — reported only when `missing_input`/`missing_trigger` do not already
 *   explain it.
 * - An output with nothing connected (a condition's "false", an intent without a branch) ends the
 *   run there: a warning, reported as `invalid_handle` on the node and, for intents, the intent's
 *   field. The "error" output may stay unconnected: the run then fails as it would anyway.
 *
 * Linear in nodes plus edges (plus the length of the texts), and it does not throw for any flow
 * `flowSchema` accepts.
 */
import type { Flow, FlowNode, FlowProblem } from '../../../contract';
import {
  buildGraph,
  errorHandle,
  fallbackHandle,
  type FlowGraph,
  reachableFrom,
  sourceHandles,
  triggerIndexes,
  unboundedCycles,
} from './graph';
import { said, type Said } from '../../lib/message';
import { listForMessage, listNames, nodeLabel, nodeName, ProblemList } from './problems';
import { type ValidateOptions, validateNodeData } from './validate-node';
import { errorScope, knownVariables } from './variables';

export type { ValidateOptions } from './validate-node';

/** Nodes where a run is meant to end; no outgoing connection is expected. */
const endNodes: ReadonlySet<FlowNode['type']> = new Set(['reply', 'handoff']);

function checkDuplicateIds(flow: Flow, problems: ProblemList): void {
  const nodeIds = new Set<string>();
  for (const node of flow.nodes) {
    if (nodeIds.has(node.id))
      problems.error(
        'duplicate_id',
        { nodeId: node.id },
        said(
          'flow.problem.duplicate_node_id',
          { id: node.id },
          `Another node already has the id "${node.id}"; each node needs its own.`,
        ),
      );
    nodeIds.add(node.id);
  }
  const edgeIds = new Set<string>();
  for (const edge of flow.edges) {
    if (edgeIds.has(edge.id))
      problems.error(
        'duplicate_id',
        { edgeId: edge.id },
        said(
          'flow.problem.duplicate_edge_id',
          { id: edge.id },
          `Another connection already has the id "${edge.id}"; each connection needs its own.`,
        ),
      );
    edgeIds.add(edge.id);
  }
}

function checkEdges(flow: Flow, graph: FlowGraph, problems: ProblemList): void {
  const handles = new Map<number, string[]>();
  for (const edge of flow.edges) {
    const source = graph.indexOf.get(edge.source);
    const target = graph.indexOf.get(edge.target);
    if (source === undefined || target === undefined) {
      const message =
        source === undefined && target === undefined
          ? said(
              'flow.problem.dangling_both',
              { source: edge.source, target: edge.target },
              `This connection joins "${edge.source}" and "${edge.target}", which do not exist.`,
            )
          : source === undefined
            ? said(
                'flow.problem.dangling_source',
                { source: edge.source },
                `This connection starts at "${edge.source}", which does not exist.`,
              )
            : said(
                'flow.problem.dangling_target',
                { target: edge.target },
                `This connection leads to "${edge.target}", which does not exist.`,
              );
      const existing = source !== undefined ? edge.source : target !== undefined ? edge.target : null;
      problems.error('dangling_edge', { edgeId: edge.id, nodeId: existing }, message);
      continue;
    }
    const node = graph.nodes[source]!;
    let available = handles.get(source);
    if (!available) {
      available = sourceHandles(node);
      handles.set(source, available);
    }
    if (!available.includes(edge.sourceHandle)) {
      const name = nodeName(node, node.id);
      const label = nodeLabel(node, node.id);
      const outputs = listForMessage(available);
      const message =
        edge.sourceHandle === errorHandle
          ? said(
              'flow.problem.no_error_output',
              { node: label },
              `${name} has no "error" output; remove this connection.`,
            )
          : node.type === 'intent'
            ? said(
                'flow.problem.no_intent_output',
                { node: label, intent: edge.sourceHandle, outputs },
                `${name} has no intent called "${edge.sourceHandle}"; connect one of: ${listNames(available)}.`,
              )
            : said(
                'flow.problem.no_output',
                { node: label, output: edge.sourceHandle, outputs },
                `${name} has no "${edge.sourceHandle}" output; its outputs are ${listNames(available)}.`,
              );
      problems.error('invalid_handle', { edgeId: edge.id, nodeId: node.id }, message);
    }
    const targetNode = graph.nodes[target]!;
    if (targetNode.type === 'trigger')
      problems.error(
        'invalid_handle',
        { edgeId: edge.id, nodeId: targetNode.id },
        said(
          'flow.problem.into_trigger',
          undefined,
          'A trigger starts the flow; nothing can connect into it.',
        ),
      );
  }
}

function unconnectedOutputMessage(node: FlowNode, handle: string): Said {
  switch (node.type) {
    case 'condition':
      return said(
        handle === 'true' ? 'flow.problem.open_true' : 'flow.problem.open_false',
        undefined,
        `Nothing is connected to the "${handle}" output; a run ends here when the condition is ${handle}.`,
      );
    case 'intent':
      return handle === fallbackHandle
        ? said(
            'flow.problem.open_fallback',
            undefined,
            'Nothing is connected to "fallback"; messages that match no intent end the run here.',
          )
        : said(
            'flow.problem.open_intent',
            { intent: handle },
            `Nothing is connected for intent "${handle}"; messages recognised as "${handle}" end the run here.`,
          );
    case 'approval':
      return said(
        handle === 'approved' ? 'flow.problem.open_approved' : 'flow.problem.open_rejected',
        undefined,
        `Nothing is connected to "${handle}"; a run ends here when the request is ${handle}.`,
      );
    default:
      return said(
        'flow.problem.open_output',
        { output: handle },
        `Nothing is connected to the "${handle}" output; a run ends here.`,
      );
  }
}

function checkOutputs(graph: FlowGraph, index: number, problems: ProblemList): void {
  const node = graph.nodes[index]!;
  if (endNodes.has(node.type)) return;
  const outgoing = graph.outgoing[index]!;
  if (outgoing.length === 0) {
    problems.warning(
      'invalid_handle',
      { nodeId: node.id },
      node.type === 'trigger'
        ? said(
            'flow.problem.trigger_unconnected',
            undefined,
            'Nothing is connected to this trigger, so the flow does nothing.',
          )
        : said(
            'flow.problem.dead_end',
            undefined,
            'Nothing is connected after this node, so a run ends here.',
          ),
    );
    return;
  }
  const used = new Set(outgoing.map((edgeIndex) => graph.edges[edgeIndex]!.sourceHandle));
  const handles = sourceHandles(node);
  handles.forEach((handle, i) => {
    if (handle === errorHandle || used.has(handle)) return;
    const field = node.type === 'intent' && handle !== fallbackHandle ? `intents.${i}.name` : null;
    problems.warning('invalid_handle', { nodeId: node.id, field }, unconnectedOutputMessage(node, handle));
  });
}

function checkConnections(
  graph: FlowGraph,
  reached: Uint8Array,
  hasTrigger: boolean,
  problems: ProblemList,
): void {
  graph.nodes.forEach((node, index) => {
    if (node.type !== 'trigger' && graph.incomingCount[index] === 0) {
      problems.error(
        'missing_input',
        { nodeId: node.id },
        said(
          'flow.problem.missing_input',
          undefined,
          'Nothing leads to this node. Connect an earlier node to its input, or delete it.',
        ),
      );
      return;
    }
    if (hasTrigger && !reached[index])
      problems.warning(
        'unreachable',
        { nodeId: node.id },
        said('flow.problem.unreachable', undefined, 'No trigger leads to this node, so it never runs.'),
      );
    checkOutputs(graph, index, problems);
  });
}

/** Nodes of the loop from `from` round to `to`, following unlimited edges inside the component. */
function loopPath(graph: FlowGraph, inLoop: Uint8Array, from: number, to: number): number[] {
  const previous = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length && !previous.has(to); head++) {
    const current = queue[head]!;
    for (const edgeIndex of graph.outgoing[current]!) {
      const edge = graph.edges[edgeIndex]!;
      const next = graph.indexOf.get(edge.target)!;
      if (edge.loopLimit !== undefined || !inLoop[next] || previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  const path: number[] = [];
  for (let at: number | undefined = to; at !== undefined && at !== -1; at = previous.get(at)) path.push(at);
  return path.reverse();
}

function checkCycles(graph: FlowGraph, order: readonly number[], problems: ProblemList): void {
  const count = graph.nodes.length;
  // Rank by distance from a trigger, so the reported edge is the one that jumps back the furthest.
  const rank = Int32Array.from({ length: count }, (_, i) => count + i);
  order.forEach((node, i) => (rank[node] = i));
  const inLoop = new Uint8Array(count);
  for (const cycle of unboundedCycles(graph)) {
    let closing = cycle.edges[0]!;
    let bestJump = -Infinity;
    for (const edgeIndex of cycle.edges) {
      const edge = graph.edges[edgeIndex]!;
      const jump = rank[graph.indexOf.get(edge.source)!]! - rank[graph.indexOf.get(edge.target)!]!;
      if (jump > bestJump) {
        bestJump = jump;
        closing = edgeIndex;
      }
    }
    const edge = graph.edges[closing]!;
    const source = graph.indexOf.get(edge.source)!;
    const target = graph.indexOf.get(edge.target)!;
    for (const node of cycle.nodes) inLoop[node] = 1;
    const path = source === target ? [target] : loopPath(graph, inLoop, target, source);
    for (const node of cycle.nodes) inLoop[node] = 0;
    const names = path.map((i) => nodeName(graph.nodes[i], graph.nodes[i]!.id));
    const shown = names.length > 6 ? [...names.slice(0, 5), '…'] : names;
    const loop = [...shown, shown[0]].join(' → ');
    const sourceName = nodeName(graph.nodes[source], edge.source);
    const targetName = nodeName(graph.nodes[target], edge.target);
    problems.error(
      'unbounded_cycle',
      { nodeId: edge.target, edgeId: edge.id },
      said(
        'flow.problem.unbounded_cycle',
        {
          path: loop,
          source: nodeLabel(graph.nodes[source], edge.source),
          target: nodeLabel(graph.nodes[target], edge.target),
        },
        `This loop has no limit: ${loop}. Set a loop limit on the connection from ${sourceName} to ${targetName} so a run cannot go round forever.`,
      ),
    );
  }
}

export function validateFlow(flow: Flow, options: ValidateOptions): FlowProblem[] {
  const problems = new ProblemList();
  const graph = buildGraph(flow);
  const triggers = triggerIndexes(graph);
  if (triggers.length === 0)
    problems.error(
      'missing_trigger',
      {},
      said(
        'flow.problem.missing_trigger',
        undefined,
        'Add a trigger: it decides when the flow starts (a chat message, a schedule or an API call).',
      ),
    );
  checkDuplicateIds(flow, problems);
  checkEdges(flow, graph, problems);
  const order = reachableFrom(graph, triggers);
  const reached = new Uint8Array(graph.nodes.length);
  for (const index of order) reached[index] = 1;
  checkConnections(graph, reached, triggers.length > 0, problems);
  checkCycles(graph, order, problems);

  const known = knownVariables(flow);
  const errorNodes = errorScope(graph);
  const budget = { suggestions: 50, schedules: new Map<string, Said | null>() };
  for (const node of flow.nodes) {
    const index = graph.indexOf.get(node.id)!;
    validateNodeData(node, { problems, options, known, errorKnown: errorNodes[index] === 1, budget });
  }
  return problems.items;
}

/** Whether the problems block deploying (any error). */
export function hasBlockingProblems(problems: readonly FlowProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
