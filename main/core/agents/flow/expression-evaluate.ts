import type { MessageKey } from '../../../contract';
import { said } from '../../lib/message';
import type { BinaryOperator, ExpressionNode } from './expression-ast';
import { type CallContext, contains, expressionFunctions } from './expression-functions';
import {
  type Budget,
  deepEqual,
  ExpressionError,
  isForbiddenKey,
  normalize,
  readProperty,
  spend,
  toText,
  truthy,
  typeName,
  valueLimits,
} from './values';

export const evaluationLimits = { steps: 10_000, depth: 64 } as const;

interface State {
  scope: unknown;
  budget: Budget;
}

function lookup(scope: unknown, name: string, position: number): unknown {
  if (isForbiddenKey(name))
    throw new ExpressionError(
      said('flow.expr.forbidden_name', { name }, `The name "${name}" is not allowed`),
      position,
    );
  if (typeof scope !== 'object' || scope === null) return null;
  const descriptor = Object.getOwnPropertyDescriptor(scope, name);
  return descriptor && 'value' in descriptor ? normalize(descriptor.value) : null;
}

/** Non-finite results (overflow, x / 0) are null, so a condition over them is simply false. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

const verbs: Partial<Record<BinaryOperator, { verb: string; key: MessageKey }>> = {
  '-': { verb: 'subtract', key: 'flow.expr.cannot_subtract' },
  '*': { verb: 'multiply', key: 'flow.expr.cannot_multiply' },
  '/': { verb: 'divide', key: 'flow.expr.cannot_divide' },
  '%': { verb: 'take the remainder of', key: 'flow.expr.cannot_remainder' },
};

function arithmetic(operator: BinaryOperator, left: unknown, right: unknown, position: number): unknown {
  if (operator === '+') {
    if (typeof left === 'number' && typeof right === 'number') return finite(left + right);
    if (typeof left === 'string' || typeof right === 'string') {
      const joined = toText(left) + toText(right);
      if (joined.length > valueLimits.text)
        throw new ExpressionError(
          said('flow.expr.text_too_long', undefined, 'The text is too long'),
          position,
        );
      return joined;
    }
    const types = { left: typeName(left), right: typeName(right) };
    const withNull = left === null || right === null;
    throw new ExpressionError(
      said(
        withNull ? 'flow.expr.cannot_add_null' : 'flow.expr.cannot_add',
        types,
        `Cannot add ${types.left} and ${types.right}${withNull ? ' (use ?? to give a default)' : ''}`,
      ),
      position,
    );
  }
  if (typeof left !== 'number' || typeof right !== 'number') {
    const { verb, key } = verbs[operator]!;
    const types = { left: typeName(left), right: typeName(right) };
    throw new ExpressionError(said(key, types, `Cannot ${verb} ${types.left} and ${types.right}`), position);
  }
  switch (operator) {
    case '-':
      return finite(left - right);
    case '*':
      return finite(left * right);
    case '/':
      return right === 0 ? null : finite(left / right);
    default:
      return right === 0 ? null : finite(left % right);
  }
}

function compare(operator: BinaryOperator, left: unknown, right: unknown, position: number): boolean {
  if (left === null || right === null) return false;
  const bothNumbers = typeof left === 'number' && typeof right === 'number';
  const bothTexts = typeof left === 'string' && typeof right === 'string';
  if (!bothNumbers && !bothTexts) {
    const text = typeof left === 'string' || typeof right === 'string';
    const types = { left: typeName(left), right: typeName(right) };
    throw new ExpressionError(
      said(
        text ? 'flow.expr.cannot_compare_text' : 'flow.expr.cannot_compare',
        types,
        `Cannot compare ${types.left} with ${types.right}${text ? ' (use number(x) to read a number)' : ''}`,
      ),
      position,
    );
  }
  const a = left as number | string;
  const b = right as number | string;
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function evaluate(node: ExpressionNode, state: State, depth: number): unknown {
  spend(state.budget);
  if (depth > evaluationLimits.depth)
    throw new ExpressionError(
      said('flow.expr.nested_too_deeply', undefined, 'The expression is nested too deeply'),
      node.position,
    );
  const next = depth + 1;
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      return lookup(state.scope, node.name, node.position);
    case 'member': {
      const object = evaluate(node.object, state, next);
      const key = evaluate(node.key, state, next);
      if (key !== null && typeof key !== 'string' && typeof key !== 'number')
        throw new ExpressionError(
          said(
            'flow.expr.property_key_type',
            { type: typeName(key) },
            `A property name must be text or a number, not ${typeName(key)}`,
          ),
          node.position,
        );
      return readProperty(object, key, node.position);
    }
    case 'unary': {
      const operand = evaluate(node.operand, state, next);
      if (node.operator === '!') return !truthy(operand);
      if (typeof operand !== 'number')
        throw new ExpressionError(
          said('flow.expr.cannot_negate', { type: typeName(operand) }, `Cannot negate ${typeName(operand)}`),
          node.position,
        );
      return operand === 0 ? 0 : -operand;
    }
    case 'conditional':
      return truthy(evaluate(node.test, state, next))
        ? evaluate(node.consequent, state, next)
        : evaluate(node.alternate, state, next);
    case 'call': {
      const spec = expressionFunctions[node.name];
      if (!spec || !Object.hasOwn(expressionFunctions, node.name))
        throw new ExpressionError(
          said(
            'flow.expr.unknown_function',
            { name: node.name, functions: Object.keys(expressionFunctions).join(', ') },
            `Unknown function "${node.name}"`,
          ),
          node.position,
        );
      if (node.args.length < spec.min || node.args.length > spec.max)
        throw new ExpressionError(
          said('flow.expr.use', { usage: spec.usage }, `Use ${spec.usage}`),
          node.position,
        );
      const args = node.args.map((arg) => evaluate(arg, state, next));
      const context: CallContext = { scope: state.scope, budget: state.budget, position: node.position };
      return normalize(spec.call(args, context));
    }
    case 'binary':
      return binary(node, state, next);
  }
}

function binary(node: Extract<ExpressionNode, { kind: 'binary' }>, state: State, depth: number): unknown {
  const left = evaluate(node.left, state, depth);
  switch (node.operator) {
    case '&&':
      return truthy(left) ? evaluate(node.right, state, depth) : left;
    case '||':
      return truthy(left) ? left : evaluate(node.right, state, depth);
    case '??':
      return left !== null ? left : evaluate(node.right, state, depth);
  }
  const right = evaluate(node.right, state, depth);
  switch (node.operator) {
    case '==':
      return deepEqual(left, right, state.budget);
    case '!=':
      return !deepEqual(left, right, state.budget);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(node.operator, left, right, node.position);
    case 'in':
      return contains(right, left, { scope: state.scope, budget: state.budget, position: node.position });
    default:
      return arithmetic(node.operator, left, right, node.position);
  }
}

/**
 * Evaluates a parsed expression against the run's variables. Missing variables and properties
 * are null; `x / 0` and `x % 0` are null; type mismatches throw ExpressionError with a message
 * meant for the person who wrote the expression.
 */
export function evaluateExpression(ast: ExpressionNode, scope: unknown): unknown {
  return evaluate(ast, { scope, budget: { steps: evaluationLimits.steps } }, 0);
}
