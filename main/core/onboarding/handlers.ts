import type { HandlerContext, HandlerMap } from '../context';
import type { Services } from '../services';
import { OnboardingService, type OnboardingViewer } from './onboarding-service';
import { onboardingFacts } from './ports';

export type OnboardingHandlerDeps = Pick<
  Services,
  'sqlite' | 'system' | 'clock' | 'profile' | 'agents' | 'channels' | 'backups'
>;

type OnboardingMethod =
  'onboarding.get' | 'onboarding.skip' | 'onboarding.confirm' | 'onboarding.resume' | 'onboarding.dismiss';

/** The onboarding wizard's state: read from the owning domains, skips and dismissal kept per organisation. */
export function onboardingHandlers(deps: OnboardingHandlerDeps): Pick<HandlerMap, OnboardingMethod> {
  const onboarding = new OnboardingService({
    sqlite: deps.sqlite,
    clock: deps.clock,
    facts: onboardingFacts(deps),
  });

  const viewerOf = (ctx: HandlerContext): OnboardingViewer => ({
    tenantId: ctx.tenantRows().tenantId,
    isPlatformAdmin: ctx.auth().isPlatformAdmin,
  });
  // progress through the wizard is not a change anyone needs in the audit log: the facts it reads are
  // audited where they are made (profile.save, agents.deploy, channels.save, users.invite ...)
  const changed = (ctx: HandlerContext) => {
    ctx.markAudited();
    return viewerOf(ctx);
  };

  return {
    'onboarding.get': (_input, ctx) => onboarding.state(viewerOf(ctx)),
    'onboarding.skip': (input, ctx) => onboarding.skip(changed(ctx), input.step),
    'onboarding.confirm': (input, ctx) => onboarding.confirm(changed(ctx), input.step),
    'onboarding.resume': (input, ctx) => onboarding.resume(changed(ctx), input.step),
    'onboarding.dismiss': (_input, ctx) => onboarding.dismiss(changed(ctx)),
  };
}
