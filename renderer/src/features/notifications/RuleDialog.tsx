import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { BlockedAddressHelp } from '../../components/BlockedAddressHelp';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { hostPortOfUrl } from '../../components/outbound-target';
import { notifyEvents, severities, type NotifyEvent, type NotifyRule, type Severity } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { isEmail } from '../../lib/validate';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { eventKey, isHttpUrl, parseEmails } from './notify-meta';

export function RuleDialog({
  rule,
  open,
  onOpenChange,
  onSaved,
}: {
  rule: NotifyRule | null;
  open: boolean;
  onOpenChange(open: boolean): void;
  onSaved(rule: NotifyRule): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={rule ? t('notifications.rule.editTitle', { name: rule.name }) : t('notifications.rule.addTitle')}
      description={t('notifications.rule.description')}
    >
      {open && (
        <RuleForm
          rule={rule}
          onClose={() => onOpenChange(false)}
          onSaved={(saved) => {
            onSaved(saved);
            onOpenChange(false);
          }}
        />
      )}
    </Dialog>
  );
}

interface Errors {
  name?: string;
  events?: string;
  emails?: string;
  webhookUrl?: string;
  channels?: string;
}

function RuleForm({
  rule,
  onClose,
  onSaved,
}: {
  rule: NotifyRule | null;
  onClose(): void;
  onSaved(rule: NotifyRule): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const eventsId = useId();
  const [name, setName] = useState(rule?.name ?? '');
  const [events, setEvents] = useState<NotifyEvent[]>(rule?.events ?? ['incident.opened', 'health.critical']);
  const [minSeverity, setMinSeverity] = useState<Severity>(rule?.minSeverity ?? 'SEV4');
  const [desktop, setDesktop] = useState(rule?.desktop ?? true);
  const [emails, setEmails] = useState((rule?.emails ?? []).join('\n'));
  const [webhookUrl, setWebhookUrl] = useState(rule?.webhookUrl ?? '');
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [errors, setErrors] = useState<Errors>({});

  const submit = useSubmit(async () => {
    const saved = await transport.call('notify.saveRule', {
      ...(rule ? { id: rule.id } : {}),
      name: name.trim(),
      events,
      minSeverity,
      desktop,
      emails: parseEmails(emails),
      webhookUrl: webhookUrl.trim() || null,
      ...(removeSecret ? { webhookSecret: '' } : secret ? { webhookSecret: secret } : {}),
      enabled,
    });
    showToast(
      'success',
      rule
        ? t('notifications.rule.saved', { name: saved.name })
        : t('notifications.rule.added', { name: saved.name }),
    );
    onSaved(saved);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!name.trim() || name.trim().length > 100) found.name = t('validation.name');
    if (events.length === 0) found.events = t('notifications.rule.eventsRequired');
    const list = parseEmails(emails);
    const bad = list.filter((email) => !isEmail(email));
    if (bad.length > 0) found.emails = t('notifications.rule.emailsInvalid', { emails: bad.join(', ') });
    else if (list.length > 20) found.emails = t('notifications.rule.emailsTooMany');
    if (webhookUrl.trim() && !isHttpUrl(webhookUrl))
      found.webhookUrl = t('notifications.rule.webhookInvalid');
    if (!desktop && list.length === 0 && !webhookUrl.trim())
      found.channels = t('notifications.rule.channelRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const toggleEvent = (event: NotifyEvent, on: boolean) =>
    setEvents((current) =>
      on
        ? notifyEvents.filter((e) => e === event || current.includes(e))
        : current.filter((e) => e !== event),
    );

  const fieldError = (field: string) =>
    submit.error?.code === 'VALIDATION' && submit.error.field?.startsWith(field)
      ? submit.error.reason
        ? message(submit.error)
        : t('validation.invalid')
      : null;

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && submit.error.code !== 'VALIDATION' && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      {submit.error?.code === 'VALIDATION' && !submit.error.field && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('fields.name')}
        value={name}
        maxLength={100}
        placeholder={t('notifications.rule.namePlaceholder')}
        error={errors.name ?? fieldError('name')}
        onChange={(event) => setName(event.target.value)}
      />
      <fieldset aria-describedby={errors.events ? `${eventsId}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t('notifications.rule.events')}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {notifyEvents.map((event) => (
            <CheckboxField
              key={event}
              label={t(`notifications.events.${eventKey(event)}`)}
              checked={events.includes(event)}
              aria-invalid={errors.events ? true : undefined}
              onChange={(change) => toggleEvent(event, change.target.checked)}
            />
          ))}
        </div>
        {errors.events && (
          <p id={`${eventsId}-error`} className="mt-1.5 text-sm text-red-700">
            {errors.events}
          </p>
        )}
      </fieldset>
      <SelectField
        label={t('notifications.rule.minSeverity')}
        value={minSeverity}
        hint={t('notifications.rule.minSeverityHint')}
        onChange={(event) => setMinSeverity(event.target.value as Severity)}
        options={severities.map((s) => ({
          value: s,
          label: t('notifications.rule.severityAndUp', { severity: t(`incidents.severityNames.${s}`) }),
        }))}
      />
      <fieldset className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-100">
        <legend className="sr-only">{t('notifications.rule.channels')}</legend>
        <p aria-hidden="true" className="text-sm font-medium text-slate-800">
          {t('notifications.rule.channels')}
        </p>
        {errors.channels && (
          <p role="alert" className="text-sm text-red-700">
            {errors.channels}
          </p>
        )}
        <CheckboxField
          label={t('notifications.rule.desktop')}
          hint={t('notifications.rule.desktopHint')}
          checked={desktop}
          onChange={(event) => setDesktop(event.target.checked)}
        />
        <TextAreaField
          label={t('notifications.rule.emails')}
          optional={t('common.optional')}
          rows={2}
          value={emails}
          placeholder="ops@example.com"
          hint={t('notifications.rule.emailsHint')}
          error={errors.emails ?? fieldError('emails')}
          onChange={(event) => setEmails(event.target.value)}
        />
        <TextField
          label={t('notifications.rule.webhookUrl')}
          optional={t('common.optional')}
          mono
          value={webhookUrl}
          placeholder="https://hooks.example.com/mindframe"
          error={errors.webhookUrl ?? fieldError('webhookUrl')}
          onChange={(event) => setWebhookUrl(event.target.value)}
        />
        <BlockedAddressHelp
          error={submit.error?.field === 'webhookUrl' ? submit.error : null}
          hostPort={hostPortOfUrl(webhookUrl)}
          onAllowed={() => void submit.run()}
        />
        {webhookUrl.trim() && (
          <>
            <TextField
              label={t('notifications.rule.secret')}
              optional={t('common.optional')}
              type="password"
              autoComplete="new-password"
              value={secret}
              disabled={removeSecret}
              placeholder={rule?.webhookSigned ? t('notifications.rule.secretStoredPlaceholder') : ''}
              hint={
                rule?.webhookSigned
                  ? t('notifications.rule.secretStored')
                  : t('notifications.rule.secretHint')
              }
              onChange={(event) => setSecret(event.target.value)}
            />
            {rule?.webhookSigned && (
              <CheckboxField
                label={t('notifications.rule.removeSecret')}
                checked={removeSecret}
                onChange={(event) => setRemoveSecret(event.target.checked)}
              />
            )}
          </>
        )}
      </fieldset>
      <CheckboxField
        label={t('notifications.rule.enabled')}
        hint={t('notifications.rule.enabledHint')}
        checked={enabled}
        onChange={(event) => setEnabled(event.target.checked)}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {rule ? t('notifications.rule.save') : t('notifications.rule.add')}
        </Button>
      </DialogActions>
    </form>
  );
}
