import { z } from 'zod';
import { defineMethod } from '../define';
import {
  displayName,
  emptyInput,
  idSchema,
  meSchema,
  orgNameSchema,
  tenantStatusSchema,
  timestampSchema,
} from '../common';
import { currencies, maxUsdRate, usdRateDecimals } from '../vocabulary';
import { planKeySchema } from './billing';

/** A plan's key in the billing catalogue (own_use, starter, pro, enterprise, or the admin's own). */
export const planSchema = planKeySchema;

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

export const currencySchema = z.enum(currencies);

/** Whether a rate is written with at most `usdRateDecimals` decimals (10.85, 0.000001; not 0.1 + 0.2). */
export function hasRateDecimals(rate: number): boolean {
  return Number(rate.toFixed(usdRateDecimals)) === rate;
}

/** Units of the currency one US dollar buys, as the owner set it: above 0, at most 1,000,000, 6 decimals. */
export const usdRateSchema = z
  .number()
  .refine((rate) => Number.isFinite(rate) && rate > 0 && rate <= maxUsdRate && hasRateDecimals(rate), {
    message: `Must be above 0 and at most ${maxUsdRate}, with at most ${usdRateDecimals} decimals`,
    params: { reason: 'exchange_rate_invalid' },
  });

/**
 * The currency an organisation sees costs and budgets in. Costs are counted in US dollars (model
 * providers price in USD) and shown converted: amount × usdRate.
 */
export const tenantMoneySchema = z.object({
  currency: currencySchema,
  /** 1 USD = usdRate units of `currency`; 1 for USD. */
  usdRate: z.number(),
  /** When the owner or an admin set it; null while the organisation has never chosen (USD). */
  setAt: timestampSchema.nullable(),
});
export type TenantMoney = z.infer<typeof tenantMoneySchema>;

export const setMoneyInputSchema = z
  .object({ currency: currencySchema, usdRate: usdRateSchema.optional() })
  .strict()
  .superRefine((input, issues) => {
    if (input.currency !== 'USD' && input.usdRate === undefined)
      issues.addIssue({
        code: 'custom',
        path: ['usdRate'],
        message: 'A rate from USD is needed for another currency',
        params: { reason: 'exchange_rate_invalid' },
      });
    if (input.currency === 'USD' && input.usdRate !== undefined && input.usdRate !== 1)
      issues.addIssue({
        code: 'custom',
        path: ['usdRate'],
        message: 'The rate of USD to USD is 1',
        params: { reason: 'usd_rate_is_one' },
      });
  });

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
    input: z.object({ name: orgNameSchema, plan: planSchema.optional() }).strict(),
    output: tenantAdminRowSchema,
  }),
  'tenants.switch': defineMethod({
    access: 'user',
    mutation: true,
    summary: 'Bind this session to another tenant the user belongs to.',
    input: z.object({ tenantId: idSchema }).strict(),
    output: meSchema,
  }),
  'tenants.rename': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Rename an organisation (its address slug stays).',
    input: z.object({ tenantId: idSchema, name: orgNameSchema }).strict(),
    output: tenantAdminRowSchema,
  }),
  'tenants.suspend': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary:
      "Suspend an organisation: its members' calls and its API keys are refused at once (reason tenant_suspended); its data is kept.",
    input: z.object({ tenantId: idSchema }).strict(),
    output: tenantAdminRowSchema,
  }),
  'tenants.reactivate': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Lift the suspension of an organisation: its members and API keys work again.',
    input: z.object({ tenantId: idSchema }).strict(),
    output: tenantAdminRowSchema,
  }),
  'tenants.delete': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary:
      "Delete an organisation and all its data (export it first). `confirmName` must be the organisation's name typed exactly.",
    input: z
      .object({ tenantId: idSchema, confirmName: displayName({ min: 0, max: 200, trim: false }) })
      .strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),
  'tenants.money': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The currency this organisation sees costs and budgets in, and its rate from US dollars.',
    input: emptyInput,
    output: tenantMoneySchema,
  }),
  'tenants.setMoney': defineMethod({
    access: 'admin',
    mutation: true,
    summary:
      'Choose the currency costs and budgets are shown in and the rate from US dollars (providers price in USD).',
    input: setMoneyInputSchema,
    output: tenantMoneySchema,
  }),
};
