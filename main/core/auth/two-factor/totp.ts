import { Secret, TOTP } from 'otpauth';
import { safeEqual } from '../../lib/crypto';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** Steps either side of now a code is still accepted for (clock drift between phone and server). */
export const totpDriftSteps = 1;
export const secretBytes = 20;
const issuer = 'Mindframe';

export function newSecretBase32(): string {
  // Stryker disable next-line ObjectLiteral: otpauth's default size is 20 bytes too (tests check 32 base32 characters)
  return new Secret({ size: secretBytes }).base32;
}

// Stryker disable next-line StringLiteral: the label only names the account in the QR code's URI; codes do not depend on it, and the URI shown is always made with the person's e-mail
export function totpFor(secretBase32: string, label = 'Mindframe'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: totpDigits,
    period: totpPeriodSeconds,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / totpPeriodSeconds);
}

/**
 * The time step whose code equals `code`, among the steps within the drift window that come after
 * `lastUsedStep` (so a code, once accepted, is never accepted again); null when none matches.
 */
export function matchingStep(
  secretBase32: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): number | null {
  const totp = totpFor(secretBase32);
  const current = stepAt(nowMs);
  for (let step = current - totpDriftSteps; step <= current + totpDriftSteps; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    const expected = totp.generate({ timestamp: step * totpPeriodSeconds * 1000 });
    if (safeEqual(expected, code)) return step;
  }
  return null;
}

/** "Groups the key in fours" for people typing it in: JBSW Y3DP ... */
export function groupKey(base32: string): string {
  return base32.replace(/(.{4})/g, '$1 ').trim();
}
