import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSafeRegex } from './safe-regex';

function test(pattern: string, text: string, flags = ''): boolean {
  const compiled = compileSafeRegex(pattern, flags);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`);
  return compiled.regex.test(text);
}

function failure(pattern: string, flags = ''): string {
  const compiled = compileSafeRegex(pattern, flags);
  if (compiled.ok) throw new Error(`expected ${pattern} to be refused`);
  return compiled.message;
}

describe('compileSafeRegex', () => {
  it.each([
    ['abc', 'xxabcxx', true],
    ['^abc$', 'abc', true],
    ['^abc$', 'abcd', false],
    ['a.c', 'a-c', true],
    ['a.c', 'a\nc', false],
    ['colou?r', 'color', true],
    ['^\\d{3}-\\d{4}$', '555-1234', true],
    ['^\\d{3}-\\d{4}$', '555-12345', false],
    ['^[A-Z][a-z]+$', 'Hello', true],
    ['^[^0-9]+$', 'abc', true],
    ['^[^0-9]+$', 'ab1', false],
    ['\\bcat\\b', 'the cat sat', true],
    ['\\bcat\\b', 'concatenate', false],
    ['\\Bcat', 'concat', true],
    ['^(foo|bar)+$', 'foobarfoo', true],
    ['^(?:ab){2,3}$', 'ababab', true],
    ['^(?:ab){2,3}$', 'abababab', false],
    ['^a{2,}$', 'aaaa', true],
    ['^(?<year>\\d{4})-\\d\\d$', '2024-05', true],
    ['\\s+', 'a b', true],
    ['^\\S+$', 'a b', false],
    ['^\\w+@\\w+\\.com$', 'me@example.com', true],
    ['[\\d.-]+', '3.5', true],
    ['^\\u00e9\\x41$', 'éA', true],
    ['^\\u{1F600}$', '😀', true],
    ['^.$', '😀', true],
    ['^\\p{L}+$', 'Ærø', true],
    ['^\\P{L}+$', '123', true],
    ['a*?b', 'aaab', true],
    ['', 'anything', true],
    ['a|', 'zzz', true],
  ])('%s on %s', (pattern, text, expected) => {
    expect(test(pattern, text)).toBe(expected);
    expect(new RegExp(pattern, 'u').test(text)).toBe(expected);
  });

  it('reads a { that starts no quantifier as a literal, where the native u-mode refuses it', () => {
    expect(test('x{', 'x{')).toBe(true);
    expect(test('a{b}', 'a{b}')).toBe(true);
  });

  it('supports the i, m and s flags', () => {
    expect(test('^hello$', 'HeLLo', 'i')).toBe(true);
    expect(test('^[a-c]+$', 'ABC', 'i')).toBe(true);
    expect(test('^[^a]$', 'A', 'i')).toBe(false);
    expect(test('^b$', 'a\nb\nc', 'm')).toBe(true);
    expect(test('^b$', 'a\nb\nc')).toBe(false);
    expect(test('a.b', 'a\nb', 's')).toBe(true);
  });

  it.each([
    ['(a', /Unterminated group/],
    ['a)', /Unexpected "\)"/],
    ['[a-', /Unterminated character class/],
    ['[z-a]', /out of order/],
    ['*a', /Nothing to repeat/],
    ['a**', /Nothing to repeat/],
    ['(a)\\1', /Backreferences/],
    ['(?=a)', /Lookahead and lookbehind/],
    ['(?<!a)b', /Lookahead and lookbehind/],
    ['\\q', /Unknown escape/],
    ['a{5,2}', /out of order/],
    ['a{1001}', /at most 1000/],
    ['(a{100}){100}', /too complex/],
    ['\\p{Nope}', /Unknown Unicode property/],
    ['x'.repeat(201), /at most 200/],
    ['('.repeat(60) + ')'.repeat(60), /nested too deeply/],
  ])('refuses %s', (pattern, message) => {
    expect(failure(pattern)).toMatch(message);
  });

  it('refuses unknown flags', () => {
    expect(failure('a', 'g')).toMatch(/Unknown flag "g"/);
  });

  it('runs in linear time on patterns that make backtracking engines hang', () => {
    const started = Date.now();
    const text = 'a'.repeat(10_000);
    expect(test('^(a+)+$', `${text}!`)).toBe(false);
    expect(test('(a|a)*b', text)).toBe(false);
    expect(test('(.*a){20}x', text)).toBe(false);
    expect(test('\\s*\\s*\\s*x', ' '.repeat(10_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('agrees with the native engine on random patterns', () => {
    const atom = fc.oneof(
      fc.constantFrom(
        'a',
        'b',
        '.',
        '\\d',
        '\\w',
        '[ab]',
        '[^a]',
        '^',
        '$',
        '\\b',
        '\\B',
        '\\W',
        '\\s',
        '[a-b1]',
        '[^\\d]',
      ),
      fc.constantFrom('1', ' '),
    );
    const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => a + b),
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(?:${a}|${b})`),
        fc
          .tuple(tie('node'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '*?'))
          .map(([a, q]) => `(?:${a})${q}`),
      ),
    })).node;
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[ab1 ]{0,12}$/), fc.boolean(), (source, text, caseless) => {
        const flags = caseless ? 'i' : '';
        const ours = compileSafeRegex(source, flags);
        if (!ours.ok) return ours.message.includes('too complex');
        return ours.regex.test(text) === new RegExp(source, `u${flags}`).test(text);
      }),
      { numRuns: 1_500 },
    );
  });
});
