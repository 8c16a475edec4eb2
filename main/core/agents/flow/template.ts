/**
 * `{{ path }}` templates of prompts, messages, URLs and bodies. A placeholder holds a variable path
 * only (`answer`, `knowledge.text`, `items[0]`, `row["first name"]`), never a computation: logic
 * belongs in condition and set nodes where the designer shows it.
 */
import type { Message } from '../../../contract';
import { said, type Said } from '../../lib/message';
import type { ExpressionNode } from './expression-ast';
import { evaluateExpression, expressionVariables, parseExpression } from './expression';
import { ExpressionError, toText, valueLimits } from './values';

export type TemplatePart =
  { kind: 'text'; text: string } | { kind: 'value'; path: string; ast: ExpressionNode; position: number };

export type ParseTemplateResult =
  | { ok: true; parts: TemplatePart[] }
  /** `message` is the English; `detail` says it (flow.template.*, flow.expr.*). */
  | { ok: false; error: { message: string; detail: Message; position: number } };

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  /** The mistake (flow.template.*, flow.expr.*); `message` is the English. */
  readonly detail: Message;

  constructor(
    what: Said,
    readonly position: number | null = null,
    /** The placeholder whose value could not be filled in, when it was one. */
    readonly path: string | null = null,
  ) {
    super(what.text);
    this.detail = what.message;
  }
}

function mistake(what: Said, position: number): ParseTemplateResult {
  return { ok: false, error: { message: what.text, detail: what.message, position } };
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
      return mistake(said('flow.template.not_closed', undefined, '"{{" is not closed with "}}"'), open);
    const inner = source.slice(open + 2, close);
    if (inner.includes('{{'))
      return mistake(
        said(
          'flow.template.not_closed_before_next',
          undefined,
          '"{{" is not closed with "}}" before the next "{{"',
        ),
        open,
      );
    const path = inner.trim();
    const pathStart = open + 2 + (inner.length - inner.trimStart().length);
    if (path === '')
      return mistake(
        said('flow.template.empty_placeholder', undefined, 'Write a variable name between {{ and }}'),
        open,
      );
    const parsed = parseExpression(path);
    if (!parsed.ok)
      return mistake(
        { message: parsed.error.detail, text: parsed.error.message },
        pathStart + Math.min(parsed.error.position, path.length),
      );
    if (!isPath(parsed.ast))
      return mistake(
        said(
          'flow.template.only_path',
          undefined,
          'Only a variable name or path fits between {{ and }}, like {{ answer }} or {{ knowledge.text }}',
        ),
        pathStart,
      );
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
  if (!parsed.ok)
    throw new TemplateError(
      { message: parsed.error.detail, text: parsed.error.message },
      parsed.error.position,
    );
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
          said(
            'flow.template.too_long',
            { limit: valueLimits.text },
            `The filled-in text is longer than ${valueLimits.text} characters`,
          ),
          part.position,
        );
    } catch (error) {
      if (error instanceof ExpressionError)
        throw new TemplateError(
          { message: error.detail, text: `{{ ${part.path} }}: ${error.message}` },
          part.position,
          part.path,
        );
      throw error;
    }
  }
  return output;
}
