import type { ApiKeyScope, ApiKeyStatus } from '../../contract';

/** The scopes a key may have (the contract's list, in the order the form shows them). */
export const apiKeyScopeList: ApiKeyScope[] = [
  'agents:run',
  'agents:read',
  'runs:read',
  'analytics:read',
  'events:write',
  'logs:read',
  'search:read',
];
export const apiKeyStatusList: ApiKeyStatus[] = ['active', 'grace', 'expired', 'revoked'];
/** i18next treats ':' and '.' specially; keys use underscores. */
export const scopeKey = (scope: ApiKeyScope) => scope.replace(':', '_');
/** Grace periods the rotate dialog offers, in hours (the contract allows up to 168). */
export const graceHourChoices = [1, 24, 168] as const;
export type GraceHours = (typeof graceHourChoices)[number];
export const defaultGraceHours: GraceHours = 24;
