/**
 * The expression language of condition nodes and set assignments. Hand-written tokenizer and Pratt
 * parser; evaluation walks the tree over plain data. Nothing here can run host code: there is no
 * eval, no method calls, and no access to prototypes.
 */
import type { Message, MessageParams } from '../../../contract';
import { said } from '../../lib/message';
import { type BinaryOperator, childNodes, type ExpressionNode } from './expression-ast';
import { evaluateExpression, evaluationLimits } from './expression-evaluate';
import { checkLiteralPattern, expressionFunctions, isExpressionFunction } from './expression-functions';
import { ExpressionSyntaxError, type Punctuator, type Token, tokenize } from './expression-lexer';
import { ExpressionError, isForbiddenKey } from './values';

export type { BinaryOperator, ExpressionNode } from './expression-ast';
export { evaluateExpression } from './expression-evaluate';
export { ExpressionError, truthy } from './values';

export const expressionLimits = { source: 2000, depth: 64, steps: evaluationLimits.steps } as const;

export interface ExpressionSyntaxProblem {
  /** The mistake in English (logs, tests). */
  message: string;
  /** The same for the person who wrote it (flow.expr.*, flow.regex.*). */
  detail: Message;
  /** Character offset in the source (0-based). */
  position: number;
}

export type ParseExpressionResult =
  { ok: true; ast: ExpressionNode } | { ok: false; error: ExpressionSyntaxProblem };

/** Left binding power of each infix operator; higher binds tighter. */
const infix: Partial<Record<Punctuator | 'in', { power: number; operator: BinaryOperator }>> = {
  '??': { power: 3, operator: '??' },
  '||': { power: 4, operator: '||' },
  '&&': { power: 5, operator: '&&' },
  '==': { power: 6, operator: '==' },
  '!=': { power: 6, operator: '!=' },
  '===': { power: 6, operator: '==' },
  '!==': { power: 6, operator: '!=' },
  '<': { power: 7, operator: '<' },
  '<=': { power: 7, operator: '<=' },
  '>': { power: 7, operator: '>' },
  '>=': { power: 7, operator: '>=' },
  in: { power: 7, operator: 'in' },
  '+': { power: 8, operator: '+' },
  '-': { power: 8, operator: '-' },
  '*': { power: 9, operator: '*' },
  '/': { power: 9, operator: '/' },
  '%': { power: 9, operator: '%' },
};
const ternaryPower = 2;
const prefixPower = 10;

/** What the parser met, as message parameters (said by messages.flow.token.<found>). */
function found(token: Token): MessageParams {
  switch (token.type) {
    case 'end':
      return { found: 'end' };
    case 'number':
      return { found: 'number', token: token.value };
    case 'string':
      return { found: 'text' };
    case 'name':
      return { found: 'name', token: token.value };
    case 'punct':
      return { found: 'symbol', token: token.value };
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the expression';
    case 'number':
      return `the number ${token.value}`;
    case 'string':
      return 'a text value';
    case 'name':
      return `"${token.value}"`;
    case 'punct':
      return `"${token.value}"`;
  }
}

class Parser {
  private index = 0;
  private nesting = 0;
  private readonly depths = new WeakMap<ExpressionNode, number>();

  constructor(private readonly tokens: Token[]) {}

  parse(): ExpressionNode {
    const node = this.expression(0);
    const rest = this.peek();
    if (rest.type !== 'end') this.unexpected(rest);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private advance(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== 'end') this.index++;
    return token;
  }

  private isPunct(token: Token, value: Punctuator): boolean {
    return token.type === 'punct' && token.value === value;
  }

  private expect(value: Punctuator, what: 'colon' | 'closeOrComma' | null): Token {
    const token = this.peek();
    if (!this.isPunct(token, value)) {
      const text =
        what === 'colon'
          ? '":" of the "condition ? yes : no" form'
          : what === 'closeOrComma'
            ? '")" or ","'
            : `"${value}"`;
      throw new ExpressionSyntaxError(
        said(
          what === 'colon'
            ? 'flow.expr.expected_colon'
            : what === 'closeOrComma'
              ? 'flow.expr.expected_close_or_comma'
              : 'flow.expr.expected',
          { ...found(token), ...(what === null ? { symbol: value } : {}) },
          `Expected ${text} but found ${describe(token)}`,
        ),
        token.position,
      );
    }
    return this.advance();
  }

  private unexpected(token: Token): never {
    if (this.isPunct(token, '('))
      throw new ExpressionSyntaxError(
        said(
          'flow.expr.only_builtin_calls',
          undefined,
          'Only the built-in functions can be called, like len(x)',
        ),
        token.position,
      );
    throw new ExpressionSyntaxError(
      said('flow.expr.unexpected', found(token), `Did not expect ${describe(token)} here`),
      token.position,
    );
  }

  private tooDeep(position: number): never {
    throw new ExpressionSyntaxError(
      said(
        'flow.expr.too_deep',
        { limit: expressionLimits.depth },
        `The expression is nested too deeply (more than ${expressionLimits.depth} levels)`,
      ),
      position,
    );
  }

  private forbiddenProperty(name: string, position: number): never {
    throw new ExpressionSyntaxError(
      said('flow.expr.forbidden_property', { name }, `The property name "${name}" is not allowed`),
      position,
    );
  }

  /** Records the tree depth of a new node and refuses trees deeper than the limit. */
  private node<T extends ExpressionNode>(node: T): T {
    let depth = 1;
    for (const child of childNodes(node)) depth = Math.max(depth, (this.depths.get(child) ?? 1) + 1);
    if (depth > expressionLimits.depth) this.tooDeep(node.position);
    this.depths.set(node, depth);
    return node;
  }

  private expression(minPower: number): ExpressionNode {
    if (++this.nesting > expressionLimits.depth) this.tooDeep(this.peek().position);
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      if (this.isPunct(token, '.') || this.isPunct(token, '[')) {
        left = this.member(left);
        continue;
      }
      if (this.isPunct(token, '?')) {
        if (ternaryPower <= minPower) break;
        this.advance();
        const consequent = this.expression(0);
        this.expect(':', 'colon');
        const alternate = this.expression(ternaryPower - 1);
        left = this.node({
          kind: 'conditional',
          test: left,
          consequent,
          alternate,
          position: token.position,
        });
        continue;
      }
      const key =
        token.type === 'punct' ? token.value : token.type === 'name' && token.value === 'in' ? 'in' : null;
      const op = key === null ? undefined : infix[key];
      if (!op || op.power <= minPower) break;
      this.advance();
      const right = this.expression(op.power);
      left = this.node({ kind: 'binary', operator: op.operator, left, right, position: token.position });
    }
    this.nesting--;
    return left;
  }

  private member(object: ExpressionNode): ExpressionNode {
    const token = this.advance();
    if (this.isPunct(token, '.')) {
      const name = this.peek();
      if (name.type !== 'name')
        throw new ExpressionSyntaxError(
          said(
            'flow.expr.expected_property',
            found(name),
            `Expected a property name after "." but found ${describe(name)}`,
          ),
          name.position,
        );
      this.advance();
      if (isForbiddenKey(name.value)) this.forbiddenProperty(name.value, name.position);
      const key = this.node({ kind: 'literal', value: name.value, position: name.position });
      return this.node({ kind: 'member', object, key, position: token.position });
    }
    const key = this.expression(0);
    if (key.kind === 'literal' && typeof key.value === 'string' && isForbiddenKey(key.value))
      this.forbiddenProperty(key.value, key.position);
    this.expect(']', null);
    return this.node({ kind: 'member', object, key, position: token.position });
  }

  private prefix(): ExpressionNode {
    const token = this.advance();
    switch (token.type) {
      case 'number':
      case 'string':
        return this.node({ kind: 'literal', value: token.value, position: token.position });
      case 'name':
        return this.name(token);
      case 'punct':
        if (token.value === '(') {
          const inner = this.expression(0);
          this.expect(')', null);
          return inner;
        }
        if (token.value === '!' || token.value === '-') {
          const operand = this.expression(prefixPower);
          return this.node({ kind: 'unary', operator: token.value, operand, position: token.position });
        }
        return this.unexpected(token);
      case 'end':
        throw new ExpressionSyntaxError(
          said('flow.expr.incomplete', undefined, 'The expression is incomplete'),
          token.position,
        );
    }
  }

  private name(token: Extract<Token, { type: 'name' }>): ExpressionNode {
    const position = token.position;
    switch (token.value) {
      case 'true':
        return this.node({ kind: 'literal', value: true, position });
      case 'false':
        return this.node({ kind: 'literal', value: false, position });
      case 'null':
        return this.node({ kind: 'literal', value: null, position });
      case 'in':
        throw new ExpressionSyntaxError(
          said('flow.expr.in_needs_values', undefined, '"in" needs a value on each side, like "a" in list'),
          position,
        );
    }
    if (this.isPunct(this.peek(), '(')) return this.call(token);
    if (isForbiddenKey(token.value))
      throw new ExpressionSyntaxError(
        said('flow.expr.forbidden_name', { name: token.value }, `The name "${token.value}" is not allowed`),
        position,
      );
    return this.node({ kind: 'variable', name: token.value, position });
  }

  private call(token: Extract<Token, { type: 'name' }>): ExpressionNode {
    const name = token.value;
    if (!isExpressionFunction(name)) {
      const functions = Object.keys(expressionFunctions).join(', ');
      throw new ExpressionSyntaxError(
        said(
          'flow.expr.unknown_function',
          { name, functions },
          `Unknown function "${name}". Available: ${functions}`,
        ),
        token.position,
      );
    }
    const spec = expressionFunctions[name]!;
    this.advance();
    const args: ExpressionNode[] = [];
    if (!this.isPunct(this.peek(), ')')) {
      for (;;) {
        args.push(this.expression(0));
        if (!this.isPunct(this.peek(), ',')) break;
        this.advance();
      }
    }
    this.expect(')', 'closeOrComma');
    if (args.length < spec.min || args.length > spec.max)
      throw new ExpressionSyntaxError(
        said(
          'flow.expr.argument_count',
          { name, usage: spec.usage },
          `Wrong number of values for ${name}(): use ${spec.usage}`,
        ),
        token.position,
      );
    if (name === 'matches') this.checkPattern(args);
    return this.node({ kind: 'call', name, args, position: token.position });
  }

  private checkPattern(args: ExpressionNode[]): void {
    const [, pattern, flags] = args;
    if (pattern?.kind !== 'literal' || typeof pattern.value !== 'string') return;
    if (flags && (flags.kind !== 'literal' || typeof flags.value !== 'string')) return;
    const problem = checkLiteralPattern(pattern.value, flags ? (flags.value as string) : '');
    if (problem) throw new ExpressionSyntaxError(problem, pattern.position);
  }
}

export function parseExpression(source: string): ParseExpressionResult {
  if (source.length > expressionLimits.source) {
    const tooLong = said(
      'flow.expr.too_long',
      { limit: expressionLimits.source },
      `An expression can be at most ${expressionLimits.source} characters`,
    );
    return {
      ok: false,
      error: { message: tooLong.text, detail: tooLong.message, position: expressionLimits.source },
    };
  }
  try {
    return { ok: true, ast: new Parser(tokenize(source)).parse() };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError)
      return { ok: false, error: { message: error.message, detail: error.detail, position: error.position } };
    throw error;
  }
}

/** Root variable names the expression reads, in order of first use. */
export function expressionVariables(ast: ExpressionNode): string[] {
  const names = new Set<string>();
  const stack: ExpressionNode[] = [ast];
  const ordered: ExpressionNode[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    ordered.push(node);
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  for (const node of ordered) if (node.kind === 'variable') names.add(node.name);
  return [...names];
}

/** Parses and evaluates in one go; a syntax error is thrown as an ExpressionError too. */
export function evaluateSource(source: string, scope: unknown): unknown {
  const parsed = parseExpression(source);
  if (!parsed.ok)
    throw new ExpressionError(
      { message: parsed.error.detail, text: parsed.error.message },
      parsed.error.position,
    );
  return evaluateExpression(parsed.ast, scope);
}
