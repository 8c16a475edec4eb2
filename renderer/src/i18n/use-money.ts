import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoneyStore } from '../stores/money-store';
import { useFormat } from './format';
import { currencyName, formatCost, formatRate, usDollars } from './money';

/**
 * Costs in the organisation's currency, in the user's regional format. Until the organisation's
 * choice is read (or when it cannot be), figures are in US dollars, which is what they are counted in.
 */
export function useMoney() {
  const { t } = useTranslation();
  const { locale, date } = useFormat();
  const stored = useMoneyStore((state) => state.money);
  const status = useMoneyStore((state) => state.status);
  const ensure = useMoneyStore((state) => state.ensure);
  useEffect(() => {
    if (status === 'idle') void ensure();
  }, [status, ensure]);

  return useMemo(() => {
    const money = stored ?? usDollars;
    const converted = money.currency !== 'USD';
    return {
      money,
      /** Whether figures are converted from US dollars (and should say so). */
      converted,
      /** A cost counted in micro-dollars, in the organisation's currency. */
      cost: (micros: number) => formatCost(micros, money, locale),
      /** The same cost in US dollars, as the provider charged it. */
      costInUsd: (micros: number) => formatCost(micros, usDollars, locale),
      /** "Converted from US$ 0.25 at 1 USD = 10,85 kr": beside one converted figure; null for USD. */
      fromUsd: (micros: number) =>
        converted
          ? t('money.fromUsd', {
              usd: formatCost(micros, usDollars, locale),
              rate: formatRate(money, locale),
            })
          : null,
      currencyName: currencyName(money.currency, locale),
      /** "Converted from US dollars at 1 USD = 10,85 kr, set 3. des. 2026."; null for USD. */
      note: converted
        ? money.setAt === null
          ? t('money.convertedNoDate', { rate: formatRate(money, locale) })
          : t('money.converted', { rate: formatRate(money, locale), date: date(money.setAt) })
        : null,
    };
  }, [stored, locale, date, t]);
}
