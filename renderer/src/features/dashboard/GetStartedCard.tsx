import { ArrowRight } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ProgressBar } from '../../components/ProgressBar';
import { useErrorMessage } from '../../i18n/error-message';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { useSessionStore } from '../../stores/session-store';
import { useOnboardingStore } from '../onboarding/onboarding-store';
import { stepIcons, welcomePath } from '../onboarding/steps-meta';
import { StepMark } from '../onboarding/WelcomePage';

/**
 * "Get started" (issue 15): the onboarding steps with what is done and what was skipped, each a way
 * back into the wizard, until every step is done or an admin puts the list away (the account menu
 * brings it back).
 */
export function GetStartedCard() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { manageMembers } = usePermissions();
  const tenantId = useSessionStore((state) => state.me?.tenant.id ?? '');
  const state = useOnboardingStore((store) => (store.tenantId === tenantId ? store.state : null));
  const load = useOnboardingStore((store) => store.load);
  const dismiss = useOnboardingStore((store) => store.dismiss);
  const hide = useSubmit(() => dismiss(tenantId));
  useEffect(() => {
    if (manageMembers && tenantId) void load(tenantId);
  }, [load, manageMembers, tenantId]);

  if (!manageMembers || !state || state.complete || state.dismissedAt !== null) return null;
  const done = state.steps.filter((step) => step.done).length;

  return (
    <Card
      title={t('dashboard.getStarted.title')}
      titleId="get-started-title"
      className="md:col-span-2 xl:col-span-3"
      bodyClassName="p-5"
      actions={
        <Button size="sm" variant="ghost" busy={hide.busy} onClick={() => void hide.run()}>
          {t('dashboard.getStarted.hide')}
        </Button>
      }
    >
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <ProgressBar
            className="min-w-48 flex-1"
            percent={(done / state.steps.length) * 100}
            label={t('dashboard.getStarted.progress', { done, total: state.steps.length })}
          />
          {state.next && (
            <a
              href={welcomePath(state.next)}
              className="inline-flex min-h-11 items-center gap-1 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500 md:min-h-9"
            >
              {t('dashboard.getStarted.continue')}
              <ArrowRight aria-hidden="true" className="size-4" />
            </a>
          )}
        </div>
        {hide.error && (
          <Alert tone="error" reason={hide.error?.reason}>
            {message(hide.error)}
          </Alert>
        )}
        <ul
          aria-label={t('dashboard.getStarted.listLabel')}
          className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4"
        >
          {state.steps.map((step) => {
            const Icon = stepIcons[step.step];
            const mark = step.done ? 'done' : step.skipped ? 'skipped' : 'todo';
            return (
              <li key={step.step}>
                <a
                  href={welcomePath(step.step)}
                  className="flex min-h-11 items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-slate-200 hover:bg-slate-50"
                >
                  <Icon aria-hidden="true" className="size-4 shrink-0 text-slate-500" />
                  <span className={step.done ? 'text-slate-500' : 'font-medium text-slate-900'}>
                    {t(`onboarding.steps.${step.step}.short`)}
                  </span>
                  <StepMark mark={mark} />
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </Card>
  );
}
