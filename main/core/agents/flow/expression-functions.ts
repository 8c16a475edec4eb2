import { said, type Said } from '../../lib/message';
import { compileSafeRegex, regexLimits, type SafeRegex } from './safe-regex';
import {
  type Budget,
  deepEqual,
  ExpressionError,
  isForbiddenKey,
  isPlainObject,
  normalize,
  plainEntries,
  readProperty,
  spend,
  toText,
  typeName,
} from './values';

export interface CallContext {
  scope: unknown;
  budget: Budget;
  position: number;
}

interface FunctionSpec {
  min: number;
  max: number;
  /** How a person calls it, for messages. */
  usage: string;
  call(args: unknown[], context: CallContext): unknown;
}

function fail(context: CallContext, what: Said): never {
  throw new ExpressionError(what, context.position);
}

function numberArg(value: unknown, usage: string, context: CallContext): number | null {
  if (value === null || typeof value === 'number') return value;
  const type = typeName(value);
  return fail(
    context,
    said('flow.expr.needs_number', { function: usage, type }, `${usage} needs a number, not ${type}`),
  );
}

const numeric = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `number(x)`: text that is exactly a number becomes that number, anything else null. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!numeric.test(text)) return null;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Shared by `contains(haystack, needle)` and `needle in haystack`. */
export function contains(haystack: unknown, needle: unknown, context: CallContext): boolean {
  if (haystack === null) return false;
  if (typeof haystack === 'string') {
    if (typeof needle === 'string' || typeof needle === 'number') {
      spend(context.budget, Math.ceil(haystack.length / 1000));
      return haystack.includes(String(needle));
    }
    return fail(
      context,
      said(
        'flow.expr.cannot_look_for',
        { type: typeName(needle) },
        `Cannot look for ${typeName(needle)} in text`,
      ),
    );
  }
  if (Array.isArray(haystack)) {
    for (let i = 0; i < haystack.length; i++) {
      if (deepEqual(readProperty(haystack, i), needle, context.budget)) return true;
    }
    return false;
  }
  if (isPlainObject(haystack)) {
    if (typeof needle !== 'string')
      return fail(
        context,
        said(
          'flow.expr.object_keys_text',
          { type: typeName(needle) },
          `An object's keys are text, not ${typeName(needle)}`,
        ),
      );
    return !isForbiddenKey(needle) && Object.hasOwn(haystack, needle);
  }
  return fail(
    context,
    said(
      'flow.expr.cannot_look_inside',
      { type: typeName(haystack) },
      `Cannot look inside ${typeName(haystack)}; use text, a list or an object`,
    ),
  );
}

function extreme(
  args: unknown[],
  usage: string,
  context: CallContext,
  pick: (a: number, b: number) => number,
): number | null {
  const values: unknown[] = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  let result: number | null = null;
  for (let i = 0; i < values.length; i++) {
    spend(context.budget);
    const value = readProperty(values, i);
    if (typeof value !== 'number')
      return fail(
        context,
        said(
          'flow.expr.numbers_only',
          { function: usage, type: typeName(value) },
          `${usage} works on numbers, not ${typeName(value)}`,
        ),
      );
    result = result === null ? value : pick(result, value);
  }
  return result;
}

const regexCache = new Map<string, SafeRegex>();

function regexFor(pattern: string, flags: string, context: CallContext): SafeRegex {
  const key = `${flags}/${pattern}`;
  const cached = regexCache.get(key);
  if (cached) return cached;
  const compiled = compileSafeRegex(pattern, flags);
  if (!compiled.ok) return fail(context, compiled.problem);
  if (regexCache.size >= 200) regexCache.clear();
  regexCache.set(key, compiled.regex);
  return compiled.regex;
}

const textFunction = (usage: string, transform: (text: string) => string): FunctionSpec => ({
  min: 1,
  max: 1,
  usage,
  call: ([value]) => transform(toText(value)),
});

export const expressionFunctions: Readonly<Record<string, FunctionSpec>> = {
  len: {
    min: 1,
    max: 1,
    usage: 'len(value)',
    call([value], context) {
      if (value === null) return 0;
      if (typeof value === 'string') {
        let count = 0;
        for (const _ of value) count++;
        return count;
      }
      if (Array.isArray(value)) return value.length;
      if (isPlainObject(value)) return plainEntries(value).length;
      return fail(
        context,
        said(
          'flow.expr.len_types',
          { type: typeName(value) },
          `len() works on text, lists and objects, not ${typeName(value)}`,
        ),
      );
    },
  },
  lower: textFunction('lower(text)', (text) => text.toLowerCase()),
  upper: textFunction('upper(text)', (text) => text.toUpperCase()),
  trim: textFunction('trim(text)', (text) => text.trim()),
  contains: {
    min: 2,
    max: 2,
    usage: 'contains(textOrList, part)',
    call: ([haystack, needle], context) => contains(haystack, needle, context),
  },
  startsWith: {
    min: 2,
    max: 2,
    usage: 'startsWith(text, prefix)',
    call: ([text, prefix]) => toText(text).startsWith(toText(prefix)),
  },
  endsWith: {
    min: 2,
    max: 2,
    usage: 'endsWith(text, suffix)',
    call: ([text, suffix]) => toText(text).endsWith(toText(suffix)),
  },
  number: { min: 1, max: 1, usage: 'number(value)', call: ([value]) => toNumber(value) },
  string: { min: 1, max: 1, usage: 'string(value)', call: ([value]) => toText(value) },
  round: {
    min: 1,
    max: 2,
    usage: 'round(number, digits)',
    call([value, digits = 0], context) {
      const x = numberArg(value, 'round()', context);
      const d = numberArg(digits, 'round()', context) ?? 0;
      if (!Number.isInteger(d) || d < 0 || d > 10)
        return fail(context, said('flow.expr.round_digits', undefined, 'round() takes 0 to 10 digits'));
      if (x === null) return null;
      const factor = 10 ** d;
      const result = Math.round(x * factor) / factor;
      return Number.isFinite(result) ? result : x;
    },
  },
  min: { min: 1, max: 100, usage: 'min(a, b, …)', call: (args, c) => extreme(args, 'min()', c, Math.min) },
  max: { min: 1, max: 100, usage: 'max(a, b, …)', call: (args, c) => extreme(args, 'max()', c, Math.max) },
  abs: {
    min: 1,
    max: 1,
    usage: 'abs(number)',
    call([value], context) {
      const x = numberArg(value, 'abs()', context);
      return x === null ? null : Math.abs(x);
    },
  },
  now: {
    min: 0,
    max: 0,
    usage: 'now()',
    call(_args, { scope }) {
      if (typeof scope !== 'object' || scope === null) return null;
      const descriptor = Object.getOwnPropertyDescriptor(scope, 'now');
      return descriptor && 'value' in descriptor ? normalize(descriptor.value) : null;
    },
  },
  matches: {
    min: 2,
    max: 3,
    usage: 'matches(text, pattern, flags)',
    call([text, pattern, flags = ''], context) {
      if (typeof pattern !== 'string')
        return fail(
          context,
          said('flow.expr.pattern_text', undefined, 'matches() needs the pattern as text'),
        );
      if (typeof flags !== 'string')
        return fail(
          context,
          said('flow.expr.flags_text', undefined, 'matches() needs the flags as text, like "i"'),
        );
      const subject = toText(text);
      if (subject.length > regexLimits.text)
        return fail(
          context,
          said(
            'flow.expr.matches_limit',
            { limit: regexLimits.text },
            `matches() works on text up to ${regexLimits.text} characters`,
          ),
        );
      spend(context.budget, Math.ceil(subject.length / 100));
      return regexFor(pattern, flags, context).test(subject);
    },
  },
};

export function isExpressionFunction(name: string): boolean {
  return Object.hasOwn(expressionFunctions, name);
}

/** A literal pattern is checked when the expression is parsed, so the designer shows the mistake. */
export function checkLiteralPattern(pattern: string, flags: string): Said | null {
  const compiled = compileSafeRegex(pattern, flags);
  return compiled.ok ? null : compiled.problem;
}
