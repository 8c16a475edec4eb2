import type { z } from 'zod';
import { errorReasons, type ErrorReason, type MessageParams } from '../../contract';

type Issue = z.core.$ZodIssue;

export interface ValidationReason {
  reason: ErrorReason;
  params?: MessageParams;
}

const isErrorReason = (value: unknown): value is ErrorReason =>
  typeof value === 'string' && (errorReasons as readonly string[]).includes(value);

/** What the caller sent at `path` (undefined where nothing was sent). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** zod's string formats that are identifiers: a wrong one is a value the caller did not get from us. */
const idFormats = new Set(['uuid', 'guid', 'cuid', 'cuid2', 'nanoid', 'ulid', 'xid', 'ksuid']);

const plainParams = (params: Record<string, unknown>): MessageParams =>
  Object.fromEntries(
    Object.entries(params).filter(
      ([key, value]) =>
        key !== 'reason' && (value === null || ['string', 'number', 'boolean'].includes(typeof value)),
    ),
  ) as MessageParams;

/**
 * Why zod refused an input, as a reason of the contract's `errorReasons` (and the values its
 * sentence needs), so the UI says "Use at least 12 characters." in the user's language instead of
 * zod's English. A custom check names its own reason in `params.reason`.
 */
export function validationReason(issue: Issue, input: unknown): ValidationReason {
  switch (issue.code) {
    case 'invalid_type': {
      const sent = valueAt(input, issue.path);
      if (sent === undefined || sent === null) return { reason: 'required' };
      if (issue.expected === 'int' && typeof sent === 'number') return { reason: 'whole_number' };
      return { reason: 'invalid_value' };
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string')
        return minimum <= 1 ? { reason: 'required' } : { reason: 'too_short', params: { minimum } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { reason: 'too_few', params: { minimum } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return {
          reason: issue.inclusive === false ? 'too_small_exclusive' : 'too_small',
          params: { minimum },
        };
      return { reason: 'invalid_value' };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { reason: 'too_long', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { reason: 'too_many', params: { maximum } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return { reason: issue.inclusive === false ? 'too_big_exclusive' : 'too_big', params: { maximum } };
      return { reason: 'invalid_value' };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { reason: 'invalid_email' };
      if (issue.format === 'url') return { reason: 'invalid_url' };
      return { reason: idFormats.has(issue.format) ? 'invalid_value' : 'invalid_format' };
    case 'unrecognized_keys':
      return {
        reason: 'unknown_field',
        params: { field: [...issue.path.map(String), issue.keys[0] ?? ''].join('.') },
      };
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, unknown>;
      if (!isErrorReason(params.reason)) return { reason: 'invalid_value' };
      const rest = plainParams(params);
      return Object.keys(rest).length > 0
        ? { reason: params.reason, params: rest }
        : { reason: params.reason };
    }
    default:
      // a value outside a list, a union none of whose forms fit, a wrong key of a record ...
      return { reason: 'invalid_value' };
  }
}
