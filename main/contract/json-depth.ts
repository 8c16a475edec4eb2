import { z } from 'zod';

/**
 * How deep free-form JSON (run data, event properties) may nest. Real data is a few levels deep; a
 * hostile body 20,000 levels deep parses fine but overflows the stack of every recursive step after
 * it (storing, logging, templating), so it is refused at the boundary.
 */
export const maxJsonDepth = 32;

/** Whether a parsed value nests deeper than `limit` objects/arrays; iterative, so it cannot overflow. */
export function jsonDepthExceeds(value: unknown, limit = maxJsonDepth): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Whether JSON text nests deeper than `limit`, read before parsing (the served host's body parser):
 * counts brackets outside strings in one pass.
 */
export function jsonTextDepthExceeds(text: string, limit = maxJsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export const nestingLimitReason = 'nesting_limit';

/** A free-form JSON object whose nesting is limited (VALIDATION, reason `nesting_limit`). */
export const jsonRecordSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => !jsonDepthExceeds(value), {
    message: `Nested deeper than ${maxJsonDepth} levels`,
    params: { reason: nestingLimitReason },
  });
