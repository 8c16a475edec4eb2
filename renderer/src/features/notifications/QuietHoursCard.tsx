import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { useNow } from '../../lib/use-now';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import {
  browserTimeZone,
  isClock,
  isQuietAt,
  quietSpan,
  timeZoneOptions,
  type QuietHours,
} from './notify-meta';

/** When only SEV1 notifications go out: the period, its time zone, and whether it is quiet now. */
export function QuietHoursCard({ quiet, onSaved }: { quiet: QuietHours; onSaved(quiet: QuietHours): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const now = useNow(60_000);
  const browserZone = useMemo(() => browserTimeZone(), []);
  // while quiet hours are off, the zone they would use is this computer's
  const [enabled, setEnabled] = useState(quiet.enabled);
  const [start, setStart] = useState(quiet.start);
  const [end, setEnd] = useState(quiet.end);
  const [timezone, setTimezone] = useState(quiet.enabled ? quiet.timezone : browserZone);
  const zones = useMemo(() => timeZoneOptions(browserZone, quiet.timezone), [browserZone, quiet.timezone]);
  const [errors, setErrors] = useState<{ start?: string; end?: string }>({});
  const draft: QuietHours = { enabled, start, end, timezone };
  const span = quietSpan(start, end);
  const dirty = JSON.stringify(draft) !== JSON.stringify(quiet);

  const submit = useSubmit(async () => {
    const saved = await transport.call('notify.saveQuietHours', draft);
    showToast('success', t('notifications.quiet.saved'));
    onSaved(saved);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!isClock(start)) found.start = t('notifications.quiet.timeInvalid');
    if (!isClock(end)) found.end = t('notifications.quiet.timeInvalid');
    else if (start === end) found.end = t('notifications.quiet.sameTime');
    setErrors(found);
    if (Object.keys(found).length === 0) void submit.run();
  };

  return (
    <Card title={t('notifications.quiet.title')} titleId="notify-quiet-title">
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4 p-5">
        <p className="text-sm text-slate-600">{t('notifications.quiet.description')}</p>
        {submit.error && (
          <Alert tone="error" reason={submit.error?.reason}>
            {message(submit.error)}
          </Alert>
        )}
        <CheckboxField
          label={t('notifications.quiet.enabled')}
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField
            label={t('notifications.quiet.start')}
            type="time"
            value={start}
            disabled={!enabled}
            error={errors.start}
            onChange={(event) => setStart(event.target.value)}
          />
          <TextField
            label={t('notifications.quiet.end')}
            type="time"
            value={end}
            disabled={!enabled}
            error={errors.end}
            onChange={(event) => setEnd(event.target.value)}
          />
        </div>
        <SelectField
          label={t('notifications.quiet.timezone')}
          value={timezone}
          disabled={!enabled}
          hint={timezone === browserZone ? t('notifications.quiet.thisComputer') : undefined}
          onChange={(event) => setTimezone(event.target.value)}
          options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
        />
        <p
          role="status"
          className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-100"
        >
          {!enabled
            ? t('notifications.quiet.summaryOff')
            : !span
              ? t('notifications.quiet.summaryInvalid')
              : t(span.overnight ? 'notifications.quiet.summaryOvernight' : 'notifications.quiet.summary', {
                  start,
                  end,
                  zone: timezone.replaceAll('_', ' '),
                })}
          {enabled && span && (
            <span className="mt-0.5 block font-medium">
              {isQuietAt(draft, now)
                ? t('notifications.quiet.quietNow')
                : t('notifications.quiet.notQuietNow')}
            </span>
          )}
        </p>
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={!dirty} busy={submit.busy}>
            {t('notifications.quiet.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
