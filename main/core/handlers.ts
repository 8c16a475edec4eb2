import type { HandlerMap } from './context';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { healthHandlers } from './health/handlers';
import { setupHandlers } from './setup/handlers';
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
import {
  agentsHandlers,
  knowledgeHandlers,
  providersHandlers,
  runsHandlers,
  templatesHandlers,
} from './agents/handlers';

/** Every contract method has exactly one handler; a missing one fails the type-check. */
export const handlers: HandlerMap = {
  ...setupHandlers,
  ...authHandlers,
  ...tenantsHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...healthHandlers,
  ...templatesHandlers,
  ...agentsHandlers,
  ...runsHandlers,
  ...providersHandlers,
  ...knowledgeHandlers,
  ...guardianHandlers,
  ...incidentsHandlers,
  ...notifyHandlers,
  ...logsHandlers,
  ...backupsHandlers,
  ...tenantTransferHandlers,
  ...securityHandlers,
  ...twoFactorHandlers,
  ...apiKeysHandlers,
  ...secretsHandlers,
  ...outboundHandlers,
};
