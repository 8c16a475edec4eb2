import type { Message } from '../../../contract';
import { framed } from '../../lib/message';
import {
  evaluateExpression,
  ExpressionError,
  parseExpression,
  renderTemplate,
  TemplateError,
  truthy,
} from '../flow';

type Ast = Extract<ReturnType<typeof parseExpression>, { ok: true }>['ast'];

/** Parsed expressions by source: flows run the same few expressions over and over. */
const parsed = new Map<string, Ast>();
const cacheLimit = 2000;

/**
 * An expression or template of the flow that could not be worked out at run time. `message` is the
 * English (the step's error, the flow's `error` variable, logs); `detail` says it for the person
 * (runs.error.expression, runs.error.expression_at or runs.error.template, the mistake inside).
 */
export class FlowEvaluationError extends Error {
  constructor(
    message: string,
    readonly detail: Message,
  ) {
    super(message);
    this.name = 'FlowEvaluationError';
  }
}

/** A mistake in an expression, at its character (1-based) when known. */
function expressionFailure(text: string, mistake: Message, position: number | null): FlowEvaluationError {
  return new FlowEvaluationError(
    text,
    position === null
      ? framed('runs.error.expression', mistake)
      : framed('runs.error.expression_at', mistake, { column: position + 1 }),
  );
}

export function evaluate(
  expression: string,
  scope: Record<string, unknown>,
): { value: unknown; truthy: boolean } {
  let ast = parsed.get(expression);
  if (!ast) {
    const result = parseExpression(expression);
    if (!result.ok)
      throw expressionFailure(
        `Invalid expression at ${result.error.position}: ${result.error.message}`,
        result.error.detail,
        result.error.position,
      );
    ast = result.ast;
    if (parsed.size >= cacheLimit) parsed.clear();
    parsed.set(expression, ast);
  }
  try {
    const value = evaluateExpression(ast, scope);
    return { value, truthy: truthy(value) };
  } catch (error) {
    if (error instanceof ExpressionError)
      throw expressionFailure(error.message, error.detail, error.position);
    throw error;
  }
}

export function render(
  template: string,
  scope: Record<string, unknown>,
  encode?: (value: string) => string,
): string {
  try {
    return renderTemplate(template, scope, encode);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw new FlowEvaluationError(
      error.message,
      error.path === null ? error.detail : framed('runs.error.template', error.detail, { path: error.path }),
    );
  }
}
