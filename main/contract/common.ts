import { z } from 'zod';
import { roleSchema } from './roles';

export const idSchema = z.uuid({ message: 'Must be a valid id' });
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Must be a valid e-mail address' }));
export const passwordSchema = z
  .string()
  .min(12, { message: 'Must be at least 12 characters' })
  .max(256, { message: 'Must be at most 256 characters' });
export const personNameSchema = z.string().trim().min(1).max(100);
export const orgNameSchema = z.string().trim().min(2).max(100);
export const emptyInput = z.object({}).strict();
/** Milliseconds since the Unix epoch. */
export const timestampSchema = z.number().int();

export const userSummarySchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  isPlatformAdmin: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const tenantStatusSchema = z.enum(['active', 'suspended']);

export const tenantSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  status: tenantStatusSchema,
  role: roleSchema,
});
export type TenantSummary = z.infer<typeof tenantSummarySchema>;

/** The signed-in user, the tenant their session is bound to, and the CSRF token for HTTP calls. */
export const meSchema = z.object({
  user: userSummarySchema,
  tenant: tenantSummarySchema,
  role: roleSchema,
  tenants: z.array(tenantSummarySchema),
  csrfToken: z.string(),
  sessionExpiresAt: timestampSchema,
  /** Two-factor sign-in of the user; `required` when the tenant asks it of their role (lead them to enrol). */
  twoFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
});
export type Me = z.infer<typeof meSchema>;
