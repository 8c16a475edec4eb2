import { ArrowDown, ArrowUp, ListOrdered, Plus, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { severities, type MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { formatSpan, severityTone } from './incident-meta';
import { useAssignableMembers } from './NewIncidentDialog';

type Escalation = MethodOutput<'incidents.escalation'>;
type Person = Escalation['people'][number];

/** Who is told, in order, when an incident breaches its SLA; and the SLA of each severity. */
export function EscalationSettings() {
  const { t } = useTranslation();
  const loaded = useLoad(() => transport.call('incidents.escalation', {}), 'escalation');
  const { update } = loaded;
  if (loaded.error && !loaded.data)
    return (
      <Card>
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      </Card>
    );
  if (!loaded.data)
    return (
      <Card>
        <LoadingState label={t('escalation.loading')} />
      </Card>
    );
  return (
    <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
      <EscalationList
        key={loaded.data.people.map((p) => p.userId).join()}
        people={loaded.data.people}
        onSaved={(people) => update((data) => ({ ...data, people }))}
      />
      <SlaTable sla={loaded.data.slaMinutes} />
    </div>
  );
}

function EscalationList({ people, onSaved }: { people: Person[]; onSaved(people: Person[]): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { manageEscalation: manage } = usePermissions();
  const showToast = useToastStore((state) => state.show);
  const { members } = useAssignableMembers();
  const addId = useId();
  const [order, setOrder] = useState<Person[]>(people);
  const [adding, setAdding] = useState('');
  const dirty = order.map((p) => p.userId).join() !== people.map((p) => p.userId).join();
  const candidates = members.filter((m) => !order.some((p) => p.userId === m.userId));

  const move = (index: number, by: -1 | 1) =>
    setOrder((current) => {
      const next = [...current];
      const [person] = next.splice(index, 1);
      next.splice(index + by, 0, person!);
      return next;
    });

  const submit = useSubmit(async () => {
    const saved = await transport.call('incidents.setEscalation', { userIds: order.map((p) => p.userId) });
    showToast('success', t('escalation.saved'));
    onSaved(saved.people);
  });

  return (
    <Card title={t('escalation.title')} titleId="escalation-title">
      <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
        {t('escalation.description')}
      </p>
      {order.length === 0 ? (
        <EmptyState icon={ListOrdered} title={t('escalation.empty')}>
          {t('escalation.emptyHint')}
        </EmptyState>
      ) : (
        <ol aria-label={t('escalation.listLabel')} className="divide-y divide-slate-100">
          {order.map((person, index) => (
            <li key={person.userId} className="flex items-center gap-3 px-5 py-2.5">
              <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-sm font-semibold text-indigo-700 tabular-nums">
                {index + 1}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{person.name}</p>
                <p className="truncate text-xs text-slate-500">{person.email}</p>
              </div>
              {manage && (
                <div className="flex gap-1">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={index === 0}
                    icon={<ArrowUp aria-hidden="true" className="size-4" />}
                    aria-label={t('escalation.moveUp', { name: person.name })}
                    onClick={() => move(index, -1)}
                  />
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={index === order.length - 1}
                    icon={<ArrowDown aria-hidden="true" className="size-4" />}
                    aria-label={t('escalation.moveDown', { name: person.name })}
                    onClick={() => move(index, 1)}
                  />
                  <Button
                    size="sm"
                    variant="ghostDanger"
                    icon={<Trash2 aria-hidden="true" className="size-4" />}
                    aria-label={t('escalation.remove', { name: person.name })}
                    onClick={() => setOrder((current) => current.filter((p) => p.userId !== person.userId))}
                  />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {manage && (
        <div className="flex flex-wrap items-end gap-3 border-t border-slate-100 px-5 py-4">
          <div className="flex w-full flex-col gap-1.5 sm:w-auto sm:min-w-56 sm:flex-1">
            <label htmlFor={addId} className="text-sm font-medium text-slate-800">
              {t('escalation.add')}
            </label>
            <NativeSelect
              id={addId}
              value={adding}
              disabled={candidates.length === 0 || order.length >= 20}
              onChange={(event) => setAdding(event.target.value)}
              options={[
                {
                  value: '',
                  label: candidates.length === 0 ? t('escalation.everyoneListed') : t('escalation.choose'),
                },
                ...candidates.map((m) => ({ value: m.userId, label: `${m.name || m.email} · ${m.email}` })),
              ]}
            />
          </div>
          <Button
            icon={<Plus aria-hidden="true" className="size-4" />}
            disabled={!adding}
            onClick={() => {
              const member = members.find((m) => m.userId === adding);
              if (!member) return;
              setOrder((current) => [
                ...current,
                { userId: member.userId, name: member.name, email: member.email },
              ]);
              setAdding('');
            }}
          >
            {t('escalation.addButton')}
          </Button>
          <div className="ml-auto flex items-center gap-3">
            {submit.error && (
              <p role="alert" className="text-sm text-red-700">
                {message(submit.error)}
              </p>
            )}
            {dirty && (
              <Button variant="ghost" onClick={() => setOrder(people)} disabled={submit.busy}>
                {t('escalation.undo')}
              </Button>
            )}
            <Button variant="primary" disabled={!dirty} busy={submit.busy} onClick={() => void submit.run()}>
              {t('escalation.save')}
            </Button>
          </div>
        </div>
      )}
      {!manage && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
          {t('escalation.adminsOnly')}
        </p>
      )}
    </Card>
  );
}

function SlaTable({ sla }: { sla: Escalation['slaMinutes'] }) {
  const { t, i18n } = useTranslation();
  const span = (minutes: number) => formatSpan(minutes * 60_000, i18n.language);
  return (
    <Card title={t('escalation.sla.title')} titleId="sla-title">
      <ResponsiveTable
        label={t('escalation.sla.title')}
        rows={severities}
        rowKey={(severity) => severity}
        columns={[
          {
            key: 'severity',
            header: t('incidents.columns.severity'),
            phone: 'title',
            cell: (severity) => (
              <Badge tone={severityTone[severity]}>{t(`incidents.severityNames.${severity}`)}</Badge>
            ),
          },
          {
            key: 'acknowledge',
            header: t('escalation.sla.acknowledge'),
            className: 'text-right text-slate-800 tabular-nums',
            cell: (severity) => span(sla[severity].acknowledge),
          },
          {
            key: 'resolve',
            header: t('escalation.sla.resolve'),
            className: 'text-right text-slate-800 tabular-nums',
            cell: (severity) => span(sla[severity].resolve),
          },
        ]}
      />
      <p className="px-5 py-3 text-sm text-slate-500">{t('escalation.sla.hint')}</p>
    </Card>
  );
}
