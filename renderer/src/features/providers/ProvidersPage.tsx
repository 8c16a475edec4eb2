import { CircleAlert, CircleCheck, Cpu, KeyRound, Pencil, PlugZap, Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { BlockedAddressHelp } from '../../components/BlockedAddressHelp';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import { hostPortOfUrl } from '../../components/outbound-target';
import { providerKinds, type MethodOutput, type Provider, type ProviderKind } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { serverFieldError } from '../../i18n/field-errors';
import { useFormat } from '../../i18n/format';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { useProvidersStore } from '../../stores/providers-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, type CallError } from '../../transport';
import { OutboundAllowList } from './OutboundAllowList';
import { isHttpUrl, parseModels, providerKindInfo } from './provider-kinds';
import {
  VoiceFields,
  VoiceSummary,
  voiceDraftOf,
  voiceErrors,
  voiceFieldNames,
  voiceInput,
  type VoiceDraft,
  type VoiceErrors,
} from './VoiceFields';
import { SecretStoreNotice } from '../../components/SecretStoreNotice';
import { useMessageText } from '../../i18n/message';

type TestResult = MethodOutput<'providers.test'>;
type TestState = { busy: boolean; result?: TestResult; error?: CallError };

export function ProvidersPage() {
  const { t } = useTranslation();
  const { manageProviders, platformAdmin } = usePermissions();
  const { providers, localModels, status, error, load } = useProvidersStore();
  const remove = useProvidersStore((state) => state.remove);
  const test = useProvidersStore((state) => state.test);
  const showToast = useToastStore((state) => state.show);
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});

  useEffect(() => {
    void load();
  }, [load]);

  const runTest = async (provider: Provider) => {
    setTests((all) => ({ ...all, [provider.id]: { busy: true } }));
    try {
      const result = await test(provider.id);
      setTests((all) => ({ ...all, [provider.id]: { busy: false, result } }));
    } catch (caught) {
      setTests((all) => ({ ...all, [provider.id]: { busy: false, error: toCallError(caught) } }));
    }
  };

  const addButton = manageProviders && (
    <Button
      variant="primary"
      icon={<Plus aria-hidden="true" className="size-4" />}
      onClick={() => setEditing('new')}
    >
      {t('providers.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('providers.title')} description={t('providers.description')} actions={addButton} />
      <SecretStoreNotice className="mb-6">{t('providers.keyNeverShown')}</SecretStoreNotice>
      {!manageProviders && (
        <Alert tone="info" className="mb-6">
          {t('providers.readOnly')}
        </Alert>
      )}
      <Card>
        {status === 'error' ? (
          <ErrorState error={error} onRetry={() => void load()} />
        ) : status !== 'ready' ? (
          <LoadingState label={t('providers.loading')} />
        ) : (
          <Table label={t('providers.tableLabel')}>
            <thead>
              <tr>
                <Th>{t('fields.name')}</Th>
                <Th>{t('providers.columns.address')}</Th>
                <Th>{t('providers.columns.models')}</Th>
                <Th className="hidden xl:table-cell">{t('providers.columns.key')}</Th>
                <Th>{t('providers.columns.connection')}</Th>
                {manageProviders && <ActionsTh />}
              </tr>
            </thead>
            <tbody>
              <tr className="bg-indigo-50/40">
                <Td>
                  <span className="flex items-center gap-2 font-medium text-slate-900">
                    <Cpu aria-hidden="true" className="size-4 shrink-0 text-indigo-600" />
                    {t('models.local')}
                  </span>
                  <Badge tone="accent" className="mt-1">
                    {t('providers.builtIn')}
                  </Badge>
                  {/* below a wide screen the key stands under the name, not in a column of its own */}
                  <span className="mt-1 block text-sm text-slate-600 xl:hidden">
                    {t('providers.noKeyNeeded')}
                  </span>
                </Td>
                <Td className="text-slate-600">{t('providers.onThisComputer')}</Td>
                <Td>
                  <ModelChips models={localModels} />
                </Td>
                <Td className="hidden text-slate-600 xl:table-cell">{t('providers.noKeyNeeded')}</Td>
                <Td className="min-w-44 xl:min-w-52">
                  <span className="inline-flex items-center gap-1 text-sm text-emerald-700">
                    <CircleCheck aria-hidden="true" className="size-4 shrink-0" />
                    {t('providers.alwaysAvailable')}
                  </span>
                </Td>
                {manageProviders && <Td />}
              </tr>
              {providers.map((provider) => (
                <ProviderRow
                  key={provider.id}
                  provider={provider}
                  manage={manageProviders}
                  test={tests[provider.id]}
                  onTest={() => void runTest(provider)}
                  onEdit={() => setEditing(provider)}
                  onDelete={() => setDeleting(provider)}
                />
              ))}
            </tbody>
          </Table>
        )}
        {status === 'ready' && providers.length === 0 && (
          <p className="border-t border-slate-100 px-5 py-4 text-sm text-slate-600">
            {t('providers.onlyLocal')}
          </p>
        )}
      </Card>
      {platformAdmin && <OutboundAllowList />}
      <ProviderDialog
        provider={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('providers.confirmDelete.title', { name: deleting?.name ?? '' })}
        description={t('providers.confirmDelete.description', { name: deleting?.name ?? '' })}
        confirmLabel={t('providers.confirmDelete.confirm')}
        onConfirm={async () => {
          if (!deleting) return;
          await remove(deleting.id);
          showToast('success', t('providers.deleted', { name: deleting.name }));
        }}
      />
    </>
  );
}

function ModelChips({ models }: { models: string[] }) {
  const { t } = useTranslation();
  const shown = models.slice(0, 3);
  return (
    <span className="flex max-w-64 flex-wrap gap-1">
      {shown.map((model) => (
        <Badge key={model} className="font-mono">
          {model}
        </Badge>
      ))}
      {models.length > shown.length && (
        <span className="text-xs text-slate-500" title={models.slice(3).join(', ')}>
          {t('providers.moreModels', { count: models.length - shown.length })}
        </span>
      )}
    </span>
  );
}

function ProviderRow({
  provider,
  manage,
  test,
  onTest,
  onEdit,
  onDelete,
}: {
  provider: Provider;
  manage: boolean;
  test: TestState | undefined;
  onTest(): void;
  onEdit(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const { number, dateTime } = useFormat();
  const say = useMessageText();
  const message = useErrorMessage();
  const last = test?.result
    ? {
        ok: test.result.ok,
        latencyMs: test.result.latencyMs,
        message: test.result.message,
        text: test.result.text,
        at: null,
      }
    : provider.lastTest;
  const key = provider.hasKey ? (
    <span className="inline-flex items-center gap-1 text-sm text-slate-700">
      <KeyRound aria-hidden="true" className="size-4 shrink-0 text-emerald-600" />
      {t('providers.keyStored')}
    </span>
  ) : (
    <span className="text-sm text-slate-500">{t('providers.noKey')}</span>
  );
  return (
    <tr className="align-top hover:bg-slate-50/60">
      <Td>
        <span className="block font-medium text-slate-900">{provider.name}</span>
        <Badge className="mt-1">{t(`providers.kinds.${provider.kind}`)}</Badge>
        {/* below a wide screen the key stands under the name, not in a column of its own */}
        <span className="mt-1 block xl:hidden">{key}</span>
      </Td>
      <Td className="max-w-56 truncate font-mono text-xs text-slate-600">
        {provider.baseUrl ?? (
          <span className="font-sans text-slate-500">{t('providers.defaultAddress')}</span>
        )}
        {provider.azureApiVersion && (
          <span className="block font-sans text-slate-500">
            {t('providers.apiVersion', { version: provider.azureApiVersion })}
          </span>
        )}
      </Td>
      <Td>
        <ModelChips models={provider.models} />
        <VoiceSummary voice={provider.voice} />
      </Td>
      <Td className="hidden xl:table-cell">{key}</Td>
      <Td className="min-w-44 xl:min-w-52">
        <div aria-live="polite">
          {test?.busy ? (
            <span className="text-sm text-slate-600">{t('providers.testing')}</span>
          ) : test?.error ? (
            <>
              <span className="text-sm text-red-700">{message(test.error)}</span>
              <BlockedAddressHelp
                error={test.error}
                hostPort={hostPortOfUrl(provider.baseUrl ?? providerKindInfo[provider.kind].baseUrl)}
                onAllowed={onTest}
              />
            </>
          ) : last ? (
            last.ok ? (
              <span className="inline-flex items-center gap-1 text-sm text-emerald-700">
                <CircleCheck aria-hidden="true" className="size-4 shrink-0" />
                {last.latencyMs !== null
                  ? t('providers.testOk', { ms: number(Math.round(last.latencyMs)) })
                  : t('providers.testOkNoLatency')}
              </span>
            ) : (
              <span className="flex items-start gap-1 text-sm text-red-700">
                <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                <span className="line-clamp-3 break-words">{say(last.message, last.text)}</span>
              </span>
            )
          ) : (
            <span className="text-sm text-slate-500">{t('providers.notTested')}</span>
          )}
          {last?.at && !test?.busy && (
            <span className="block text-xs text-slate-500">{dateTime(last.at)}</span>
          )}
        </div>
        {manage && (
          <Button
            size="sm"
            className="mt-2"
            busy={test?.busy}
            icon={<PlugZap aria-hidden="true" className="size-4" />}
            aria-label={t('providers.testNamed', { name: provider.name })}
            onClick={onTest}
          >
            {t('providers.test')}
          </Button>
        )}
      </Td>
      {manage && (
        <Td className="text-right whitespace-nowrap">
          <div className="flex justify-end gap-1">
            <Button
              size="sm"
              variant="ghost"
              icon={<Pencil aria-hidden="true" className="size-4" />}
              aria-label={t('providers.editNamed', { name: provider.name })}
              onClick={onEdit}
            />
            <Button
              size="sm"
              variant="ghostDanger"
              icon={<Trash2 aria-hidden="true" className="size-4" />}
              aria-label={t('providers.deleteNamed', { name: provider.name })}
              onClick={onDelete}
            />
          </div>
        </Td>
      )}
    </tr>
  );
}

export function ProviderDialog({
  provider,
  open,
  onOpenChange,
}: {
  provider: Provider | null;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={provider ? t('providers.form.editTitle', { name: provider.name }) : t('providers.form.addTitle')}
      description={t('providers.form.description')}
    >
      {open && <ProviderForm provider={provider} onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function ProviderForm({ provider, onClose }: { provider: Provider | null; onClose(): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useProvidersStore((state) => state.save);
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<ProviderKind>(provider?.kind ?? 'openai');
  const [name, setName] = useState(provider?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(provider?.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [models, setModels] = useState((provider?.models ?? []).join('\n'));
  const [apiVersion, setApiVersion] = useState(provider?.azureApiVersion ?? '');
  const [errors, setErrors] = useState<{ name?: string; baseUrl?: string; models?: string }>({});
  const [voice, setVoice] = useState<VoiceDraft>(() => voiceDraftOf(provider));
  const [voiceProblems, setVoiceProblems] = useState<VoiceErrors>({});
  const info = providerKindInfo[kind];

  const submit = useSubmit(async () => {
    const saved = await save({
      ...(provider ? { id: provider.id } : {}),
      kind,
      name: name.trim() || t(`providers.kinds.${kind}`),
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      ...(removeKey ? { apiKey: '' } : apiKey ? { apiKey } : {}),
      models: parseModels(models),
      ...(kind === 'azure' && apiVersion.trim() ? { azureApiVersion: apiVersion.trim() } : {}),
      voice: voiceInput(voice),
    });
    showToast(
      'success',
      provider
        ? t('providers.form.saved', { name: saved.name })
        : t('providers.form.added', { name: saved.name }),
    );
    onClose();
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (name.trim().length > 100) found.name = t('validation.name');
    if (baseUrl.trim() && !isHttpUrl(baseUrl)) found.baseUrl = t('providers.form.urlInvalid');
    if (!baseUrl.trim() && info.needsUrl) found.baseUrl = t('providers.form.urlRequired');
    const list = parseModels(models);
    if (list.length === 0) found.models = t('providers.form.modelsRequired');
    else if (list.length > 50 || list.some((model) => model.length > 200))
      found.models = t('providers.form.modelsInvalid');
    setErrors(found);
    const voiceFound = voiceErrors(t, voice);
    setVoiceProblems(voiceFound);
    if (Object.keys(found).length > 0 || Object.keys(voiceFound).length > 0)
      return focusFirstInvalid(form.current);
    void submit.run();
  };

  const formError =
    submit.error &&
    !(
      submit.error.code === 'VALIDATION' &&
      submit.error.field &&
      ['name', 'baseUrl', 'models', ...voiceFieldNames].includes(submit.error.field)
    )
      ? message(submit.error)
      : null;

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <SelectField
        label={t('providers.form.kind')}
        value={kind}
        disabled={provider !== null}
        hint={provider ? t('providers.form.kindFixed') : undefined}
        onChange={(event) => setKind(event.target.value as ProviderKind)}
        options={providerKinds.map((k) => ({ value: k, label: t(`providers.kinds.${k}`) }))}
      />
      <TextField
        label={t('fields.name')}
        value={name}
        maxLength={100}
        placeholder={t(`providers.kinds.${kind}`)}
        error={errors.name ?? serverFieldError(t, submit.error, 'name')}
        onChange={(event) => setName(event.target.value)}
      />
      <TextField
        label={t('providers.form.baseUrl')}
        optional={info.needsUrl ? undefined : t('common.optional')}
        mono
        value={baseUrl}
        placeholder={info.baseUrl}
        hint={
          info.needsUrl
            ? t(`providers.form.urlHints.${kind}`)
            : t('providers.form.urlDefault', { url: info.baseUrl })
        }
        error={errors.baseUrl ?? serverFieldError(t, submit.error, 'baseUrl')}
        onChange={(event) => setBaseUrl(event.target.value)}
      />
      <BlockedAddressHelp
        error={submit.error}
        hostPort={hostPortOfUrl(baseUrl.trim() || info.baseUrl)}
        onAllowed={() => void submit.run()}
      />
      <TextField
        label={t('providers.form.apiKey')}
        optional={info.needsKey ? undefined : t('common.optional')}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={apiKey}
        disabled={removeKey}
        placeholder={provider?.hasKey ? '••••••••••••' : ''}
        hint={provider?.hasKey ? t('providers.form.keepKey') : t('providers.form.keyHint')}
        onChange={(event) => setApiKey(event.target.value)}
      />
      {provider?.hasKey && (
        <CheckboxField
          label={t('providers.form.removeKey')}
          hint={t('providers.form.removeKeyHint')}
          checked={removeKey}
          onChange={(event) => {
            setRemoveKey(event.target.checked);
            if (event.target.checked) setApiKey('');
          }}
        />
      )}
      <TextAreaField
        label={t('providers.form.models')}
        mono
        rows={3}
        value={models}
        placeholder={info.modelExample}
        hint={kind === 'azure' ? t('providers.form.modelsHintAzure') : t('providers.form.modelsHint')}
        error={errors.models ?? serverFieldError(t, submit.error, 'models')}
        onChange={(event) => setModels(event.target.value)}
      />
      {kind === 'azure' && (
        <TextField
          label={t('providers.form.apiVersion')}
          mono
          value={apiVersion}
          maxLength={40}
          placeholder="2024-10-21"
          onChange={(event) => setApiVersion(event.target.value)}
        />
      )}
      <VoiceFields draft={voice} onChange={setVoice} errors={voiceProblems} submitError={submit.error} />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {provider ? t('providers.form.save') : t('providers.form.add')}
        </Button>
      </DialogActions>
    </form>
  );
}
