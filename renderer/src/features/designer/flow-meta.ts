import type { FlowNode, FlowNodeOf, NodeType } from '../../contract';

export type NodeConfig<T extends NodeType = NodeType> = FlowNodeOf<T>['data'];

/** A flow node without its position: what a React Flow node carries as data. */
export type NodeSpec = FlowNode extends infer N ? (N extends FlowNode ? Omit<N, 'position'> : never) : never;

export type HandleKind = 'out' | 'branch' | 'error';

export interface OutputHandle {
  id: string;
  kind: HandleKind;
}

/** Node types that can fail and route the failure through an "error" handle. */
export const failingTypes: ReadonlySet<NodeType> = new Set<NodeType>(['llm', 'knowledge', 'http']);

/** The handles edges may leave a node through, as the contract names them. */
export function outputHandles(spec: NodeSpec): OutputHandle[] {
  switch (spec.type) {
    case 'condition':
      return [
        { id: 'true', kind: 'branch' },
        { id: 'false', kind: 'branch' },
      ];
    case 'intent':
      return [
        ...uniqueNames(spec.data.intents.map((intent) => intent.name)).map((id) => ({
          id,
          kind: 'branch' as const,
        })),
        { id: 'fallback', kind: 'branch' },
      ];
    case 'approval':
      return [
        { id: 'approved', kind: 'branch' },
        { id: 'rejected', kind: 'branch' },
      ];
    default:
      return failingTypes.has(spec.type)
        ? [
            { id: 'out', kind: 'out' },
            { id: 'error', kind: 'error' },
          ]
        : [{ id: 'out', kind: 'out' }];
  }
}

function uniqueNames(names: string[]): string[] {
  return [...new Set(names.filter((name) => name.trim() !== ''))];
}

export const baseNodeWidth = 240;
export const baseNodeHeight = 88;
const widthPerHandle = 96;

/** A node's width on the canvas: wide enough for every output handle's label. */
export function nodeWidthFor(spec: NodeSpec): number {
  return Math.max(baseNodeWidth, outputHandles(spec).length * widthPerHandle);
}

/** Whether edges may arrive at this node (a trigger starts the flow, nothing leads into it). */
export function hasInput(type: NodeType): boolean {
  return type !== 'trigger';
}

/** The data a new node of this type starts with: the contract's defaults, filled in. */
export function defaultConfig<T extends NodeType>(type: T): NodeConfig<T> {
  const configs: { [K in NodeType]: NodeConfig<K> } = {
    trigger: { kind: 'chat' },
    llm: {
      systemPrompt: '',
      prompt: '{{message}}',
      temperature: 0.3,
      maxTokens: 512,
      tools: [],
      outputVariable: 'answer',
    },
    intent: {
      intents: [
        { name: 'question', examples: [] },
        { name: 'booking', examples: [] },
      ],
      input: '{{message}}',
      outputVariable: 'intent',
    },
    condition: { expression: '' },
    knowledge: { query: '{{message}}', topK: 3, outputVariable: 'knowledge' },
    http: {
      method: 'GET',
      url: '',
      headers: {},
      allowedHosts: [],
      allowPrivateNetwork: false,
      timeoutMs: 10_000,
      outputVariable: 'http',
    },
    set: { assignments: [{ variable: 'value', expression: '' }] },
    handoff: { reason: '{{message}}', queue: 'support' },
    approval: { prompt: '', approverRole: 'admin' },
    reply: { text: '{{answer}}' },
  };
  return structuredClone(configs[type]) as NodeConfig<T>;
}

export function makeSpec(type: NodeType, id: string): NodeSpec {
  return { id, type, data: defaultConfig(type) } as NodeSpec;
}
