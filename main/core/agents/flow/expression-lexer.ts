import type { Message } from '../../../contract';
import { said, type Said } from '../../lib/message';

export const punctuators = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '!',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  '?',
  ':',
] as const;
export type Punctuator = (typeof punctuators)[number];

export type Token =
  | { type: 'number'; value: number; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'name'; value: string; position: number }
  | { type: 'punct'; value: Punctuator; position: number }
  | { type: 'end'; position: number };

export class ExpressionSyntaxError extends Error {
  /** The mistake for the person who wrote it (flow.expr.*); `message` is the English. */
  readonly detail: Message;

  constructor(
    what: Said,
    readonly position: number,
  ) {
    super(what.text);
    this.detail = what.message;
  }
}

const namePattern = /[A-Za-z_][A-Za-z0-9_]*/y;
const numberPattern = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const simpleEscapes: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start];
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) break;
      if (next in simpleEscapes) {
        value += simpleEscapes[next];
        i += 2;
      } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        // Unknown escapes keep their backslash, so a pattern like '\d+' means what it says.
        value += ch + next;
        i += 2;
      }
      continue;
    }
    value += ch;
    i++;
  }
  throw new ExpressionSyntaxError(
    said('flow.expr.missing_quote', undefined, 'Text is missing its closing quote'),
    start,
  );
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const { value, end } = readString(source, i);
      tokens.push({ type: 'string', value, position: i });
      i = end;
      continue;
    }
    if (/\d/.test(ch)) {
      numberPattern.lastIndex = i;
      const text = numberPattern.exec(source)![0];
      const value = Number(text);
      if (!Number.isFinite(value))
        throw new ExpressionSyntaxError(
          said('flow.expr.number_too_large', undefined, 'The number is too large'),
          i,
        );
      if (/[A-Za-z_]/.test(source[i + text.length] ?? ''))
        throw new ExpressionSyntaxError(
          said('flow.expr.number_letters', undefined, 'A number cannot be followed by letters'),
          i,
        );
      tokens.push({ type: 'number', value, position: i });
      i += text.length;
      continue;
    }
    namePattern.lastIndex = i;
    const name = namePattern.exec(source);
    if (name) {
      tokens.push({ type: 'name', value: name[0], position: i });
      i += name[0].length;
      continue;
    }
    const punct = punctuators.find((p) => source.startsWith(p, i));
    if (punct) {
      tokens.push({ type: 'punct', value: punct, position: i });
      i += punct.length;
      continue;
    }
    if (ch === '=')
      throw new ExpressionSyntaxError(said('flow.expr.use_equals', undefined, 'Use == to compare values'), i);
    if (ch === '&')
      throw new ExpressionSyntaxError(said('flow.expr.use_and', undefined, 'Use && for "and"'), i);
    if (ch === '|')
      throw new ExpressionSyntaxError(said('flow.expr.use_or', undefined, 'Use || for "or"'), i);
    throw new ExpressionSyntaxError(
      said('flow.expr.unexpected_character', { character: ch }, `Unexpected character "${ch}"`),
      i,
    );
  }
  tokens.push({ type: 'end', position: source.length });
  return tokens;
}
