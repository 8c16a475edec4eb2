import { describe, expect, it } from 'vitest';
import { groupKey, matchingStep, newSecretBase32, stepAt, totpFor } from './totp';

/**
 * Our own TOTP check against RFC 6238's Appendix B (SHA-1 seed "12345678901234567890", the last six
 * digits of its 8-digit codes): time steps, one step of drift either way, and no code twice.
 */
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890"
const at59 = { ms: 59_000, step: 1, code: '287082' };
const at1111111109 = { ms: 1_111_111_109_000, step: 37_037_036, code: '081804' };
const at1111111111 = { ms: 1_111_111_111_000, step: 37_037_037, code: '050471' };

describe('TOTP as RFC 6238 has it', () => {
  it('counts 30-second steps from the epoch', () => {
    expect(stepAt(0)).toBe(0);
    expect(stepAt(29_999)).toBe(0);
    expect(stepAt(30_000)).toBe(1);
    expect(stepAt(at59.ms)).toBe(at59.step);
    expect(stepAt(at1111111109.ms)).toBe(at1111111109.step);
    expect(stepAt(at1111111111.ms)).toBe(at1111111111.step);
  });

  it('accepts the RFC’s codes at their time and one step either side, naming the step', () => {
    expect(matchingStep(rfcSecret, at59.code, at59.ms, null)).toBe(at59.step);
    expect(matchingStep(rfcSecret, at1111111109.code, at1111111109.ms, null)).toBe(at1111111109.step);
    expect(matchingStep(rfcSecret, at1111111111.code, at1111111111.ms, null)).toBe(at1111111111.step);
    // the phone is a step behind, or ahead
    expect(matchingStep(rfcSecret, at1111111109.code, at1111111111.ms, null)).toBe(at1111111109.step);
    expect(matchingStep(rfcSecret, at1111111111.code, at1111111109.ms, null)).toBe(at1111111111.step);
    // near the epoch too: step 0's code a step late
    expect(matchingStep(rfcSecret, totpFor(rfcSecret).generate({ timestamp: 0 }), at59.ms, null)).toBe(0);
  });

  it('refuses a code used before, or one older than the last one used', () => {
    const { ms, step, code } = at1111111111;
    expect(matchingStep(rfcSecret, code, ms, step)).toBeNull();
    expect(matchingStep(rfcSecret, code, ms, step + 1)).toBeNull();
    expect(matchingStep(rfcSecret, code, ms, step - 1)).toBe(step);
    expect(matchingStep(rfcSecret, at1111111109.code, ms, at1111111109.step)).toBeNull();
  });

  it('refuses wrong codes, the 8-digit form and another key’s code', () => {
    expect(matchingStep(rfcSecret, '000000', at59.ms, null)).toBeNull();
    expect(matchingStep(rfcSecret, '94287082', at59.ms, null)).toBeNull();
    expect(matchingStep(newSecretBase32(), at59.code, at59.ms, null)).toBeNull();
  });

  it('makes 20-byte keys that differ, shown to people in groups of four', () => {
    const key = newSecretBase32();
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    expect(newSecretBase32()).not.toBe(key);
    expect(groupKey(key)).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(groupKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupKey('JBSWY3DPEH')).toBe('JBSW Y3DP EH');
  });

  it('describes itself to authenticator apps as Mindframe, SHA-1, 6 digits, 30 seconds', () => {
    const uri = totpFor(rfcSecret, 'owner@acme.test').toString();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Mindframe:owner%40acme\.test\?/);
    const params = new URL(uri).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      issuer: 'Mindframe',
      secret: rfcSecret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
