import {
  flowLimits,
  httpMethods,
  nodeTypes,
  roles,
  triggerKinds,
  type Flow,
  type NodeType,
} from '../../contract';

/**
 * Reads a flow from a JSON file and checks it against the contract's flow model, filling in the
 * same defaults the contract does. The renderer may not import the contract's zod schemas, so the
 * shape is mirrored here; the core validates again on save.
 */

export type ImportErrorCode =
  | 'json'
  | 'json_at'
  | 'type'
  | 'required'
  | 'oneOf'
  | 'tooLong'
  | 'tooShort'
  | 'tooMany'
  | 'pattern'
  | 'range'
  | 'unknownField'
  | 'duplicateId'
  | 'danglingEdge';

export interface ImportError {
  /** Where in the document, e.g. "nodes.3.data.temperature". */
  path: string;
  code: ImportErrorCode;
  /** The expected type, the allowed values or the limit, for the message. */
  detail?: string;
}

export type ImportResult = { ok: true; flow: Flow } | { ok: false; errors: ImportError[] };

const maxErrors = 50;

class Collector {
  readonly errors: ImportError[] = [];
  add(path: string, code: ImportErrorCode, detail?: string): undefined {
    if (this.errors.length < maxErrors)
      this.errors.push(detail === undefined ? { path, code } : { path, code, detail });
    return undefined;
  }
}

type Check = (value: unknown, path: string, out: Collector) => unknown;
interface FieldSpec {
  check: Check;
  /** Missing: filled with this value (a function for fresh objects); undefined: the field is required. */
  fallback?: () => unknown;
  optional?: boolean;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const idPattern = /^[A-Za-z0-9_-]+$/;
const variablePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function str(max: number, options: { min?: number; pattern?: RegExp; patternName?: string } = {}): Check {
  return (value, path, out) => {
    if (typeof value !== 'string') return out.add(path, 'type', 'text');
    if (value.length > max) return out.add(path, 'tooLong', String(max));
    if (options.min !== undefined && value.length < options.min)
      return out.add(path, 'tooShort', String(options.min));
    if (options.pattern && !options.pattern.test(value)) return out.add(path, 'pattern', options.patternName);
    return value;
  };
}

const id = str(64, { min: 1, pattern: idPattern, patternName: 'id' });
const variable = str(64, { min: 1, pattern: variablePattern, patternName: 'variable' });
const text = str(flowLimits.text);
const shortText = str(flowLimits.shortText);

function num(options: { min: number; max: number; int?: boolean }): Check {
  return (value, path, out) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return out.add(path, 'type', 'number');
    if (options.int && !Number.isInteger(value)) return out.add(path, 'type', 'integer');
    if (value < options.min || value > options.max)
      return out.add(path, 'range', `${options.min}–${options.max}`);
    return value;
  };
}

const finite: Check = (value, path, out) =>
  typeof value === 'number' && Number.isFinite(value) ? value : out.add(path, 'type', 'number');

const bool: Check = (value, path, out) =>
  typeof value === 'boolean' ? value : out.add(path, 'type', 'true/false');

function oneOf(values: readonly string[]): Check {
  return (value, path, out) =>
    typeof value === 'string' && values.includes(value) ? value : out.add(path, 'oneOf', values.join(', '));
}

function literal(expected: number): Check {
  return (value, path, out) => (value === expected ? value : out.add(path, 'oneOf', String(expected)));
}

function arr(item: Check, max: number): Check {
  return (value, path, out) => {
    if (!Array.isArray(value)) return out.add(path, 'type', 'list');
    if (value.length > max) return out.add(path, 'tooMany', String(max));
    return value.map((entry, index) => item(entry, join(path, index), out));
  };
}

function record(keyMax: number, valueMax: number): Check {
  return (value, path, out) => {
    if (!isRecord(value)) return out.add(path, 'type', 'object');
    const result: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (key.length > keyMax) out.add(join(path, key), 'tooLong', String(keyMax));
      const checked = str(valueMax)(entry, join(path, key), out);
      if (typeof checked === 'string') result[key] = checked;
    }
    return result;
  };
}

const req = (check: Check): FieldSpec => ({ check });
const opt = (check: Check): FieldSpec => ({ check, optional: true });
const def = (check: Check, value: unknown): FieldSpec => ({ check, fallback: () => structuredClone(value) });

function obj(shape: Record<string, FieldSpec>): Check {
  return (value, path, out) => {
    if (!isRecord(value)) return out.add(path, 'type', 'object');
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (!(key in shape)) out.add(join(path, key), 'unknownField');
    }
    for (const [key, field] of Object.entries(shape)) {
      const present = key in value && value[key] !== undefined;
      if (!present) {
        if (field.fallback) result[key] = field.fallback();
        else if (!field.optional) out.add(join(path, key), 'required');
        continue;
      }
      result[key] = field.check(value[key], join(path, key), out);
    }
    return result;
  };
}

const modelRef = obj({ providerId: req(str(64, { min: 1 })), model: req(str(200, { min: 1 })) });

const dataShapes: Record<NodeType, Check> = {
  trigger: obj({
    kind: req(oneOf(triggerKinds)),
    cron: opt(shortText),
    timezone: opt(shortText),
    message: opt(text),
  }),
  llm: obj({
    systemPrompt: def(text, ''),
    prompt: def(text, '{{message}}'),
    model: opt(modelRef),
    temperature: def(num({ min: 0, max: 2 }), 0.3),
    maxTokens: def(num({ min: 1, max: 32_000, int: true }), 512),
    tools: def(arr(oneOf(['search_knowledge']), 5), []),
    outputVariable: def(variable, 'answer'),
  }),
  intent: obj({
    intents: req(arr(obj({ name: req(variable), examples: req(arr(shortText, flowLimits.listItems)) }), 50)),
    input: def(text, '{{message}}'),
    outputVariable: def(variable, 'intent'),
  }),
  condition: obj({ expression: req(str(2000)) }),
  knowledge: obj({
    query: def(text, '{{message}}'),
    topK: def(num({ min: 1, max: 20, int: true }), 3),
    outputVariable: def(variable, 'knowledge'),
  }),
  http: obj({
    method: def(oneOf(httpMethods), 'GET'),
    url: req(str(2000)),
    headers: def(record(100, 2000), {}),
    body: opt(text),
    allowedHosts: def(arr(str(253), 50), []),
    allowPrivateNetwork: def(bool, false),
    timeoutMs: def(num({ min: 100, max: 60_000, int: true }), 10_000),
    outputVariable: def(variable, 'http'),
  }),
  set: obj({ assignments: req(arr(obj({ variable: req(variable), expression: req(str(2000)) }), 100)) }),
  handoff: obj({ reason: def(text, '{{message}}'), queue: def(shortText, 'support') }),
  approval: obj({ prompt: req(text), approverRole: def(oneOf(roles), 'admin') }),
  reply: obj({ text: req(text) }),
};

const position = obj({ x: req(finite), y: req(finite) });

const node: Check = (value, path, out) => {
  if (!isRecord(value)) return out.add(path, 'type', 'object');
  const type = value.type;
  if (typeof type !== 'string' || !(nodeTypes as readonly string[]).includes(type)) {
    return out.add(join(path, 'type'), 'oneOf', nodeTypes.join(', '));
  }
  return obj({
    id: req(id),
    type: req(oneOf([type])),
    position: req(position),
    label: opt(shortText),
    data: req(dataShapes[type as NodeType]),
  })(value, path, out);
};

const edge = obj({
  id: req(id),
  source: req(id),
  target: req(id),
  sourceHandle: def(str(64), 'out'),
  loopLimit: opt(num({ min: 1, max: 1000, int: true })),
});

const flowShape = obj({
  schemaVersion: req(literal(1)),
  nodes: req(arr(node, flowLimits.nodes)),
  edges: req(arr(edge, flowLimits.edges)),
  variables: def(arr(obj({ name: req(variable), value: req(str(2000)) }), 100), []),
});

/** Checks an already parsed value; a template file or an export with a `flow` member is accepted too. */
export function checkFlow(value: unknown): ImportResult {
  const out = new Collector();
  const candidate =
    isRecord(value) && !('schemaVersion' in value) && isRecord(value.flow) ? value.flow : value;
  const checked = flowShape(candidate, '', out) as Flow | undefined;
  if (checked && out.errors.length === 0) {
    const ids = new Set<string>();
    checked.nodes.forEach((n, index) => {
      if (ids.has(n.id)) out.add(`nodes.${index}.id`, 'duplicateId', n.id);
      ids.add(n.id);
    });
    const edgeIds = new Set<string>();
    checked.edges.forEach((e, index) => {
      if (edgeIds.has(e.id)) out.add(`edges.${index}.id`, 'duplicateId', e.id);
      edgeIds.add(e.id);
      if (!ids.has(e.source)) out.add(`edges.${index}.source`, 'danglingEdge', e.source);
      if (!ids.has(e.target)) out.add(`edges.${index}.target`, 'danglingEdge', e.target);
    });
  }
  if (!checked || out.errors.length > 0) return { ok: false, errors: out.errors };
  return { ok: true, flow: checked };
}

/**
 * The line where JSON.parse stopped (the browser's own sentence is English, so only the place is
 * kept), or null when its message does not say.
 */
export function jsonErrorLine(text: string, error: unknown): number | null {
  const said = error instanceof Error ? error.message : '';
  const line = /line (\d+)/.exec(said);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(said);
  return position ? text.slice(0, Number(position[1])).split('\n').length : null;
}

export function parseFlowJson(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const line = jsonErrorLine(text, error);
    return {
      ok: false,
      errors: [
        line === null ? { path: '', code: 'json' } : { path: '', code: 'json_at', detail: String(line) },
      ],
    };
  }
  return checkFlow(value);
}

/** A safe file name for an export: `<agent name>.flow.json`. */
export function exportFileName(agentName: string): string {
  const printable = [...agentName.normalize('NFKC')].filter((char) => char.charCodeAt(0) >= 32).join('');
  const base = printable
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${base || 'agent'}.flow.json`;
}
