import { Save } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { SelectField, TextField } from '../../components/Field';
import { SwitchField } from '../../components/Switch';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { MethodInput, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';

type ListenerState = MethodOutput<'setup.publicListener'>;
type PublicListenerSetting = MethodInput<'setup.savePublicListener'>;

interface Draft {
  enabled: boolean;
  port: string;
  host: PublicListenerSetting['host'];
  publicUrl: string;
}

const draftOf = (setting: PublicListenerSetting): Draft => ({
  enabled: setting.enabled,
  port: String(setting.port),
  host: setting.host,
  publicUrl: setting.publicUrl ?? '',
});

/**
 * "Customers reach this computer" (issue 13), for the platform admin: where the channels' public door
 * answers, and what it takes for customers on the internet to reach it. The desktop app opens its
 * public listener from this setting; a served installation opens it with `mindframe serve
 * --public-port`, so there the card only shows it. Which of the two runs the core is what the core
 * answers (`hostApplies`: the host applies the setting), not a guess from the window.
 */
export function PublicListenerCard() {
  const { t } = useTranslation();
  const loaded = useLoad(() => transport.call('setup.publicListener', {}), 'public-listener');
  const state = loaded.data;
  return (
    <Card title={t('publicListener.title')} titleId="public-listener-title" className="mt-6">
      {loaded.error ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : !state ? (
        <LoadingState label={t('publicListener.loading')} />
      ) : (
        <div className="flex flex-col gap-4 p-5">
          <Where state={state} />
          <Guidance />
          {state.hostApplies ? (
            <ListenerForm state={state} onSaved={(next) => loaded.update(() => next)} />
          ) : (
            <ServedListener state={state} />
          )}
        </div>
      )}
    </Card>
  );
}

/** Where customers reach the public door now. */
function Where({ state }: { state: ListenerState }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2">
      {state.publicOrigin ? (
        <p className="text-sm text-slate-700">
          {t('publicListener.reachedAt')}{' '}
          <span className="font-mono break-all text-slate-900">{state.publicOrigin}</span>
        </p>
      ) : (
        <p className="text-sm text-slate-700">{t('publicListener.none')}</p>
      )}
      {state.problem && state.setting.enabled && (
        <Alert tone="error">
          {t(`publicListener.problem.${state.problem}`, { port: state.setting.port })}
        </Alert>
      )}
    </div>
  );
}

function Guidance() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2 rounded-md bg-slate-50 p-4 text-sm text-slate-700">
      <p>{t('publicListener.guidance.router')}</p>
      <p>{t('publicListener.guidance.email')}</p>
      <p>{t('publicListener.guidance.relay')}</p>
    </div>
  );
}

/** Served mode: the served host owns its listeners; the card says how they are set. */
function ServedListener({ state }: { state: ListenerState }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2 text-sm text-slate-700">
      <p>{t('publicListener.served.intro')}</p>
      <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">
        mindframe serve --public-port 8080 --public-url https://chat.example.com
      </pre>
      <p>{t(state.publicOrigin ? 'publicListener.served.on' : 'publicListener.served.off')}</p>
    </div>
  );
}

const httpsPattern = /^https:\/\/[^\s/?#]+(\/\S*)?$/;

function ListenerForm({ state, onSaved }: { state: ListenerState; onSaved(next: ListenerState): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((s) => s.show);
  const [draft, setDraft] = useState<Draft>(() => draftOf(state.setting));
  const [invalid, setInvalid] = useState<{ port?: string; publicUrl?: string }>({});

  const save = useSubmit(async (setting: PublicListenerSetting) => {
    const next = await transport.call('setup.savePublicListener', setting);
    onSaved(next);
    if (!next.problem)
      showToast('success', t(next.setting.enabled ? 'publicListener.savedOn' : 'publicListener.savedOff'));
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const port = Number(draft.port.trim());
    const publicUrl = draft.publicUrl.trim();
    const problems: { port?: string; publicUrl?: string } = {};
    if (!/^\d+$/.test(draft.port.trim()) || port < 1024 || port > 65535)
      problems.port = t('publicListener.form.portInvalid');
    if (publicUrl !== '' && !httpsPattern.test(publicUrl))
      problems.publicUrl = t('publicListener.form.urlInvalid');
    setInvalid(problems);
    if (problems.port || problems.publicUrl) return;
    void save.run({
      enabled: draft.enabled,
      port,
      host: draft.host,
      publicUrl: publicUrl === '' ? null : publicUrl,
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4 border-t border-slate-100 pt-4">
      {save.error && (
        <Alert tone="error" reason={save.error?.reason}>
          {message(save.error)}
        </Alert>
      )}
      <SwitchField
        label={t('publicListener.form.enabled')}
        hint={t('publicListener.form.enabledHint')}
        checked={draft.enabled}
        onChange={(enabled) => setDraft({ ...draft, enabled })}
      />
      <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <TextField
          label={t('publicListener.form.port')}
          hint={t('publicListener.form.portHint')}
          inputMode="numeric"
          mono
          value={draft.port}
          error={invalid.port ?? null}
          onChange={(event) => setDraft({ ...draft, port: event.target.value })}
        />
        <SelectField
          label={t('publicListener.form.host')}
          value={draft.host}
          options={[
            { value: '127.0.0.1', label: t('publicListener.form.hostLoopback') },
            { value: '0.0.0.0', label: t('publicListener.form.hostEvery') },
          ]}
          onChange={(event) =>
            setDraft({ ...draft, host: event.target.value === '0.0.0.0' ? '0.0.0.0' : '127.0.0.1' })
          }
        />
      </div>
      {draft.host === '0.0.0.0' && (
        <Alert tone="warning" title={t('publicListener.form.everyWarningTitle')}>
          {t('publicListener.form.everyWarning')}
        </Alert>
      )}
      <TextField
        label={t('publicListener.form.publicUrl')}
        hint={t('publicListener.form.publicUrlHint')}
        optional={t('common.optional')}
        mono
        type="url"
        placeholder="https://chat.example.com"
        value={draft.publicUrl}
        error={invalid.publicUrl ?? null}
        onChange={(event) => setDraft({ ...draft, publicUrl: event.target.value })}
      />
      <div>
        <Button
          type="submit"
          variant="primary"
          icon={<Save aria-hidden="true" className="size-4" />}
          busy={save.busy}
        >
          {t('publicListener.form.save')}
        </Button>
      </div>
    </form>
  );
}
