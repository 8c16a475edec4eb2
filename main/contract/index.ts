import type { z } from 'zod';
import { auditMethods } from './methods/audit';
import { authMethods } from './methods/auth';
import { healthMethods } from './methods/health';
import { setupMethods } from './methods/setup';
import { tenantsMethods } from './methods/tenants';
import { usersMethods } from './methods/users';
import { templatesMethods } from './methods/templates';
import { agentsMethods } from './methods/agents';
import { runsMethods } from './methods/runs';
import { providersMethods } from './methods/providers';
import { knowledgeMethods } from './methods/knowledge';
import { guardianMethods } from './methods/guardian';
import { incidentsMethods } from './methods/incidents';
import { notifyMethods } from './methods/notify';
import { logsMethods } from './methods/logs';
import { backupsMethods } from './methods/backups';
import { tenantTransferMethods } from './methods/tenant-transfer';
import { apiKeysMethods } from './methods/api-keys';
import { securityMethods } from './methods/security';
import { twoFactorMethods } from './methods/two-factor';
import { secretsMethods } from './methods/secrets';
import { outboundMethods } from './methods/outbound';
import { channelsMethods } from './methods/channels';
import { conversationsMethods } from './methods/conversations';
import { profileMethods } from './methods/profile';
import { ticketsMethods } from './methods/tickets';
import { helpMethods } from './methods/help';
import { searchMethods } from './methods/search';
import { assistantMethods } from './methods/assistant';
import { onboardingMethods } from './methods/onboarding';
import { demoMethods } from './methods/demo';
import { billingMethods } from './methods/billing';
import { insightMathMethods } from './methods/insight-math';
import { insightEconomicsMethods } from './methods/insight-economics';
import { insightReportsMethods } from './methods/insight-reports';
import { insightExploreMethods } from './methods/insight-explore';
import { insightMarketingMethods } from './methods/insight-marketing';
import { insightMethods } from './methods/insight';
import { insightQualityMethods } from './methods/insight-quality';
import { brandMethods } from './methods/brand';

export const methods = {
  ...setupMethods,
  ...demoMethods,
  ...authMethods,
  ...tenantsMethods,
  ...usersMethods,
  ...auditMethods,
  ...healthMethods,
  ...templatesMethods,
  ...agentsMethods,
  ...runsMethods,
  ...providersMethods,
  ...knowledgeMethods,
  ...guardianMethods,
  ...incidentsMethods,
  ...notifyMethods,
  ...logsMethods,
  ...backupsMethods,
  ...tenantTransferMethods,
  ...securityMethods,
  ...apiKeysMethods,
  ...twoFactorMethods,
  ...secretsMethods,
  ...outboundMethods,
  ...channelsMethods,
  ...conversationsMethods,
  ...profileMethods,
  ...ticketsMethods,
  ...helpMethods,
  ...searchMethods,
  ...assistantMethods,
  ...onboardingMethods,
  ...billingMethods,
  ...insightMathMethods,
  ...insightEconomicsMethods,
  ...insightReportsMethods,
  ...insightExploreMethods,
  ...insightMarketingMethods,
  ...insightMethods,
  ...insightQualityMethods,
  ...brandMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/**
 * What an admin or owner of a tenant that requires two-factor sign-in may still call before setting
 * it up (and what an API key they created may call: none of these): everything else is FORBIDDEN
 * with reason `two_factor_required`.
 */
export const twoFactorEnrolmentMethods: ReadonlySet<MethodName> = new Set<MethodName>([
  'auth.me',
  'auth.logout',
  'auth.logoutEverywhere',
  'auth.twoFactorStatus',
  'auth.totpBegin',
  'auth.totpConfirm',
  'tenants.list',
  'tenants.switch',
  'health.summary',
]);

export * from './vocabulary';
export * from './messages';
export * from './errors';
export * from './roles';
export * from './common';
export * from './json-depth';
export * from './events';
export * from './bridge';
export * from './security';
export type { MethodDefinition } from './define';
export type { AuditEntry } from './methods/audit';
export type { HealthCheck, HealthSummary } from './methods/health';
export type { Member } from './methods/users';
export type { TenantAdminRow, TenantMoney } from './methods/tenants';
export { planSchema, currencySchema, hasRateDecimals } from './methods/tenants';
export { memberStatusSchema } from './methods/users';
export * from './flow';
export * from './methods/backups';
export * from './methods/secrets';
export { transferCountsSchema } from './methods/tenant-transfer';
export * from './methods/templates';
export * from './methods/agents';
export * from './methods/runs';
export * from './methods/providers';
export * from './methods/knowledge';
export * from './methods/guardian';
export * from './methods/incidents';
export * from './methods/notify';
export * from './methods/outbound';
export {
  publicListenerHosts,
  publicListenerSettingSchema,
  type PublicListenerSetting,
} from './methods/setup';
export * from './methods/logs';
export * from './methods/api-keys';
export * from './methods/security';
export * from './methods/channels';
export * from './methods/conversations';
export * from './methods/tickets';
export * from './methods/profile';
export * from './methods/help';
export * from './methods/search';
export * from './methods/assistant';
export * from './methods/onboarding';
export * from './cidr';
export { totpCodeSchema, recoveryCodeSchema } from './methods/two-factor';
export * from './methods/billing';
export * from './methods/brand';
export * from './methods/demo';
