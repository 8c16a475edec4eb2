import { Building2, Check, CircleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import type { BusinessDetail, BusinessProfile, ProfileAnswer } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError } from '../../i18n/field-errors';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { pagePaths } from '../../router/routes';
import { useToastStore } from '../../stores/toast-store';
import { QuickDetailsFields, quickDetails } from '../business/QuickDetailsFields';
import { useProfileStore } from '../business/profile-store';

/** The details of a profile a template says something real with (currency always has a value). */
export function missingDetails(uses: readonly BusinessDetail[], answer: ProfileAnswer): BusinessDetail[] {
  return uses.filter((detail) => detail !== 'currency' && !answer.filled.includes(detail));
}

/**
 * Which of the business's details a template uses, which are filled in and which are missing, with
 * a form in place for the missing ones (admins and owners) and a link to the business page.
 */
export function BusinessDetailsPanel({
  uses,
  answer,
}: {
  uses: readonly BusinessDetail[];
  answer: ProfileAnswer;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { role } = usePermissions();
  const canEdit = role === 'owner' || role === 'admin';
  const save = useProfileStore((state) => state.save);
  const showToast = useToastStore((state) => state.show);
  const missing = missingDetails(uses, answer);
  const inPlace = missing.filter((detail) => quickDetails.includes(detail));
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<BusinessProfile>(answer.profile);
  const submit = useSubmit(async () => {
    await save(draft);
    showToast('success', t('marketplace.detail.business.saved'));
    setOpen(false);
  });

  return (
    <section aria-labelledby="template-business" className="rounded-lg p-3 ring-1 ring-slate-200">
      <h3 id="template-business" className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
        <Building2 aria-hidden="true" className="size-4 text-slate-500" />
        {t('marketplace.detail.business.title')}
      </h3>
      <p className="mt-1 text-sm text-slate-600">{t('marketplace.detail.business.intro')}</p>
      <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t('marketplace.detail.business.title')}>
        {uses.map((detail) => {
          const isMissing = missing.includes(detail);
          return (
            <li
              key={detail}
              className={
                isMissing
                  ? 'inline-flex items-center gap-1 rounded-full bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-900 ring-1 ring-amber-200'
                  : 'inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2.5 py-1 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200'
              }
            >
              {isMissing ? (
                <CircleAlert aria-hidden="true" className="size-3.5" />
              ) : (
                <Check aria-hidden="true" className="size-3.5" />
              )}
              {t(`business.details.${detail}`)}
              <span className="sr-only">
                :{' '}
                {isMissing
                  ? t('marketplace.detail.business.missing')
                  : t('marketplace.detail.business.filled')}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-sm text-slate-700">
        {missing.length === 0
          ? t('marketplace.detail.business.allFilled')
          : t('marketplace.detail.business.someMissing', { count: missing.length })}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {canEdit && inPlace.length > 0 && (
          <Button size="sm" aria-expanded={open} onClick={() => setOpen((current) => !current)}>
            {open ? t('marketplace.detail.business.hide') : t('marketplace.detail.business.fillIn')}
          </Button>
        )}
        <a
          href={pagePaths.business}
          className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 underline-offset-2 hover:underline md:min-h-0"
        >
          {t('marketplace.detail.business.openProfile')}
        </a>
      </div>
      {open && (
        <form
          noValidate
          className="mt-3 flex flex-col gap-3 border-t border-slate-100 pt-3"
          onSubmit={(event) => {
            event.preventDefault();
            void submit.run();
          }}
        >
          <QuickDetailsFields details={inPlace} draft={draft} onChange={setDraft} error={submit.error} />
          {submit.error &&
            !isFieldError(submit.error, ['name', 'phone', 'email', 'website', 'bookingLink']) && (
              <Alert tone="error" reason={submit.error?.reason}>
                {message(submit.error)}
              </Alert>
            )}
          <div>
            <Button type="submit" variant="primary" size="sm" busy={submit.busy}>
              {t('marketplace.detail.business.saveDetails')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
