import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, timestampSchema } from '../common';
import { onboardingSteps } from '../vocabulary';

/**
 * The onboarding wizard after setup (issue 15) and the dashboard's "Get started" checklist. A step is
 * done when the fact it asks for holds in the domain that owns it (the profile has its essentials, a
 * provider passed its test, an agent is live, a channel is on, a backup exists, a second member is
 * invited); the two steps that are a choice rather than a fact (the language looked at and kept, the
 * offline model chosen) are confirmed with onboarding.confirm. Skipping, resuming and dismissing are
 * kept per organisation.
 */

export const onboardingStepSchema = z.enum(onboardingSteps);

export const onboardingStepStateSchema = z.object({
  step: onboardingStepSchema,
  done: z.boolean(),
  skipped: z.boolean(),
});
export type OnboardingStepState = z.infer<typeof onboardingStepStateSchema>;

export const onboardingStateSchema = z.object({
  /** Only the steps the caller can take part in (backups are the platform admin's). */
  steps: z.array(onboardingStepStateSchema),
  /** The first step neither done nor skipped; null when every step is. */
  next: onboardingStepSchema.nullable(),
  /** Every step done (skipped ones do not count). */
  complete: z.boolean(),
  /** The checklist was put away (by an admin); onboarding.resume brings it back. */
  dismissedAt: timestampSchema.nullable(),
  /** How customers' questions are answered when no provider passed its test: the offline model chosen. */
  offlineModel: z.boolean(),
});
export type OnboardingState = z.infer<typeof onboardingStateSchema>;

export const onboardingMethods = {
  'onboarding.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The onboarding steps with what is done (read from the owning domains) and what was skipped.',
    input: emptyInput,
    output: onboardingStateSchema,
  }),
  'onboarding.skip': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Skip a step for now; the wizard and the checklist go on with the next one.',
    input: z.object({ step: onboardingStepSchema }).strict(),
    output: onboardingStateSchema,
  }),
  'onboarding.confirm': defineMethod({
    access: 'admin',
    mutation: true,
    summary:
      'Confirm a step that is a choice: the language and regional format kept, or the offline model chosen to answer.',
    input: z.object({ step: z.enum(['language', 'answers']) }).strict(),
    output: onboardingStateSchema,
  }),
  'onboarding.resume': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Bring the checklist back and un-skip every step (or one), so the wizard asks again.',
    input: z.object({ step: onboardingStepSchema.optional() }).strict(),
    output: onboardingStateSchema,
  }),
  'onboarding.dismiss': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Put the "Get started" checklist away (onboarding.resume brings it back).',
    input: emptyInput,
    output: onboardingStateSchema,
  }),
};
