import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, meSchema, orgNameSchema, tenantStatusSchema, timestampSchema } from '../common';
import { plans } from '../vocabulary';

export const planSchema = z.enum(plans);

export const tenantAdminRowSchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  status: tenantStatusSchema,
  plan: planSchema,
  memberCount: z.number().int(),
  createdAt: timestampSchema,
});
export type TenantAdminRow = z.infer<typeof tenantAdminRowSchema>;

export const tenantsMethods = {
  'tenants.list': defineMethod({
    access: 'platformAdmin',
    mutation: false,
    summary: 'Every tenant (customer organisation) of this installation.',
    input: z.object({ q: z.string().trim().max(100).optional() }).strict(),
    output: z.object({ tenants: z.array(tenantAdminRowSchema) }),
  }),
  'tenants.create': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Create a tenant; the platform admin can then switch to it and invite its owner.',
    input: z.object({ name: orgNameSchema, plan: planSchema.default('starter') }).strict(),
    output: tenantAdminRowSchema,
  }),
  'tenants.switch': defineMethod({
    access: 'user',
    mutation: true,
    summary: 'Bind this session to another tenant the user belongs to.',
    input: z.object({ tenantId: idSchema }).strict(),
    output: meSchema,
  }),
};
