import type Database from 'better-sqlite3';
import {
  onboardingSteps,
  type OnboardingState,
  type OnboardingStep,
  type OnboardingStepState,
} from '../../contract';
import type { Clock } from '../lib/clock';

/**
 * The facts the onboarding steps read, each from the domain that owns it (composition: ports.ts).
 * Nothing here is a flag the wizard sets: a step is done when the business really is that far.
 */
export interface OnboardingFacts {
  /** The business profile has its essentials: a name and a way to reach the business. */
  profileReady(tenantId: string): boolean;
  /** A model provider of the organisation passed its last connection test. */
  providerTested(tenantId: string): boolean;
  /** An agent of the organisation is deployed and not paused. */
  agentLive(tenantId: string): boolean;
  /** A channel (website chat, e-mail) of the organisation is switched on. */
  channelOn(tenantId: string): boolean;
  /**
   * Backups go to a folder the admin chose (not the default inside the data folder) and are made
   * there: by the schedule, or at least once by hand.
   */
  backupsSafe(): Promise<boolean>;
  /** The organisation has a second member (invited or active). */
  teamInvited(tenantId: string): boolean;
}

/** What is kept per organisation under the settings key 'onboarding' (this domain's own key). */
interface Stored {
  skipped: OnboardingStep[];
  /** The choices that are not facts elsewhere: the language kept, the offline model chosen. */
  confirmed: ('language' | 'answers')[];
  dismissedAt: number | null;
}

const settingsKey = 'onboarding';
const empty: Stored = { skipped: [], confirmed: [], dismissedAt: null };

/** Who asks: backups are the platform admin's, so only they see that step. */
export interface OnboardingViewer {
  tenantId: string;
  isPlatformAdmin: boolean;
}

export class OnboardingService {
  private readonly read: Database.Statement<[{ tenantId: string }], { value: string }>;
  private readonly write: Database.Statement<[{ tenantId: string; value: string; now: number }]>;

  constructor(private readonly deps: { sqlite: Database.Database; clock: Clock; facts: OnboardingFacts }) {
    this.read = deps.sqlite.prepare(
      `SELECT value FROM settings WHERE tenant_id = @tenantId AND key = '${settingsKey}'`,
    );
    this.write = deps.sqlite.prepare(
      `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (@tenantId, '${settingsKey}', @value, @now)
       ON CONFLICT(tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  private stored(tenantId: string): Stored {
    const row = this.read.get({ tenantId });
    if (!row) return { ...empty, skipped: [], confirmed: [] };
    try {
      const parsed = JSON.parse(row.value) as Partial<Stored>;
      return {
        skipped: (parsed.skipped ?? []).filter((step) => onboardingSteps.includes(step)),
        confirmed: (parsed.confirmed ?? []).filter((step) => step === 'language' || step === 'answers'),
        dismissedAt: typeof parsed.dismissedAt === 'number' ? parsed.dismissedAt : null,
      };
    } catch {
      return { ...empty, skipped: [], confirmed: [] };
    }
  }

  private store(tenantId: string, stored: Stored): void {
    this.write.run({ tenantId, value: JSON.stringify(stored), now: this.deps.clock.now() });
  }

  async state(viewer: OnboardingViewer): Promise<OnboardingState> {
    const { facts } = this.deps;
    const { tenantId } = viewer;
    const stored = this.stored(tenantId);
    const offlineModel = stored.confirmed.includes('answers');
    const done: Record<OnboardingStep, () => boolean | Promise<boolean>> = {
      language: () => stored.confirmed.includes('language'),
      profile: () => facts.profileReady(tenantId),
      answers: () => offlineModel || facts.providerTested(tenantId),
      agent: () => facts.agentLive(tenantId),
      channel: () => facts.channelOn(tenantId),
      backups: () => facts.backupsSafe(),
      team: () => facts.teamInvited(tenantId),
    };
    const shown = onboardingSteps.filter((step) => step !== 'backups' || viewer.isPlatformAdmin);
    const steps: OnboardingStepState[] = [];
    for (const step of shown) {
      const isDone = await done[step]();
      steps.push({ step, done: isDone, skipped: !isDone && stored.skipped.includes(step) });
    }
    return {
      steps,
      next: steps.find((step) => !step.done && !step.skipped)?.step ?? null,
      complete: steps.every((step) => step.done),
      dismissedAt: stored.dismissedAt,
      offlineModel,
    };
  }

  skip(viewer: OnboardingViewer, step: OnboardingStep): Promise<OnboardingState> {
    const stored = this.stored(viewer.tenantId);
    if (!stored.skipped.includes(step)) stored.skipped.push(step);
    this.store(viewer.tenantId, stored);
    return this.state(viewer);
  }

  confirm(viewer: OnboardingViewer, step: 'language' | 'answers'): Promise<OnboardingState> {
    const stored = this.stored(viewer.tenantId);
    if (!stored.confirmed.includes(step)) stored.confirmed.push(step);
    stored.skipped = stored.skipped.filter((skipped) => skipped !== step);
    this.store(viewer.tenantId, stored);
    return this.state(viewer);
  }

  /** Un-skip one step (or every step) and bring the checklist back. */
  resume(viewer: OnboardingViewer, step?: OnboardingStep): Promise<OnboardingState> {
    const stored = this.stored(viewer.tenantId);
    stored.skipped = step ? stored.skipped.filter((skipped) => skipped !== step) : [];
    stored.dismissedAt = null;
    this.store(viewer.tenantId, stored);
    return this.state(viewer);
  }

  dismiss(viewer: OnboardingViewer): Promise<OnboardingState> {
    const stored = this.stored(viewer.tenantId);
    stored.dismissedAt = this.deps.clock.now();
    this.store(viewer.tenantId, stored);
    return this.state(viewer);
  }
}
