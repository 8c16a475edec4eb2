import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { schema, type TenantRows } from '../../../db';
import { currencySchema, hasRateDecimals, maxUsdRate, type TenantMoney } from '../../contract';

/** The settings key of an organisation's currency (a row of the shared settings table). */
export const moneySetting = 'tenants.money';

/** Before an owner chooses: US dollars, as the providers price. */
export const defaultMoney: TenantMoney = { currency: 'USD', usdRate: 1, setAt: null };

// what is stored is checked when read: an imported organisation brings its settings rows with it
const storedSchema = z.object({
  currency: currencySchema,
  usdRate: z.number().refine((rate) => rate > 0 && rate <= maxUsdRate && hasRateDecimals(rate)),
  setAt: z.number().int(),
});

/** The organisation's currency and its rate from USD (USD until someone chooses). */
export function moneyOf(tenant: TenantRows): TenantMoney {
  const row = tenant.first(schema.settings, eq(schema.settings.key, moneySetting));
  if (!row) return defaultMoney;
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    return defaultMoney;
  }
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) return defaultMoney;
  const { currency, usdRate, setAt } = parsed.data;
  return { currency, usdRate: currency === 'USD' ? 1 : usdRate, setAt };
}

/** Saves the currency and rate (1 for USD) as set now; answers what is stored. */
export function saveMoney(
  tenant: TenantRows,
  input: { currency: TenantMoney['currency']; usdRate?: number | undefined },
  now: number,
): TenantMoney {
  const money: TenantMoney = {
    currency: input.currency,
    // the contract requires a rate for any other currency
    usdRate: input.currency === 'USD' ? 1 : input.usdRate!,
    setAt: now,
  };
  const value = JSON.stringify(money);
  const changed = tenant.update(
    schema.settings,
    { value, updatedAt: now },
    eq(schema.settings.key, moneySetting),
  );
  if (changed === 0) tenant.insert(schema.settings, { key: moneySetting, value, updatedAt: now });
  return money;
}
