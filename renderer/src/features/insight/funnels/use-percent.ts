import { useMemo } from 'react';
import { useFormat } from '../../../i18n/format';

/** 0–100 as a percentage with up to one decimal ("99.6 %"), so 707 of 710 does not read as 100 %. */
export function usePercent(): (value: number) => string {
  const { locale } = useFormat();
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return (value: number) => format.format(value / 100);
  }, [locale]);
}
