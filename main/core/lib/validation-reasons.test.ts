import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationReason } from './validation-reasons';

/** The reason (and params) zod's first issue becomes for `input` refused by `schema`. */
function reasonFor(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('the input was accepted');
  return validationReason(parsed.error.issues[0]!, input);
}

describe('validationReason: why zod refused an input, as a reason every language can say', () => {
  it('says a missing or empty field is required', () => {
    expect(reasonFor(z.object({ name: z.string() }), {})).toEqual({ reason: 'required' });
    expect(reasonFor(z.object({ name: z.string() }), { name: null })).toEqual({ reason: 'required' });
    expect(reasonFor(z.object({ name: z.string().trim().min(1) }), { name: '   ' })).toEqual({
      reason: 'required',
    });
    // a value of the wrong kind is not "missing"
    expect(reasonFor(z.object({ name: z.string() }), { name: 4 })).toEqual({ reason: 'invalid_value' });
  });

  it('gives lengths of text and lists with their bound', () => {
    expect(reasonFor(z.string().min(12), 'short')).toEqual({ reason: 'too_short', params: { minimum: 12 } });
    expect(reasonFor(z.string().max(100), 'x'.repeat(101))).toEqual({
      reason: 'too_long',
      params: { maximum: 100 },
    });
    expect(reasonFor(z.array(z.string()).min(1), [])).toEqual({ reason: 'too_few', params: { minimum: 1 } });
    expect(reasonFor(z.array(z.string()).max(2), ['a', 'b', 'c'])).toEqual({
      reason: 'too_many',
      params: { maximum: 2 },
    });
  });

  it('gives the bounds of numbers, inclusive or not, and asks for whole numbers', () => {
    expect(reasonFor(z.number().int().min(1).max(500), 0)).toEqual({
      reason: 'too_small',
      params: { minimum: 1 },
    });
    expect(reasonFor(z.number().int().min(1).max(500), 501)).toEqual({
      reason: 'too_big',
      params: { maximum: 500 },
    });
    expect(reasonFor(z.number().positive(), 0)).toEqual({
      reason: 'too_small_exclusive',
      params: { minimum: 0 },
    });
    expect(reasonFor(z.number().lt(10), 10)).toEqual({
      reason: 'too_big_exclusive',
      params: { maximum: 10 },
    });
    expect(reasonFor(z.object({ hours: z.number().int() }), { hours: 1.5 })).toEqual({
      reason: 'whole_number',
    });
  });

  it('tells e-mail addresses, URLs and other formats apart', () => {
    expect(reasonFor(z.email(), 'not-an-address')).toEqual({ reason: 'invalid_email' });
    expect(reasonFor(z.url(), 'nowhere')).toEqual({ reason: 'invalid_url' });
    expect(reasonFor(z.string().regex(/^\d{6}$/), '12ab56')).toEqual({ reason: 'invalid_format' });
    // an id the caller did not get from Mindframe
    expect(reasonFor(z.uuid(), 'abc')).toEqual({ reason: 'invalid_value' });
    expect(reasonFor(z.enum(['viewer', 'admin']), 'emperor')).toEqual({ reason: 'invalid_value' });
  });

  it('names an unknown field by its whole path', () => {
    const schema = z.object({ settings: z.object({ a: z.string() }).strict() });
    expect(reasonFor(schema, { settings: { a: 'x', sneaky: 1 } })).toEqual({
      reason: 'unknown_field',
      params: { field: 'settings.sneaky' },
    });
  });

  it("keeps a custom rule's own reason and its plain params; an unknown reason is a plain refusal", () => {
    const named = z.string().refine(() => false, { params: { reason: 'unsafe_characters' } });
    expect(reasonFor(named, 'x')).toEqual({ reason: 'unsafe_characters' });
    const counted = z
      .record(z.string(), z.number())
      .refine(() => false, { params: { reason: 'too_many', maximum: 20, nested: { no: 1 } } });
    expect(reasonFor(counted, {})).toEqual({ reason: 'too_many', params: { maximum: 20 } });
    const madeUp = z.string().refine(() => false, { params: { reason: 'made_up_reason' } });
    expect(reasonFor(madeUp, 'x')).toEqual({ reason: 'invalid_value' });
    expect(
      reasonFor(
        z.string().refine(() => false),
        'x',
      ),
    ).toEqual({ reason: 'invalid_value' });
  });
});
