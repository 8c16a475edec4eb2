import type { TFunction } from 'i18next';
import type { CallError } from '../transport';

/**
 * The server's VALIDATION error for one field, in the user's language; null if it is about another
 * field. Its reason says why in its own words ("Use at least 12 characters.", a blocked address ...),
 * filled in with its params; the field's own hint only stands in for a reason this build does not
 * know. The server's English `message` is never shown.
 */
export function serverFieldError(t: TFunction, error: CallError | null, field: string): string | null {
  if (!error || error.field !== field || error.code !== 'VALIDATION') return null;
  const because = error.reason
    ? t(`errors.reasons.${error.reason}`, { ...error.params, defaultValue: '' })
    : '';
  if (because) return because;
  switch (field) {
    case 'email':
      return t('validation.email');
    case 'password':
      return t('validation.passwordLength', { count: 12 });
    case 'orgName':
      return t('validation.orgName');
    case 'name':
      return t('validation.name');
    default:
      return t('validation.invalid');
  }
}

/** A form-wide message for errors not tied to one of the form's fields. */
export function isFieldError(error: CallError | null, fields: readonly string[]): boolean {
  return Boolean(error && error.code === 'VALIDATION' && error.field && fields.includes(error.field));
}
