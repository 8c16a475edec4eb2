import { CalendarPlus, Clock, Save, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextAreaField, TextField } from '../../components/Field';
import { IconButton } from '../../components/IconButton';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { languages as appLanguages, type BusinessProfile, type ProfileAnswer } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { serverFieldError } from '../../i18n/field-errors';
import { useFormat } from '../../i18n/format';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import type { CallError } from '../../transport';
import { useLeaveGuard } from '../designer/use-leave-guard';
import { HoursEditor } from './HoursEditor';
import { defaultHours } from './hours';
import { useProfileStore } from './profile-store';

/** The fields the form shows errors at; any other refusal is said above the save button. */
const formFields = [
  'name',
  'description',
  'website',
  'bookingLink',
  'phone',
  'email',
  'address.street',
  'address.postalCode',
  'address.city',
  'address.country',
  'timeZone',
];

const timeZones: string[] = (() => {
  try {
    return (
      (Intl as unknown as { supportedValuesOf?(key: string): string[] }).supportedValuesOf?.('timeZone') ?? []
    );
  } catch {
    return [];
  }
})();

/** The business's own details, which agents answer with ({{business.*}} in flows and templates). */
export function ProfileCard() {
  const { t } = useTranslation();
  const answer = useProfileStore((state) => state.answer);
  const status = useProfileStore((state) => state.status);
  const error = useProfileStore((state) => state.error);
  const ensure = useProfileStore((state) => state.ensure);
  const reset = useProfileStore((state) => state.reset);
  useEffect(() => {
    void ensure();
  }, [ensure]);

  return (
    <Card title={t('business.profile.title')} titleId="profile-title">
      {answer ? (
        <ProfileForm key={answer.updatedAt ?? 'new'} answer={answer} />
      ) : status === 'error' ? (
        <ErrorState
          error={error}
          onRetry={() => {
            reset();
            void ensure();
          }}
        />
      ) : (
        <LoadingState label={t('business.profile.loading')} />
      )}
    </Card>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="flex flex-col gap-3 border-t border-slate-100 pt-5 first:border-t-0 first:pt-0"
    >
      <h3 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** The error of a list's field (holidays.2.date, languages.0) or of the list itself, in words. */
function listError(
  t: ReturnType<typeof useTranslation>['t'],
  error: CallError | null,
  list: string,
): string | null {
  if (error?.code !== 'VALIDATION' || !error.field) return null;
  if (error.field !== list && !error.field.startsWith(`${list}.`)) return null;
  return error.reason
    ? t(`errors.reasons.${error.reason}`, { ...error.params, defaultValue: t('validation.invalid') })
    : t('validation.invalid');
}

function ProfileForm({ answer }: { answer: ProfileAnswer }) {
  const { t } = useTranslation();
  const { locale, dateTime } = useFormat();
  const message = useErrorMessage();
  const { role } = usePermissions();
  const canEdit = role === 'owner' || role === 'admin';
  const save = useProfileStore((state) => state.save);
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<BusinessProfile>(answer.profile);
  const known = answer.profile.languages.filter((code) => (appLanguages as readonly string[]).includes(code));
  const [spoken, setSpoken] = useState<string[]>(known);
  const [otherLanguages, setOtherLanguages] = useState(
    answer.profile.languages.filter((code) => !known.includes(code)).join(', '),
  );

  const languagesOf = (): string[] => [
    ...appLanguages.filter((code) => spoken.includes(code)),
    ...otherLanguages
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code !== ''),
  ];
  const next: BusinessProfile = { ...draft, languages: languagesOf() };
  const dirty = JSON.stringify(next) !== JSON.stringify(answer.profile);
  const leaveGuard = useLeaveGuard(dirty && canEdit);

  const submit = useSubmit(async () => {
    await save(next);
    showToast('success', t('business.profile.saved'));
  });
  useEffect(() => {
    if (submit.error) focusFirstInvalid(form.current);
  }, [submit.error]);

  const set = <K extends keyof BusinessProfile>(key: K, value: BusinessProfile[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const setAddress = (key: keyof BusinessProfile['address'], value: string) =>
    setDraft((current) => ({ ...current, address: { ...current.address, [key]: value } }));
  const fieldError = (field: string) => serverFieldError(t, submit.error, field);
  const languageNames = useMemo(() => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' });
    } catch {
      return null;
    }
  }, [locale]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  const text = (field: 'name' | 'website' | 'bookingLink' | 'phone' | 'email' | 'timeZone') => ({
    value: draft[field],
    disabled: !canEdit,
    error: fieldError(field),
    onChange: (event: { target: { value: string } }) => set(field, event.target.value),
  });
  const otherError =
    submit.error?.code === 'VALIDATION' &&
    submit.error.field !== undefined &&
    !formFields.includes(submit.error.field) &&
    !submit.error.field.startsWith('openingHours') &&
    !submit.error.field.startsWith('holidays') &&
    !submit.error.field.startsWith('languages');

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-5 p-5">
      <p className="text-sm text-slate-600">{t('business.profile.intro')}</p>
      {!canEdit && <Alert tone="info">{t('business.profile.adminsOnly')}</Alert>}

      <Section title={t('business.profile.about')} id="profile-about">
        <TextField
          label={t('business.details.name')}
          placeholder={t('business.profile.namePlaceholder')}
          autoComplete="organization"
          {...text('name')}
        />
        <TextAreaField
          label={t('business.details.description')}
          hint={t('business.profile.descriptionHint')}
          rows={2}
          value={draft.description}
          disabled={!canEdit}
          error={fieldError('description')}
          onChange={(event) => set('description', event.target.value)}
        />
      </Section>

      <Section title={t('business.profile.contact')} id="profile-contact">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('business.details.website')}
            hint={t('business.profile.websiteHint')}
            type="url"
            inputMode="url"
            placeholder="https://"
            autoComplete="url"
            {...text('website')}
          />
          <TextField
            label={t('business.details.bookingLink')}
            hint={t('business.profile.bookingLinkHint')}
            type="url"
            inputMode="url"
            placeholder="https://"
            {...text('bookingLink')}
          />
          <TextField
            label={t('business.details.phone')}
            hint={t('business.profile.phoneHint')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            {...text('phone')}
          />
          <TextField
            label={t('business.details.email')}
            type="email"
            autoComplete="email"
            {...text('email')}
          />
        </div>
      </Section>

      <Section title={t('business.profile.address')} id="profile-address">
        <div className="grid gap-4 sm:grid-cols-6">
          <TextField
            className="sm:col-span-6"
            label={t('business.profile.street')}
            autoComplete="street-address"
            value={draft.address.street}
            disabled={!canEdit}
            error={fieldError('address.street')}
            onChange={(event) => setAddress('street', event.target.value)}
          />
          <TextField
            className="sm:col-span-2"
            label={t('business.profile.postalCode')}
            autoComplete="postal-code"
            value={draft.address.postalCode}
            disabled={!canEdit}
            error={fieldError('address.postalCode')}
            onChange={(event) => setAddress('postalCode', event.target.value)}
          />
          <TextField
            className="sm:col-span-2"
            label={t('business.profile.city')}
            autoComplete="address-level2"
            value={draft.address.city}
            disabled={!canEdit}
            error={fieldError('address.city')}
            onChange={(event) => setAddress('city', event.target.value)}
          />
          <TextField
            className="sm:col-span-2"
            label={t('business.profile.country')}
            autoComplete="country-name"
            value={draft.address.country}
            disabled={!canEdit}
            error={fieldError('address.country')}
            onChange={(event) => setAddress('country', event.target.value)}
          />
        </div>
      </Section>

      <Section title={t('business.profile.hours')} id="profile-hours">
        {draft.openingHours ? (
          <>
            <HoursEditor
              value={draft.openingHours}
              onChange={(hours) => set('openingHours', hours)}
              error={submit.error}
              disabled={!canEdit}
            />
            {canEdit && (
              <div>
                <Button size="sm" variant="ghostDanger" onClick={() => set('openingHours', null)}>
                  {t('business.profile.clearHours')}
                </Button>
              </div>
            )}
          </>
        ) : (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2.5 ring-1 ring-slate-100">
            <p className="text-sm text-slate-600">{t('business.profile.hoursNotSet')}</p>
            {canEdit && (
              <Button
                size="sm"
                icon={<Clock aria-hidden="true" className="size-4" />}
                onClick={() => set('openingHours', defaultHours())}
              >
                {t('business.profile.setHours')}
              </Button>
            )}
          </div>
        )}
      </Section>

      <Section title={t('business.profile.holidays')} id="profile-holidays">
        {draft.holidays.length === 0 ? (
          <p className="text-sm text-slate-600">{t('business.profile.noHolidays')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {draft.holidays.map((holiday, index) => (
              <li key={index} className="flex flex-wrap items-end gap-3">
                <TextField
                  className="w-44"
                  type="date"
                  label={t('business.profile.holidayDate')}
                  value={holiday.date}
                  disabled={!canEdit}
                  error={fieldError(`holidays.${index}.date`)}
                  onChange={(event) =>
                    set(
                      'holidays',
                      draft.holidays.map((item, i) =>
                        i === index ? { ...item, date: event.target.value } : item,
                      ),
                    )
                  }
                />
                <TextField
                  className="min-w-48 flex-1"
                  label={t('business.profile.holidayLabel')}
                  value={holiday.label}
                  disabled={!canEdit}
                  error={fieldError(`holidays.${index}.label`)}
                  onChange={(event) =>
                    set(
                      'holidays',
                      draft.holidays.map((item, i) =>
                        i === index ? { ...item, label: event.target.value } : item,
                      ),
                    )
                  }
                />
                {canEdit && (
                  <span className="pb-0.5">
                    <IconButton
                      label={t('business.profile.removeHoliday')}
                      onClick={() =>
                        set(
                          'holidays',
                          draft.holidays.filter((_item, i) => i !== index),
                        )
                      }
                    >
                      <X aria-hidden="true" className="size-4" />
                    </IconButton>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {listError(t, submit.error, 'holidays') && !/^holidays\.\d+\./.test(submit.error?.field ?? '') && (
          <p className="text-sm text-red-700">{listError(t, submit.error, 'holidays')}</p>
        )}
        {canEdit && draft.holidays.length < 100 && (
          <div>
            <Button
              size="sm"
              icon={<CalendarPlus aria-hidden="true" className="size-4" />}
              onClick={() => set('holidays', [...draft.holidays, { date: '', label: '' }])}
            >
              {t('business.profile.addHoliday')}
            </Button>
          </div>
        )}
      </Section>

      <Section title={t('business.profile.more')} id="profile-more">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">
            {t('business.details.languages')}
          </legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {appLanguages.map((code) => (
              <label key={code} className="inline-flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 accent-indigo-600"
                  checked={spoken.includes(code)}
                  disabled={!canEdit}
                  onChange={(event) =>
                    setSpoken((current) =>
                      event.target.checked ? [...current, code] : current.filter((item) => item !== code),
                    )
                  }
                />
                {languageNames?.of(code) ?? code}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('business.profile.otherLanguages')}
            hint={t('business.profile.otherLanguagesHint')}
            value={otherLanguages}
            disabled={!canEdit}
            error={listError(t, submit.error, 'languages')}
            onChange={(event) => setOtherLanguages(event.target.value)}
          />
          <TextField
            label={t('business.details.timeZone')}
            hint={t('business.profile.timeZoneHint')}
            list="profile-time-zones"
            autoComplete="off"
            placeholder="Europe/Oslo"
            {...text('timeZone')}
          />
          <datalist id="profile-time-zones">
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
        <p className="text-sm text-slate-600">
          {t('business.profile.currencyNote', { currency: answer.currency })}
        </p>
      </Section>

      {submit.error && (submit.error.code !== 'VALIDATION' || otherError) && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      {submit.error?.code === 'VALIDATION' && !otherError && (
        <p role="alert" className="sr-only">
          {t('business.profile.fixField')}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
        <p className="flex items-center gap-2 text-sm text-slate-500">
          {dirty && canEdit && <Badge tone="warning">{t('business.profile.unsaved')}</Badge>}
          {answer.updatedAt === null
            ? t('business.profile.neverSaved')
            : t('business.profile.lastSaved', { date: dateTime(answer.updatedAt) })}
        </p>
        {canEdit && (
          <Button
            type="submit"
            variant="primary"
            disabled={!dirty}
            busy={submit.busy}
            icon={<Save aria-hidden="true" className="size-4" />}
          >
            {t('business.profile.save')}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={leaveGuard.leaveTo !== null}
        onOpenChange={(open) => !open && leaveGuard.stay()}
        title={t('business.profile.leaveTitle')}
        description={t('business.profile.leaveDescription')}
        confirmLabel={t('business.profile.leaveConfirm')}
        onConfirm={async () => leaveGuard.leave()}
      />
    </form>
  );
}
