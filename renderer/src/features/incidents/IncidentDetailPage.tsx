import {
  ArrowLeft,
  BellRing,
  CircleCheck,
  CircleDot,
  FileText,
  Gauge,
  HeartPulse,
  MessageSquare,
  ShieldCheck,
  Siren,
  UserRound,
  type LucideIcon,
} from 'lucide-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { NativeSelect, TextAreaField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StateViews';
import {
  severities,
  type Incident,
  type IncidentAttachment,
  type IncidentStatus,
  type MethodInput,
  type Severity,
  type TimelineEntry,
  type TimelineKind,
} from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { useSubmit } from '../../lib/use-submit';
import { guardianActionPath, pagePaths } from '../../router/routes';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport } from '../../transport';
import {
  groupTimeline,
  incidentStatusTone,
  nextStatuses,
  severityTone,
  slaState,
  slaText,
  slaTone,
} from './incident-meta';
import { IndividualsChartCard } from '../insight/quality/IndividualsChart';
import { useAssignableMembers } from './NewIncidentDialog';
import { PostmortemCard } from './PostmortemCard';
import { useIncidentText } from './incident-text';

interface Loaded {
  incident: Incident;
  timeline: TimelineEntry[];
  attachment?: IncidentAttachment;
}

export function IncidentDetailPage({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const loaded = useLoad<Loaded>(() => transport.call('incidents.get', { incidentId }), incidentId);
  const { reload, update } = loaded;

  useEffect(
    () =>
      transport.on('incident.changed', (incident) => {
        if (incident.id !== incidentId) return;
        update((current) => ({ ...current, incident }));
        reload();
      }),
    [incidentId, update, reload],
  );

  if (loaded.error && !loaded.data) {
    return (
      <>
        <BackLink />
        <PageHeader title={t('incident.title')} />
        <Card>
          <ErrorState
            error={loaded.error}
            title={loaded.error.code === 'NOT_FOUND' ? t('incident.notFound') : undefined}
            onRetry={reload}
          />
        </Card>
      </>
    );
  }
  if (!loaded.data) return <LoadingState label={t('incident.loading')} />;
  return (
    <IncidentView
      incident={loaded.data.incident}
      timeline={loaded.data.timeline}
      attachment={loaded.data.attachment}
      onChanged={(incident) => {
        update((current) => ({ ...current, incident }));
        reload();
      }}
      onNote={(entry) =>
        update((current) => ({
          ...current,
          timeline: current.timeline.some((e) => e.id === entry.id)
            ? current.timeline
            : [...current.timeline, entry],
        }))
      }
    />
  );
}

/** The control chart a quality rule firing attached, with a way to the process in Quality. */
function AttachedChart({ chart }: { chart: Extract<IncidentAttachment, { kind: 'control_chart' }> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="incident-chart-title" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="incident-chart-title" className="text-base font-semibold text-slate-900">
          {t('incident.chart.title', { process: chart.processName })}
        </h2>
        <a
          href={`${pagePaths.insightQuality}?process=${encodeURIComponent(chart.processId)}`}
          className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline"
        >
          {t('incident.chart.openInQuality')}
        </a>
      </div>
      <IndividualsChartCard
        name={chart.processName}
        unit={chart.unit}
        chart={chart}
        daily={false}
        fileName={`incident-chart-${chart.processName}`}
      />
    </section>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <a
      href={pagePaths.incidents}
      className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t('incident.back')}
    </a>
  );
}

const statusActionKey: Record<Exclude<IncidentStatus, 'open'>, string> = {
  acknowledged: 'incident.move.acknowledge',
  mitigated: 'incident.move.mitigate',
  resolved: 'incident.move.resolve',
  closed: 'incident.move.close',
};

function IncidentView({
  incident,
  timeline,
  attachment,
  onChanged,
  onNote,
}: {
  incident: Incident;
  timeline: TimelineEntry[];
  attachment?: IncidentAttachment | undefined;
  onChanged(incident: Incident): void;
  onNote(entry: TimelineEntry): void;
}) {
  const { t, i18n } = useTranslation();
  const text = useIncidentText();
  const message = useErrorMessage();
  const { dateTime } = useFormat();
  const { manageIncidents } = usePermissions();
  const showToast = useToastStore((state) => state.show);
  const now = useNow(15_000);
  const [moving, setMoving] = useState<IncidentStatus | null>(null);
  const [closing, setClosing] = useState(false);
  const sla = slaState(incident, now);
  const next = nextStatuses(incident.status);

  const change = async (patch: Omit<MethodInput<'incidents.update'>, 'incidentId'>, done: string) => {
    const changed = await transport.call('incidents.update', { incidentId: incident.id, ...patch });
    onChanged(changed);
    showToast('success', done);
  };

  const move = async (status: IncidentStatus) => {
    setMoving(status);
    try {
      await change({ status }, t('incident.moved', { status: t(`incidents.status.${status}`) }));
    } catch (caught) {
      showToast('error', message(toCallError(caught)));
    } finally {
      setMoving(null);
    }
  };

  return (
    <>
      <BackLink />
      <PageHeader
        title={t('incident.titleOf', { number: incident.number, title: text.title(incident) })}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={severityTone[incident.severity]}>
              {t(`incidents.severityNames.${incident.severity}`)}
            </Badge>
            <Badge tone={incidentStatusTone[incident.status]}>
              {t(`incidents.status.${incident.status}`)}
            </Badge>
            <Badge tone={slaTone(sla)}>{slaText(t, sla, i18n.language)}</Badge>
            <span>
              {incident.assignee
                ? t('incident.assignedTo', { name: incident.assignee.name })
                : t('incidents.unassigned')}
            </span>
            <span aria-hidden="true">·</span>
            <span>
              {incident.source === 'guardian'
                ? t('incident.openedByGuardian')
                : incident.source === 'security'
                  ? t('incident.openedBySecurity')
                  : t('incident.openedByHand')}{' '}
              <time dateTime={new Date(incident.createdAt).toISOString()}>
                {dateTime(incident.createdAt)}
              </time>
            </span>
          </span>
        }
        actions={
          manageIncidents &&
          next.length > 0 && (
            <div role="group" aria-label={t('incident.move.label')} className="flex flex-wrap gap-2">
              {next.map((status, index) => (
                <Button
                  key={status}
                  variant={index === 0 ? 'primary' : 'secondary'}
                  busy={moving === status}
                  disabled={moving !== null && moving !== status}
                  onClick={() => (status === 'closed' ? setClosing(true) : void move(status))}
                >
                  {t(statusActionKey[status as Exclude<IncidentStatus, 'open'>])}
                </Button>
              ))}
            </div>
          )
        }
      />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          {attachment?.kind === 'control_chart' && <AttachedChart chart={attachment} />}
          <Card title={t('incident.timeline.title')} titleId="incident-timeline-title">
            <Timeline entries={timeline} />
            {manageIncidents && <NoteForm incidentId={incident.id} onAdded={onNote} />}
          </Card>
          <PostmortemCard incident={incident} canEdit={manageIncidents} onSaved={onChanged} />
        </div>
        <DetailsCard incident={incident} canEdit={manageIncidents} onChange={change} />
      </div>

      <ConfirmDialog
        open={closing}
        onOpenChange={setClosing}
        tone="primary"
        title={t('incident.confirmClose.title', { number: incident.number })}
        description={
          incident.postmortem
            ? t('incident.confirmClose.description')
            : t('incident.confirmClose.descriptionNoPostmortem')
        }
        confirmLabel={t('incident.confirmClose.confirm')}
        onConfirm={() =>
          change({ status: 'closed' }, t('incident.moved', { status: t('incidents.status.closed') }))
        }
      />
    </>
  );
}

const kindVisual: Record<TimelineKind, { icon: LucideIcon; className: string }> = {
  opened: { icon: Siren, className: 'bg-red-50 text-red-600 ring-red-200' },
  status: { icon: CircleDot, className: 'bg-sky-50 text-sky-600 ring-sky-200' },
  severity: { icon: Gauge, className: 'bg-amber-50 text-amber-700 ring-amber-200' },
  assigned: { icon: UserRound, className: 'bg-slate-50 text-slate-600 ring-slate-200' },
  note: { icon: MessageSquare, className: 'bg-white text-slate-600 ring-slate-200' },
  escalated: { icon: BellRing, className: 'bg-orange-50 text-orange-600 ring-orange-200' },
  guardian: { icon: ShieldCheck, className: 'bg-indigo-50 text-indigo-600 ring-indigo-200' },
  postmortem: { icon: FileText, className: 'bg-emerald-50 text-emerald-700 ring-emerald-200' },
  recovered: { icon: HeartPulse, className: 'bg-emerald-50 text-emerald-700 ring-emerald-200' },
};

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const text = useIncidentText();
  const { date, time, dateTime } = useFormat();
  const days = groupTimeline(entries);
  if (days.length === 0)
    return <p className="px-5 py-6 text-sm text-slate-500">{t('incident.timeline.empty')}</p>;
  return (
    <div className="px-5 py-4">
      {days.map((day) => (
        <section key={day.day} aria-label={date(day.day)}>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {date(day.day)}
          </h3>
          <ol aria-label={t('incident.timeline.listLabel', { day: date(day.day) })} className="mb-4">
            {day.entries.map((entry, index) => {
              const { icon: Icon, className } = kindVisual[entry.kind];
              const last = index === day.entries.length - 1;
              return (
                <li key={entry.id} className="relative flex gap-3 pb-4">
                  {!last && (
                    <span aria-hidden="true" className="absolute top-8 bottom-0 left-3.5 w-px bg-slate-200" />
                  )}
                  <span
                    aria-hidden="true"
                    className={cx(
                      'flex size-7 shrink-0 items-center justify-center rounded-full ring-1',
                      className,
                    )}
                  >
                    <Icon className="size-3.5" />
                  </span>
                  <div className="min-w-0 flex-1 pt-0.5">
                    <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                      <span className="font-medium text-slate-900">
                        {t(`incident.timeline.kinds.${entry.kind}`)}
                      </span>
                      <span className="text-slate-500">{entry.actorName}</span>
                      <time
                        dateTime={new Date(entry.at).toISOString()}
                        title={dateTime(entry.at)}
                        className="ml-auto text-xs text-slate-500 tabular-nums"
                      >
                        {time(entry.at)}
                      </time>
                    </p>
                    {entry.text && (
                      <p
                        className={cx(
                          'mt-0.5 text-sm whitespace-pre-wrap text-slate-700',
                          entry.kind === 'note' && 'rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-100',
                        )}
                      >
                        {text.entry(entry)}
                      </p>
                    )}
                    {entry.guardianActionId && (
                      <a
                        href={guardianActionPath(entry.guardianActionId)}
                        className="mt-1 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline"
                      >
                        <ShieldCheck aria-hidden="true" className="size-3.5" />
                        {t('incident.timeline.openAction')}
                      </a>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}

function NoteForm({ incidentId, onAdded }: { incidentId: string; onAdded(entry: TimelineEntry): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const submit = useSubmit(async () => {
    const entry = await transport.call('incidents.addNote', { incidentId, text: text.trim() });
    onAdded(entry);
    setText('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    void submit.run();
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2 border-t border-slate-100 px-5 py-4">
      <TextAreaField
        label={t('incident.note.label')}
        rows={3}
        maxLength={5000}
        value={text}
        placeholder={t('incident.note.placeholder')}
        error={empty ? t('incident.note.empty') : submit.error ? message(submit.error) : null}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500">{t('incident.note.shortcut')}</p>
        <Button
          type="submit"
          busy={submit.busy}
          icon={<MessageSquare aria-hidden="true" className="size-4" />}
        >
          {t('incident.note.add')}
        </Button>
      </div>
    </form>
  );
}

function DetailsCard({
  incident,
  canEdit,
  onChange,
}: {
  incident: Incident;
  canEdit: boolean;
  onChange(patch: Omit<MethodInput<'incidents.update'>, 'incidentId'>, done: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const text = useIncidentText();
  const message = useErrorMessage();
  const { dateTime, dateTimeShort } = useFormat();
  const { members } = useAssignableMembers();
  const ids = { severity: useId(), assignee: useId() };
  const [busy, setBusy] = useState<'severity' | 'assignee' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const apply = async (field: 'severity' | 'assignee', run: () => Promise<void>) => {
    setBusy(field);
    setError(null);
    try {
      await run();
    } catch (caught) {
      setError(message(toCallError(caught)));
    } finally {
      setBusy(null);
    }
  };

  const assigneeOptions = [
    { value: '', label: t('incidents.unassigned') },
    ...members.map((m) => ({ value: m.userId, label: m.name || m.email })),
  ];
  if (incident.assignee && !members.some((m) => m.userId === incident.assignee?.id)) {
    assigneeOptions.push({ value: incident.assignee.id, label: incident.assignee.name });
  }

  const times: [string, number | null][] = [
    [t('incident.details.opened'), incident.createdAt],
    [t('incident.details.acknowledged'), incident.acknowledgedAt],
    [t('incident.details.mitigated'), incident.mitigatedAt],
    [t('incident.details.resolved'), incident.resolvedAt],
    [t('incident.details.closed'), incident.closedAt],
  ];

  return (
    <Card
      title={t('incident.details.title')}
      titleId="incident-details-title"
      bodyClassName="flex flex-col gap-5 p-5"
    >
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={ids.severity} className="text-sm font-medium text-slate-800">
          {t('incident.details.severity')}
        </label>
        <NativeSelect
          id={ids.severity}
          value={incident.severity}
          disabled={!canEdit || busy !== null}
          onChange={(event) => {
            const severity = event.target.value as Severity;
            void apply('severity', () =>
              onChange(
                { severity },
                t('incident.details.regraded', { severity: t(`incidents.severityNames.${severity}`) }),
              ),
            );
          }}
          options={severities.map((s) => ({ value: s, label: t(`incidents.severityNames.${s}`) }))}
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={ids.assignee} className="text-sm font-medium text-slate-800">
          {t('incident.details.assignee')}
        </label>
        <NativeSelect
          id={ids.assignee}
          value={incident.assignee?.id ?? ''}
          disabled={!canEdit || busy !== null}
          onChange={(event) => {
            const assigneeId = event.target.value || null;
            const name = assigneeOptions.find((o) => o.value === event.target.value)?.label ?? '';
            void apply('assignee', () =>
              onChange(
                { assigneeId },
                assigneeId ? t('incident.details.assigned', { name }) : t('incident.details.unassigned'),
              ),
            );
          }}
          options={assigneeOptions}
        />
      </div>
      {incident.description && (
        <div>
          <h3 className="text-sm font-medium text-slate-800">{t('incident.details.description')}</h3>
          <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{text.description(incident)}</p>
        </div>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {times.map(([label, at]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="text-right text-slate-900 tabular-nums">
              {at === null ? (
                '—'
              ) : (
                <time dateTime={new Date(at).toISOString()} title={dateTime(at)}>
                  {dateTimeShort(at)}
                </time>
              )}
            </dd>
          </div>
        ))}
        <dt className="mt-2 text-slate-500">{t('incident.details.ackDue')}</dt>
        <dd className="mt-2 text-right text-slate-900 tabular-nums" title={dateTime(incident.ackDueAt)}>
          {dateTimeShort(incident.ackDueAt)}
        </dd>
        <dt className="text-slate-500">{t('incident.details.resolveDue')}</dt>
        <dd className="text-right text-slate-900 tabular-nums" title={dateTime(incident.resolveDueAt)}>
          {dateTimeShort(incident.resolveDueAt)}
        </dd>
        <dt className="text-slate-500">{t('incident.details.escalation')}</dt>
        <dd className="text-right text-slate-900">
          {incident.escalationLevel === 0
            ? t('incident.details.notEscalated')
            : t('incident.details.escalatedTo', { count: incident.escalationLevel })}
        </dd>
      </dl>
      {incident.status === 'closed' && (
        <p className="flex items-center gap-1.5 text-sm text-emerald-700">
          <CircleCheck aria-hidden="true" className="size-4" />
          {t('incident.details.closedNote')}
        </p>
      )}
    </Card>
  );
}
