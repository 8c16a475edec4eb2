import { minPasswordLength } from '../../lib/validate';

export type PasswordStrength = 'empty' | 'tooShort' | 'weak' | 'fair' | 'strong';

/** Common choices that length alone would call strong. */
const predictable = /^(.)\1+$|^(?:0123456789|1234567890|abcdefghij|qwertyuiop|password|wachtwoord|passord)/i;

/**
 * A hint, not a rule (the rule is the length the core checks): length counts most, then variety of
 * characters; a repeated character or a keyboard row is weak however long.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (password.length === 0) return 'empty';
  if (password.length < minPasswordLength) return 'tooShort';
  if (predictable.test(password) || new Set(password).size < 5) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  let score = 1;
  if (password.length >= 16) score += 1;
  if (password.length >= 20) score += 1;
  if (classes >= 3) score += 1;
  if (password.includes(' ') && password.trim().split(/\s+/).length >= 3) score += 1;
  return score >= 3 ? 'strong' : score === 2 ? 'fair' : 'weak';
}
