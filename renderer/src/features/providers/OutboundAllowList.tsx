import { Plus, ShieldCheck, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import type { MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useOutboundStore } from '../../stores/outbound-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';

/** The usual addresses of local model servers, offered in one click. */
const localServers = [
  { name: 'Ollama', hostPort: '127.0.0.1:11434' },
  { name: 'LM Studio', hostPort: '127.0.0.1:1234' },
] as const;

type OutboundAllowed = MethodOutput<'outbound.allowList'>['entries'][number];

const hostPortPattern = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/**
 * The installation's outbound allow-list, for the platform admin: which addresses on this machine
 * or the private network providers, webhooks, SMTP and flow HTTP nodes may reach.
 */
export function OutboundAllowList() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { dateTime } = useFormat();
  const showToast = useToastStore((state) => state.show);
  // reloads when an address is allowed elsewhere on the page (the one-click offer under a refusal)
  const revision = useOutboundStore((state) => state.revision);
  const loaded = useLoad(() => transport.call('outbound.allowList', {}), `outbound-${revision}`);
  const [entry, setEntry] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [removing, setRemoving] = useState<OutboundAllowed | null>(null);
  const entries = loaded.data?.entries ?? [];

  const add = useSubmit(async (hostPort: string) => {
    const added = await transport.call('outbound.allow', { hostPort });
    loaded.update((data) => ({
      entries: data.entries.some((e) => e.hostPort === added.hostPort)
        ? data.entries
        : [...data.entries, added],
    }));
    showToast('success', t('outbound.allowed', { hostPort: added.hostPort }));
    setEntry('');
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = entry.trim();
    if (!hostPortPattern.test(value)) {
      setInvalid(t('outbound.list.invalid'));
      return;
    }
    setInvalid(null);
    void add.run(value);
  };

  return (
    <Card title={t('outbound.list.title')} titleId="outbound-allow-list-title" className="mt-6">
      <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
        {t('outbound.list.description')}
      </p>
      {loaded.error ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.loading && !loaded.data ? (
        <LoadingState label={t('outbound.list.loading')} />
      ) : entries.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">{t('outbound.list.empty')}</p>
      ) : (
        <Table label={t('outbound.list.tableLabel')}>
          <thead>
            <tr>
              <Th>{t('outbound.list.address')}</Th>
              <Th>{t('outbound.list.addedBy')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody>
            {entries.map((allowed) => (
              <tr key={allowed.hostPort}>
                <Td className="font-mono text-sm text-slate-900">{allowed.hostPort}</Td>
                <Td className="text-sm text-slate-600">
                  {allowed.addedBy ?? t('outbound.list.unknownPerson')}
                  <span className="block text-xs text-slate-500">{dateTime(allowed.addedAt)}</span>
                </Td>
                <Td className="text-right">
                  <Button
                    size="sm"
                    variant="ghostDanger"
                    icon={<Trash2 aria-hidden="true" className="size-4" />}
                    aria-label={t('outbound.list.removeNamed', { hostPort: allowed.hostPort })}
                    onClick={() => setRemoving(allowed)}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3 border-t border-slate-100 p-5">
        {add.error && (
          <Alert tone="error" reason={add.error?.reason}>
            {message(add.error)}
          </Alert>
        )}
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            className="min-w-64 flex-1"
            label={t('outbound.list.add')}
            hint={t('outbound.list.addHint')}
            mono
            value={entry}
            placeholder="127.0.0.1:11434"
            error={invalid}
            onChange={(event) => setEntry(event.target.value)}
          />
          <Button type="submit" icon={<Plus aria-hidden="true" className="size-4" />} busy={add.busy}>
            {t('outbound.list.allow')}
          </Button>
        </div>
        <div className="flex flex-wrap gap-2">
          {localServers
            .filter((server) => !entries.some((e) => e.hostPort === server.hostPort))
            .map((server) => (
              <Button
                key={server.hostPort}
                size="sm"
                variant="ghost"
                icon={<ShieldCheck aria-hidden="true" className="size-4" />}
                disabled={add.busy || loaded.loading}
                onClick={() => void add.run(server.hostPort)}
              >
                {t('outbound.list.allowLocalServer', { name: server.name, hostPort: server.hostPort })}
              </Button>
            ))}
        </div>
      </form>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t('outbound.list.confirmRemove.title', { hostPort: removing?.hostPort ?? '' })}
        description={t('outbound.list.confirmRemove.description', { hostPort: removing?.hostPort ?? '' })}
        confirmLabel={t('outbound.list.confirmRemove.confirm')}
        onConfirm={async () => {
          if (!removing) return;
          await transport.call('outbound.remove', { hostPort: removing.hostPort });
          loaded.update((data) => ({
            entries: data.entries.filter((e) => e.hostPort !== removing.hostPort),
          }));
          showToast('success', t('outbound.list.removed', { hostPort: removing.hostPort }));
        }}
      />
    </Card>
  );
}
