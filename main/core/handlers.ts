import type { HandlerMap } from './context';
import type { Services } from './services';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { healthHandlers } from './health/handlers';
import { setupHandlers } from './setup/handlers';
import { demoHandlers } from './demo/handlers';
import { tenantsHandlers } from './tenants/handlers';
import { usersHandlers } from './users/handlers';
import { guardianHandlers } from './guardian/handlers';
import { incidentsHandlers } from './incidents/handlers';
import { notifyHandlers } from './notify';
import { logsHandlers } from './logs/handlers';
import { backupsHandlers } from './backups/handlers';
import { tenantTransferHandlers } from './tenants/transfer/handlers';
import { securityHandlers } from './security/handlers';
import { twoFactorHandlers } from './auth/two-factor/handlers';
import { apiKeysHandlers } from './api-keys/handlers';
import { secretsHandlers } from './secrets/handlers';
import { outboundHandlers } from './outbound';
import { channelsHandlers } from './channels';
import { conversationsHandlers } from './conversations';
import { ticketsHandlers } from './tickets';
import { profileHandlers } from './profile';
import { onboardingHandlers } from './onboarding';
import { helpHandlers } from './help';
import { assistantHandlers } from './assistant';
import { searchHandlers } from './search';
import { billingHandlers } from './billing/handlers';
import { insightMathHandlers } from './insight/math-handlers';
import { economicsHandlers } from './insight/economics-handlers';
import { reportHandlers } from './insight/report-handlers';
import { exploreHandlers } from './insight/explore-handlers';
import { marketingHandlers } from './insight/marketing-handlers';
import { insightHandlers } from './insight/handlers';
import { qualityHandlers } from './insight/quality-handlers';
import { brandHandlers } from './brand';
import {
  agentsHandlers,
  knowledgeHandlers,
  providersHandlers,
  runsHandlers,
  templatesHandlers,
} from './agents/handlers';

/**
 * The one file that names every domain: each domain's factory gets the services it uses and returns
 * its slice of the handler map. Every contract method has exactly one handler; a missing one fails
 * the type-check.
 */
export function createHandlers(services: Services): HandlerMap {
  return {
    ...setupHandlers(services),
    ...demoHandlers(services),
    ...authHandlers(services),
    ...tenantsHandlers(services),
    ...usersHandlers(services),
    ...auditHandlers(services),
    ...healthHandlers(services),
    ...templatesHandlers(services),
    ...agentsHandlers(services),
    ...runsHandlers(services),
    ...providersHandlers(services),
    ...knowledgeHandlers(services),
    ...guardianHandlers(services),
    ...incidentsHandlers(services),
    ...notifyHandlers(services),
    ...logsHandlers(services),
    ...backupsHandlers(services),
    ...tenantTransferHandlers(services),
    ...securityHandlers(services),
    ...twoFactorHandlers(services),
    ...apiKeysHandlers(services),
    ...secretsHandlers(services),
    ...outboundHandlers(services),
    ...channelsHandlers(services),
    ...conversationsHandlers(services),
    ...ticketsHandlers(services),
    ...profileHandlers(services),
    ...onboardingHandlers(services),
    ...helpHandlers(services),
    ...assistantHandlers(services),
    ...searchHandlers(services),
    ...billingHandlers(services),
    ...insightMathHandlers(),
    ...economicsHandlers(services),
    ...reportHandlers(services),
    ...exploreHandlers(services),
    ...marketingHandlers(services),
    ...insightHandlers(services),
    ...qualityHandlers(services),
    ...brandHandlers(services),
  };
}
