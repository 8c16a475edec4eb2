import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { TextField } from '../../../components/Field';
import { LoadingState } from '../../../components/StateViews';
import { useErrorMessage } from '../../../i18n/error-message';
import { useFormat } from '../../../i18n/format';
import { useLoad } from '../../../lib/use-load';
import { useToastStore } from '../../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../../transport';
import { retentionBounds, retentionProblem, shortens } from './data-model';

/** How long the tenant's raw events are kept (the hourly rollups stay). */
export function RetentionCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const format = useFormat();
  const titleId = useId();
  const settings = useLoad(() => transport.call('insight.settings', {}), 'insight-data-settings');
  const current = settings.data?.retentionDays;
  const [typed, setTyped] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const value = typed ?? (current === undefined ? '' : String(current));
  const check = retentionProblem(value);
  const fieldError =
    touched && check.reason !== null
      ? t(`errors.reasons.${check.reason}`, { minimum: retentionBounds.min, maximum: retentionBounds.max })
      : null;

  const save = async (days: number) => {
    setSaving(true);
    setError(null);
    try {
      const answer = await transport.call('insight.saveSettings', { retentionDays: days });
      settings.update(() => answer);
      setTyped(null);
      setTouched(false);
      useToastStore.getState().show(
        'success',
        t('insight.data.retention.saved', {
          count: answer.retentionDays,
          formatted: format.number(answer.retentionDays),
        }),
      );
    } catch (caught) {
      setError(toCallError(caught));
      throw caught;
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (check.days === null) return;
    if (shortens(current, check.days)) setConfirming(true);
    else void save(check.days).catch(() => undefined);
  };

  return (
    <Card title={t('insight.data.retention.title')} titleId={titleId} bodyClassName="flex flex-col gap-3 p-5">
      <p className="text-sm text-slate-700">{t('insight.data.retention.description')}</p>
      {settings.loading && !settings.data ? (
        <LoadingState />
      ) : settings.error ? (
        <Alert
          tone="error"
          title={t('common.loadFailed')}
          reason={settings.error.reason}
          action={
            <Button size="sm" onClick={settings.reload}>
              {t('common.retry')}
            </Button>
          }
        >
          {message(settings.error)}
        </Alert>
      ) : canEdit ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-3">
          <div className="flex flex-wrap items-start gap-3">
            <TextField
              className="w-48"
              label={t('insight.data.retention.days')}
              type="number"
              inputMode="numeric"
              min={retentionBounds.min}
              max={retentionBounds.max}
              step={1}
              value={value}
              error={fieldError}
              hint={t('insight.data.retention.bounds', {
                min: format.number(retentionBounds.min),
                max: format.number(retentionBounds.max),
              })}
              onChange={(event) => {
                setTyped(event.target.value);
                setTouched(true);
              }}
            />
            <Button
              type="submit"
              variant="primary"
              className="mt-6"
              disabled={saving || check.days === current}
            >
              {t('insight.data.retention.save')}
            </Button>
          </div>
          {error && !confirming && (
            <Alert tone="error" reason={error.reason}>
              {message(error)}
            </Alert>
          )}
        </form>
      ) : (
        <>
          <p className="text-sm text-slate-900">
            {t('insight.data.retention.current', {
              count: current ?? 0,
              formatted: format.number(current ?? 0),
            })}
          </p>
          <p className="text-sm text-slate-600">{t('insight.data.retention.adminOnly')}</p>
        </>
      )}
      <p className="text-xs text-slate-600">{t('insight.data.retention.rollups')}</p>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('insight.data.retention.confirmTitle')}
        description={t('insight.data.retention.confirmBody', {
          from: format.number(current ?? 0),
          to: format.number(check.days ?? 0),
          count: check.days ?? 0,
        })}
        confirmLabel={t('insight.data.retention.confirmButton', {
          count: check.days ?? 0,
          formatted: format.number(check.days ?? 0),
        })}
        onConfirm={() => save(check.days ?? retentionBounds.min)}
      />
    </Card>
  );
}
