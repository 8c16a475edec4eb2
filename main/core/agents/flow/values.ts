/**
 * The values expressions and templates work with: null, booleans, finite numbers, text, lists and
 * plain objects. Anything else a scope holds (functions, class instances, getters, symbols) is
 * invisible to a flow, so no expression can reach the host's objects or their prototypes.
 */

import type { Message } from '../../../contract';
import { said, type Said } from '../../lib/message';

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  /** What went wrong, for the person who wrote the expression (flow.expr.*); `message` is the English. */
  readonly detail: Message;

  constructor(
    what: Said,
    /** Character offset in the expression source, when the failing part is known. */
    readonly position: number | null = null,
  ) {
    super(what.text);
    this.detail = what.message;
  }
}

export const valueLimits = { text: 1_000_000, depth: 64 } as const;

export type PlainObject = Record<string, unknown>;

const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return forbiddenKeys.has(key);
}

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What a flow sees of a host value: unsupported values become null, dates become ISO text. */
export function normalize(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      if (value === null || Array.isArray(value) || isPlainObject(value)) return value;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      return null;
    default:
      return null;
  }
}

function ownDataValue(container: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(container, key);
  return descriptor && 'value' in descriptor ? normalize(descriptor.value) : null;
}

/** `container[key]` for own data properties of lists and plain objects; null for anything else. */
export function readProperty(container: unknown, key: unknown, position: number | null = null): unknown {
  if (typeof key === 'string' && forbiddenKeys.has(key))
    throw new ExpressionError(
      said('flow.expr.forbidden_property', { name: key }, `The property name "${key}" is not allowed`),
      position,
    );
  if (Array.isArray(container)) {
    const index =
      typeof key === 'number' ? key : typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key) ? +key : NaN;
    if (Number.isInteger(index) && index >= 0 && index < container.length)
      return ownDataValue(container, String(index));
    return key === 'length' ? container.length : null;
  }
  if (isPlainObject(container)) {
    if (typeof key === 'string') return ownDataValue(container, key);
    if (typeof key === 'number' && Number.isFinite(key)) return ownDataValue(container, String(key));
  }
  return null;
}

/** Own enumerable data properties, in insertion order, without the forbidden names. */
export function plainEntries(object: PlainObject): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(object)) {
    if (forbiddenKeys.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    if (descriptor && 'value' in descriptor) entries.push([key, normalize(descriptor.value)]);
  }
  return entries;
}

export function typeName(value: unknown): string {
  const v = normalize(value);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'string') return 'text';
  return typeof v;
}

export function truthy(value: unknown): boolean {
  const v = normalize(value);
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return plainEntries(v).length > 0;
  return true;
}

/** JSON text of a value; recursion is safe because depth is capped. */
export function toJson(value: unknown): string {
  const ancestors = new Set<object>();
  let length = 0;
  const emit = (text: string): string => {
    length += text.length;
    if (length > valueLimits.text)
      throw new ExpressionError(
        said('flow.expr.value_too_large', undefined, 'The value is too large to turn into text'),
      );
    return text;
  };
  const write = (raw: unknown, depth: number): string => {
    const v = normalize(raw);
    if (v === null || typeof v !== 'object') return emit(JSON.stringify(v));
    if (depth >= valueLimits.depth)
      throw new ExpressionError(
        said('flow.expr.value_too_deep', undefined, 'The value is nested too deeply to turn into text'),
      );
    if (ancestors.has(v))
      throw new ExpressionError(
        said(
          'flow.expr.value_contains_itself',
          undefined,
          'The value contains itself and cannot be turned into text',
        ),
      );
    ancestors.add(v);
    let text: string;
    if (Array.isArray(v)) {
      const items: string[] = [];
      for (let i = 0; i < v.length; i++) items.push(write(readProperty(v, i), depth + 1));
      text = `[${items.join(',')}]`;
    } else {
      const entries = plainEntries(v as PlainObject).map(
        ([key, item]) => `${emit(JSON.stringify(key))}:${write(item, depth + 1)}`,
      );
      text = `{${entries.join(',')}}`;
    }
    ancestors.delete(v);
    return text;
  };
  return write(value, 0);
}

/** Text of a value as a person would write it: null is empty, lists and objects are JSON. */
export function toText(value: unknown): string {
  const v = normalize(value);
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return toJson(v);
}

export interface Budget {
  steps: number;
}

export function spend(budget: Budget, steps = 1): void {
  budget.steps -= steps;
  if (budget.steps < 0)
    throw new ExpressionError(
      said('flow.expr.too_many_steps', undefined, 'The expression takes too many steps to evaluate'),
    );
}

/** Structural equality without coercion: 1 and "1" differ, lists and objects compare by content. */
export function deepEqual(a: unknown, b: unknown, budget: Budget, depth = 0): boolean {
  spend(budget);
  const x = normalize(a);
  const y = normalize(b);
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (depth >= valueLimits.depth)
    throw new ExpressionError(
      said('flow.expr.values_too_deep', undefined, 'The values are nested too deeply to compare'),
    );
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++)
      if (!deepEqual(readProperty(x, i), readProperty(y, i), budget, depth + 1)) return false;
    return true;
  }
  const left = plainEntries(x as PlainObject);
  const right = new Map(plainEntries(y as PlainObject));
  if (left.length !== right.size) return false;
  for (const [key, item] of left) {
    if (!right.has(key) || !deepEqual(item, right.get(key), budget, depth + 1)) return false;
  }
  return true;
}
