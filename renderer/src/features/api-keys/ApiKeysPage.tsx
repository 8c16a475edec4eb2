import { Check, Copy, KeyRound, Plus, RefreshCw, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import { apiKeyScopes, type ApiKeyScope, type ApiKeyStatus, type ApiKeySummary } from '../../contract';
import { defaultGraceHours, graceHourChoices, scopeKey, type GraceHours } from './api-key-meta';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';

const expiryChoices = ['never', '30', '90', '365'] as const;

const statusTone: Record<ApiKeyStatus, BadgeTone> = {
  active: 'success',
  grace: 'warning',
  expired: 'neutral',
  revoked: 'danger',
};

export function ApiKeysPage() {
  const { t } = useTranslation();
  const { manageMembers: isAdmin } = usePermissions();
  const loaded = useLoad(() => transport.call('apiKeys.list', {}), 'apiKeys', isAdmin);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ name: string; secret: string } | null>(null);

  const upsert = (...keys: ApiKeySummary[]) =>
    loaded.update((data) => {
      const others = data.keys.filter((k) => !keys.some((key) => key.id === k.id));
      return { keys: [...keys, ...others].sort((a, b) => b.createdAt - a.createdAt) };
    });

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          isAdmin ? (
            <Button
              variant="primary"
              icon={<Plus aria-hidden="true" className="size-4" />}
              onClick={() => setCreating(true)}
            >
              {t('apiKeys.create')}
            </Button>
          ) : undefined
        }
      />
      <Card>
        {!isAdmin ? (
          <EmptyState icon={KeyRound} title={t('apiKeys.adminsOnly')} />
        ) : loaded.error && !loaded.data ? (
          <ErrorState error={loaded.error} onRetry={loaded.reload} />
        ) : !loaded.data ? (
          <LoadingState label={t('apiKeys.loading')} />
        ) : loaded.data.keys.length === 0 ? (
          <EmptyState icon={KeyRound} title={t('apiKeys.empty')}>
            {t('apiKeys.emptyHint')}
          </EmptyState>
        ) : (
          <KeyTable
            keys={loaded.data.keys}
            onRotated={(key, previous, secret) => {
              upsert(key, previous);
              setShown({ name: key.name, secret });
            }}
            onRevoked={(key) => upsert(key)}
          />
        )}
      </Card>
      <p className="mt-4 text-sm text-slate-600">
        <Trans
          i18nKey="apiKeys.docsHint"
          values={{ path: '/api/docs' }}
          components={{
            // in the browser the docs are a page of the same host; the desktop app has no such page
            docs: window.mindframe ? (
              <code />
            ) : (
              <a
                className="font-medium text-indigo-700 underline"
                href="/api/docs"
                target="_blank"
                rel="noreferrer"
              />
            ),
          }}
        />
      </p>
      <CreateKeyDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(key, secret) => {
          upsert(key);
          setCreating(false);
          setShown({ name: key.name, secret });
        }}
      />
      <SecretDialog shown={shown} onClose={() => setShown(null)} />
    </>
  );
}

function KeyTable({
  keys,
  onRotated,
  onRevoked,
}: {
  keys: ApiKeySummary[];
  onRotated(key: ApiKeySummary, previous: ApiKeySummary, secret: string): void;
  onRevoked(key: ApiKeySummary): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [rotating, setRotating] = useState<ApiKeySummary | null>(null);
  const [graceHours, setGraceHours] = useState<GraceHours>(defaultGraceHours);
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  return (
    <>
      <Table label={t('apiKeys.tableLabel')}>
        <thead>
          <tr>
            <Th>{t('apiKeys.columns.name')}</Th>
            <Th>{t('apiKeys.columns.scopes')}</Th>
            <Th>{t('apiKeys.columns.status')}</Th>
            <Th className="hidden xl:table-cell">{t('apiKeys.columns.expires')}</Th>
            <Th>{t('apiKeys.columns.lastUsed')}</Th>
            <ActionsTh />
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const usable = key.status === 'active';
            return (
              <tr key={key.id}>
                <Td>
                  <div className="font-medium text-slate-900">{key.name}</div>
                  <div className="max-w-[13rem] truncate font-mono text-xs text-slate-500" title={key.prefix}>
                    {key.prefix}_…
                  </div>
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {key.scopes.map((scope) => (
                      <Badge key={scope} tone="accent">
                        {scope}
                      </Badge>
                    ))}
                  </div>
                </Td>
                <Td>
                  <Badge tone={statusTone[key.status]}>{t(`apiKeys.status.${key.status}`)}</Badge>
                  {key.status === 'grace' && key.graceUntil !== null && (
                    <div className="mt-1 text-xs text-slate-500">
                      {t('apiKeys.graceUntil', { when: format.dateTime(key.graceUntil) })}
                    </div>
                  )}
                  {/* below a wide screen the expiry stands under the status, not in a column of its own */}
                  <div className="mt-1 text-xs whitespace-nowrap text-slate-500 xl:hidden">
                    {t('apiKeys.columns.expires')}:{' '}
                    {key.expiresAt === null ? t('apiKeys.never') : format.date(key.expiresAt)}
                  </div>
                </Td>
                <Td className="hidden text-sm whitespace-nowrap text-slate-600 xl:table-cell">
                  {key.expiresAt === null ? t('apiKeys.never') : format.date(key.expiresAt)}
                </Td>
                <Td className="text-sm text-slate-600">
                  {key.lastUsedAt === null ? (
                    t('apiKeys.neverUsed')
                  ) : (
                    <>
                      <div>{format.relative(key.lastUsedAt)}</div>
                      {key.lastUsedIp && (
                        <div className="font-mono text-xs text-slate-500">{key.lastUsedIp}</div>
                      )}
                    </>
                  )}
                </Td>
                <Td>
                  {/* one above the other below a wide screen, so neither is cut off */}
                  <div className="flex flex-col items-end gap-2 xl:flex-row xl:justify-end">
                    {usable && (
                      <Button
                        size="sm"
                        icon={<RefreshCw aria-hidden="true" className="size-4" />}
                        aria-label={t('apiKeys.rotateLabel', { name: key.name })}
                        onClick={() => {
                          setGraceHours(defaultGraceHours);
                          setRotating(key);
                        }}
                      >
                        {t('apiKeys.rotate')}
                      </Button>
                    )}
                    {key.status !== 'revoked' && key.status !== 'expired' && (
                      <Button
                        size="sm"
                        variant="danger"
                        icon={<Trash2 aria-hidden="true" className="size-4" />}
                        aria-label={t('apiKeys.revokeLabel', { name: key.name })}
                        onClick={() => setRevoking(key)}
                      >
                        {t('apiKeys.revoke')}
                      </Button>
                    )}
                  </div>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <ConfirmDialog
        open={rotating !== null}
        onOpenChange={(open) => !open && setRotating(null)}
        title={t('apiKeys.rotateTitle', { name: rotating?.name ?? '' })}
        description={t('apiKeys.rotateDescription')}
        confirmLabel={t('apiKeys.rotate')}
        tone="primary"
        onConfirm={async () => {
          if (!rotating) return;
          const answer = await transport.call('apiKeys.rotate', { keyId: rotating.id, graceHours });
          onRotated(answer.key, answer.previous, answer.secret);
        }}
      >
        <SelectField
          label={t('apiKeys.grace.label')}
          hint={t('apiKeys.grace.hint')}
          value={String(graceHours)}
          onChange={(event) => setGraceHours(Number(event.target.value) as GraceHours)}
          options={graceHourChoices.map((hours) => ({
            value: String(hours),
            label: t(`apiKeys.grace.choices.h${hours}`),
          }))}
        />
      </ConfirmDialog>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        description={t('apiKeys.revokeDescription')}
        confirmLabel={t('apiKeys.revoke')}
        onConfirm={async () => {
          if (!revoking) return;
          const answer = await transport.call('apiKeys.revoke', { keyId: revoking.id });
          onRevoked(answer.key);
        }}
      />
    </>
  );
}

function CreateKeyDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onCreated(key: ApiKeySummary, secret: string): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [expiry, setExpiry] = useState<(typeof expiryChoices)[number]>('90');
  const [touched, setTouched] = useState(false);
  const submit = useSubmit(async () => {
    const answer = await transport.call('apiKeys.create', {
      name: name.trim(),
      scopes,
      ...(expiry === 'never' ? {} : { expiresInDays: Number(expiry) }),
    });
    setName('');
    setScopes([]);
    setTouched(false);
    onCreated(answer.key, answer.secret);
  });
  const nameError = touched && name.trim() === '' ? t('apiKeys.form.nameRequired') : null;
  const scopesError = touched && scopes.length === 0 ? t('apiKeys.form.scopesRequired') : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (name.trim() === '' || scopes.length === 0) return;
    void submit.run();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) submit.clearError();
        onOpenChange(next);
      }}
      title={t('apiKeys.form.title')}
      description={t('apiKeys.form.description')}
      locked={submit.busy}
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {submit.error && (
          <Alert tone="error" reason={submit.error?.reason}>
            {message(submit.error)}
          </Alert>
        )}
        <TextField
          label={t('apiKeys.form.name')}
          hint={t('apiKeys.form.nameHint')}
          value={name}
          maxLength={100}
          error={nameError}
          onChange={(event) => setName(event.target.value)}
        />
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">{t('apiKeys.form.scopes')}</legend>
          <div className="flex flex-col gap-2">
            {apiKeyScopes.map((scope) => (
              <CheckboxField
                key={scope}
                label={<span className="font-mono">{scope}</span>}
                hint={t(`apiKeys.scopes.${scopeKey(scope)}`)}
                checked={scopes.includes(scope)}
                onChange={(event) =>
                  setScopes((list) =>
                    event.target.checked ? [...list, scope] : list.filter((s) => s !== scope),
                  )
                }
              />
            ))}
          </div>
          {scopesError && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {scopesError}
            </p>
          )}
        </fieldset>
        <SelectField
          label={t('apiKeys.form.expiry')}
          value={expiry}
          onChange={(event) => setExpiry(event.target.value as (typeof expiryChoices)[number])}
          options={expiryChoices.map((choice) => ({
            value: choice,
            label:
              choice === 'never' ? t('apiKeys.never') : t('apiKeys.form.days', { count: Number(choice) }),
          }))}
        />
        <DialogActions>
          <Button type="button" onClick={() => onOpenChange(false)} disabled={submit.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('apiKeys.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function SecretDialog({
  shown,
  onClose,
}: {
  shown: { name: string; secret: string } | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied(true);
    } catch {
      showToast('error', t('apiKeys.secret.copyFailed'));
    }
  };
  return (
    <Dialog
      open={shown !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          onClose();
        }
      }}
      title={t('apiKeys.secret.title', { name: shown?.name ?? '' })}
      description={t('apiKeys.secret.description')}
    >
      <Alert tone="warning">{t('apiKeys.secret.once')}</Alert>
      <div className="mt-4 flex items-end gap-2">
        <TextField
          className="min-w-0 flex-1"
          label={t('apiKeys.secret.label')}
          value={shown?.secret ?? ''}
          readOnly
          mono
          onFocus={(event) => event.target.select()}
        />
        <Button
          icon={
            copied ? (
              <Check aria-hidden="true" className="size-4" />
            ) : (
              <Copy aria-hidden="true" className="size-4" />
            )
          }
          onClick={() => void copy()}
        >
          {copied ? t('apiKeys.secret.copied') : t('apiKeys.secret.copy')}
        </Button>
      </div>
      <DialogActions>
        <Button
          variant="primary"
          onClick={() => {
            setCopied(false);
            onClose();
          }}
        >
          {t('apiKeys.secret.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
