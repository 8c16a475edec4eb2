import { roles, type Role } from '../contract';

/** Whether `role` is `minimum` or more privileged (the contract lists roles least privileged first). */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(minimum);
}

export const isRole = (value: unknown): value is Role => (roles as readonly unknown[]).includes(value);
