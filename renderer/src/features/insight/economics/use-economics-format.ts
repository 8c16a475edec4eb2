import { useMemo } from 'react';
import type { Currency } from '../../../contract';
import { useFormat } from '../../../i18n/format';
import { currencyDigits, currencyName } from '../../../i18n/money';
import { formatMinor, minorToText } from '../../billing/billing-meta';

/**
 * How the economics page writes its figures in the user's language: money in the installation's
 * currency (minor units in, "kr 6 528,67" out, as the billing pages write it), months, ratios.
 */
export function useEconomicsFormat(currency: Currency) {
  const { locale } = useFormat();
  return useMemo(() => {
    const digits = currencyDigits(currency, locale);
    const monthLong = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const monthShort = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
    const compact = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    // whole amounts without decimals ("kr 349"), others with all of the currency's ("kr 4 162,40")
    const majorWhole = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    });
    const majorCents = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const twoDecimals = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    return {
      locale,
      digits,
      currencyName: currencyName(currency, locale),
      /** Minor units (øre, cents) as money: "kr 6 528,67". */
      money: (minor: number) => formatMinor(Math.round(minor), currency, locale),
      /** Minor units of another currency (model costs left in US dollars). */
      moneyIn: (minor: number, other: string) => formatMinor(Math.round(minor), other, locale),
      /** Major units (the charts' numbers) as money. */
      major: (value: number) =>
        (Math.abs(value - Math.round(value)) < 1e-9 ? majorWhole : majorCents).format(value),
      /** Major units, short, for an axis: "kr 6,5k". */
      compact: (value: number) => compact.format(value),
      /** Minor units as text to edit: "1234,5". */
      amountText: (minor: number) => minorToText(minor, currency, locale),
      /** "November 2026" of a month's first moment. */
      month: (start: number) => monthLong.format(start),
      /** "Nov 26" for an axis. */
      monthShort: (start: number) => monthShort.format(start),
      /** A percentage (5 = 5 %) with one decimal. */
      percent: (value: number) => percent.format(value / 100),
      decimal: (value: number) => oneDecimal.format(value),
      ratio: (value: number) => twoDecimals.format(value),
    };
  }, [currency, locale]);
}
