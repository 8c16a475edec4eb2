import type { FlowNode, FlowProblem, ProblemCode } from '../../../contract';
import type { Said } from '../../lib/message';

export interface ProblemPlace {
  nodeId?: string | null;
  edgeId?: string | null;
  field?: string | null;
}

/** Collects problems in the order they are found; nothing here throws. */
export class ProblemList {
  readonly items: FlowProblem[] = [];

  error(code: ProblemCode, place: ProblemPlace, said: Said): void {
    this.add(code, 'error', place, said);
  }

  warning(code: ProblemCode, place: ProblemPlace, said: Said): void {
    this.add(code, 'warning', place, said);
  }

  private add(code: ProblemCode, severity: FlowProblem['severity'], place: ProblemPlace, said: Said): void {
    this.items.push({
      code,
      severity,
      nodeId: place.nodeId ?? null,
      edgeId: place.edgeId ?? null,
      field: place.field ?? null,
      message: said.message,
      text: said.text,
    });
  }
}

/** A node as messages name it: its label, or its id when it has none (without quotes). */
export function nodeLabel(node: FlowNode | undefined, fallbackId: string): string {
  const label = node?.label?.trim();
  return label ? label : fallbackId;
}

/** How a node is named in the English text: its label, or its id when it has none, quoted. */
export function nodeName(node: FlowNode | undefined, fallbackId: string): string {
  return `"${nodeLabel(node, fallbackId)}"`;
}

const fieldLabels: Readonly<Record<string, string>> = {
  systemPrompt: 'system prompt',
  prompt: 'prompt',
  input: 'input',
  query: 'query',
  url: 'URL',
  body: 'body',
  reason: 'reason',
  text: 'text',
  message: 'message',
  expression: 'condition',
};

/** A data field as a person reads it (English): "the prompt", "the header \"Accept\"", "assignment 2". */
export function fieldLabel(field: string): string {
  if (field.startsWith('headers.')) return `the header "${field.slice('headers.'.length)}"`;
  const assignment = /^assignments\.(\d+)\.expression$/.exec(field);
  if (assignment) return `assignment ${Number(assignment[1]) + 1}`;
  return `the ${fieldLabels[field] ?? field}`;
}

/**
 * The parameters that name a data field in a message: `field` (said by the catalogue's
 * messages.flow.field.<field>), with `header` or `assignment` where the field is one of several.
 */
export function fieldParams(field: string): { field: string; header?: string; assignment?: number } {
  if (field.startsWith('headers.')) return { field: 'header', header: field.slice('headers.'.length) };
  const assignment = /^assignments\.(\d+)\.expression$/.exec(field);
  if (assignment) return { field: 'assignment', assignment: Number(assignment[1]) + 1 };
  return { field: field in fieldLabels ? field : 'other' };
}

/** The known name closest to `name` (at most two edits away), for "did you mean" hints. */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = boundedDistance(name.toLowerCase(), candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, or `limit` as soon as it is clear the distance is at least that. */
function boundedDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit);
}

/** "a, b, c and 4 more" (English) */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** "a, b, c, …": the same list for a message, in any language */
export function listForMessage(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')}, …`;
}
