import type { Role } from '../contract';

/** Tenant roles from least to most privileged, as the contract orders them. */
export const roleOrder = ['viewer', 'operator', 'admin', 'owner'] as const satisfies readonly Role[];

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleOrder.indexOf(role) >= roleOrder.indexOf(minimum);
}

export const isRole = (value: unknown): value is Role => (roleOrder as readonly unknown[]).includes(value);
