import { maxUsdRate, usdRateDecimals, type Currency, type TenantMoney } from '../contract';

/**
 * Money in the organisation's currency. Costs are counted in millionths of a US dollar (model
 * providers price in USD); the organisation's owner chooses a currency and the rate from USD, and
 * figures are shown converted: dollars × usdRate, written the way the user's region writes money.
 */
export type MoneySetting = Pick<TenantMoney, 'currency' | 'usdRate'>;

/** Before the organisation has chosen, and while its choice cannot be read. */
export const usDollars: TenantMoney = { currency: 'USD', usdRate: 1, setAt: null };

/** The digits the currency is written with (2 for NOK and EUR). */
export function currencyDigits(currency: Currency, locale: string): number {
  return (
    new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}

/** Micro-dollars in the currency, as a number of its units. */
export function convertMicros(micros: number, money: MoneySetting): number {
  return (micros / 1_000_000) * money.usdRate;
}

/**
 * A cost in the organisation's currency: "10,85 kr" in Norwegian, "€ 0,92" in Dutch. An amount too
 * small for the currency's digits keeps two significant digits ("0,0012 kr"), so it does not read as
 * nothing.
 */
export function formatCost(micros: number, money: MoneySetting, locale: string): string {
  const amount = convertMicros(micros, money);
  const digits = currencyDigits(money.currency, locale);
  const small = amount !== 0 && Math.abs(amount) < 10 ** -digits;
  return new Intl.NumberFormat(
    locale,
    small
      ? { style: 'currency', currency: money.currency, maximumSignificantDigits: 2 }
      : {
          style: 'currency',
          currency: money.currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        },
  ).format(amount);
}

/** What one US dollar is worth: "10,85 kr", with up to six decimals as the owner set it. */
export function formatRate(money: MoneySetting, locale: string): string {
  const digits = currencyDigits(money.currency, locale);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 6),
  }).format(money.usdRate);
}

/** The currency's name in the language: "norske kroner", "Euro". */
export function currencyName(currency: Currency, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(currency) ?? currency;
  } catch {
    return currency;
  }
}

/**
 * An amount a person typed: "12,50", "12.5", "kr 12,50", "1 234,50", "1.234,50" or "1,234.50"; null
 * when it is not a number of at least 0. A single mark is the decimal mark, whichever it is; with
 * both, the last one is, and the others group thousands.
 */
export function parseAmount(text: string): number | null {
  if (/[-−]/.test(text)) return null;
  const compact = text
    .replace(/[\s\u00a0\u202f']/g, '')
    // a currency's sign or code before or after the amount: "kr", "NOK", "€", "US$", "Fr."
    .replace(/^(?:\p{Sc}|\p{L}{2,3}\.?\p{Sc}?)/u, '')
    .replace(/(?:\p{Sc}|\p{L}{2,3}\.?)$/u, '');
  const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  let normal = compact;
  if (last !== -1) {
    const decimal = compact[last]!;
    const group = decimal === '.' ? ',' : '.';
    const whole = compact.slice(0, last);
    const both = compact.includes(group);
    if (!both && whole.includes(decimal)) {
      // "1.234.567" groups thousands with one mark only; "1,5,0" is no number
      if (!new RegExp(`^\\d{1,3}(\\${decimal}\\d{3})+$`).test(compact)) return null;
      normal = compact.replaceAll(decimal, '');
    } else {
      // the last mark is the decimal one; the other one groups thousands ("1.234,50")
      if (whole.includes(group) && !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return null;
      normal = `${whole.replaceAll(group, '')}.${compact.slice(last + 1)}`;
    }
  }
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}

/** An amount in the organisation's currency as micro-dollars, the unit the core counts in. */
export function amountToMicros(amount: number, money: MoneySetting): number {
  return Math.round((amount / money.usdRate) * 1_000_000);
}

/**
 * Micro-dollars as an amount to edit in the currency: its digits, the locale's decimal mark, no
 * grouping ("2,71"); an amount those digits would show as 0 keeps four significant digits.
 */
export function microsToAmountText(micros: number, money: MoneySetting, locale: string): string {
  const amount = convertMicros(micros, money);
  const digits = currencyDigits(money.currency, locale);
  const small = amount !== 0 && Math.abs(amount) < 10 ** -digits;
  return new Intl.NumberFormat(
    locale,
    small
      ? { useGrouping: false, maximumSignificantDigits: 4 }
      : { useGrouping: false, maximumFractionDigits: digits },
  ).format(amount);
}

/** A rate the owner typed, checked as the core checks it: above 0, at most 1,000,000, six decimals. */
export function parseRate(text: string): number | null {
  const rate = parseAmount(text);
  if (rate === null || rate <= 0 || rate > maxUsdRate) return null;
  if (Number(rate.toFixed(usdRateDecimals)) !== rate) return null;
  return rate;
}
