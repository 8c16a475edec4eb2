import { evaluateExpression, parseExpression, renderTemplate, truthy } from '../flow';

type Ast = Extract<ReturnType<typeof parseExpression>, { ok: true }>['ast'];

/** Parsed expressions by source: flows run the same few expressions over and over. */
const parsed = new Map<string, Ast>();
const cacheLimit = 2000;

export class FlowEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowEvaluationError';
  }
}

export function evaluate(
  expression: string,
  scope: Record<string, unknown>,
): { value: unknown; truthy: boolean } {
  let ast = parsed.get(expression);
  if (!ast) {
    const result = parseExpression(expression);
    if (!result.ok)
      throw new FlowEvaluationError(
        `Invalid expression at ${result.error.position}: ${result.error.message}`,
      );
    ast = result.ast;
    if (parsed.size >= cacheLimit) parsed.clear();
    parsed.set(expression, ast);
  }
  try {
    const value = evaluateExpression(ast, scope);
    return { value, truthy: truthy(value) };
  } catch (error) {
    throw new FlowEvaluationError((error as Error).message);
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
    throw new FlowEvaluationError((error as Error).message);
  }
}
