import { describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  evaluateSource,
  ExpressionError,
  expressionVariables,
  parseExpression,
  truthy,
  type ExpressionSyntaxProblem,
} from './expression';

const scope = {
  message: 'I want a Refund please',
  intent: 'billing',
  score: 0.82,
  count: 3,
  zero: 0,
  empty: '',
  nothing: null,
  tags: ['vip', 'eu'],
  order: { id: 'A-17', total: 120.5, lines: [{ sku: 'X1', qty: 2 }], 'first name': 'Ana' },
  now: '2025-01-02T03:04:05.000Z',
};

const run = (source: string, values: unknown = scope) => evaluateSource(source, values);

function parseError(source: string): ExpressionSyntaxProblem {
  const parsed = parseExpression(source);
  if (parsed.ok) throw new Error(`expected ${source} not to parse`);
  return parsed.error;
}

function evalError(source: string, values: unknown = scope): ExpressionError {
  try {
    run(source, values);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('literals and variables', () => {
  it('reads numbers, both quote styles, booleans and null', () => {
    expect(run('42')).toBe(42);
    expect(run('3.5e2')).toBe(350);
    expect(run(`'single'`)).toBe('single');
    expect(run(`"double \\"quoted\\""`)).toBe('double "quoted"');
    expect(run(`'it\\'s\\n'`)).toBe("it's\n");
    expect(run('true')).toBe(true);
    expect(run('false')).toBe(false);
    expect(run('null')).toBe(null);
  });

  it('keeps the backslash of an unknown escape, so patterns read naturally', () => {
    expect(run(`'\\d+'`)).toBe('\\d+');
  });

  it('reads paths with dots, indexes and quoted keys', () => {
    expect(run('intent')).toBe('billing');
    expect(run('order.total')).toBe(120.5);
    expect(run('order.lines[0].sku')).toBe('X1');
    expect(run('order["first name"]')).toBe('Ana');
    expect(run("order['lines'][0]['qty']")).toBe(2);
    expect(run('tags[1]')).toBe('eu');
    expect(run('tags.length')).toBe(2);
  });

  it('gives null for anything missing, at any depth', () => {
    expect(run('unknown')).toBe(null);
    expect(run('order.missing.deeper[3]')).toBe(null);
    expect(run('tags[9]')).toBe(null);
    expect(run('tags[-1]')).toBe(null);
    expect(run('count.x')).toBe(null);
    expect(run('message.length')).toBe(null);
  });
});

describe('operators', () => {
  it('does arithmetic with the usual precedence', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('2 * 3 % 4')).toBe(2);
    expect(run('-count + 1')).toBe(-2);
    expect(run('--count')).toBe(3);
  });

  it('makes division and remainder by zero null instead of failing the run', () => {
    expect(run('count / 0')).toBe(null);
    expect(run('count % zero')).toBe(null);
    expect(run('count / 0 > 1')).toBe(false);
    expect(run('(count / 0) ?? -1')).toBe(-1);
  });

  it('joins text with + when either side is text', () => {
    expect(run(`'Hi ' + order['first name']`)).toBe('Hi Ana');
    expect(run(`'n=' + count`)).toBe('n=3');
    expect(run(`'tags: ' + tags`)).toBe('tags: ["vip","eu"]');
    expect(run(`'x' + nothing`)).toBe('x');
  });

  it('compares without coercion', () => {
    expect(run('count == 3')).toBe(true);
    expect(run(`count == '3'`)).toBe(false);
    expect(run(`intent != 'sales'`)).toBe(true);
    expect(run(`intent === 'billing'`)).toBe(true);
  });

  it('compares lists and objects by content', () => {
    expect(evaluateSource('a == b', { a: { x: [1, { y: 2 }] }, b: { x: [1, { y: 2 }] } })).toBe(true);
    expect(evaluateSource('a == b', { a: { x: [1] }, b: { x: [2] } })).toBe(false);
    expect(evaluateSource('a == b', { a: [1, 2], b: [1, 2, 3] })).toBe(false);
  });

  it('orders numbers and texts, and treats null as never in order', () => {
    expect(run('score >= 0.8 && score < 0.9')).toBe(true);
    expect(run(`'apple' < 'banana'`)).toBe(true);
    expect(run('nothing < 1')).toBe(false);
    expect(run('nothing >= 1')).toBe(false);
  });

  it('short-circuits && || and ?? and returns operands like JavaScript', () => {
    expect(run(`empty || 'friend'`)).toBe('friend');
    expect(run(`intent && 'yes'`)).toBe('yes');
    expect(run('zero ?? 5')).toBe(0);
    expect(run('nothing ?? 5')).toBe(5);
    expect(run('false && (1 / "x")')).toBe(false);
    expect(run('true || (1 - "x")')).toBe(true);
  });

  it('evaluates ternaries, right-associative', () => {
    expect(run(`score > 0.9 ? 'high' : score > 0.5 ? 'mid' : 'low'`)).toBe('mid');
  });

  it('supports in for text, lists and object keys', () => {
    expect(run(`'Refund' in message`)).toBe(true);
    expect(run(`'vip' in tags`)).toBe(true);
    expect(run(`'gold' in tags`)).toBe(false);
    expect(run(`'total' in order`)).toBe(true);
    expect(run(`'constructor' in order`)).toBe(false);
    expect(run(`'x' in nothing`)).toBe(false);
  });

  it('negates with ! using the truthiness rules', () => {
    expect(run('!empty')).toBe(true);
    expect(run('!tags')).toBe(false);
    expect(run('!nothing')).toBe(true);
  });
});

describe('functions', () => {
  it('works on text', () => {
    expect(run('len(message)')).toBe(22);
    expect(run(`len('😀a')`)).toBe(2);
    expect(run('lower(intent) == "billing" && upper(intent) == "BILLING"')).toBe(true);
    expect(run(`trim('  x ')`)).toBe('x');
    expect(run(`contains(lower(message), 'refund')`)).toBe(true);
    expect(run(`startsWith(message, 'I ') && endsWith(message, 'please')`)).toBe(true);
  });

  it('converts between numbers and text', () => {
    expect(run(`number(' 42.5 ')`)).toBe(42.5);
    expect(run(`number('12abc')`)).toBe(null);
    expect(run(`number('0x10')`)).toBe(null);
    expect(run(`number('')`)).toBe(null);
    expect(run('number(true)')).toBe(1);
    expect(run('string(order.lines)')).toBe('[{"sku":"X1","qty":2}]');
    expect(run('string(nothing)')).toBe('');
  });

  it('rounds, takes extremes and absolute values', () => {
    expect(run('round(2.5)')).toBe(3);
    expect(run('round(score * 100, 1)')).toBe(82);
    expect(run('round(3.14159, 2)')).toBe(3.14);
    expect(run('min(5, count, 9)')).toBe(3);
    expect(run('max(1, 7, 2)')).toBe(7);
    expect(evaluateSource('max(values)', { values: [4, 11, 2] })).toBe(11);
    expect(run('abs(-4)')).toBe(4);
    expect(run('len(tags) + len(order) + len(nothing)')).toBe(6);
  });

  it('reads now() from the run', () => {
    expect(run('now()')).toBe(scope.now);
    expect(evaluateSource('now()', {})).toBe(null);
    expect(evaluateSource('now()', { now: new Date('2025-05-01T00:00:00Z') })).toBe(
      '2025-05-01T00:00:00.000Z',
    );
  });

  it('matches patterns, with flags', () => {
    expect(run(`matches(order.id, '^[A-Z]-\\d+$')`)).toBe(true);
    expect(run(`matches(message, 'refund')`)).toBe(false);
    expect(run(`matches(message, 'refund', 'i')`)).toBe(true);
  });

  it('cannot be made to backtrack catastrophically', () => {
    const started = Date.now();
    expect(evaluateSource(`matches(text, '(a+)+$')`, { text: `${'a'.repeat(9_000)}!` })).toBe(false);
    expect(evaluateSource(`matches(text, '^(a+)+!')`, { text: `${'a'.repeat(9_000)}!` })).toBe(true);
    expect(evaluateSource(`matches(text, '^(a|aa)*b$')`, { text: 'a'.repeat(9_000) })).toBe(false);
    expect(evaluateSource(`matches(text, 'a*a*a*a*b')`, { text: 'a'.repeat(9_000) })).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses texts longer than 10 000 characters for matches()', () => {
    expect(evalError(`matches(text, 'a')`, { text: 'a'.repeat(10_001) }).message).toMatch(/10000/);
  });

  it('reports invalid literal patterns when parsing, at the pattern', () => {
    const error = parseError(`matches(message, '(a')`);
    expect(error.message).toMatch(/Invalid pattern/);
    expect(error.position).toBe(17);
    expect(parseError(`matches(message, '(a)\\1')`).message).toMatch(/Backreferences/);
  });

  it('checks function names and arity when parsing', () => {
    expect(parseError('eval("1")').message).toMatch(/Unknown function "eval"/);
    expect(parseError('len()').message).toMatch(/len\(value\)/);
    expect(parseError('lower(a, b)').message).toMatch(/lower/);
    expect(parseError('order.total()').message).toMatch(/Only the built-in functions/);
  });
});

describe('type mismatches are ExpressionErrors with a clear message', () => {
  it.each([
    ['nothing + 1', /Cannot add null and number \(use \?\? to give a default\)/],
    ['tags - 1', /Cannot subtract list and number/],
    [`'a' * 2`, /Cannot multiply text and number/],
    [`count < '4'`, /Cannot compare number with text \(use number\(x\)/],
    ['-intent', /Cannot negate text/],
    ['1 in 5', /Cannot look inside number/],
    ['len(5)', /len\(\) works on text, lists and objects/],
    [`abs('x')`, /abs\(\) needs a number/],
    ['max(tags)', /max\(\) works on numbers/],
    ['order[tags]', /property name must be text or a number/],
    [`round(1, 'x')`, /round\(\) needs a number/],
    [`matches('a', 1)`, /pattern as text/],
    [`matches('a', 'a', 'g')`, /Unknown flag "g"/],
  ])('%s', (source, message) => {
    const error = evalError(source);
    expect(error.message).toMatch(message);
    expect(error.position).not.toBeNull();
  });
});

describe('safety', () => {
  it('refuses prototype names when parsing', () => {
    for (const source of [
      'constructor',
      'order.constructor',
      'order.__proto__',
      'order["prototype"]',
      `order['__proto__'].x`,
      'constructor.constructor("return process")()',
    ]) {
      expect(parseExpression(source).ok, source).toBe(false);
    }
  });

  it('refuses prototype names computed at run time', () => {
    expect(evalError('order[key]', { ...scope, key: '__proto__' }).message).toMatch(/not allowed/);
    expect(evalError(`order['con' + 'structor']`).message).toMatch(/not allowed/);
  });

  it('never sees inherited properties, getters, functions or class instances', () => {
    let called = false;
    const values = {
      withGetter: Object.defineProperty({}, 'secret', {
        get: () => {
          called = true;
          return 'leak';
        },
        enumerable: true,
      }),
      fn: () => 'x',
      instance: new (class Box {
        value = 1;
      })(),
      map: new Map([['a', 1]]),
      inherited: Object.create({ hidden: 1 }) as object,
      big: 10n,
    };
    expect(evaluateSource('withGetter.secret', values)).toBe(null);
    expect(called).toBe(false);
    expect(evaluateSource('fn', values)).toBe(null);
    expect(evaluateSource('instance.value', values)).toBe(null);
    expect(evaluateSource('map.a', values)).toBe(null);
    expect(evaluateSource('inherited.hidden', values)).toBe(null);
    expect(evaluateSource('big', values)).toBe(null);
    expect(evaluateSource('toString', values)).toBe(null);
    expect(evaluateSource('tags.map', scope)).toBe(null);
  });

  it('handles objects that contain themselves', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(evaluateSource('self.self.self.a', { self: loop })).toBe(1);
    expect(() => evaluateSource(`'' + self`, { self: loop })).toThrow(ExpressionError);
    const other: Record<string, unknown> = { a: 1 };
    other.self = other;
    expect(() => evaluateSource('self == other', { self: loop, other })).toThrow(ExpressionError);
  });

  it('caps source length, nesting depth and evaluation steps', () => {
    expect(parseError('1+'.repeat(1_001) + '1').message).toMatch(/at most 2000/);
    expect(parseError('('.repeat(70) + '1' + ')'.repeat(70)).message).toMatch(/nested too deeply/);
    expect(parseError('1' + '+1'.repeat(80)).message).toMatch(/nested too deeply/);
    expect(parseError('!'.repeat(70) + 'a').message).toMatch(/nested too deeply/);
    const wide = Array.from({ length: 9 }, () => `(${'x+'.repeat(40)}x)`).join('+');
    expect(parseExpression(wide).ok).toBe(true);
    const big = Array.from({ length: 20_000 }, (_, i) => i);
    expect(evalError('a == b', { a: big, b: [...big] }).message).toMatch(/too many steps/);
  });

  it('caps the length of joined text', () => {
    const text = 'x'.repeat(400_000);
    expect(evalError('t + t + t', { t: text }).message).toMatch(/too long/);
  });

  it('works with a scope that is not an object', () => {
    expect(evaluateSource('a.b ?? 1', null)).toBe(1);
    expect(evaluateSource('now()', 5)).toBe(null);
  });
});

describe('syntax errors carry the position', () => {
  it.each([
    ['a = 1', 'Use == to compare values', 2, 'flow.expr.use_equals'],
    ['a & b', 'Use && for "and"', 2, 'flow.expr.use_and'],
    ['1 +', 'The expression is incomplete', 3, 'flow.expr.incomplete'],
    ['(1 + 2', 'Expected ")" but found the end of the expression', 6, 'flow.expr.expected'],
    [`'open`, 'Text is missing its closing quote', 0, 'flow.expr.missing_quote'],
    [
      'a ? b',
      'Expected ":" of the "condition ? yes : no" form but found the end of the expression',
      5,
      'flow.expr.expected_colon',
    ],
    [
      'a.',
      'Expected a property name after "." but found the end of the expression',
      2,
      'flow.expr.expected_property',
    ],
    ['1 2', 'Did not expect the number 2 here', 2, 'flow.expr.unexpected'],
    ['a + )', 'Did not expect ")" here', 4, 'flow.expr.unexpected'],
    ['a # b', 'Unexpected character "#"', 2, 'flow.expr.unexpected_character'],
    ['12abc', 'A number cannot be followed by letters', 0, 'flow.expr.number_letters'],
    ['', 'The expression is incomplete', 0, 'flow.expr.incomplete'],
  ])('%s', (source, message, position, key) => {
    expect(parseError(source)).toMatchObject({ message, position, detail: { key } });
  });
});

describe('syntax errors as messages', () => {
  it('name what was found and expected, for the catalogue to say in any language', () => {
    expect(parseError('1 2').detail).toEqual({
      key: 'flow.expr.unexpected',
      params: { found: 'number', token: 2 },
    });
    expect(parseError('(1 + 2').detail).toEqual({
      key: 'flow.expr.expected',
      params: { found: 'end', symbol: ')' },
    });
    expect(parseError('nope(1)').detail).toMatchObject({
      key: 'flow.expr.unknown_function',
      params: { name: 'nope', functions: expect.stringContaining('len, lower') },
    });
    expect(parseError("matches(a, '(x')").detail).toEqual({ key: 'flow.regex.unterminated_group' });
  });

  it('say evaluation mistakes with the types involved', () => {
    expect(evalError('null + 1').detail).toEqual({
      key: 'flow.expr.cannot_add_null',
      params: { left: 'null', right: 'number' },
    });
    expect(evalError('tags < 2').detail).toEqual({
      key: 'flow.expr.cannot_compare',
      params: { left: 'list', right: 'number' },
    });
  });
});

describe('expressionVariables', () => {
  it('lists root names once, in order, without functions, keys or literals', () => {
    const parsed = parseExpression(
      `len(order.lines) > limit && intent in allowed[kind] && lower('x') == order.id`,
    );
    expect(parsed.ok && expressionVariables(parsed.ast)).toEqual([
      'order',
      'limit',
      'intent',
      'allowed',
      'kind',
    ]);
  });
});

describe('truthy', () => {
  it('treats empty values as false', () => {
    for (const value of [null, undefined, false, 0, '', [], {}, NaN, () => 1])
      expect(truthy(value)).toBe(false);
    for (const value of [true, 1, -1, 'x', [0], { a: null }, '0', 'false']) expect(truthy(value)).toBe(true);
  });

  it('is what a condition uses', () => {
    const parsed = parseExpression('tags');
    expect(parsed.ok && truthy(evaluateExpression(parsed.ast, scope))).toBe(true);
  });
});
