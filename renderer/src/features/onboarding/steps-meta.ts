import { Archive, Bot, Building2, Cpu, Languages, Share2, UsersRound, type LucideIcon } from 'lucide-react';
import { onboardingSteps, type OnboardingStep } from '../../contract';

/** Each step's icon (the stepper and the dashboard's checklist). */
export const stepIcons: Record<OnboardingStep, LucideIcon> = {
  language: Languages,
  profile: Building2,
  answers: Cpu,
  agent: Bot,
  channel: Share2,
  backups: Archive,
  team: UsersRound,
};

export function isOnboardingStep(value: string | null | undefined): value is OnboardingStep {
  return typeof value === 'string' && (onboardingSteps as readonly string[]).includes(value);
}

/** The wizard at a step ("#/welcome?step=agent"), or where it goes on by itself. */
export const welcomePath = (step?: OnboardingStep) =>
  step ? `#/welcome?step=${encodeURIComponent(step)}` : '#/welcome';
