import { Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import type { BusinessDetail, BusinessProfile } from '../../contract';
import { serverFieldError } from '../../i18n/field-errors';
import type { CallError } from '../../transport';
import { HoursEditor } from './HoursEditor';
import { defaultHours } from './hours';

/** The details a short form can ask for in place (the rest are on the business page). */
export const quickDetails: readonly BusinessDetail[] = [
  'name',
  'phone',
  'email',
  'website',
  'bookingLink',
  'address',
  'openingHours',
];

/**
 * A few of the business's details, for the template dialog: what a template uses and the profile
 * lacks, or the essentials before the first agent. The server's refusal is said at its field.
 */
export function QuickDetailsFields({
  details,
  draft,
  onChange,
  error,
}: {
  details: readonly BusinessDetail[];
  draft: BusinessProfile;
  onChange(next: BusinessProfile): void;
  error: CallError | null;
}) {
  const { t } = useTranslation();
  const has = (detail: BusinessDetail) => details.includes(detail);
  const text = (field: 'name' | 'phone' | 'email' | 'website' | 'bookingLink') => ({
    label: t(`business.details.${field}`),
    value: draft[field],
    error: serverFieldError(t, error, field),
    onChange: (event: { target: { value: string } }) => onChange({ ...draft, [field]: event.target.value }),
  });
  const address = (field: keyof BusinessProfile['address'], label: string, className: string) => (
    <TextField
      className={className}
      label={label}
      value={draft.address[field]}
      error={serverFieldError(t, error, `address.${field}`)}
      onChange={(event) => onChange({ ...draft, address: { ...draft.address, [field]: event.target.value } })}
    />
  );

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {has('name') && <TextField autoComplete="organization" className="sm:col-span-2" {...text('name')} />}
        {has('phone') && (
          <TextField type="tel" inputMode="tel" hint={t('business.profile.phoneHint')} {...text('phone')} />
        )}
        {has('email') && <TextField type="email" {...text('email')} />}
        {has('website') && <TextField type="url" placeholder="https://" {...text('website')} />}
        {has('bookingLink') && (
          <TextField
            type="url"
            placeholder="https://"
            hint={t('business.profile.bookingLinkHint')}
            {...text('bookingLink')}
          />
        )}
      </div>
      {has('address') && (
        <fieldset className="grid gap-4 sm:grid-cols-6">
          <legend className="mb-2 text-sm font-semibold text-slate-900">
            {t('business.details.address')}
          </legend>
          {address('street', t('business.profile.street'), 'sm:col-span-6')}
          {address('postalCode', t('business.profile.postalCode'), 'sm:col-span-2')}
          {address('city', t('business.profile.city'), 'sm:col-span-2')}
          {address('country', t('business.profile.country'), 'sm:col-span-2')}
        </fieldset>
      )}
      {has('openingHours') && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-semibold text-slate-900">
            {t('business.details.openingHours')}
          </legend>
          {draft.openingHours ? (
            <HoursEditor
              value={draft.openingHours}
              onChange={(hours) => onChange({ ...draft, openingHours: hours })}
              error={error}
            />
          ) : (
            <div>
              <Button
                size="sm"
                icon={<Clock aria-hidden="true" className="size-4" />}
                onClick={() => onChange({ ...draft, openingHours: defaultHours() })}
              >
                {t('business.profile.setHours')}
              </Button>
            </div>
          )}
        </fieldset>
      )}
    </div>
  );
}
