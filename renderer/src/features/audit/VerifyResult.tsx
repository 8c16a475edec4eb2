import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useAuditStore } from '../../stores/audit-store';

export function VerifyResult() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const message = useErrorMessage();
  const result = useAuditStore((state) => state.verifyResult);
  const error = useAuditStore((state) => state.verifyError);

  if (error) {
    return (
      <Alert tone="error" title={t('audit.verify.failed')} className="mb-6" reason={error?.reason}>
        {message(error)}
      </Alert>
    );
  }
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert
        tone="success"
        title={t('audit.verify.intact', { count: result.checked, formatted: number(result.checked) })}
        className="mb-6"
      >
        {t('audit.verify.intactBody')}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={t('audit.verify.broken', { seq: result.broken?.seq ?? 0 })} className="mb-6">
      {result.broken ? t(`audit.verify.reasons.${result.broken.reason}`) : null}{' '}
      {t('audit.verify.brokenBody', { count: result.checked, formatted: number(result.checked) })}
    </Alert>
  );
}
