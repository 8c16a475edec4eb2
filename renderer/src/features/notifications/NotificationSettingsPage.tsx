import {
  Bell,
  BellOff,
  CircleAlert,
  CircleCheck,
  Globe,
  Mail,
  Monitor,
  Pencil,
  Plus,
  Send,
  Trash2,
  Webhook,
} from 'lucide-react';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { BlockedAddressHelp } from '../../components/BlockedAddressHelp';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { hostPortOf, hostPortOfUrl } from '../../components/outbound-target';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import type { MethodOutput, NotifyChannel, NotifyRule } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { useSubmit } from '../../lib/use-submit';
import { isEmail } from '../../lib/validate';
import { useSessionStore } from '../../stores/session-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { severityTone } from '../incidents/incident-meta';
import { requestDesktopPermission, useDesktopPermission } from './desktop-notifications';
import {
  browserTimeZone,
  eventKey,
  isClock,
  isHttpUrl,
  isQuietAt,
  quietSpan,
  timeZoneOptions,
  type QuietHours,
} from './notify-meta';
import { RuleDialog } from './RuleDialog';

type Settings = MethodOutput<'notify.rules'>;
type Smtp = NonNullable<Settings['smtp']>;

export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { manageNotifications } = usePermissions();
  const loaded = useLoad(() => transport.call('notify.rules', {}), 'notify', manageNotifications);
  const { update } = loaded;

  return (
    <>
      <PageHeader title={t('notifications.title')} description={t('notifications.description')} />
      <div className="flex flex-col gap-6">
        <BrowserCard />
        {!manageNotifications ? (
          <Card>
            <EmptyState icon={BellOff} title={t('notifications.adminsOnly')} />
          </Card>
        ) : loaded.error && !loaded.data ? (
          <Card>
            <ErrorState error={loaded.error} onRetry={loaded.reload} />
          </Card>
        ) : !loaded.data ? (
          <Card>
            <LoadingState label={t('notifications.loading')} />
          </Card>
        ) : (
          <>
            <RulesCard
              rules={loaded.data.rules}
              onSaved={(rule) =>
                update((data) => ({
                  ...data,
                  rules: data.rules.some((r) => r.id === rule.id)
                    ? data.rules.map((r) => (r.id === rule.id ? rule : r))
                    : [...data.rules, rule],
                }))
              }
              onDeleted={(ruleId) =>
                update((data) => ({ ...data, rules: data.rules.filter((r) => r.id !== ruleId) }))
              }
            />
            <div className="grid gap-6 lg:grid-cols-2">
              <QuietHoursCard
                key={JSON.stringify(loaded.data.quietHours)}
                quiet={loaded.data.quietHours}
                onSaved={(quietHours) => update((data) => ({ ...data, quietHours }))}
              />
              <SmtpCard
                key={JSON.stringify(loaded.data.smtp)}
                smtp={loaded.data.smtp}
                onSaved={(smtp) => update((data) => ({ ...data, smtp }))}
              />
            </div>
            <TestCard smtp={loaded.data.smtp} />
          </>
        )}
      </div>
    </>
  );
}

function BrowserCard() {
  const { t } = useTranslation();
  const permission = useDesktopPermission();
  const showToast = useToastStore((state) => state.show);
  const [asking, setAsking] = useState(false);
  const ask = async () => {
    setAsking(true);
    try {
      const answer = await requestDesktopPermission();
      if (answer === 'granted') showToast('success', t('notifications.browser.granted'));
      else if (answer === 'denied') showToast('error', t('notifications.browser.deniedNow'));
    } finally {
      setAsking(false);
    }
  };
  return (
    <Card title={t('notifications.browser.title')} titleId="notify-browser-title">
      <div className="flex flex-wrap items-center gap-4 px-5 py-4">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
          <Monitor aria-hidden="true" className="size-5" />
        </span>
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium text-slate-900">{t(`notifications.browser.state.${permission}`)}</p>
          <p className="text-slate-600">{t(`notifications.browser.explain.${permission}`)}</p>
        </div>
        {permission === 'default' && (
          <Button
            variant="primary"
            busy={asking}
            icon={<Bell aria-hidden="true" className="size-4" />}
            onClick={() => void ask()}
          >
            {t('notifications.browser.enable')}
          </Button>
        )}
        {permission === 'granted' && <Badge tone="success">{t('notifications.browser.on')}</Badge>}
      </div>
    </Card>
  );
}

function RulesCard({
  rules,
  onSaved,
  onDeleted,
}: {
  rules: NotifyRule[];
  onSaved(rule: NotifyRule): void;
  onDeleted(ruleId: string): void;
}) {
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [editing, setEditing] = useState<NotifyRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<NotifyRule | null>(null);
  return (
    <Card
      title={t('notifications.rules.title')}
      titleId="notify-rules-title"
      actions={
        <Button
          size="sm"
          variant="primary"
          icon={<Plus aria-hidden="true" className="size-4" />}
          onClick={() => setEditing('new')}
        >
          {t('notifications.rules.add')}
        </Button>
      }
    >
      {rules.length === 0 ? (
        <EmptyState icon={Bell} title={t('notifications.rules.empty')}>
          {t('notifications.rules.emptyHint')}
        </EmptyState>
      ) : (
        <Table label={t('notifications.rules.title')}>
          <thead>
            <tr>
              <Th>{t('fields.name')}</Th>
              <Th>{t('notifications.rules.columns.events')}</Th>
              <Th>{t('notifications.rules.columns.severity')}</Th>
              <Th>{t('notifications.rules.columns.channels')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id} className="align-top hover:bg-slate-50/60">
                <Td className="min-w-36">
                  <p className="font-medium text-slate-900">{rule.name}</p>
                  {!rule.enabled && <Badge className="mt-1">{t('notifications.rules.disabled')}</Badge>}
                </Td>
                <Td className="max-w-72">
                  <ul className="flex flex-wrap gap-1">
                    {rule.events.map((event) => (
                      <li key={event}>
                        <Badge tone="accent">{t(`notifications.events.${eventKey(event)}`)}</Badge>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td className="whitespace-nowrap">
                  <Badge tone={severityTone[rule.minSeverity]}>
                    {t('notifications.rules.andUp', { severity: rule.minSeverity })}
                  </Badge>
                </Td>
                <Td className="text-sm text-slate-700">
                  <ul className="flex flex-col gap-0.5">
                    {rule.desktop && (
                      <ChannelLine icon={<Monitor aria-hidden="true" className="size-3.5" />}>
                        {t('notifications.channels.desktop')}
                      </ChannelLine>
                    )}
                    {rule.emails.length > 0 && (
                      <ChannelLine icon={<Mail aria-hidden="true" className="size-3.5" />}>
                        <span title={rule.emails.join(', ')}>
                          {rule.emails.length === 1
                            ? rule.emails[0]
                            : t('notifications.rules.emailsMore', {
                                count: rule.emails.length - 1,
                                first: rule.emails[0],
                              })}
                        </span>
                      </ChannelLine>
                    )}
                    {rule.webhookUrl && (
                      <ChannelLine icon={<Webhook aria-hidden="true" className="size-3.5" />}>
                        <span className="max-w-56 truncate font-mono text-xs" title={rule.webhookUrl}>
                          {rule.webhookUrl}
                        </span>
                        {rule.webhookSigned && (
                          <Badge className="ml-1">{t('notifications.rules.signed')}</Badge>
                        )}
                      </ChannelLine>
                    )}
                  </ul>
                </Td>
                <Td className="text-right whitespace-nowrap">
                  <div className="flex justify-end gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Pencil aria-hidden="true" className="size-4" />}
                      aria-label={t('notifications.rules.editNamed', { name: rule.name })}
                      onClick={() => setEditing(rule)}
                    />
                    <Button
                      size="sm"
                      variant="ghostDanger"
                      icon={<Trash2 aria-hidden="true" className="size-4" />}
                      aria-label={t('notifications.rules.deleteNamed', { name: rule.name })}
                      onClick={() => setDeleting(rule)}
                    />
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <RuleDialog
        rule={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        onSaved={onSaved}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('notifications.rules.confirmDelete.title', { name: deleting?.name ?? '' })}
        description={t('notifications.rules.confirmDelete.description', { name: deleting?.name ?? '' })}
        confirmLabel={t('notifications.rules.confirmDelete.confirm')}
        onConfirm={async () => {
          if (!deleting) return;
          await transport.call('notify.deleteRule', { ruleId: deleting.id });
          onDeleted(deleting.id);
          showToast('success', t('notifications.rules.deleted', { name: deleting.name }));
        }}
      />
    </Card>
  );
}

function ChannelLine({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <li className="flex items-center gap-1.5">
      <span className="text-slate-400">{icon}</span>
      {children}
    </li>
  );
}

function QuietHoursCard({ quiet, onSaved }: { quiet: QuietHours; onSaved(quiet: QuietHours): void }) {
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
        {submit.error && <Alert tone="error">{message(submit.error)}</Alert>}
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

function SmtpCard({ smtp, onSaved }: { smtp: Smtp | null; onSaved(smtp: Smtp): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState(String(smtp?.port ?? 587));
  const [secure, setSecure] = useState(smtp?.secure ?? false);
  const [user, setUser] = useState(smtp?.user ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(smtp?.from ?? '');
  const [errors, setErrors] = useState<{ host?: string; port?: string; from?: string }>({});

  const submit = useSubmit(async () => {
    const saved = await transport.call('notify.saveSmtp', {
      host: host.trim(),
      port: Number(port),
      secure,
      ...(user.trim() ? { user: user.trim() } : {}),
      ...(password ? { password } : {}),
      from: from.trim(),
    });
    setPassword('');
    showToast('success', t('notifications.smtp.saved'));
    onSaved(saved);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!host.trim()) found.host = t('validation.required');
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535)
      found.port = t('notifications.smtp.portInvalid');
    if (from.trim().length < 3) found.from = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length === 0) void submit.run();
  };
  const fieldError = (field: string) =>
    submit.error?.code === 'VALIDATION' && submit.error.field === field
      ? submit.error.reason
        ? message(submit.error)
        : t('validation.invalid')
      : null;

  return (
    <Card title={t('notifications.smtp.title')} titleId="notify-smtp-title">
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4 p-5">
        <p className="text-sm text-slate-600">
          {smtp ? t('notifications.smtp.descriptionSet') : t('notifications.smtp.descriptionUnset')}
        </p>
        {submit.error && !(submit.error.code === 'VALIDATION' && submit.error.field) && (
          <Alert tone="error">{message(submit.error)}</Alert>
        )}
        <div className="grid grid-cols-3 gap-4">
          <TextField
            className="col-span-2"
            label={t('notifications.smtp.host')}
            value={host}
            placeholder="smtp.example.com"
            error={errors.host ?? fieldError('host')}
            onChange={(event) => setHost(event.target.value)}
          />
          <TextField
            label={t('notifications.smtp.port')}
            type="number"
            inputMode="numeric"
            value={port}
            error={errors.port ?? fieldError('port')}
            onChange={(event) => setPort(event.target.value)}
          />
        </div>
        <BlockedAddressHelp
          error={submit.error?.field === 'host' ? submit.error : null}
          hostPort={hostPortOf(host, Number(port))}
          onAllowed={() => void submit.run()}
        />
        <CheckboxField
          label={t('notifications.smtp.secure')}
          hint={t('notifications.smtp.secureHint')}
          checked={secure}
          onChange={(event) => {
            setSecure(event.target.checked);
            if (event.target.checked && port === '587') setPort('465');
            if (!event.target.checked && port === '465') setPort('587');
          }}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField
            label={t('notifications.smtp.user')}
            optional={t('common.optional')}
            autoComplete="off"
            value={user}
            onChange={(event) => setUser(event.target.value)}
          />
          <TextField
            label={t('notifications.smtp.password')}
            optional={t('common.optional')}
            type="password"
            autoComplete="new-password"
            value={password}
            placeholder={smtp?.hasPassword ? t('notifications.smtp.passwordStoredPlaceholder') : ''}
            hint={
              smtp?.hasPassword
                ? t('notifications.smtp.passwordStored')
                : t('notifications.smtp.passwordHint')
            }
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <TextField
          label={t('notifications.smtp.from')}
          value={from}
          placeholder="Mindframe <alerts@example.com>"
          error={errors.from ?? fieldError('from')}
          onChange={(event) => setFrom(event.target.value)}
        />
        <div className="flex justify-end">
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('notifications.smtp.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

type TestResult = { busy: boolean; result?: MethodOutput<'notify.test'>; error?: CallError };

function TestCard({ smtp }: { smtp: Smtp | null }) {
  const { t } = useTranslation();
  const smtpReady = smtp !== null;
  const myEmail = useSessionStore((state) => state.me?.user.email ?? '');
  const [email, setEmail] = useState(myEmail);
  const [webhook, setWebhook] = useState('');
  const [results, setResults] = useState<Partial<Record<NotifyChannel, TestResult>>>({});
  const [invalid, setInvalid] = useState<Partial<Record<NotifyChannel, string>>>({});

  const send = async (channel: NotifyChannel, to?: string) => {
    setResults((all) => ({ ...all, [channel]: { busy: true } }));
    try {
      const result = await transport.call('notify.test', { channel, ...(to ? { to } : {}) });
      setResults((all) => ({ ...all, [channel]: { busy: false, result } }));
    } catch (caught) {
      setResults((all) => ({ ...all, [channel]: { busy: false, error: toCallError(caught) } }));
    }
  };

  const check = (channel: NotifyChannel, valid: boolean, error: string, to: string) => {
    setInvalid((all) => ({ ...all, [channel]: valid ? undefined : error }));
    if (valid) void send(channel, to);
  };

  return (
    <Card title={t('notifications.test.title')} titleId="notify-test-title">
      <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
        {t('notifications.test.description')}
      </p>
      <ul className="divide-y divide-slate-100">
        <TestRow
          icon={<Monitor aria-hidden="true" className="size-4" />}
          label={t('notifications.channels.desktop')}
          hint={t('notifications.test.desktopHint')}
          state={results.desktop}
          onSend={() => void send('desktop')}
        />
        <TestRow
          icon={<Mail aria-hidden="true" className="size-4" />}
          label={t('notifications.channels.email')}
          hint={smtpReady ? undefined : t('notifications.test.smtpFirst')}
          state={results.email}
          blockedAt={smtp ? hostPortOf(smtp.host, smtp.port) : null}
          input={{
            label: t('notifications.test.emailTo'),
            value: email,
            type: 'email',
            onChange: setEmail,
            error: invalid.email,
          }}
          onSend={() => check('email', isEmail(email), t('validation.email'), email.trim())}
        />
        <TestRow
          icon={<Globe aria-hidden="true" className="size-4" />}
          label={t('notifications.channels.webhook')}
          state={results.webhook}
          blockedAt={hostPortOfUrl(webhook)}
          input={{
            label: t('notifications.test.webhookTo'),
            value: webhook,
            type: 'url',
            placeholder: 'https://hooks.example.com/mindframe',
            onChange: setWebhook,
            error: invalid.webhook,
          }}
          onSend={() =>
            check('webhook', isHttpUrl(webhook), t('notifications.rule.webhookInvalid'), webhook.trim())
          }
        />
      </ul>
    </Card>
  );
}

function TestRow({
  icon,
  label,
  hint,
  state,
  input,
  onSend,
  blockedAt = null,
}: {
  icon: ReactNode;
  label: string;
  hint?: string;
  state: TestResult | undefined;
  /** The host:port a blocked_address refusal is about (the platform admin may allow it here). */
  blockedAt?: string | null;
  input?: {
    label: string;
    value: string;
    type: string;
    placeholder?: string;
    onChange(value: string): void;
    error?: string;
  };
  onSend(): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const inputId = useId();
  return (
    <li className="flex flex-wrap items-start gap-4 px-5 py-4">
      <div className="flex w-44 items-center gap-2 pt-2 text-sm font-medium text-slate-900">
        <span className="text-slate-500">{icon}</span>
        {label}
      </div>
      <div className="min-w-60 flex-1">
        {input ? (
          <>
            <label htmlFor={inputId} className="sr-only">
              {input.label}
            </label>
            <input
              id={inputId}
              type={input.type}
              value={input.value}
              placeholder={input.placeholder}
              aria-invalid={input.error ? true : undefined}
              aria-describedby={input.error ? `${inputId}-error` : undefined}
              onChange={(event) => input.onChange(event.target.value)}
              className="block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600 aria-[invalid=true]:border-red-500"
            />
            {input.error && (
              <p id={`${inputId}-error`} className="mt-1 text-sm text-red-700">
                {input.error}
              </p>
            )}
          </>
        ) : null}
        {hint && <p className="pt-2 text-sm text-slate-500">{hint}</p>}
        <div aria-live="polite" className="text-sm">
          {state?.error ? (
            <p className="mt-2 flex items-start gap-1 text-red-700">
              <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {message(state.error)}
            </p>
          ) : state?.result ? (
            <p
              className={
                state.result.ok
                  ? 'mt-2 flex items-start gap-1 text-emerald-700'
                  : 'mt-2 flex items-start gap-1 text-red-700'
              }
            >
              {state.result.ok ? (
                <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              ) : (
                <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              )}
              <span>
                {state.result.ok ? t('notifications.test.ok') : t('notifications.test.failed')}
                {state.result.message && <span className="block text-slate-600">{state.result.message}</span>}
              </span>
            </p>
          ) : null}
          <BlockedAddressHelp error={state?.error} hostPort={blockedAt} onAllowed={onSend} />
        </div>
      </div>
      <Button
        busy={state?.busy}
        icon={<Send aria-hidden="true" className="size-4" />}
        aria-label={t('notifications.test.sendNamed', { channel: label })}
        onClick={onSend}
      >
        {t('notifications.test.send')}
      </Button>
    </li>
  );
}
