import { Building2, Rocket } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DialogActions } from '../../components/Dialog';
import type { BusinessDetail, BusinessProfile, ProfileAnswer } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import type { CallError } from '../../transport';
import { QuickDetailsFields } from '../business/QuickDetailsFields';
import { useProfileStore } from '../business/profile-store';

/** What a first agent needs to answer as the business: who it is, how to reach it, when it is open. */
const essentials: readonly BusinessDetail[] = [
  'name',
  'phone',
  'email',
  'website',
  'bookingLink',
  'openingHours',
];

/** Whether the organisation has none of the essentials yet (an empty profile). */
export function needsEssentials(answer: ProfileAnswer): boolean {
  return !essentials.some((detail) => answer.filled.includes(detail));
}

/**
 * Before the organisation's first agent, with an empty profile: the essentials, saved to the
 * business profile, then the agent is made. Skipping makes the agent at once.
 */
export function EssentialsStep({
  answer,
  busy,
  error,
  onBack,
  onContinue,
}: {
  answer: ProfileAnswer;
  busy: boolean;
  /** Why making the agent failed, if it did. */
  error: CallError | null;
  onBack(): void;
  onContinue(): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useProfileStore((state) => state.save);
  const [draft, setDraft] = useState<BusinessProfile>(answer.profile);
  const submit = useSubmit(async () => {
    await save(draft);
    onContinue();
  });

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        void submit.run().then(() => focusFirstInvalid(form));
      }}
    >
      <div className="flex items-start gap-3 rounded-lg bg-indigo-50 px-3 py-2.5 text-sm text-indigo-950 ring-1 ring-indigo-100">
        <Building2 aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-indigo-600" />
        <div>
          <h3 className="font-semibold">{t('marketplace.detail.business.essentialsTitle')}</h3>
          <p className="mt-0.5">{t('marketplace.detail.business.essentialsIntro')}</p>
        </div>
      </div>
      <QuickDetailsFields details={essentials} draft={draft} onChange={setDraft} error={submit.error} />
      {submit.error && !isFieldError(submit.error, ['name', 'phone', 'email', 'website', 'bookingLink']) && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      {error && (
        <Alert tone="error" reason={error?.reason}>
          {message(error)}
        </Alert>
      )}
      <DialogActions>
        <Button onClick={onBack} disabled={busy || submit.busy}>
          {t('marketplace.detail.business.back')}
        </Button>
        <Button onClick={onContinue} busy={busy && !submit.busy} disabled={submit.busy}>
          {t('marketplace.detail.business.skip')}
        </Button>
        <Button
          type="submit"
          variant="primary"
          busy={submit.busy || (busy && submit.error === null)}
          icon={<Rocket aria-hidden="true" className="size-4" />}
        >
          {t('marketplace.detail.business.saveAndCreate')}
        </Button>
      </DialogActions>
    </form>
  );
}
