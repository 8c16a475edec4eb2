import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { create } from 'zustand';
import type {
  AgentSummary,
  Flow,
  FlowDiff,
  FlowNode,
  FlowProblem,
  NodeType,
  RunStep,
  RunStepStatus,
  VersionSummary,
} from '../../contract';
import { failed, idle, loading, ready, type LoadState } from '../../stores/load-state';
import { transport } from '../../transport';
import { copySelection, pasteInto, type ClipboardContent } from './clipboard';
import { makeSpec, outputHandles, type NodeSpec } from './flow-meta';
import {
  canConnect,
  edgeIdFor,
  emptyFlow,
  flowToGraph,
  graphToFlow,
  insertAfter,
  newId,
  toDesignerEdge,
  toDesignerNode,
  type DesignerEdge,
  type DesignerNode,
  type Graph,
} from './graph';
import { History } from './history';
import { autoLayout } from './layout';

export interface ProblemCount {
  errors: number;
  warnings: number;
}

/** A node of a test run: running now, or how its last step ended. */
export type LiveMark = 'active' | RunStepStatus;
export type DiffMark = 'added' | 'changed';

interface DesignerState extends LoadState {
  agentId: string | null;
  agent: AgentSummary | null;
  version: VersionSummary | null;
  base: Flow;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  /** Bumped by every change that is saved with the flow (content and positions). */
  editSeq: number;
  savedSeq: number;
  /** Bumped by changes that can change validation (not by moving nodes). */
  contentSeq: number;
  canUndo: boolean;
  canRedo: boolean;
  problems: FlowProblem[];
  problemCounts: Record<string, ProblemCount>;
  validation: 'idle' | 'checking' | 'done' | 'failed';
  live: Record<string, LiveMark>;
  diff: { versionNumber: number; diff: FlowDiff } | null;
  diffMarks: Record<string, DiffMark>;
  /** The canvas brings this node into view when the sequence changes. */
  focus: { nodeId: string; seq: number } | null;

  open(agentId: string): Promise<void>;
  reload(): Promise<void>;
  setAgent(agent: AgentSummary): void;
  markSaved(version: VersionSummary, savedAt: number): void;
  flow(): Flow;

  onNodesChange(changes: NodeChange<DesignerNode>[]): void;
  onEdgesChange(changes: EdgeChange<DesignerEdge>[]): void;
  connect(connection: Connection): boolean;
  disconnect(edgeId: string): void;
  beginDrag(): void;
  endDrag(): void;

  addNode(type: NodeType, position: XYPosition, from?: string): string;
  /** `renames` moves edges from old handle names to new ones (a renamed intent keeps its edges). */
  updateSpec(
    nodeId: string,
    update: (spec: NodeSpec) => NodeSpec,
    coalesceKey?: string,
    renames?: Record<string, string>,
  ): void;
  deleteSelected(): number;
  deleteNode(nodeId: string): void;
  copy(): number;
  paste(): number;
  duplicate(): number;
  select(nodeId: string | null, focus?: boolean): void;
  selectAll(): void;
  undo(): void;
  redo(): void;
  layout(): void;
  replaceFlow(flow: Flow): void;

  setProblems(problems: FlowProblem[], state: 'done' | 'failed' | 'checking'): void;
  setLive(live: Record<string, LiveMark>): void;
  markStep(step: Pick<RunStep, 'nodeId' | 'status'>): void;
  setDiff(diff: { versionNumber: number; diff: FlowDiff } | null): void;
}

let history = new History<Graph>();
let dragStart: Graph | null = null;
let clipboard: ClipboardContent | null = null;
let latestOpen = 0;

const graphOf = (state: Graph): Graph => ({ nodes: state.nodes, edges: state.edges });

function countProblems(problems: FlowProblem[]): Record<string, ProblemCount> {
  const counts: Record<string, ProblemCount> = {};
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    const entry = (counts[problem.nodeId] ??= { errors: 0, warnings: 0 });
    if (problem.severity === 'error') entry.errors++;
    else entry.warnings++;
  }
  return counts;
}

function loadedState(agent: AgentSummary, version: VersionSummary, flow: Flow) {
  const graph = flowToGraph(flow);
  return {
    agent,
    version,
    base: flow,
    nodes: graph.nodes,
    edges: graph.edges,
    editSeq: 0,
    savedSeq: 0,
    contentSeq: 1,
    canUndo: false,
    canRedo: false,
    live: {},
    diff: null,
    diffMarks: {},
  };
}

export const useDesignerStore = create<DesignerState>()((set, get) => {
  /** Applies an edit as one undoable step. */
  const commit = (next: Partial<Graph>, options: { key?: string; content?: boolean } = {}) => {
    const state = get();
    history.record(graphOf(state), options.key);
    set({
      ...next,
      editSeq: state.editSeq + 1,
      contentSeq: options.content === false ? state.contentSeq : state.contentSeq + 1,
      canUndo: true,
      canRedo: false,
    });
  };

  const restore = (graph: Graph) => {
    const state = get();
    set({
      nodes: graph.nodes,
      edges: graph.edges,
      editSeq: state.editSeq + 1,
      contentSeq: state.contentSeq + 1,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
    });
  };

  return {
    agentId: null,
    agent: null,
    version: null,
    ...idle,
    base: emptyFlow,
    nodes: [],
    edges: [],
    editSeq: 0,
    savedSeq: 0,
    contentSeq: 0,
    canUndo: false,
    canRedo: false,
    problems: [],
    problemCounts: {},
    validation: 'idle',
    live: {},
    diff: null,
    diffMarks: {},
    focus: null,

    async open(agentId) {
      const request = ++latestOpen;
      history = new History<Graph>();
      dragStart = null;
      set({
        agentId,
        agent: null,
        version: null,
        ...loading,
        nodes: [],
        edges: [],
        problems: [],
        problemCounts: {},
        validation: 'idle',
        focus: null,
        live: {},
        diff: null,
        diffMarks: {},
      });
      try {
        const { agent, flow, version } = await transport.call('agents.get', { agentId });
        if (request !== latestOpen) return;
        set({ ...ready, ...loadedState(agent, version, flow) });
      } catch (error) {
        if (request === latestOpen) set(failed(error));
      }
    },

    async reload() {
      const { agentId } = get();
      if (!agentId) return;
      const request = ++latestOpen;
      const { agent, flow, version } = await transport.call('agents.get', { agentId });
      if (request !== latestOpen) return;
      history = new History<Graph>();
      set({ ...ready, ...loadedState(agent, version, flow) });
    },

    setAgent(agent) {
      set({ agent });
    },

    markSaved(version, savedSeq) {
      set({ version, savedSeq });
    },

    flow() {
      const { nodes, edges, base } = get();
      return graphToFlow(nodes, edges, base);
    },

    onNodesChange(changes) {
      const relevant = changes.filter((change) => change.type !== 'remove' && change.type !== 'add');
      if (relevant.length === 0) return;
      const state = get();
      const nodes = applyNodeChanges(relevant, state.nodes);
      const moved = relevant.some((change) => change.type === 'position' && change.position);
      if (moved && !dragStart) {
        // moved with the arrow keys: one step per burst of key presses
        commit({ nodes }, { key: 'keyboard-move', content: false });
        return;
      }
      set({ nodes });
    },

    onEdgesChange(changes) {
      const relevant = changes.filter((change) => change.type === 'select');
      if (relevant.length === 0) return;
      set({ edges: applyEdgeChanges(relevant, get().edges) });
    },

    connect(connection) {
      const { nodes, edges } = get();
      if (!canConnect(nodes, edges, connection)) return false;
      const handle = connection.sourceHandle ?? 'out';
      const id = edgeIdFor(
        connection.source,
        handle,
        connection.target,
        new Set(edges.map((edge) => edge.id)),
      );
      const edge = toDesignerEdge({
        id,
        source: connection.source,
        target: connection.target,
        sourceHandle: handle,
      });
      commit({ edges: [...edges, edge] });
      return true;
    },

    disconnect(edgeId) {
      const { edges } = get();
      if (!edges.some((edge) => edge.id === edgeId)) return;
      commit({ edges: edges.filter((edge) => edge.id !== edgeId) });
    },

    beginDrag() {
      if (!dragStart) dragStart = graphOf(get());
    },

    endDrag() {
      const before = dragStart;
      dragStart = null;
      if (!before) return;
      const state = get();
      const changed = state.nodes.some((node) => {
        const old = before.nodes.find((n) => n.id === node.id);
        return old && (old.position.x !== node.position.x || old.position.y !== node.position.y);
      });
      if (!changed) return;
      history.record(before);
      set({ editSeq: state.editSeq + 1, canUndo: true, canRedo: false });
    },

    addNode(type, position, from) {
      const { nodes, edges } = get();
      const id = newId(type, new Set(nodes.map((node) => node.id)));
      const node: DesignerNode = {
        ...toDesignerNode({ ...makeSpec(type, id), position } as FlowNode),
        selected: true,
      };
      const deselected = nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
      commit(
        from
          ? insertAfter({ nodes: deselected, edges }, from, node)
          : { nodes: [...deselected, node], edges },
      );
      return id;
    },

    updateSpec(nodeId, update, coalesceKey, renames) {
      const { nodes } = get();
      let { edges } = get();
      const index = nodes.findIndex((node) => node.id === nodeId);
      if (index === -1) return;
      const node = nodes[index]!;
      const spec = update(node.data.spec);
      if (spec === node.data.spec) return;
      const nextNodes = nodes.slice();
      nextNodes[index] = { ...node, data: { ...node.data, spec } };
      if (renames && Object.keys(renames).length > 0) {
        edges = edges.map((edge) => {
          const handle = edge.sourceHandle ?? 'out';
          return edge.source === nodeId && renames[handle] !== undefined
            ? { ...edge, sourceHandle: renames[handle] }
            : edge;
        });
      }
      // edges whose handle disappeared (a removed intent) go with it
      const handles = new Set(outputHandles(spec).map((handle) => handle.id));
      const nextEdges = edges.some(
        (edge) => edge.source === nodeId && !handles.has(edge.sourceHandle ?? 'out'),
      )
        ? edges.filter((edge) => edge.source !== nodeId || handles.has(edge.sourceHandle ?? 'out'))
        : edges;
      commit(
        { nodes: nextNodes, edges: nextEdges },
        { key: coalesceKey ? `${nodeId}:${coalesceKey}` : undefined },
      );
    },

    deleteSelected() {
      const { nodes, edges } = get();
      const removed = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
      const edgesLeft = edges.filter(
        (edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target),
      );
      if (removed.size === 0 && edgesLeft.length === edges.length) return 0;
      commit({ nodes: nodes.filter((node) => !removed.has(node.id)), edges: edgesLeft });
      return removed.size + (edges.length - edgesLeft.length);
    },

    deleteNode(nodeId) {
      const { nodes, edges } = get();
      if (!nodes.some((node) => node.id === nodeId)) return;
      commit({
        nodes: nodes.filter((node) => node.id !== nodeId),
        edges: edges.filter((edge) => edge.source !== nodeId && edge.target !== nodeId),
      });
    },

    copy() {
      const { nodes, edges } = get();
      const clip = copySelection(nodes, edges);
      if (clip) clipboard = clip;
      return clip?.nodes.length ?? 0;
    },

    paste() {
      if (!clipboard) return 0;
      const result = pasteInto(graphOf(get()), clipboard);
      commit({ nodes: result.nodes, edges: result.edges });
      // a second paste lands further along instead of on top of the first
      clipboard = {
        nodes: clipboard.nodes.map((node) => ({
          ...node,
          position: { x: node.position.x + 40, y: node.position.y + 40 },
        })),
        edges: clipboard.edges,
      };
      return result.pastedIds.length;
    },

    duplicate() {
      const { nodes, edges } = get();
      const clip = copySelection(nodes, edges);
      if (!clip) return 0;
      const result = pasteInto(graphOf(get()), clip);
      commit({ nodes: result.nodes, edges: result.edges });
      return result.pastedIds.length;
    },

    select(nodeId, focus = false) {
      const state = get();
      set({
        nodes: state.nodes.map((node) =>
          node.selected === (node.id === nodeId) ? node : { ...node, selected: node.id === nodeId },
        ),
        edges: state.edges.some((edge) => edge.selected)
          ? state.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge))
          : state.edges,
        ...(focus && nodeId ? { focus: { nodeId, seq: (state.focus?.seq ?? 0) + 1 } } : {}),
      });
    },

    selectAll() {
      set({ nodes: get().nodes.map((node) => (node.selected ? node : { ...node, selected: true })) });
    },

    undo() {
      dragStart = null;
      const previous = history.undo(graphOf(get()));
      if (previous) restore(previous);
    },

    redo() {
      dragStart = null;
      const next = history.redo(graphOf(get()));
      if (next) restore(next);
    },

    layout() {
      const { nodes, edges } = get();
      if (nodes.length === 0) return;
      const positions = autoLayout(nodes, edges);
      commit(
        { nodes: nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })) },
        { content: false },
      );
    },

    replaceFlow(flow) {
      const graph = flowToGraph(flow);
      commit({ nodes: graph.nodes, edges: graph.edges });
      set({ base: flow });
    },

    setProblems(problems, validation) {
      set({ problems, problemCounts: countProblems(problems), validation });
    },

    setLive(live) {
      set({ live });
    },

    markStep(step) {
      set((state) => ({
        live: {
          ...Object.fromEntries(
            Object.entries(state.live).map(([id, mark]) => [id, mark === 'active' ? 'ok' : mark]),
          ),
          [step.nodeId]: step.status === 'ok' ? 'ok' : step.status,
        },
      }));
    },

    setDiff(diff) {
      const marks: Record<string, DiffMark> = {};
      if (diff) {
        for (const node of diff.diff.addedNodes) marks[node.id] = 'added';
        for (const node of diff.diff.changedNodes) {
          // a step that only moved is not shown as changed
          if (node.fields.some((field) => field !== 'position')) marks[node.id] = 'changed';
        }
      }
      set(diff ? { diff, diffMarks: marks, live: {} } : { diff, diffMarks: marks });
    },
  };
});

/** The one node selected, for the properties panel; null with none or several. */
export function selectSingleSelected(state: DesignerState): DesignerNode | null {
  let found: DesignerNode | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found) return null;
    found = node;
  }
  return found;
}

export const isDirty = (state: DesignerState) => state.editSeq !== state.savedSeq;

/** Every node's content (not position): stable while nodes move, for panels listing the steps. */
export const selectSpecs = (state: DesignerState): NodeSpec[] => state.nodes.map((node) => node.data.spec);
