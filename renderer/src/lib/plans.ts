import type { TenantAdminRow } from '../contract';

export type Plan = TenantAdminRow['plan'];

export const plans = ['starter', 'pro', 'enterprise'] as const satisfies readonly Plan[];

export const isPlan = (value: unknown): value is Plan => (plans as readonly unknown[]).includes(value);
