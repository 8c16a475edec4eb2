import { Bug, ChevronRight, FileText, Pause, Play } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { SearchInput } from '../../components/SearchInput';
import { FilterField } from '../../components/FilterField';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { Tabs } from '../../components/Tabs';
import { logLevels, type ErrorGroup, type LogLevel, type MethodInput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { toCallError, transport, type CallError } from '../../transport';
import {
  appendOlder,
  dataSummary,
  dataText,
  keyLines,
  levelTone,
  localDateTime,
  matchesFilters,
  maxLines,
  prependLive,
  type KeyedLine,
  type LogFilters,
} from './log-meta';

const pageSize = 200;
const typingPauseMs = 350;

export function LogsPage() {
  const { t } = useTranslation();
  const { readLogs } = usePermissions();
  const [tab, setTab] = useState<'lines' | 'errors'>('lines');
  const [errorsOpened, setErrorsOpened] = useState(false);
  return (
    <>
      <PageHeader title={t('logs.title')} description={t('logs.description')} />
      {!readLogs ? (
        <Card>
          <EmptyState icon={FileText} title={t('logs.adminsOnly')} />
        </Card>
      ) : (
        <Card>
          <Tabs
            label={t('logs.tabsLabel')}
            value={tab}
            onChange={(next) => {
              setTab(next);
              if (next === 'errors') setErrorsOpened(true);
            }}
            className="px-3"
            tabs={[
              { id: 'lines', label: t('logs.tabs.lines') },
              { id: 'errors', label: t('logs.tabs.errors') },
            ]}
            panels={{ lines: <LinesPanel />, errors: errorsOpened ? <ErrorsPanel /> : null }}
          />
        </Card>
      )}
    </>
  );
}

interface FilterDraft {
  minLevel: LogLevel;
  module: string;
  q: string;
  from: string;
  to: string;
}

const noFilters: FilterDraft = { minLevel: 'info', module: '', q: '', from: '', to: '' };

function toFilters(draft: FilterDraft): LogFilters {
  return {
    minLevel: draft.minLevel,
    module: draft.module,
    q: draft.q,
    from: localDateTime(draft.from),
    to: localDateTime(draft.to),
  };
}

function query(filters: LogFilters): MethodInput<'logs.query'> {
  return {
    minLevel: filters.minLevel,
    ...(filters.module.trim() ? { module: filters.module.trim() } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.from !== null ? { from: filters.from } : {}),
    ...(filters.to !== null ? { to: filters.to } : {}),
    limit: pageSize,
  };
}

function LinesPanel() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const message = useErrorMessage();
  const [applied, setApplied] = useState<FilterDraft>(noFilters);
  const [module, setModule] = useState('');
  const [q, setQ] = useState('');
  const [live, setLive] = useState(true);
  const [missed, setMissed] = useState<KeyedLine[]>([]);
  const [older, setOlder] = useState<{ busy: boolean; error: CallError | null }>({
    busy: false,
    error: null,
  });
  const filters = toFilters(applied);
  const key = JSON.stringify(applied);
  const loaded = useLoad(
    () =>
      transport
        .call('logs.query', query(filters))
        .then((answer) => ({ lines: keyLines(answer.lines), nextTo: answer.nextTo })),
    key,
  );
  const { update } = loaded;
  const lines = loaded.data?.lines ?? [];
  const nextTo = loaded.data?.nextTo ?? null;
  const filtersRef = useRef(filters);
  const liveRef = useRef(live);
  const keyRef = useRef(key);
  useEffect(() => {
    filtersRef.current = filters;
    liveRef.current = live;
    keyRef.current = key;
  });
  const ids = { level: useId(), module: useId(), q: useId(), from: useId(), to: useId() };

  // typed filters apply after a pause
  useEffect(() => {
    if (module === applied.module && q === applied.q) return;
    const timer = setTimeout(() => setApplied((current) => ({ ...current, module, q })), typingPauseMs);
    return () => clearTimeout(timer);
  }, [module, q, applied.module, applied.q]);

  useEffect(
    () =>
      transport.on('log.line', (line) => {
        // a live tail only makes sense while no end time is set
        if (!matchesFilters(line, { ...filtersRef.current, to: null }) || filtersRef.current.to !== null)
          return;
        const [keyed] = keyLines([line]);
        if (!keyed) return;
        if (liveRef.current)
          update((current) => ({ ...current, lines: prependLive(current.lines, [keyed]) }));
        else setMissed((current) => prependLive(current, [keyed]));
      }),
    [update],
  );

  const resume = () => {
    if (missed.length > 0) update((current) => ({ ...current, lines: prependLive(current.lines, missed) }));
    setMissed([]);
    setLive(true);
  };

  const loadOlder = async () => {
    if (nextTo === null) return;
    const startedFor = key;
    setOlder({ busy: true, error: null });
    try {
      const page = await transport.call('logs.query', { ...query(filters), to: nextTo });
      if (startedFor !== keyRef.current) return;
      update((current) => ({
        lines: appendOlder(current.lines, keyLines(page.lines)),
        nextTo: page.nextTo,
      }));
      setOlder({ busy: false, error: null });
    } catch (caught) {
      setOlder({ busy: false, error: toCallError(caught) });
    }
  };

  const change = (patch: Partial<FilterDraft>) => {
    setMissed([]);
    setApplied((current) => ({ ...current, ...patch }));
  };
  const filtered = key !== JSON.stringify(noFilters) || module !== '' || q !== '';
  const modules = [...new Set(lines.map((line) => line.module))].sort();

  return (
    <>
      <form
        role="search"
        aria-label={t('logs.filters.label')}
        onSubmit={(event) => {
          event.preventDefault();
          change({ module, q });
        }}
        className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-2 py-4"
      >
        <FilterField id={ids.level} label={t('logs.filters.level')} className="w-40">
          <NativeSelect
            id={ids.level}
            value={applied.minLevel}
            onChange={(event) => change({ minLevel: event.target.value as LogLevel })}
            options={logLevels.map((level) => ({
              value: level,
              label: t('logs.filters.levelAndUp', { level: t(`logs.levels.${level}`) }),
            }))}
          />
        </FilterField>
        <FilterField id={ids.module} label={t('logs.filters.module')} className="w-32">
          <input
            id={ids.module}
            list={`${ids.module}-modules`}
            value={module}
            placeholder={t('logs.filters.anyModule')}
            onChange={(event) => setModule(event.target.value)}
            className="block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600"
          />
          <datalist id={`${ids.module}-modules`}>
            {modules.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </FilterField>
        <FilterField id={ids.q} label={t('logs.filters.search')} className="min-w-40 flex-1">
          <SearchInput
            id={ids.q}
            value={q}
            placeholder={t('logs.filters.searchPlaceholder')}
            onChange={setQ}
          />
        </FilterField>
        <FilterField id={ids.from} label={t('logs.filters.from')} className="w-48">
          <DateTimeInput id={ids.from} value={applied.from} onChange={(from) => change({ from })} />
        </FilterField>
        <FilterField id={ids.to} label={t('logs.filters.to')} className="w-48">
          <DateTimeInput id={ids.to} value={applied.to} onChange={(to) => change({ to })} />
        </FilterField>
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => {
              setModule('');
              setQ('');
              change(noFilters);
            }}
          >
            {t('logs.filters.clear')}
          </Button>
        )}
      </form>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-2 py-2.5">
        <Button
          size="sm"
          variant={live ? 'secondary' : 'primary'}
          aria-pressed={live}
          icon={
            live ? (
              <Pause aria-hidden="true" className="size-4" />
            ) : (
              <Play aria-hidden="true" className="size-4" />
            )
          }
          onClick={() => (live ? setLive(false) : resume())}
        >
          {live ? t('logs.live.pause') : t('logs.live.resume')}
        </Button>
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          {applied.to ? (
            t('logs.live.offWithEnd')
          ) : live ? (
            <>
              <span className="relative flex size-2">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />
                <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
              </span>
              {t('logs.live.on')}
            </>
          ) : (
            t('logs.live.paused', { count: missed.length, shown: number(missed.length) })
          )}
        </p>
        <p className="ml-auto text-xs text-slate-500">
          {t('logs.showing', { count: lines.length, max: number(maxLines), shown: number(lines.length) })}
        </p>
      </div>
      {loaded.error && !loaded.data ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <LoadingState label={t('logs.loading')} />
      ) : lines.length === 0 ? (
        <EmptyState icon={FileText} title={filtered ? t('logs.emptyFiltered') : t('logs.empty')}>
          {live && !applied.to ? t('logs.emptyLive') : null}
        </EmptyState>
      ) : (
        <>
          <ol
            aria-label={t('logs.listLabel')}
            aria-busy={loaded.loading || undefined}
            className={cx('divide-y divide-slate-100 font-mono text-[13px]', loaded.loading && 'opacity-60')}
          >
            {lines.map((line) => (
              <LogRow key={line.key} line={line} />
            ))}
          </ol>
          <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 px-2 py-3">
            {older.error && (
              <p role="alert" className="text-sm text-red-700">
                {message(older.error)}
              </p>
            )}
            {nextTo !== null && lines.length < maxLines && (
              <Button busy={older.busy} onClick={() => void loadOlder()}>
                {t('logs.loadOlder')}
              </Button>
            )}
          </div>
        </>
      )}
    </>
  );
}

function DateTimeInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <input
      id={id}
      type="datetime-local"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className="block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600"
    />
  );
}

function LogRow({ line }: { line: KeyedLine }) {
  const { t } = useTranslation();
  const { dateTimeSeconds } = useFormat();
  const [open, setOpen] = useState(false);
  const data = dataText(line);
  const summary = dataSummary(line);
  const detailsId = useId();
  const clock = new Date(line.at);
  const time = `${String(clock.getHours()).padStart(2, '0')}:${String(clock.getMinutes()).padStart(2, '0')}:${String(
    clock.getSeconds(),
  ).padStart(2, '0')}.${String(clock.getMilliseconds()).padStart(3, '0')}`;
  const content = (
    <>
      <time
        dateTime={clock.toISOString()}
        title={dateTimeSeconds(line.at)}
        className="shrink-0 text-slate-500 tabular-nums"
      >
        {time}
      </time>
      <Badge tone={levelTone[line.level]} className="w-14 shrink-0 justify-center font-sans uppercase">
        {t(`logs.levels.${line.level}`)}
      </Badge>
      <span className="w-24 shrink-0 truncate text-indigo-700" title={line.module}>
        {line.module}
      </span>
      <span
        className={cx('min-w-0 flex-1 text-slate-800', open ? 'break-words whitespace-pre-wrap' : 'truncate')}
      >
        {line.message}
        {summary && <span className="ml-3 text-slate-500">{summary}</span>}
      </span>
    </>
  );
  return (
    <li className="[content-visibility:auto] [contain-intrinsic-size:auto_36px]">
      {data ? (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen((value) => !value)}
          className="flex w-full items-start gap-3 px-2 py-1.5 text-left hover:bg-slate-50 focus-visible:outline-offset-[-2px]"
        >
          <ChevronRight
            aria-hidden="true"
            className={cx('mt-0.5 size-4 shrink-0 text-slate-400 transition-transform', open && 'rotate-90')}
          />
          {content}
          <span className="sr-only">{open ? t('logs.hideData') : t('logs.showData')}</span>
        </button>
      ) : (
        <div className="flex items-start gap-3 px-2 py-1.5">
          <span aria-hidden="true" className="size-4 shrink-0" />
          {content}
        </div>
      )}
      {data && open && (
        <pre
          id={detailsId}
          className="mx-2 mb-2 ml-9 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 text-xs leading-5 text-slate-100"
        >
          {data}
        </pre>
      )}
    </li>
  );
}

function ErrorsPanel() {
  const { t } = useTranslation();
  const loaded = useLoad(() => transport.call('errors.list', {}).then((answer) => answer.groups), 'errors');
  const groups = [...(loaded.data ?? [])].sort((a, b) => b.lastSeen - a.lastSeen);
  return (
    <>
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-2 py-3">
        <p className="text-sm text-slate-600">{t('logs.errors.description')}</p>
        <Button size="sm" busy={loaded.loading && loaded.data !== undefined} onClick={loaded.reload}>
          {t('logs.errors.refresh')}
        </Button>
      </div>
      {loaded.error && !loaded.data ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <LoadingState label={t('logs.errors.loading')} />
      ) : groups.length === 0 ? (
        <EmptyState icon={Bug} title={t('logs.errors.empty')}>
          {t('logs.errors.emptyHint')}
        </EmptyState>
      ) : (
        <ul aria-label={t('logs.errors.listLabel')} className="divide-y divide-slate-100">
          {groups.map((group) => (
            <ErrorRow key={group.fingerprint} group={group} />
          ))}
        </ul>
      )}
    </>
  );
}

function ErrorRow({ group }: { group: ErrorGroup }) {
  const { t } = useTranslation();
  const { number, relative, dateTime } = useFormat();
  const now = useNow();
  const [open, setOpen] = useState(false);
  const stackId = useId();
  return (
    <li className="px-2 py-3">
      <div className="flex flex-wrap items-start gap-3">
        <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-red-50 text-red-600">
          <Bug aria-hidden="true" className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium break-words text-slate-900">
            <span className="text-red-700">{group.name}</span>: {group.message}
          </p>
          <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
            <span>{t('logs.errors.module', { module: group.module })}</span>
            <span>
              {t('logs.errors.firstSeen')}{' '}
              <time dateTime={new Date(group.firstSeen).toISOString()} title={dateTime(group.firstSeen)}>
                {relative(group.firstSeen, now)}
              </time>
            </span>
            <span>
              {t('logs.errors.lastSeen')}{' '}
              <time dateTime={new Date(group.lastSeen).toISOString()} title={dateTime(group.lastSeen)}>
                {relative(group.lastSeen, now)}
              </time>
            </span>
          </p>
        </div>
        <Badge tone={group.count > 10 ? 'danger' : 'warning'} className="tabular-nums">
          {t('logs.errors.count', { count: group.count, shown: number(group.count) })}
        </Badge>
        {group.stack && (
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={open}
            aria-controls={stackId}
            icon={
              <ChevronRight
                aria-hidden="true"
                className={cx('size-4 transition-transform', open && 'rotate-90')}
              />
            }
            onClick={() => setOpen((value) => !value)}
          >
            {open ? t('logs.errors.hideStack') : t('logs.errors.showStack')}
          </Button>
        )}
      </div>
      {group.stack && open && (
        <pre
          id={stackId}
          className="mt-2 ml-11 max-h-80 overflow-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-100"
        >
          {group.stack}
        </pre>
      )}
    </li>
  );
}
