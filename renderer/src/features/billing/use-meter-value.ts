import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { MeterKind } from './billing-meta';

/** A meter's value: a count, or megabytes for knowledge. */
export function useMeterValue() {
  const { t } = useTranslation();
  const { number } = useFormat();
  return (kind: MeterKind, value: number) =>
    kind === 'knowledgeMb' ? t('billing.megabytes', { value: number(value) }) : number(value);
}
