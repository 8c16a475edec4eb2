import { Clock, ListOrdered, Plus, Siren } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { SearchInput } from '../../components/SearchInput';
import { FilterField } from '../../components/FilterField';
import { PageHeader } from '../../components/PageHeader';
import { ViewLink, ViewLinks } from '../../components/ViewLinks';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import {
  incidentStatuses,
  severities,
  type Incident,
  type IncidentStatus,
  type MethodInput,
  type Severity,
} from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { incidentPath, pagePaths } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { transport } from '../../transport';
import { EscalationSettings } from './EscalationSettings';
import {
  compareIncidents,
  incidentStatusTone,
  isIncidentOpen,
  severityTone,
  slaState,
  slaText,
  slaTone,
} from './incident-meta';
import { NewIncidentDialog } from './NewIncidentDialog';
import { useIncidentText } from './incident-text';

export function IncidentsPage({ view }: { view: 'list' | 'escalation' }) {
  const { t } = useTranslation();
  const { manageIncidents } = usePermissions();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        description={t('incidents.description')}
        actions={
          manageIncidents && (
            <Button
              variant="primary"
              icon={<Plus aria-hidden="true" className="size-4" />}
              onClick={() => setCreating(true)}
            >
              {t('incidents.new')}
            </Button>
          )
        }
      />
      <ViewLinks label={t('incidents.views')}>
        <ViewLink
          href={pagePaths.incidents}
          current={view === 'list'}
          icon={<Siren aria-hidden="true" className="size-4" />}
        >
          {t('incidents.tabs.list')}
        </ViewLink>
        <ViewLink
          href={pagePaths.escalation}
          current={view === 'escalation'}
          icon={<ListOrdered aria-hidden="true" className="size-4" />}
        >
          {t('incidents.tabs.escalation')}
        </ViewLink>
      </ViewLinks>
      {view === 'list' ? <IncidentList /> : <EscalationSettings />}
      <NewIncidentDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(incident) => navigate(incidentPath(incident.id))}
      />
    </>
  );
}

interface Filters {
  show: 'open' | 'all';
  status: '' | IncidentStatus;
  severity: '' | Severity;
  q: string;
}

const noFilters: Filters = { show: 'open', status: '', severity: '', q: '' };
const typingPauseMs = 350;

function query(filters: Filters): MethodInput<'incidents.list'> {
  return {
    ...(filters.status ? { status: filters.status } : filters.show === 'open' ? { open: true } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
}

function matches(incident: Incident, filters: Filters): boolean {
  if (filters.status) {
    if (incident.status !== filters.status) return false;
  } else if (filters.show === 'open' && !isIncidentOpen(incident.status)) return false;
  if (filters.severity && incident.severity !== filters.severity) return false;
  const q = filters.q.trim().toLowerCase();
  return !q || incident.title.toLowerCase().includes(q) || String(incident.number) === q.replace('#', '');
}

function IncidentList() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [q, setQ] = useState('');
  const filtersKey = JSON.stringify(filters);
  const filtersRef = useRef(filters);
  useEffect(() => {
    filtersRef.current = filters;
  });
  const list = useLoad(
    () => transport.call('incidents.list', query(filters)).then((answer) => answer.incidents),
    filtersKey,
  );
  const { update } = list;
  const incidents = [...(list.data ?? [])].sort(compareIncidents);
  const ids = { show: useId(), status: useId(), severity: useId(), q: useId() };

  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => setFilters((current) => ({ ...current, q })), typingPauseMs);
    return () => clearTimeout(timer);
  }, [q, filters.q]);

  useEffect(
    () =>
      transport.on('incident.changed', (incident) =>
        update((current) => {
          const rest = current.filter((i) => i.id !== incident.id);
          return matches(incident, filtersRef.current) ? [incident, ...rest] : rest;
        }),
      ),
    [update],
  );

  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const filtered =
    filters.status !== '' || filters.severity !== '' || filters.q !== '' || filters.show !== 'open';
  const status = list.error ? 'error' : list.loading ? 'loading' : 'ready';

  return (
    <Card>
      <form
        role="search"
        aria-label={t('incidents.filters.label')}
        onSubmit={(event) => {
          event.preventDefault();
          change({ q });
        }}
        className="grid grid-cols-2 items-end gap-3 border-b border-slate-200 px-4 py-4 md:flex md:flex-wrap md:px-5"
      >
        <FilterField id={ids.show} label={t('incidents.filters.show')} className="md:w-40">
          <NativeSelect
            id={ids.show}
            value={filters.show}
            onChange={(event) => change({ show: event.target.value as Filters['show'] })}
            options={[
              { value: 'open', label: t('incidents.filters.open') },
              { value: 'all', label: t('incidents.filters.all') },
            ]}
          />
        </FilterField>
        <FilterField id={ids.status} label={t('incidents.filters.status')} className="md:w-44">
          <NativeSelect
            id={ids.status}
            value={filters.status}
            onChange={(event) => change({ status: event.target.value as Filters['status'] })}
            options={[
              { value: '', label: t('incidents.filters.anyStatus') },
              ...incidentStatuses.map((s) => ({ value: s, label: t(`incidents.status.${s}`) })),
            ]}
          />
        </FilterField>
        <FilterField id={ids.severity} label={t('incidents.filters.severity')} className="md:w-48">
          <NativeSelect
            id={ids.severity}
            value={filters.severity}
            onChange={(event) => change({ severity: event.target.value as Filters['severity'] })}
            options={[
              { value: '', label: t('incidents.filters.anySeverity') },
              ...severities.map((s) => ({ value: s, label: t(`incidents.severityNames.${s}`) })),
            ]}
          />
        </FilterField>
        <FilterField
          id={ids.q}
          label={t('incidents.filters.search')}
          className="col-span-2 md:min-w-52 md:flex-1"
        >
          <SearchInput
            id={ids.q}
            value={q}
            placeholder={t('incidents.filters.searchPlaceholder')}
            onChange={setQ}
          />
        </FilterField>
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => {
              setQ('');
              setFilters(noFilters);
            }}
          >
            {t('incidents.filters.clear')}
          </Button>
        )}
      </form>
      {status === 'error' ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : status === 'loading' && incidents.length === 0 ? (
        <LoadingState label={t('incidents.loading')} />
      ) : incidents.length === 0 ? (
        <EmptyState icon={Siren} title={filtered ? t('incidents.emptyFiltered') : t('incidents.empty')}>
          {!filtered && t('incidents.emptyHint')}
        </EmptyState>
      ) : (
        <div
          aria-busy={status === 'loading' || undefined}
          className={cx(status === 'loading' && 'opacity-60')}
        >
          <IncidentTable incidents={incidents} />
        </div>
      )}
    </Card>
  );
}

const slaTextClass: Record<BadgeTone, string> = {
  danger: 'font-medium text-red-700',
  warning: 'font-medium text-amber-700',
  success: 'text-emerald-700',
  neutral: 'text-slate-700',
  info: 'text-slate-700',
  accent: 'text-slate-700',
};

function IncidentTable({ incidents }: { incidents: Incident[] }) {
  const { t, i18n } = useTranslation();
  const text = useIncidentText();
  const { relativeShort, dateTime } = useFormat();
  const now = useNow(15_000);
  const assignee = (incident: Incident) =>
    incident.assignee?.name ?? <span className="text-slate-500">{t('incidents.unassigned')}</span>;
  const age = (incident: Incident) => (
    <time dateTime={new Date(incident.createdAt).toISOString()} title={dateTime(incident.createdAt)}>
      {relativeShort(incident.createdAt, now)}
    </time>
  );
  const columns: Column<Incident>[] = [
    {
      key: 'number',
      header: t('incidents.columns.number'),
      className: 'whitespace-nowrap text-slate-500 tabular-nums',
      cell: (incident) => `#${incident.number}`,
      phone: 'none',
    },
    {
      key: 'title',
      header: t('incidents.columns.title'),
      className: 'max-w-72',
      phone: 'title',
      cell: (incident) => (
        <>
          <a
            href={incidentPath(incident.id)}
            className="block font-medium break-words text-slate-900 hover:text-indigo-700 hover:underline md:line-clamp-2"
          >
            <span className="text-slate-500 tabular-nums md:hidden">#{incident.number} </span>
            {text.title(incident)}
          </a>
          <span className="block text-xs text-slate-500">
            {incident.source === 'guardian' && t('incidents.openedByGuardian')}
            {incident.source === 'security' && t('incidents.openedBySecurity')}
            {/* between a phone and a wide screen the assignee and age stand here, not in columns */}
            <span className="hidden md:inline xl:hidden">
              {incident.source !== 'manual' && ' · '}
              {assignee(incident)} · {age(incident)}
            </span>
          </span>
        </>
      ),
    },
    {
      key: 'severity',
      header: t('incidents.columns.severity'),
      phone: 'badges',
      cell: (incident) => <Badge tone={severityTone[incident.severity]}>{incident.severity}</Badge>,
    },
    {
      key: 'status',
      header: t('fields.status'),
      phone: 'badges',
      cell: (incident) => (
        <Badge tone={incidentStatusTone[incident.status]}>{t(`incidents.status.${incident.status}`)}</Badge>
      ),
    },
    {
      key: 'assignee',
      header: t('incidents.columns.assignee'),
      className: 'hidden whitespace-nowrap text-slate-700 xl:table-cell',
      cell: assignee,
    },
    {
      key: 'age',
      header: t('incidents.columns.age'),
      className: 'hidden whitespace-nowrap text-slate-700 xl:table-cell',
      cell: age,
    },
    {
      key: 'sla',
      header: t('incidents.columns.sla'),
      className: 'min-w-36',
      cell: (incident) => {
        const sla = slaState(incident, now);
        return (
          <span className={cx('flex items-start gap-1.5 text-sm', slaTextClass[slaTone(sla)])}>
            <Clock aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
            {slaText(t, sla, i18n.language)}
          </span>
        );
      },
    },
  ];
  return (
    <ResponsiveTable
      label={t('incidents.tableLabel')}
      rows={incidents}
      columns={columns}
      rowKey={(incident) => incident.id}
      onOpen={(incident) => navigate(incidentPath(incident.id))}
    />
  );
}
