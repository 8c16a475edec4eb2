import { z } from 'zod';

/** Tenant roles from least to most privileged. Platform admin is a user flag, not a tenant role. */
export const roles = ['viewer', 'operator', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export function roleRank(role: Role): number {
  return roles.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/** Who may call a method: anyone, any signed-in user, a minimum tenant role, or a platform admin. */
export type Access = 'public' | 'user' | Role | 'platformAdmin';
