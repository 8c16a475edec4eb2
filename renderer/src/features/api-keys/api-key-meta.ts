import type { ApiKeyScope } from '../../contract';

/** i18next treats ':' and '.' specially; keys use underscores. */
export const scopeKey = (scope: ApiKeyScope) => scope.replace(':', '_');
/** Grace periods the rotate dialog offers, in hours (the contract allows up to 168). */
export const graceHourChoices = [1, 24, 168] as const;
export type GraceHours = (typeof graceHourChoices)[number];
export const defaultGraceHours: GraceHours = 24;
