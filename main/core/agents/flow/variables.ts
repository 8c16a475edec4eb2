/**
 * Which variables each node defines and which of its fields read variables. The check is flow-wide:
 * a variable any node defines is known everywhere, which is simple to explain and never wrong about
 * a variable that exists. The one exception is `error`, known only after an error connection.
 */
import { builtinVariables, type Flow, type FlowNode } from '../../../contract';
import { errorHandle, type FlowGraph, reachableFrom } from './graph';

export const errorVariable = 'error';

export interface VariableSource {
  /** The node's data field, e.g. "prompt", "headers.Authorization", "assignments.1.expression". */
  field: string;
  kind: 'template' | 'expression';
  source: string;
}

export interface VariableDefinition {
  name: string;
  field: string;
}

export function nodeVariableSources(node: FlowNode): VariableSource[] {
  const template = (field: string, source: string | undefined): VariableSource[] =>
    source === undefined ? [] : [{ field, kind: 'template', source }];
  switch (node.type) {
    case 'trigger':
      return template('message', node.data.message);
    case 'llm':
      return [...template('systemPrompt', node.data.systemPrompt), ...template('prompt', node.data.prompt)];
    case 'intent':
      return template('input', node.data.input);
    case 'knowledge':
      return template('query', node.data.query);
    case 'http':
      return [
        ...template('url', node.data.url),
        ...Object.entries(node.data.headers).flatMap(([name, value]) => template(`headers.${name}`, value)),
        ...template('body', node.data.body),
      ];
    case 'handoff':
      return template('reason', node.data.reason);
    case 'approval':
      return template('prompt', node.data.prompt);
    case 'reply':
      return template('text', node.data.text);
    case 'condition':
      return [{ field: 'expression', kind: 'expression', source: node.data.expression }];
    case 'set':
      return node.data.assignments.map((assignment, i) => ({
        field: `assignments.${i}.expression`,
        kind: 'expression' as const,
        source: assignment.expression,
      }));
  }
}

export function nodeDefinedVariables(node: FlowNode): VariableDefinition[] {
  switch (node.type) {
    case 'llm':
    case 'intent':
    case 'knowledge':
    case 'http':
      return [{ name: node.data.outputVariable, field: 'outputVariable' }];
    case 'set':
      return node.data.assignments.map((assignment, i) => ({
        name: assignment.variable,
        field: `assignments.${i}.variable`,
      }));
    // the runtime records a person's decision as `approval` { approved, comment, by } and a
    // hand-over as `handoff` { queue, reason }
    case 'approval':
      return [{ name: 'approval', field: 'prompt' }];
    case 'handoff':
      return [{ name: 'handoff', field: 'reason' }];
    default:
      return [];
  }
}

/** Every variable a run of this flow can have, except `error` (see errorScope). */
export function knownVariables(flow: Pick<Flow, 'nodes' | 'variables'>): Set<string> {
  const names = new Set<string>(builtinVariables);
  for (const variable of flow.variables) names.add(variable.name);
  for (const node of flow.nodes)
    for (const definition of nodeDefinedVariables(node)) names.add(definition.name);
  return names;
}

/** For each node of the graph: 1 when a run can reach it after following an error connection. */
export function errorScope(graph: FlowGraph): Uint8Array {
  const starts: number[] = [];
  for (const edge of graph.edges) {
    if (edge.sourceHandle === errorHandle) starts.push(graph.indexOf.get(edge.target)!);
  }
  const scope = new Uint8Array(graph.nodes.length);
  for (const index of reachableFrom(graph, starts)) scope[index] = 1;
  return scope;
}
