import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, TemplateError, templateVariables } from './template';

const scope = {
  message: 'Where is my order?',
  customer: { name: 'Ana', tags: ['vip'], 'first name': 'Ana' },
  count: 3,
  ok: true,
  nothing: null,
  items: [{ sku: 'X1' }],
};

describe('renderTemplate', () => {
  it('fills paths, with or without spaces inside the braces', () => {
    expect(renderTemplate('Hi {{customer.name}}, about "{{ message }}"', scope)).toBe(
      'Hi Ana, about "Where is my order?"',
    );
    expect(renderTemplate('{{ items[0].sku }} / {{customer["first name"]}}', scope)).toBe('X1 / Ana');
  });

  it('renders missing values as empty, numbers and booleans as text, lists and objects as JSON', () => {
    expect(renderTemplate('[{{missing}}][{{ nothing }}][{{customer.nope.deeper}}]', scope)).toBe('[][][]');
    expect(renderTemplate('{{count}} {{ok}}', scope)).toBe('3 true');
    expect(renderTemplate('{{customer.tags}} {{items}}', scope)).toBe('["vip"] [{"sku":"X1"}]');
  });

  it('leaves text without placeholders, and lone braces, alone', () => {
    expect(renderTemplate('', scope)).toBe('');
    expect(renderTemplate('plain } text { with }} braces', scope)).toBe('plain } text { with }} braces');
    expect(renderTemplate('{"a": {"b": 1}}', scope)).toBe('{"a": {"b": 1}}');
  });

  it('applies an encoder to inserted values only', () => {
    expect(renderTemplate('https://x.test/q?s={{message}}', scope, encodeURIComponent)).toBe(
      'https://x.test/q?s=Where%20is%20my%20order%3F',
    );
  });

  it('never reads prototype properties', () => {
    expect(parseTemplate('{{ customer.constructor }}').ok).toBe(false);
    expect(renderTemplate('{{toString}}{{customer.hasOwnProperty}}', scope)).toBe('');
  });

  it('throws a TemplateError for a template that does not parse', () => {
    expect(() => renderTemplate('Hi {{name', scope)).toThrow(TemplateError);
  });

  it('refuses to build text longer than a million characters', () => {
    const big = 'x'.repeat(600_000);
    expect(renderTemplate('{{big}}', { big })).toHaveLength(600_000);
    expect(() => renderTemplate('{{big}}{{big}}', { big })).toThrow(/longer than 1000000 characters/);
  });

  it('throws a TemplateError when a value cannot be turned into text', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => renderTemplate('{{loop}}', { loop })).toThrow(/loop.*contains itself/);
    try {
      renderTemplate('a {{ loop }}', { loop });
    } catch (error) {
      // the placeholder and the mistake, for the run page to say in the user's language
      expect(error).toMatchObject({ path: 'loop', detail: { key: 'flow.expr.value_contains_itself' } });
    }
  });
});

describe('parseTemplate', () => {
  it('splits text and values', () => {
    const parsed = parseTemplate('a {{ b.c }} d');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.parts.map((part) => (part.kind === 'text' ? part.text : `<${part.path}>`))).toEqual([
      'a ',
      '<b.c>',
      ' d',
    ]);
  });

  it.each([
    ['Hello {{ name', '"{{" is not closed with "}}"', 6, 'flow.template.not_closed'],
    ['{{}}', 'Write a variable name between {{ and }}', 0, 'flow.template.empty_placeholder'],
    ['ok {{   }}', 'Write a variable name between {{ and }}', 3, 'flow.template.empty_placeholder'],
    [
      '{{ a + b }}',
      'Only a variable name or path fits between {{ and }}, like {{ answer }} or {{ knowledge.text }}',
      3,
      'flow.template.only_path',
    ],
    [
      '{{ len(a) }}',
      'Only a variable name or path fits between {{ and }}, like {{ answer }} or {{ knowledge.text }}',
      3,
      'flow.template.only_path',
    ],
    [
      '{{ a[b] }}',
      'Only a variable name or path fits between {{ and }}, like {{ answer }} or {{ knowledge.text }}',
      3,
      'flow.template.only_path',
    ],
    [
      'x {{ a. }}',
      'Expected a property name after "." but found the end of the expression',
      7,
      'flow.expr.expected_property',
    ],
    [
      '{{ a {{ b }}',
      '"{{" is not closed with "}}" before the next "{{"',
      0,
      'flow.template.not_closed_before_next',
    ],
    ['{{ a } }}', 'Unexpected character "}"', 5, 'flow.expr.unexpected_character'],
  ])('%s', (source, message, position, key) => {
    expect(parseTemplate(source)).toMatchObject({ ok: false, error: { message, position, detail: { key } } });
  });
});

describe('templateVariables', () => {
  it('lists root names once in order', () => {
    expect(templateVariables('{{b.x}} {{a}} {{ b }} {{c[0].d}}')).toEqual(['b', 'a', 'c']);
  });

  it('is empty for a template that does not parse', () => {
    expect(templateVariables('{{a}} {{ b')).toEqual([]);
  });
});
