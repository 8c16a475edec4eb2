/**
 * A small regular-expression engine for `matches()` in flow expressions. It compiles to a Thompson
 * NFA and simulates it (time O(text × pattern)), so no pattern can backtrack catastrophically —
 * the native engine would hang on `(a+)+$` or `a*a*a*b` against a long text.
 *
 * Supported: literals, `.`, classes `[a-z]` `[^…]`, `\d \w \s` (and negations), `\p{…}`, `\b \B`,
 * `^ $`, groups `(…)` `(?:…)` `(?<name>…)`, alternation, `* + ? {n} {n,} {n,m}` (lazy forms match
 * the same), flags i, m, s. Not supported: backreferences and lookaround.
 */

import type { MessageKey, MessageParams } from '../../../contract';
import { said, type Said } from '../../lib/message';

export const regexLimits = { pattern: 200, text: 10_000, states: 2_000, repeat: 1_000, nesting: 50 } as const;

export type RegexFlag = 'i' | 'm' | 's';

export interface SafeRegex {
  test(text: string): boolean;
}

export type CompileResult =
  | { ok: true; regex: SafeRegex }
  /** `message` is the English mistake; `problem` says it (flow.regex.*) with "Invalid pattern: " first. */
  | { ok: false; message: string; position: number; problem: Said };

type CharTest = (cp: number) => boolean;
type AssertKind = 'start' | 'end' | 'lineStart' | 'lineEnd' | 'wordBoundary' | 'notWordBoundary';

type Node =
  | { t: 'empty' }
  | { t: 'char'; test: CharTest }
  | { t: 'assert'; kind: AssertKind }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'repeat'; node: Node; min: number; max: number };

type Inst =
  | { op: 'char'; test: CharTest; next: number }
  | { op: 'split'; a: number; b: number }
  | { op: 'jump'; next: number }
  | { op: 'assert'; kind: AssertKind; next: number }
  | { op: 'match' };

/** A mistake in a pattern: the English, and its message key and parameters. */
interface Mistake {
  key: MessageKey;
  params?: MessageParams;
  text: string;
}

const mistake = (key: MessageKey, text: string, params?: MessageParams): Mistake =>
  params ? { key, params, text } : { key, text };

class RegexSyntaxError extends Error {
  constructor(
    readonly mistake: Mistake,
    readonly position: number,
  ) {
    super(mistake.text);
  }
}

function refused(what: Mistake, position: number): Extract<CompileResult, { ok: false }> {
  return {
    ok: false,
    message: what.text,
    position,
    problem: said(what.key, what.params, `Invalid pattern: ${what.text}`),
  };
}

const isLineTerminator = (cp: number): boolean =>
  cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029;
const isDigit = (cp: number): boolean => cp >= 0x30 && cp <= 0x39;
const isWordChar = (cp: number): boolean =>
  isDigit(cp) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
const whitespace = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);
const isSpace = (cp: number): boolean => whitespace.has(cp) || (cp >= 0x2000 && cp <= 0x200a);

function lowerOf(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  const s = String.fromCodePoint(cp);
  const lower = s.toLowerCase();
  return lower.length === s.length ? lower.codePointAt(0)! : cp;
}

function upperOf(cp: number): number {
  if (cp < 0x80) return cp >= 0x61 && cp <= 0x7a ? cp - 32 : cp;
  const s = String.fromCodePoint(cp);
  const upper = s.toUpperCase();
  return upper.length === s.length ? upper.codePointAt(0)! : cp;
}

function caseless(test: CharTest): CharTest {
  return (cp) => test(cp) || test(lowerOf(cp)) || test(upperOf(cp));
}

type ClassItem = { lo: number; hi: number } | CharTest;

function classTest(items: ClassItem[], negated: boolean): CharTest {
  return (cp) => {
    let hit = false;
    for (const item of items) {
      if (typeof item === 'function' ? item(cp) : cp >= item.lo && cp <= item.hi) {
        hit = true;
        break;
      }
    }
    return hit !== negated;
  };
}

class Parser {
  private pos = 0;
  private nesting = 0;
  private readonly chars: number[];
  private readonly offsets: number[];

  constructor(
    source: string,
    private readonly flags: ReadonlySet<RegexFlag>,
  ) {
    this.chars = [];
    this.offsets = [];
    let offset = 0;
    for (const ch of source) {
      this.chars.push(ch.codePointAt(0)!);
      this.offsets.push(offset);
      offset += ch.length;
    }
    this.offsets.push(offset);
  }

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.chars.length) {
      const character = this.charAt(this.pos);
      this.fail(mistake('flow.regex.unexpected', `Unexpected "${character}"`, { character }));
    }
    return node;
  }

  private fail(what: Mistake, at = this.pos): never {
    throw new RegexSyntaxError(what, this.offsets[Math.min(at, this.offsets.length - 1)] ?? 0);
  }

  private charAt(i: number): string {
    const cp = this.chars[i];
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private peek(ahead = 0): number | undefined {
    return this.chars[this.pos + ahead];
  }

  private eat(ch: string): boolean {
    if (this.peek() === ch.codePointAt(0)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.eat('|')) options.push(this.sequence());
    return options.length === 1 ? options[0]! : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      const cp = this.peek();
      if (cp === undefined || cp === 0x7c /* | */ || cp === 0x29 /* ) */) break;
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const start = this.pos;
    let min: number;
    let max: number;
    const cp = this.peek();
    if (cp === 0x2a /* * */) {
      this.pos++;
      [min, max] = [0, Infinity];
    } else if (cp === 0x2b /* + */) {
      this.pos++;
      [min, max] = [1, Infinity];
    } else if (cp === 0x3f /* ? */) {
      this.pos++;
      [min, max] = [0, 1];
    } else if (cp === 0x7b /* { */) {
      const braces = this.braces();
      if (!braces) return atom;
      [min, max] = braces;
    } else {
      return atom;
    }
    if (atom.t === 'assert') this.fail(mistake('flow.regex.nothing_to_repeat', 'Nothing to repeat'), start);
    this.eat('?');
    const next = this.peek();
    if (next === 0x2a || next === 0x2b || next === 0x3f || (next === 0x7b && this.looksLikeBraces()))
      this.fail(mistake('flow.regex.nothing_to_repeat', 'Nothing to repeat'));
    return { t: 'repeat', node: atom, min, max };
  }

  private looksLikeBraces(): boolean {
    const saved = this.pos;
    const result = this.braces() !== null;
    this.pos = saved;
    return result;
  }

  /** `{n}`, `{n,}` or `{n,m}`; anything else leaves the position alone and is a literal `{`. */
  private braces(): [number, number] | null {
    const start = this.pos;
    this.pos++;
    const min = this.integer();
    if (min === null) {
      this.pos = start;
      return null;
    }
    let max = min;
    if (this.eat(',')) max = this.integer() ?? Infinity;
    if (!this.eat('}')) {
      this.pos = start;
      return null;
    }
    if (max < min)
      this.fail(mistake('flow.regex.quantifier_order', 'Numbers out of order in {} quantifier'), start);
    if (min > regexLimits.repeat || (max !== Infinity && max > regexLimits.repeat))
      this.fail(
        mistake('flow.regex.repeat_limit', `A repeat count can be at most ${regexLimits.repeat}`, {
          limit: regexLimits.repeat,
        }),
        start,
      );
    return [min, max];
  }

  private integer(): number | null {
    let value = '';
    while (this.peek() !== undefined && isDigit(this.peek()!)) value += this.charAt(this.pos++);
    return value === '' ? null : Number(value);
  }

  private atom(): Node {
    const start = this.pos;
    const cp = this.chars[this.pos++]!;
    switch (cp) {
      case 0x5e /* ^ */:
        return { t: 'assert', kind: this.flags.has('m') ? 'lineStart' : 'start' };
      case 0x24 /* $ */:
        return { t: 'assert', kind: this.flags.has('m') ? 'lineEnd' : 'end' };
      case 0x2e /* . */:
        return this.char(this.flags.has('s') ? () => true : (c) => !isLineTerminator(c));
      case 0x28 /* ( */:
        return this.group(start);
      case 0x5b /* [ */:
        return this.char(this.characterClass(), false);
      case 0x5c /* \ */:
        return this.escape(false);
      case 0x2a:
      case 0x2b:
      case 0x3f:
        return this.fail(mistake('flow.regex.nothing_to_repeat', 'Nothing to repeat'), start);
      default:
        return this.literal(cp);
    }
  }

  private char(test: CharTest, fold = true): Node {
    return { t: 'char', test: fold && this.flags.has('i') ? caseless(test) : test };
  }

  private literal(cp: number): Node {
    if (this.flags.has('i')) {
      const lower = lowerOf(cp);
      return { t: 'char', test: (c) => c === cp || lowerOf(c) === lower };
    }
    return { t: 'char', test: (c) => c === cp };
  }

  private group(start: number): Node {
    if (++this.nesting > regexLimits.nesting)
      this.fail(mistake('flow.regex.too_deep', 'Groups are nested too deeply'), start);
    if (this.eat('?')) {
      if (this.eat(':')) {
        // non-capturing group
      } else if (this.peek() === 0x3c /* < */ && this.peek(1) !== 0x3d && this.peek(1) !== 0x21) {
        this.pos++;
        while (this.peek() !== undefined && this.peek() !== 0x3e /* > */) this.pos++;
        if (!this.eat('>')) this.fail(mistake('flow.regex.group_name', 'Unterminated group name'), start);
      } else {
        this.fail(mistake('flow.regex.lookaround', 'Lookahead and lookbehind are not supported'), start);
      }
    }
    const inner = this.alternation();
    if (!this.eat(')')) this.fail(mistake('flow.regex.unterminated_group', 'Unterminated group'), start);
    this.nesting--;
    // A group around an assertion may be repeated, unlike a bare assertion.
    return inner.t === 'assert' ? { t: 'seq', items: [inner] } : inner;
  }

  private escape(inClass: boolean): Node {
    const test = this.escapeTest(inClass);
    if (typeof test === 'string') return { t: 'assert', kind: test };
    return typeof test === 'number' ? this.literal(test) : this.char(test);
  }

  /** A code point, a character test, or (outside classes) a word-boundary assertion. */
  private escapeTest(inClass: boolean): number | CharTest | AssertKind {
    const start = this.pos - 1;
    const cp = this.chars[this.pos++];
    if (cp === undefined) this.fail(mistake('flow.regex.trailing_backslash', '\\ at end of pattern'), start);
    const ch = String.fromCodePoint(cp);
    switch (ch) {
      case 'd':
        return isDigit;
      case 'D':
        return (c) => !isDigit(c);
      case 'w':
        return isWordChar;
      case 'W':
        return (c) => !isWordChar(c);
      case 's':
        return isSpace;
      case 'S':
        return (c) => !isSpace(c);
      case 'b':
        return inClass ? 0x08 : 'wordBoundary';
      case 'B':
        if (inClass)
          this.fail(mistake('flow.regex.boundary_in_class', '\\B is not allowed in a class'), start);
        return 'notWordBoundary';
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'f':
        return 0x0c;
      case 'v':
        return 0x0b;
      case '0':
        if (this.peek() !== undefined && isDigit(this.peek()!))
          this.fail(mistake('flow.regex.octal', 'Octal escapes are not supported'), start);
        return 0;
      case 'x':
        return this.hex(2, start);
      case 'u':
        if (this.eat('{')) {
          let digits = '';
          while (this.peek() !== undefined && this.peek() !== 0x7d) digits += this.charAt(this.pos++);
          if (!this.eat('}') || !/^[0-9a-fA-F]{1,6}$/.test(digits) || parseInt(digits, 16) > 0x10ffff)
            this.fail(mistake('flow.regex.unicode_escape', 'Invalid \\u{…} escape'), start);
          return parseInt(digits, 16);
        }
        return this.hex(4, start);
      case 'p':
      case 'P':
        return this.property(ch === 'P', start);
      case '-':
        return 0x2d;
      default:
        if (/[1-9]/.test(ch) || ch === 'k')
          this.fail(mistake('flow.regex.backreference', 'Backreferences are not supported'), start);
        if (/[A-Za-z0-9]/.test(ch))
          this.fail(
            mistake('flow.regex.unknown_escape', `Unknown escape \\${ch}`, { escape: `\\${ch}` }),
            start,
          );
        return cp;
    }
  }

  private hex(length: number, start: number): number {
    let digits = '';
    for (let i = 0; i < length; i++) digits += this.charAt(this.pos++);
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== length)
      this.fail(mistake('flow.regex.hex_escape', 'Invalid hexadecimal escape'), start);
    return parseInt(digits, 16);
  }

  /** A Unicode property test delegates to the native engine on one code point, which cannot backtrack. */
  private property(negated: boolean, start: number): CharTest {
    if (!this.eat('{')) this.fail(mistake('flow.regex.property_brace', 'Expected { after \\p'), start);
    let name = '';
    while (this.peek() !== undefined && this.peek() !== 0x7d) name += this.charAt(this.pos++);
    if (!this.eat('}') || !/^[A-Za-z_=]+$/.test(name))
      this.fail(mistake('flow.regex.property_invalid', 'Invalid Unicode property'), start);
    let native: RegExp;
    try {
      native = new RegExp(`^\\p{${name}}$`, 'u');
    } catch {
      return this.fail(
        mistake('flow.regex.property_unknown', `Unknown Unicode property "${name}"`, { name }),
        start,
      );
    }
    return (cp) => native.test(String.fromCodePoint(cp)) !== negated;
  }

  private characterClass(): CharTest {
    const start = this.pos - 1;
    const negated = this.eat('^');
    const items: ClassItem[] = [];
    for (;;) {
      const cp = this.peek();
      if (cp === undefined)
        this.fail(mistake('flow.regex.unterminated_class', 'Unterminated character class'), start);
      if (cp === 0x5d /* ] */) {
        this.pos++;
        break;
      }
      const from = this.classAtom();
      if (this.peek() === 0x2d /* - */ && this.peek(1) !== undefined && this.peek(1) !== 0x5d) {
        this.pos++;
        const to = this.classAtom();
        if (typeof from !== 'number' || typeof to !== 'number')
          this.fail(mistake('flow.regex.range_invalid', 'Invalid range in class'), start);
        if (to < from) this.fail(mistake('flow.regex.range_order', 'Range out of order in class'), start);
        items.push({ lo: from, hi: to });
      } else {
        items.push(typeof from === 'number' ? { lo: from, hi: from } : from);
      }
    }
    const test = classTest(items, false);
    const folded = this.flags.has('i') ? caseless(test) : test;
    return negated ? (cp) => !folded(cp) : folded;
  }

  private classAtom(): number | CharTest {
    const cp = this.chars[this.pos++]!;
    if (cp !== 0x5c) return cp;
    const test = this.escapeTest(true);
    if (typeof test === 'string')
      return this.fail(mistake('flow.regex.assertion_in_class', 'Assertions are not allowed in a class'));
    return test;
  }
}

function compile(root: Node): Inst[] {
  const code: Inst[] = [];
  const tooComplex = (): never => {
    throw new RegexSyntaxError(
      mistake(
        'flow.regex.too_complex',
        `The pattern is too complex (more than ${regexLimits.states} steps)`,
        {
          limit: regexLimits.states,
        },
      ),
      0,
    );
  };
  const push = (inst: Inst): number => {
    if (code.length >= regexLimits.states) tooComplex();
    code.push(inst);
    return code.length - 1;
  };
  const emit = (node: Node): void => {
    switch (node.t) {
      case 'empty':
        return;
      case 'char':
        push({ op: 'char', test: node.test, next: code.length + 1 });
        return;
      case 'assert':
        push({ op: 'assert', kind: node.kind, next: code.length + 1 });
        return;
      case 'seq':
        for (const item of node.items) emit(item);
        return;
      case 'alt': {
        const jumps: { op: 'jump'; next: number }[] = [];
        node.options.forEach((option, i) => {
          if (i < node.options.length - 1) {
            const split: Inst = { op: 'split', a: code.length + 1, b: 0 };
            push(split);
            emit(option);
            const jump = { op: 'jump' as const, next: 0 };
            push(jump);
            jumps.push(jump);
            split.b = code.length;
          } else {
            emit(option);
          }
        });
        for (const jump of jumps) jump.next = code.length;
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) emit(node.node);
        if (node.max === Infinity) {
          const loop = code.length;
          const split: Inst = { op: 'split', a: loop + 1, b: 0 };
          push(split);
          emit(node.node);
          push({ op: 'jump', next: loop });
          split.b = code.length;
        } else {
          const splits: { op: 'split'; a: number; b: number }[] = [];
          for (let i = node.min; i < node.max; i++) {
            const split = { op: 'split' as const, a: code.length + 1, b: 0 };
            push(split);
            splits.push(split);
            emit(node.node);
          }
          for (const split of splits) split.b = code.length;
        }
        return;
      }
    }
  };
  emit(root);
  push({ op: 'match' });
  return code;
}

function assertHolds(kind: AssertKind, text: readonly number[], pos: number): boolean {
  const before = text[pos - 1];
  const after = text[pos];
  switch (kind) {
    case 'start':
      return pos === 0;
    case 'end':
      return pos === text.length;
    case 'lineStart':
      return before === undefined || isLineTerminator(before);
    case 'lineEnd':
      return after === undefined || isLineTerminator(after);
    case 'wordBoundary':
    case 'notWordBoundary': {
      const boundary =
        (before !== undefined && isWordChar(before)) !== (after !== undefined && isWordChar(after));
      return kind === 'wordBoundary' ? boundary : !boundary;
    }
  }
}

function run(code: readonly Inst[], text: readonly number[]): boolean {
  const marks = new Int32Array(code.length).fill(-1);
  const stack: number[] = [];
  let current: number[] = [];
  let next: number[] = [];
  let matched = false;

  const add = (list: number[], start: number, pos: number): void => {
    stack.push(start);
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (marks[pc] === pos) continue;
      marks[pc] = pos;
      const inst = code[pc]!;
      switch (inst.op) {
        case 'char':
          list.push(pc);
          break;
        case 'jump':
          stack.push(inst.next);
          break;
        case 'split':
          stack.push(inst.b, inst.a);
          break;
        case 'assert':
          if (assertHolds(inst.kind, text, pos)) stack.push(inst.next);
          break;
        case 'match':
          matched = true;
          break;
      }
    }
  };

  add(current, 0, 0);
  for (let pos = 0; pos < text.length && !matched; pos++) {
    const cp = text[pos]!;
    next.length = 0;
    for (const pc of current) {
      const inst = code[pc] as Extract<Inst, { op: 'char' }>;
      if (inst.test(cp)) add(next, inst.next, pos + 1);
    }
    add(next, 0, pos + 1);
    [current, next] = [next, current];
  }
  return matched;
}

export function compileSafeRegex(pattern: string, flags = ''): CompileResult {
  if (pattern.length > regexLimits.pattern)
    return refused(
      mistake('flow.regex.too_long', `A pattern can be at most ${regexLimits.pattern} characters`, {
        limit: regexLimits.pattern,
      }),
      regexLimits.pattern,
    );
  const flagSet = new Set<RegexFlag>();
  for (const flag of flags) {
    if (flag !== 'i' && flag !== 'm' && flag !== 's')
      return refused(
        mistake('flow.regex.unknown_flag', `Unknown flag "${flag}" (use i, m or s)`, { flag }),
        0,
      );
    flagSet.add(flag);
  }
  try {
    const code = compile(new Parser(pattern, flagSet).parse());
    return {
      ok: true,
      regex: {
        test(text: string): boolean {
          return run(
            code,
            Array.from(text, (ch) => ch.codePointAt(0)!),
          );
        },
      },
    };
  } catch (error) {
    if (error instanceof RegexSyntaxError) return refused(error.mistake, error.position);
    throw error;
  }
}
