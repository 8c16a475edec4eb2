export { OnboardingService, type OnboardingFacts, type OnboardingViewer } from './onboarding-service';
export { onboardingFacts } from './ports';
export { onboardingHandlers } from './handlers';
