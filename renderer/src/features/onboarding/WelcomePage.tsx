import { ArrowLeft, ArrowRight, CircleCheck, CircleDashed, SkipForward } from 'lucide-react';
import { useDocumentTitle } from '../../stores/brand-store';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { OnboardingStep } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { useOnboardingStore, type OnboardingState } from './onboarding-store';
import { isOnboardingStep, stepIcons, welcomePath } from './steps-meta';
import {
  AgentStep,
  AnswersStep,
  BackupsStep,
  ChannelStep,
  LanguageStep,
  ProfileStep,
  TeamStep,
} from './steps';

/** What a step's footer needs: go back, skip, go on (after the step's own action). */
interface StepNav {
  step: OnboardingStep;
  state: OnboardingState;
  tenantId: string;
  /** Reads the facts again (after the step changed something). */
  refresh(): Promise<OnboardingState | null>;
  /** To the next step in order (or the dashboard after the last). */
  next(): void;
}

const StepNavContext = createContext<StepNav | null>(null);

export function useStepNav(): StepNav {
  const nav = useContext(StepNavContext);
  if (!nav) throw new Error('useStepNav outside the wizard');
  return nav;
}

/**
 * The onboarding wizard (issue 15), after setup and from the dashboard's checklist: one step at a
 * time, each skippable; without a step in the address it opens at the first unfinished one.
 */
export function WelcomePage({ step: asked }: { step?: string }) {
  const { t } = useTranslation();
  const tenantId = useSessionStore((state) => state.me?.tenant.id ?? '');
  const { manageMembers } = usePermissions();
  const state = useOnboardingStore((store) => (store.tenantId === tenantId ? store.state : null));
  const error = useOnboardingStore((store) => store.error);
  const load = useOnboardingStore((store) => store.load);

  useDocumentTitle(t('onboarding.title'));
  useEffect(() => {
    if (tenantId) void load(tenantId);
  }, [load, tenantId]);

  if (!manageMembers)
    return (
      <>
        <Header />
        <Alert tone="info">{t('onboarding.adminsOnly')}</Alert>
      </>
    );
  if (!state)
    return (
      <>
        <Header />
        {error ? (
          <ErrorState error={error} onRetry={() => void load(tenantId)} />
        ) : (
          <LoadingState label={t('onboarding.loading')} />
        )}
      </>
    );

  const order = state.steps.map((s) => s.step);
  const current: OnboardingStep =
    isOnboardingStep(asked) && order.includes(asked) ? asked : (state.next ?? order[0] ?? 'language');
  const index = order.indexOf(current);
  const nav: StepNav = {
    step: current,
    state,
    tenantId,
    refresh: () => load(tenantId),
    next() {
      const following = order[index + 1];
      navigate(following ? welcomePath(following) : '#/');
    },
  };

  return (
    <>
      <Header />
      <div className="grid gap-6 xl:grid-cols-[15rem_minmax(0,1fr)]">
        <Stepper state={state} current={current} />
        <StepNavContext.Provider value={nav}>
          <section
            key={current}
            aria-labelledby="onboarding-step-title"
            className="min-w-0 self-start rounded-xl bg-white shadow-xs ring-1 ring-slate-200"
          >
            <StepBody step={current} />
          </section>
        </StepNavContext.Provider>
      </div>
    </>
  );
}

function Header() {
  const { t } = useTranslation();
  const org = useSessionStore((state) => state.me?.tenant.name ?? '');
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('onboarding.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('onboarding.description', { organisation: org })}</p>
      </div>
      <a
        href="#/"
        className="inline-flex min-h-11 items-center rounded-md px-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50 hover:underline md:min-h-8"
      >
        {t('onboarding.toDashboard')}
      </a>
    </div>
  );
}

function Stepper({ state, current }: { state: OnboardingState; current: OnboardingStep }) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  // below xl the steps scroll sideways: keep the current one in sight
  useEffect(() => {
    const link = list.current?.querySelector<HTMLElement>('[aria-current="step"]');
    const box = list.current;
    if (link && box && box.scrollWidth > box.clientWidth)
      box.scrollLeft = link.offsetLeft - box.offsetLeft - box.clientWidth / 2 + link.offsetWidth / 2;
  }, [current]);
  const doneCount = state.steps.filter((s) => s.done).length;
  return (
    <nav aria-label={t('onboarding.stepsLabel')} className="min-w-0">
      <p className="mb-2 text-sm text-slate-600">
        {t('onboarding.progress', { done: doneCount, total: state.steps.length })}
      </p>
      <ol ref={list} className="flex gap-1 overflow-x-auto pb-1 xl:flex-col xl:overflow-visible">
        {state.steps.map((s, i) => {
          const Icon = stepIcons[s.step];
          const isCurrent = s.step === current;
          const mark = s.done ? 'done' : s.skipped ? 'skipped' : 'todo';
          return (
            <li key={s.step} className="shrink-0">
              <a
                href={welcomePath(s.step)}
                aria-current={isCurrent ? 'step' : undefined}
                className={cx(
                  'flex min-h-11 items-center gap-2 rounded-md px-3 py-2 text-sm',
                  isCurrent
                    ? 'bg-indigo-50 font-semibold text-indigo-900 ring-1 ring-indigo-200'
                    : 'text-slate-700 hover:bg-slate-100',
                )}
              >
                <Icon aria-hidden="true" className="size-4 shrink-0 text-slate-500" />
                <span className="whitespace-nowrap xl:whitespace-normal">
                  <span className="sr-only">{t('onboarding.stepNumber', { number: i + 1 })} </span>
                  {t(`onboarding.steps.${s.step}.short`)}
                </span>
                <StepMark mark={mark} />
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function StepMark({ mark }: { mark: 'done' | 'skipped' | 'todo' }) {
  const { t } = useTranslation();
  const label = t(`onboarding.marks.${mark}`);
  return (
    <span className="ml-auto inline-flex shrink-0 items-center gap-1 pl-1 text-xs">
      {mark === 'done' ? (
        <CircleCheck aria-hidden="true" className="size-4 text-emerald-600" />
      ) : mark === 'skipped' ? (
        <SkipForward aria-hidden="true" className="size-4 text-amber-600" />
      ) : (
        <CircleDashed aria-hidden="true" className="size-4 text-slate-400" />
      )}
      <span className="sr-only">{label}</span>
    </span>
  );
}

function StepBody({ step }: { step: OnboardingStep }) {
  switch (step) {
    case 'language':
      return <LanguageStep />;
    case 'profile':
      return <ProfileStep />;
    case 'answers':
      return <AnswersStep />;
    case 'agent':
      return <AgentStep />;
    case 'channel':
      return <ChannelStep />;
    case 'backups':
      return <BackupsStep />;
    case 'team':
      return <TeamStep />;
  }
}

/** A step's heading (focused when the step opens) and what it is for. */
export function StepHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { step, state } = useStepNav();
  const heading = useRef<HTMLHeadingElement>(null);
  const number = state.steps.findIndex((s) => s.step === step) + 1;
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, []);
  const own = state.steps.find((s) => s.step === step);
  return (
    <div className="border-b border-slate-200 px-5 py-4 sm:px-6">
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
        {t('onboarding.stepOf', { number, total: state.steps.length })}
      </p>
      <h2
        id="onboarding-step-title"
        ref={heading}
        tabIndex={-1}
        className="mt-0.5 flex items-center gap-2 text-lg font-semibold text-slate-900 focus:outline-none"
      >
        {t(`onboarding.steps.${step}.title`)}
        {own?.done && (
          <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200">
            <CircleCheck aria-hidden="true" className="size-3.5" />
            {t('onboarding.marks.done')}
          </span>
        )}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t(`onboarding.steps.${step}.intro`)}</p>
      {children}
    </div>
  );
}

/**
 * The footer of a step: back, skip (while it is not done), and the step's own primary action —
 * "Continue" when none is given.
 */
export function StepFooter({ primary }: { primary?: ReactNode }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { step, state, tenantId } = useStepNav();
  const nav = useStepNav();
  const skip = useOnboardingStore((store) => store.skip);
  const order = state.steps.map((s) => s.step);
  const previous = order[order.indexOf(step) - 1];
  const own = state.steps.find((s) => s.step === step);
  const skipping = useSubmit(async () => {
    await skip(tenantId, step);
    nav.next();
  });
  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 px-5 py-4 sm:px-6">
      {skipping.error && (
        <Alert tone="error" reason={skipping.error?.reason}>
          {message(skipping.error)}
        </Alert>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {previous && (
          <Button
            variant="ghost"
            icon={<ArrowLeft aria-hidden="true" className="size-4" />}
            onClick={() => navigate(welcomePath(previous))}
          >
            {t('onboarding.back')}
          </Button>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {!own?.done && (
            <Button
              busy={skipping.busy}
              icon={<SkipForward aria-hidden="true" className="size-4" />}
              onClick={() => void skipping.run()}
            >
              {t('onboarding.skip')}
            </Button>
          )}
          {primary ?? (
            <Button
              variant="primary"
              icon={<ArrowRight aria-hidden="true" className="size-4" />}
              onClick={() => nav.next()}
            >
              {order.indexOf(step) === order.length - 1 ? t('onboarding.finish') : t('onboarding.continue')}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
