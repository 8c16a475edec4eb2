/**
 * The flow as a graph: which handles a node has, which edges connect existing nodes, what is
 * reachable from a trigger, and where the loops are. Everything is iterative and linear in the
 * number of nodes plus edges, so a hostile 1000-node, 5000-edge flow cannot blow the stack.
 */
import type { Flow, FlowEdge, FlowNode } from '../../../contract';

/** Handles whose edges route a node's failure; the run continues there with `error` set. */
export const errorHandle = 'error';
export const fallbackHandle = 'fallback';

/** The handles a node's outgoing edges may leave through, in the order the designer shows them. */
export function sourceHandles(node: FlowNode): string[] {
  switch (node.type) {
    case 'condition':
      return ['true', 'false'];
    case 'intent':
      return [...node.data.intents.map((intent) => intent.name), fallbackHandle];
    case 'approval':
      return ['approved', 'rejected'];
    case 'llm':
    case 'knowledge':
    case 'http':
      return ['out', errorHandle];
    default:
      return ['out'];
  }
}

export interface FlowGraph {
  /** Nodes with a unique id (a repeated id keeps its first node). */
  readonly nodes: readonly FlowNode[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Edges whose source and target both exist. */
  readonly edges: readonly FlowEdge[];
  /** For each node, indexes into `edges` of the edges leaving it. */
  readonly outgoing: readonly number[][];
  readonly incomingCount: readonly number[];
}

export function buildGraph(flow: Pick<Flow, 'nodes' | 'edges'>): FlowGraph {
  const nodes: FlowNode[] = [];
  const indexOf = new Map<string, number>();
  for (const node of flow.nodes) {
    if (indexOf.has(node.id)) continue;
    indexOf.set(node.id, nodes.length);
    nodes.push(node);
  }
  const edges: FlowEdge[] = [];
  const outgoing: number[][] = nodes.map(() => []);
  const incomingCount: number[] = nodes.map(() => 0);
  for (const edge of flow.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined) continue;
    outgoing[source]!.push(edges.length);
    incomingCount[target]!++;
    edges.push(edge);
  }
  return { nodes, indexOf, edges, outgoing, incomingCount };
}

/** Breadth-first order of the nodes reachable from `starts` (node indexes), starts first. */
export function reachableFrom(graph: FlowGraph, starts: readonly number[]): number[] {
  const seen = new Uint8Array(graph.nodes.length);
  const order: number[] = [];
  for (const start of starts) {
    if (seen[start]) continue;
    seen[start] = 1;
    order.push(start);
  }
  for (let head = 0; head < order.length; head++) {
    for (const edgeIndex of graph.outgoing[order[head]!]!) {
      const target = graph.indexOf.get(graph.edges[edgeIndex]!.target)!;
      if (seen[target]) continue;
      seen[target] = 1;
      order.push(target);
    }
  }
  return order;
}

export function triggerIndexes(graph: FlowGraph): number[] {
  const starts: number[] = [];
  graph.nodes.forEach((node, index) => {
    if (node.type === 'trigger') starts.push(index);
  });
  return starts;
}

/**
 * Strongly connected components by Tarjan's algorithm with an explicit stack. `successors[v]` lists
 * the nodes v has an edge to. Components come out in reverse topological order.
 */
export function stronglyConnectedComponents(successors: readonly (readonly number[])[]): number[][] {
  const count = successors.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  const callStack: { node: number; next: number }[] = [];
  let counter = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    callStack.push({ node: root, next: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const frame = callStack[callStack.length - 1]!;
      const v = frame.node;
      const next = successors[v]!;
      if (frame.next < next.length) {
        const w = next[frame.next++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callStack.push({ node: w, next: 0 });
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node]!, low[v]!);
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

export interface Cycle {
  /** Node indexes of the loop, in flow order. */
  nodes: number[];
  /** Indexes into graph.edges of the edges without a loop limit inside the loop. */
  edges: number[];
}

/**
 * Loops a run could go round forever. A loop is bounded when every way round it passes an edge with
 * a loop limit, so the unbounded loops are the cycles of the graph without the limited edges: each
 * strongly connected component of that graph with more than one node, or a self-loop, is one.
 */
export function unboundedCycles(graph: FlowGraph): Cycle[] {
  const successors: number[][] = graph.nodes.map(() => []);
  const selfLoop = new Uint8Array(graph.nodes.length);
  graph.edges.forEach((edge) => {
    if (edge.loopLimit !== undefined) return;
    const source = graph.indexOf.get(edge.source)!;
    const target = graph.indexOf.get(edge.target)!;
    successors[source]!.push(target);
    if (source === target) selfLoop[source] = 1;
  });
  const componentOf = new Int32Array(graph.nodes.length).fill(-1);
  const cycles: Cycle[] = [];
  for (const component of stronglyConnectedComponents(successors)) {
    if (component.length === 1 && !selfLoop[component[0]!]) continue;
    for (const node of component) componentOf[node] = cycles.length;
    cycles.push({ nodes: component.sort((a, b) => a - b), edges: [] });
  }
  graph.edges.forEach((edge, edgeIndex) => {
    if (edge.loopLimit !== undefined) return;
    const source = componentOf[graph.indexOf.get(edge.source)!]!;
    if (source !== -1 && source === componentOf[graph.indexOf.get(edge.target)!])
      cycles[source]!.edges.push(edgeIndex);
  });
  return cycles.sort((a, b) => a.nodes[0]! - b.nodes[0]!);
}
