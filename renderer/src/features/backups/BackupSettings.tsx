import { KeyRound } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { CheckboxField, TextField } from '../../components/Field';
import { SecretStoreNotice } from '../../components/SecretStoreNotice';
import { Spinner } from '../../components/Spinner';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { SwitchField } from '../../components/Switch';
import type { BackupSettings, MethodOutput, RetentionPolicy } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import {
  checkDraft,
  draftChanged,
  draftRetention,
  kindTone,
  retentionFields,
  sameRetention,
  toDraft,
  type DraftError,
  type DraftField,
  type RetentionField,
  type SettingsDraft,
} from './backup-meta';
import { useKindText } from './backup-text';
import { ExportKeyDialog } from './ExportKeyDialog';

type Loaded = MethodOutput<'backups.settings'>;
type Deletion = MethodOutput<'backups.previewRetention'>['delete'][number];

const previewPauseMs = 400;

interface PanelProps {
  folderInput: RefObject<HTMLInputElement | null>;
  onSaved(): void;
}

/** Where backups go, when they are made, how many are kept and whether they are encrypted. */
export function BackupSettingsPanel({ folderInput, onSaved }: PanelProps) {
  const { t } = useTranslation();
  const loaded = useLoad(() => transport.call('backups.settings', {}), 'backup-settings');
  if (loaded.error && !loaded.data) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label={t('backups.settings.loading')} />;
  return (
    <SettingsForm
      key={JSON.stringify(loaded.data.settings)}
      loaded={loaded.data}
      folderInput={folderInput}
      onSaved={() => {
        loaded.reload();
        onSaved();
      }}
    />
  );
}

function SettingsForm({ loaded, folderInput, onSaved }: PanelProps & { loaded: Loaded }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const saved = loaded.settings;
  const defaults = loaded.defaults;
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(saved));
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [confirming, setConfirming] = useState<{ settings: BackupSettings; deletes: Deletion[] } | null>(
    null,
  );
  const [exportingKey, setExportingKey] = useState(false);
  const dirty = draftChanged(draft, saved);
  const { errors } = checkDraft(draft);
  const retention = draftRetention(draft);
  const retentionChanged = retention !== null && !sameRetention(retention, saved.retention);
  const preview = useRetentionPreview(retentionChanged ? retention : null);

  const submit = useSubmit(async (settings: BackupSettings, confirmed: boolean) => {
    try {
      if (!confirmed && !sameRetention(settings.retention, saved.retention)) {
        // ask again at the moment of saving: the preview may be older than the last backup
        const check = await transport.call('backups.previewRetention', { retention: settings.retention });
        if (check.delete.length > 0) {
          setConfirming({ settings, deletes: check.delete });
          return;
        }
      }
      const result = await transport.call('backups.saveSettings', settings);
      setConfirming(null);
      showToast(
        'success',
        result.deleted.length > 0
          ? t('backups.settings.savedDeleted', { count: result.deleted.length })
          : t('backups.settings.saved'),
      );
      onSaved();
    } catch (error) {
      setConfirming(null);
      throw error;
    }
  });

  const change = (patch: Partial<SettingsDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    if (submit.error) submit.clearError();
  };
  const touch = (field: DraftField) => setTouched((current) => new Set(current).add(field));
  const errorText = (error: DraftError | undefined) =>
    error ? t(`backups.settings.errors.${error.key}`, { min: error.min, max: error.max }) : null;
  const shownError = (field: DraftField) =>
    attempted || touched.has(field) || retentionFields.includes(field as RetentionField)
      ? errorText(errors[field])
      : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const checked = checkDraft(draft);
    if (!checked.settings) {
      focusFirstInvalid(form.current);
      return;
    }
    void submit.run(checked.settings, false);
  };

  const folderServerError = submit.error?.field === 'folder' ? message(submit.error) : null;
  const generalError = submit.error && submit.error.field !== 'folder' ? submit.error : null;
  useEffect(() => {
    if (folderServerError) folderInput.current?.focus();
  }, [folderServerError, folderInput]);
  const scheduleOff = !draft.scheduleEnabled;
  const dailyAtId = useId();

  return (
    <>
      <form ref={form} noValidate onSubmit={onSubmit} aria-label={t('backups.settings.label')}>
        <div className="divide-y divide-slate-100">
          {generalError && (
            <div className="px-2 pt-5">
              <Alert tone="error" reason={generalError?.reason}>
                {message(generalError)}
              </Alert>
            </div>
          )}
          <Section
            title={t('backups.settings.folder.title')}
            description={t('backups.settings.folder.description')}
          >
            <TextField
              ref={folderInput}
              mono
              label={t('backups.settings.folder.label')}
              value={draft.folder}
              autoComplete="off"
              spellCheck={false}
              placeholder={defaults.folder}
              hint={t('backups.settings.folder.hint', { path: defaults.folder })}
              error={folderServerError ?? shownError('folder')}
              onBlur={() => touch('folder')}
              onChange={(event) => change({ folder: event.target.value })}
            />
          </Section>

          <Section
            title={t('backups.settings.schedule.title')}
            description={t('backups.settings.schedule.description')}
          >
            <SwitchField
              label={t('backups.settings.schedule.enabled')}
              hint={t('backups.settings.schedule.enabledHint')}
              checked={draft.scheduleEnabled}
              onChange={(scheduleEnabled) => change({ scheduleEnabled })}
            />
            <TextField
              className="max-w-xs"
              label={t('backups.settings.schedule.everyHours')}
              type="number"
              inputMode="numeric"
              min={0}
              max={168}
              disabled={scheduleOff}
              value={draft.everyHours}
              hint={t('backups.settings.schedule.everyHoursHint', {
                value: defaults.schedule.everyHours,
              })}
              error={shownError('everyHours')}
              onBlur={() => touch('everyHours')}
              onChange={(event) => change({ everyHours: event.target.value })}
            />
            <div className="flex flex-col gap-1.5">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
                <CheckboxField
                  label={t('backups.settings.schedule.daily')}
                  disabled={scheduleOff}
                  checked={draft.dailyOn}
                  onChange={(event) => change({ dailyOn: event.target.checked })}
                />
                <label htmlFor={dailyAtId} className="text-sm text-slate-700">
                  {t('backups.settings.schedule.dailyAt')}
                </label>
                <input
                  id={dailyAtId}
                  type="time"
                  disabled={scheduleOff || !draft.dailyOn}
                  value={draft.dailyAt}
                  aria-invalid={shownError('dailyAt') ? true : undefined}
                  aria-describedby={`${dailyAtId}-note`}
                  onBlur={() => touch('dailyAt')}
                  onChange={(event) => change({ dailyAt: event.target.value })}
                  className="h-10 w-36 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600 disabled:bg-slate-50 disabled:text-slate-400 aria-[invalid=true]:border-red-500"
                />
              </div>
              <p
                id={`${dailyAtId}-note`}
                className={shownError('dailyAt') ? 'text-sm text-red-700' : 'text-sm text-slate-500'}
              >
                {shownError('dailyAt') ??
                  (defaults.schedule.dailyAt
                    ? t('backups.settings.defaultValue', { value: defaults.schedule.dailyAt })
                    : null)}
              </p>
            </div>
            {draft.scheduleEnabled && errors.schedule && (attempted || touched.has('everyHours')) && (
              <p role="alert" className="text-sm text-red-700">
                {errorText(errors.schedule)}
              </p>
            )}
          </Section>

          <Section
            title={t('backups.settings.retention.title')}
            description={t('backups.settings.retention.description')}
            aside={
              <Button
                size="sm"
                variant="ghost"
                disabled={sameRetention(
                  draftRetention(draft) ?? { keepLast: -1, daily: -1, weekly: -1, monthly: -1 },
                  defaults.retention,
                )}
                onClick={() =>
                  change(
                    Object.fromEntries(
                      retentionFields.map((field) => [field, String(defaults.retention[field])]),
                    ),
                  )
                }
              >
                {t('backups.settings.retention.useDefaults')}
              </Button>
            }
          >
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {retentionFields.map((field) => (
                <TextField
                  key={field}
                  label={t(`backups.settings.retention.fields.${field}`)}
                  type="number"
                  inputMode="numeric"
                  min={field === 'keepLast' ? 1 : 0}
                  value={draft[field]}
                  hint={t('backups.settings.defaultValue', { value: defaults.retention[field] })}
                  error={shownError(field)}
                  onChange={(event) => change({ [field]: event.target.value })}
                />
              ))}
            </div>
            <RetentionPreview retention={retention} changed={retentionChanged} preview={preview} />
          </Section>

          <Section
            title={t('backups.settings.encryption.title')}
            description={t('backups.settings.encryption.description')}
          >
            <SwitchField
              label={t('backups.settings.encryption.enabled')}
              hint={t(`backups.settings.encryption.keyStore.${loaded.keyStore}`)}
              checked={draft.encryption}
              onChange={(encryption) => change({ encryption })}
            />
            <SecretStoreNotice />
            {draft.encryption ? (
              <Alert tone="warning" title={t('backups.settings.encryption.lostKeyTitle')}>
                {t('backups.settings.encryption.lostKey')}
              </Alert>
            ) : (
              saved.encryption && <Alert tone="warning">{t('backups.settings.encryption.turningOff')}</Alert>
            )}
            <div className="flex flex-wrap items-center gap-3">
              <Button
                icon={<KeyRound aria-hidden="true" className="size-4" />}
                disabled={!loaded.hasKey}
                onClick={() => setExportingKey(true)}
              >
                {t('backups.key.button')}
              </Button>
              <p className="text-sm text-slate-500">
                {loaded.hasKey ? t('backups.key.hint') : t('backups.key.noKey')}
              </p>
            </div>
          </Section>
        </div>
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 px-2 py-4">
          <p role="status" className="mr-auto text-sm text-slate-500">
            {dirty ? t('backups.settings.unsaved') : ''}
          </p>
          <Button
            disabled={!dirty || submit.busy}
            onClick={() => {
              setDraft(toDraft(saved));
              setAttempted(false);
              setTouched(new Set());
              submit.clearError();
            }}
          >
            {t('backups.settings.undo')}
          </Button>
          <Button type="submit" variant="primary" disabled={!dirty} busy={submit.busy && !confirming}>
            {t('backups.settings.save')}
          </Button>
        </div>
      </form>
      {/* outside the form: a dialog's events bubble through React's tree, portal or not */}
      <ConfirmDeletions
        confirming={confirming}
        busy={submit.busy}
        onCancel={() => setConfirming(null)}
        onConfirm={(settings) => void submit.run(settings, true)}
      />
      <ExportKeyDialog open={exportingKey} onOpenChange={setExportingKey} />
    </>
  );
}

function Section({
  title,
  description,
  aside,
  children,
}: {
  title: string;
  description: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="grid gap-4 px-2 py-6 md:grid-cols-[14rem_minmax(0,1fr)] md:gap-8"
    >
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        <p className="mt-1 text-sm text-slate-500">{description}</p>
        {aside && <div className="mt-2 -ml-2.5">{aside}</div>}
      </div>
      <div className="flex min-w-0 flex-col gap-4">{children}</div>
    </section>
  );
}

type Preview =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; keep: number; deletes: Deletion[] }
  | { state: 'error'; error: CallError };

/** What the typed retention policy would delete, asked a moment after the numbers stop changing. */
function useRetentionPreview(retention: RetentionPolicy | null): Preview {
  const key = retention ? JSON.stringify(retention) : null;
  const [result, setResult] = useState<{ key: string; preview: Preview } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      transport.call('backups.previewRetention', { retention: JSON.parse(key) as RetentionPolicy }).then(
        (answer) => {
          if (current)
            setResult({ key, preview: { state: 'ready', keep: answer.keep.length, deletes: answer.delete } });
        },
        (error: unknown) => {
          if (current) setResult({ key, preview: { state: 'error', error: toCallError(error) } });
        },
      );
    }, previewPauseMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (key === null) return { state: 'idle' };
  return result?.key === key ? result.preview : { state: 'loading' };
}

function RetentionPreview({
  retention,
  changed,
  preview,
}: {
  retention: RetentionPolicy | null;
  changed: boolean;
  preview: Preview;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  let body: ReactNode;
  if (!retention) body = null;
  else if (!changed || preview.state === 'idle')
    body = <p className="text-slate-600">{t('backups.settings.retention.explain', { ...retention })}</p>;
  else if (preview.state === 'loading')
    body = (
      <p className="flex items-center gap-2 text-slate-600">
        <Spinner className="text-indigo-600" />
        {t('backups.settings.retention.checking')}
      </p>
    );
  else if (preview.state === 'error')
    body = (
      <p className="text-red-700">
        {t('backups.settings.retention.previewFailed')} {message(preview.error)}
      </p>
    );
  else if (preview.deletes.length === 0)
    body = (
      <p className="text-emerald-800">
        {t('backups.settings.retention.deletesNone', { count: preview.keep })}
      </p>
    );
  else
    body = (
      <>
        <p className="font-medium text-amber-900">
          {t('backups.settings.retention.deletesSome', { count: preview.deletes.length })}
        </p>
        <DeletionList deletes={preview.deletes} />
      </>
    );
  if (!body) return null;
  const warn = changed && preview.state === 'ready' && preview.deletes.length > 0;
  return (
    <div
      aria-live="polite"
      className={
        warn
          ? 'rounded-lg bg-amber-50 px-4 py-3 text-sm ring-1 ring-amber-200'
          : 'rounded-lg bg-slate-50 px-4 py-3 text-sm ring-1 ring-slate-200'
      }
    >
      {body}
    </div>
  );
}

function DeletionList({ deletes }: { deletes: Deletion[] }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const kindText = useKindText();
  return (
    <ul
      aria-label={t('backups.settings.retention.deleteListLabel')}
      className="mt-2 max-h-52 divide-y divide-amber-100 overflow-y-auto rounded-md bg-white ring-1 ring-amber-200"
    >
      {deletes.map((row) => (
        <li key={row.file} className="flex flex-wrap items-center gap-x-3 gap-y-0.5 px-3 py-1.5">
          <span className="text-slate-800">{dateTime(row.createdAt)}</span>
          <Badge tone={kindTone[row.kind]}>{kindText(row.kind)}</Badge>
          <span
            className="min-w-0 flex-1 truncate text-right font-mono text-[11px] text-slate-500"
            title={row.file}
          >
            {row.file}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ConfirmDeletions({
  confirming,
  busy,
  onCancel,
  onConfirm,
}: {
  confirming: { settings: BackupSettings; deletes: Deletion[] } | null;
  busy: boolean;
  onCancel(): void;
  onConfirm(settings: BackupSettings): void;
}) {
  const { t } = useTranslation();
  const count = confirming?.deletes.length ?? 0;
  return (
    <Dialog
      open={confirming !== null}
      onOpenChange={(open) => !open && onCancel()}
      title={t('backups.settings.confirm.title', { count })}
      description={t('backups.settings.confirm.description', { count })}
      locked={busy}
    >
      {confirming && (
        <>
          <DeletionList deletes={confirming.deletes} />
          <DialogActions>
            <Button onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button variant="danger" busy={busy} onClick={() => onConfirm(confirming.settings)}>
              {t('backups.settings.confirm.submit', { count })}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
