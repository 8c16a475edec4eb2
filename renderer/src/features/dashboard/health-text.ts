import { useTranslation } from 'react-i18next';
import type { HealthCheck } from '../../contract';
import { useFormat } from '../../i18n/format';

const knownChecks = ['database', 'disk', 'wal', 'eventLoop', 'memory'] as const;
type KnownCheck = (typeof knownChecks)[number];

const isKnown = (id: string): id is KnownCheck => (knownChecks as readonly string[]).includes(id);

/** Names and sentences for health checks in the user's language, built from the check's value. */
export function useHealthText() {
  const { t } = useTranslation();
  const { locale } = useFormat();

  const size = (mib: number) =>
    mib >= 1024
      ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 1 }).format(
          mib / 1024,
        )
      : new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
          mib,
        );
  const millis = (ms: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 1 }).format(
      ms,
    );

  return {
    name: (check: HealthCheck) => (isKnown(check.id) ? t(`health.checks.${check.id}.name`) : check.id),
    message(check: HealthCheck): string {
      if (!isKnown(check.id)) return check.message;
      if (check.id === 'database') {
        return check.status === 'ok' ? t('health.checks.database.ok') : t('health.checks.database.failed');
      }
      if (check.value === null) return t(`health.checks.${check.id}.unknown`);
      if (check.id === 'eventLoop')
        return t('health.checks.eventLoop.message', { value: millis(check.value) });
      return t(`health.checks.${check.id}.message`, { value: size(check.value) });
    },
  };
}
