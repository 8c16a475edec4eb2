/**
 * `{{ path }}` templates of prompts, messages, URLs and bodies. A placeholder holds a variable path
 * only (`answer`, `knowledge.text`, `items[0]`, `row["first name"]`), never a computation: logic
 * belongs in condition and set nodes where the designer shows it.
 */
import type { ExpressionNode } from './expression-ast';
import { evaluateExpression, expressionVariables, parseExpression } from './expression';
import { ExpressionError, toText, valueLimits } from './values';

export type TemplatePart =
  { kind: 'text'; text: string } | { kind: 'value'; path: string; ast: ExpressionNode; position: number };

export type ParseTemplateResult =
  { ok: true; parts: TemplatePart[] } | { ok: false; error: { message: string; position: number } };

export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(
    message: string,
    readonly position: number | null = null,
  ) {
    super(message);
  }
}

function isPath(node: ExpressionNode): boolean {
  let current = node;
  while (current.kind === 'member') {
    if (
      current.key.kind !== 'literal' ||
      current.key.value === null ||
      typeof current.key.value === 'boolean'
    )
      return false;
    current = current.object;
  }
  return current.kind === 'variable';
}

export function parseTemplate(source: string): ParseTemplateResult {
  const parts: TemplatePart[] = [];
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('{{', index);
    if (open === -1) break;
    if (open > index) parts.push({ kind: 'text', text: source.slice(index, open) });
    const close = source.indexOf('}}', open + 2);
    if (close === -1)
      return { ok: false, error: { message: '"{{" is not closed with "}}"', position: open } };
    const inner = source.slice(open + 2, close);
    if (inner.includes('{{'))
      return {
        ok: false,
        error: { message: '"{{" is not closed with "}}" before the next "{{"', position: open },
      };
    const path = inner.trim();
    const pathStart = open + 2 + (inner.length - inner.trimStart().length);
    if (path === '')
      return { ok: false, error: { message: 'Write a variable name between {{ and }}', position: open } };
    const parsed = parseExpression(path);
    if (!parsed.ok)
      return {
        ok: false,
        error: {
          message: parsed.error.message,
          position: pathStart + Math.min(parsed.error.position, path.length),
        },
      };
    if (!isPath(parsed.ast))
      return {
        ok: false,
        error: {
          message:
            'Only a variable name or path fits between {{ and }}, like {{ answer }} or {{ knowledge.text }}',
          position: pathStart,
        },
      };
    parts.push({ kind: 'value', path, ast: parsed.ast, position: pathStart });
    index = close + 2;
  }
  if (index < source.length) parts.push({ kind: 'text', text: source.slice(index) });
  return { ok: true, parts };
}

/** Root variable names the template reads, in order of first use; none when it does not parse. */
export function templateVariables(source: string): string[] {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return [];
  const names = new Set<string>();
  for (const part of parsed.parts) {
    if (part.kind === 'value') for (const name of expressionVariables(part.ast)) names.add(name);
  }
  return [...names];
}

/**
 * Fills the placeholders: a missing value is empty, lists and objects are JSON, numbers and booleans
 * their usual text. `encode` is applied to each inserted value only (e.g. encodeURIComponent for
 * a URL), never to the template's own text. Throws TemplateError for a template that does not parse.
 */
export function renderTemplate(source: string, scope: unknown, encode?: (value: string) => string): string {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new TemplateError(parsed.error.message, parsed.error.position);
  let output = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      output += part.text;
      continue;
    }
    try {
      const text = toText(evaluateExpression(part.ast, scope));
      output += encode ? encode(text) : text;
      if (output.length > valueLimits.text)
        throw new TemplateError(
          `The filled-in text is longer than ${valueLimits.text} characters`,
          part.position,
        );
    } catch (error) {
      if (error instanceof ExpressionError)
        throw new TemplateError(`{{ ${part.path} }}: ${error.message}`, part.position);
      throw error;
    }
  }
  return output;
}
