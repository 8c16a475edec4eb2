import { CircleAlert, CircleCheck, Globe, Mail, Monitor, Send } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BlockedAddressHelp } from '../../components/BlockedAddressHelp';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { hostPortOf, hostPortOfUrl } from '../../components/outbound-target';
import type { MethodOutput, NotifyChannel } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { isEmail } from '../../lib/validate';
import { useSessionStore } from '../../stores/session-store';
import { toCallError, transport, type CallError } from '../../transport';
import { isHttpUrl, type SmtpSettings } from './notify-meta';
import { useMessageText } from '../../i18n/message';

type TestResult = { busy: boolean; result?: MethodOutput<'notify.test'>; error?: CallError };

/** Send a test notification on each channel and see what happened. */
export function TestCard({ smtp }: { smtp: SmtpSettings | null }) {
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
  const say = useMessageText();
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
                <span className="block text-slate-600">{say(state.result.message, state.result.text)}</span>
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
