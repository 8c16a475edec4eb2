import { useAgentsStore } from './agents-store';
import { useAuditStore } from './audit-store';
import { useGuardianStore } from './guardian-store';
import { useHealthStore } from './health-store';
import { useMoneyStore } from './money-store';
import { useProvidersStore } from './providers-store';
import { useTeamStore } from './team-store';
import { useTenantsStore } from './tenants-store';
import { useProfileStore } from '../features/business/profile-store';

/** Forget everything loaded for the previous session or organisation. */
export function resetTenantData(): void {
  useTeamStore.getState().reset();
  useAuditStore.getState().reset();
  useHealthStore.getState().reset();
  useTenantsStore.getState().reset();
  useAgentsStore.getState().reset();
  useProvidersStore.getState().reset();
  useGuardianStore.getState().reset();
  useMoneyStore.getState().reset();
  useProfileStore.getState().reset();
}
