import { Activity, Bot, MessagesSquare, Plus, Store } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { useNow } from '../../lib/use-now';
import { useSubmit } from '../../lib/use-submit';
import { agentPath, conversationsOfAgentPath, pagePaths, runsOfAgentPath } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useAgentsStore } from '../../stores/agents-store';
import { useProvidersStore } from '../../stores/providers-store';
import { templateLanguage } from '../marketplace/categories';
import { statusTone } from './agent-status';
import { modelLabel } from './models';

export function AgentsPage() {
  const { t } = useTranslation();
  const { editAgents } = usePermissions();
  const { agents, status, error, load } = useAgentsStore();
  const providers = useProvidersStore((state) => state.providers);
  const ensureProviders = useProvidersStore((state) => state.ensure);
  const [creating, setCreating] = useState(false);
  const now = useNow();

  useEffect(() => {
    void load();
    void ensureProviders();
  }, [load, ensureProviders]);

  const actions = (
    <>
      <a
        href={pagePaths.marketplace}
        className="inline-flex h-10 items-center gap-2 rounded-md px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
      >
        <Store aria-hidden="true" className="size-4" />
        {t('agents.fromTemplate')}
      </a>
      {editAgents && (
        <Button
          variant="primary"
          icon={<Plus aria-hidden="true" className="size-4" />}
          onClick={() => setCreating(true)}
        >
          {t('agents.newBlank')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('agents.title')} description={t('agents.description')} actions={actions} />
      <Card>
        {status === 'error' ? (
          <ErrorState error={error} onRetry={() => void load()} />
        ) : status !== 'ready' ? (
          <LoadingState label={t('agents.loading')} />
        ) : agents.length === 0 ? (
          <EmptyState
            icon={Bot}
            title={t('agents.empty')}
            action={<div className="flex gap-3">{actions}</div>}
          >
            {t('agents.emptyHint')}
          </EmptyState>
        ) : (
          <Table label={t('agents.tableLabel')}>
            <thead>
              <tr>
                <Th>{t('fields.name')}</Th>
                <Th>{t('fields.status')}</Th>
                <Th>{t('agents.columns.deployed')}</Th>
                <Th className="hidden xl:table-cell">{t('agents.columns.model')}</Th>
                <Th className="hidden xl:table-cell">{t('agents.columns.lastRun')}</Th>
                <ActionsTh />
              </tr>
            </thead>
            <tbody>
              {agents.map((agent) => (
                <tr key={agent.id} className="hover:bg-slate-50/60">
                  <Td className="max-w-64 xl:max-w-72">
                    <a
                      href={agentPath(agent.id)}
                      className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                    >
                      {agent.name}
                    </a>
                    {agent.description && (
                      <span className="block truncate text-xs text-slate-500">{agent.description}</span>
                    )}
                    {/* below a wide screen the last run stands under the name, not in a column of its own */}
                    <span className="block text-xs whitespace-nowrap text-slate-500 xl:hidden">
                      {t('agents.columns.lastRun')}: <LastRun at={agent.lastRunAt} now={now} />
                    </span>
                  </Td>
                  <Td>
                    <Badge tone={statusTone[agent.status]}>{t(`agents.status.${agent.status}`)}</Badge>
                  </Td>
                  <Td className="whitespace-nowrap text-slate-700">
                    {agent.deployedVersion === null ? (
                      <span className="text-slate-500">{t('agents.notDeployed')}</span>
                    ) : (
                      t('agents.deployedVersion', { number: agent.deployedVersion })
                    )}
                    {agent.currentVersion !== agent.deployedVersion && (
                      <span className="block text-xs text-slate-500">
                        {t('agents.latestVersion', { number: agent.currentVersion })}
                      </span>
                    )}
                    {/* below a wide screen the model stands here, not in a column of its own */}
                    <span className="block max-w-40 truncate text-xs text-slate-500 xl:hidden">
                      {modelLabel(t, agent.primaryModel, providers)}
                    </span>
                  </Td>
                  <Td className="hidden max-w-48 truncate text-slate-700 xl:table-cell">
                    {modelLabel(t, agent.primaryModel, providers)}
                  </Td>
                  <Td className="hidden whitespace-nowrap text-slate-600 xl:table-cell">
                    <LastRun at={agent.lastRunAt} now={now} />
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    <a
                      href={runsOfAgentPath(agent.id)}
                      aria-label={t('agents.runsOf', { name: agent.name })}
                      title={t('agents.runsOf', { name: agent.name })}
                      className="mr-2 inline-flex items-center rounded-md p-2 text-slate-600 hover:bg-slate-100"
                    >
                      <Activity aria-hidden="true" className="size-4" />
                    </a>
                    <a
                      href={conversationsOfAgentPath(agent.id)}
                      aria-label={t('agents.conversationsOf', { name: agent.name })}
                      title={t('agents.conversationsOf', { name: agent.name })}
                      className="mr-2 inline-flex items-center rounded-md p-2 text-slate-600 hover:bg-slate-100"
                    >
                      <MessagesSquare aria-hidden="true" className="size-4" />
                    </a>
                    <a
                      href={agentPath(agent.id)}
                      aria-label={t('agents.openNamed', { name: agent.name })}
                      className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
                    >
                      {t('agents.open')}
                    </a>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <NewAgentDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

export function NewAgentDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('agents.create.title')}
      description={t('agents.create.description')}
    >
      {open && <NewAgentForm onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function NewAgentForm({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const create = useAgentsStore((state) => state.create);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const submit = useSubmit(async () => {
    const agent = await create({
      name: name.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
      language: templateLanguage(i18n.language),
    });
    onClose();
    navigate(agentPath(agent.id));
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || name.trim().length > 100) {
      setNameError(t('validation.name'));
      return;
    }
    setNameError(null);
    void submit.run();
  };
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('fields.name')}
        autoFocus
        maxLength={100}
        value={name}
        placeholder={t('agents.create.namePlaceholder')}
        error={nameError}
        onChange={(event) => setName(event.target.value)}
      />
      <TextAreaField
        label={t('agents.settings.descriptionLabel')}
        optional={t('common.optional')}
        rows={2}
        maxLength={1000}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('agents.create.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}

function LastRun({ at, now }: { at: number | null; now: number }) {
  const { t } = useTranslation();
  const { relative, dateTime } = useFormat();
  return at === null ? (
    <span className="text-slate-500">{t('agents.never')}</span>
  ) : (
    <time dateTime={new Date(at).toISOString()} title={dateTime(at)}>
      {relative(at, now)}
    </time>
  );
}
