import { z } from 'zod';
import { roles, type Role } from './vocabulary';

export const roleSchema = z.enum(roles);

export function roleRank(role: Role): number {
  return roles.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/** Who may call a method: anyone, any signed-in user, a minimum tenant role, or a platform admin. */
export type Access = 'public' | 'user' | Role | 'platformAdmin';
