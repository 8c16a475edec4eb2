import { useTranslation } from 'react-i18next';
import { cx } from '../../lib/cx';
import { minPasswordLength } from '../../lib/validate';
import { passwordStrength } from './password-strength';

const filled = { empty: 0, tooShort: 0, weak: 1, fair: 2, strong: 3 } as const;
const colour = {
  empty: 'bg-slate-200',
  tooShort: 'bg-slate-200',
  weak: 'bg-red-500',
  fair: 'bg-amber-500',
  strong: 'bg-emerald-600',
} as const;

/**
 * What a new password field says under it (its `hint`, so the field is described by it): a
 * three-step bar and a sentence. Spans only: the field's hint is a paragraph.
 */
export function PasswordStrengthHint({ password }: { password: string }) {
  const { t } = useTranslation();
  const strength = passwordStrength(password);
  const sentence =
    strength === 'empty' || strength === 'tooShort'
      ? t('account.strength.rule', { count: minPasswordLength })
      : strength === 'strong'
        ? t('account.strength.strong')
        : `${t(`account.strength.${strength}`)} ${t('account.strength.advice')}`;
  return (
    <>
      <span aria-hidden="true" className="mb-1.5 flex gap-1">
        {[1, 2, 3].map((step) => (
          <span
            key={step}
            className={cx(
              'h-1.5 flex-1 rounded-full',
              step <= filled[strength] ? colour[strength] : 'bg-slate-200',
            )}
          />
        ))}
      </span>
      <span className="block">{sentence}</span>
    </>
  );
}
