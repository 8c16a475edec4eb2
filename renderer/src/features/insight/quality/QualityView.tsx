import { Calculator, Pencil, Plus, Power, Trash2, Upload } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Alert } from '../../../components/Alert';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/Field';
import { useErrorMessage } from '../../../i18n/error-message';
import { useFormat } from '../../../i18n/format';
import { usePermissions, roleAtLeast } from '../../../lib/permissions';
import { useLoad } from '../../../lib/use-load';
import { useSubmit } from '../../../lib/use-submit';
import { useToastStore } from '../../../stores/toast-store';
import type { MethodOutput } from '../../../contract';
import { transport } from '../../../transport';
import { ChartCard } from '../shared/ChartCard';
import { axisTick, chartColors } from '../shared/chart-colors';
import { DataTable, type DataColumn } from '../shared/DataTable';
import { InsightHeader } from '../shared/InsightHeader';
import { useInsightRangeStore } from '../shared/insight-range-store';
import { StatTile } from '../shared/StatTile';
import { IndividualsChartCard, limitLabel, useChartRows } from './IndividualsChart';
import { TableCard } from '../shared/TableCard';

type ProcessList = MethodOutput<'insight.processes'>['processes'];
type ListedProcess = ProcessList[number];
type Detail = MethodOutput<'insight.process'>;
type Kind = ListedProcess['kind'];

const builtInKinds = ['contained', 'first_response_sla', 'api_latency'] as const;
function processFromHash(): string | null {
  const query = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get('process');
}

/** #/insight/quality: six-sigma processes, their figures and XmR control charts. */
export function QualityView() {
  const { t } = useTranslation();
  const { role } = usePermissions();
  const admin = roleAtLeast(role, 'admin');
  const { from, to } = useInsightRangeStore();
  const list = useLoad(() => transport.call('insight.processes', { from, to }), `${from}:${to}`);
  const processes = list.data?.processes ?? [];
  const [selected, setSelected] = useState<string | null>(processFromHash);
  const [editing, setEditing] = useState<ListedProcess | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ListedProcess | null>(null);
  const [importing, setImporting] = useState(false);
  const showToast = useToastStore((state) => state.show);
  const current = processes.find((p) => p.id === selected) ?? processes[0] ?? null;

  const switchOn = useSubmit(async (kind: Kind) => {
    const saved = await transport.call('insight.saveProcess', {
      kind,
      name: t(`insight.quality.kinds.${kind}`),
    });
    showToast('success', t('insight.quality.switchedOn', { name: saved.name }));
    setSelected(saved.id);
    list.reload();
  });
  const missing = builtInKinds.filter((kind) => !processes.some((p) => p.kind === kind));

  return (
    <div className="flex flex-col gap-6">
      <InsightHeader
        view="quality"
        title={t('insight.titles.quality')}
        description={t('insight.quality.description')}
        filters={current ? { process: current.name } : {}}
        actions={
          admin && (
            <>
              <Button
                size="sm"
                icon={<Upload aria-hidden="true" className="size-4" />}
                onClick={() => setImporting(true)}
              >
                {t('insight.quality.import.open')}
              </Button>
              <Button
                size="sm"
                variant="primary"
                icon={<Plus aria-hidden="true" className="size-4" />}
                onClick={() => setEditing('new')}
              >
                {t('insight.quality.add')}
              </Button>
            </>
          )
        }
      />

      {admin && list.data && missing.length > 0 && (
        <section
          aria-labelledby="quality-builtins"
          className="rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200"
        >
          <h2 id="quality-builtins" className="text-sm font-semibold text-slate-900">
            {t('insight.quality.builtIns.title')}
          </h2>
          <p className="mt-0.5 text-xs text-slate-600">{t('insight.quality.builtIns.description')}</p>
          <ul className="mt-3 grid gap-3 md:grid-cols-3">
            {missing.map((kind) => (
              <li key={kind} className="flex flex-col gap-2 rounded-lg p-3 ring-1 ring-slate-200">
                <p className="text-sm font-medium text-slate-900">{t(`insight.quality.kinds.${kind}`)}</p>
                <p className="flex-1 text-xs text-slate-600">{t(`insight.quality.kindHints.${kind}`)}</p>
                <Button
                  size="sm"
                  icon={<Power aria-hidden="true" className="size-4" />}
                  busy={switchOn.busy}
                  onClick={() => void switchOn.run(kind)}
                  aria-label={t('insight.quality.builtIns.switchOnNamed', {
                    name: t(`insight.quality.kinds.${kind}`),
                  })}
                >
                  {t('insight.quality.builtIns.switchOn')}
                </Button>
              </li>
            ))}
          </ul>
          {switchOn.error && (
            <Alert tone="error" reason={switchOn.error.reason} className="mt-3">
              <ErrorText error={switchOn.error} />
            </Alert>
          )}
        </section>
      )}

      <ProcessTable
        processes={processes}
        loading={!list.data && list.loading}
        error={list.data ? null : list.error}
        onRetry={list.reload}
        selectedId={current?.id ?? null}
        onSelect={setSelected}
      />

      {current && (
        <ProcessDetail
          key={current.id}
          process={current}
          from={from}
          to={to}
          admin={admin}
          onEdit={() => setEditing(current)}
          onDelete={() => setDeleting(current)}
        />
      )}

      <SigmaCalculator />

      {editing && (
        <ProcessDialog
          process={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setSelected(saved.id);
            showToast(
              'success',
              t(created ? 'insight.quality.added' : 'insight.quality.saved', { name: saved.name }),
            );
            list.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setDeleting(null)}
          title={t('insight.quality.deleteTitle')}
          description={t('insight.quality.deleteDescription', { name: deleting.name })}
          confirmLabel={t('insight.quality.deleteConfirm')}
          onConfirm={async () => {
            await transport.call('insight.deleteProcess', { id: deleting.id });
            showToast('success', t('insight.quality.deleted', { name: deleting.name }));
            setSelected(null);
            list.reload();
          }}
        />
      )}
      {importing && (
        <ImportDialog
          processes={processes.filter((p) => p.kind === 'imported')}
          preselected={current?.kind === 'imported' ? current.id : null}
          onClose={() => setImporting(false)}
          onImported={(processId) => {
            setImporting(false);
            if (processId) setSelected(processId);
            list.reload();
          }}
        />
      )}
    </div>
  );
}

function ErrorText({ error }: { error: Parameters<ReturnType<typeof useErrorMessage>>[0] }) {
  const message = useErrorMessage();
  return <>{message(error)}</>;
}

/** Figures said the same way in the list, the tiles and the CSV. */
function useFigures() {
  const { t } = useTranslation();
  const format = useFormat();
  const dash = '—';
  const num = (value: number | null, digits = 2) =>
    value === null
      ? dash
      : new Intl.NumberFormat(format.locale, {
          maximumFractionDigits: digits,
          minimumFractionDigits: 0,
        }).format(value);
  return {
    num,
    sigma: (f: Detail['figures']) =>
      f.sigmaLevel === null
        ? f.dpmo === 0
          ? t('insight.quality.unbounded')
          : dash
        : `${num(f.sigmaLevel, 2)}σ`,
    convention: (f: Detail['figures']) => t(`insight.quality.conventions.${f.convention}`),
    dpmo: (f: Detail['figures']) => num(f.dpmo, 0),
    yield: (f: Detail['figures']) => (f.yieldPercent === null ? dash : `${num(f.yieldPercent, 2)} %`),
    status: (f: Detail['figures']) => t(`insight.quality.statuses.${f.status}`),
  };
}

function StatusBadge({ status }: { status: Detail['figures']['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'signal' ? 'danger' : status === 'in_control' ? 'success' : 'neutral';
  return <Badge tone={tone}>{t(`insight.quality.statuses.${status}`)}</Badge>;
}

type Row = {
  id: string;
  name: string;
  kind: string;
  sigmaLevel: number | null;
  convention: string;
  dpmo: number | null;
  yieldPercent: number | null;
  cp: number | null;
  cpk: number | null;
  status: string;
  process: ListedProcess;
};

function ProcessTable({
  processes,
  loading,
  error,
  onRetry,
  selectedId,
  onSelect,
}: {
  processes: ProcessList;
  loading: boolean;
  error: Parameters<typeof TableCard>[0]['error'];
  onRetry(): void;
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  const { t } = useTranslation();
  const figures = useFigures();
  const rows: Row[] = processes.map((p) => ({
    id: p.id,
    name: p.name,
    kind: t(`insight.quality.kinds.${p.kind}`),
    sigmaLevel: p.figures.sigmaLevel,
    convention: t(`insight.quality.conventions.${p.figures.convention}`),
    dpmo: p.figures.dpmo,
    yieldPercent: p.figures.yieldPercent,
    cp: p.figures.cp,
    cpk: p.figures.cpk,
    status: t(`insight.quality.statuses.${p.figures.status}`),
    process: p,
  }));
  const columns: DataColumn<Row>[] = [
    {
      key: 'name',
      label: t('insight.quality.columns.process'),
      // the kind reads under the name: one column fewer, so the table fits at 1024 px in Dutch too
      render: (row) => (
        <>
          <button
            type="button"
            aria-current={row.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(row.id)}
            className="text-left font-medium text-indigo-700 underline-offset-2 hover:underline aria-[current=true]:text-slate-900 aria-[current=true]:no-underline"
          >
            {row.name}
          </button>
          <span className="block text-xs text-slate-600">{row.kind}</span>
        </>
      ),
    },
    {
      key: 'sigmaLevel',
      label: t('insight.quality.columns.sigma'),
      numeric: true,
      render: (row) => (
        <span className="whitespace-nowrap">
          {figures.sigma(row.process.figures)}
          <span className="block text-xs text-slate-600">
            {t(`insight.quality.conventionsShort.${row.process.figures.convention}`)}
          </span>
        </span>
      ),
    },
    { key: 'dpmo', label: 'DPMO', numeric: true, render: (row) => figures.dpmo(row.process.figures) },
    {
      key: 'yieldPercent',
      label: t('insight.quality.columns.yield'),
      numeric: true,
      render: (row) => <span className="whitespace-nowrap">{figures.yield(row.process.figures)}</span>,
    },
    { key: 'cp', label: 'Cp', numeric: true, render: (row) => figures.num(row.cp) },
    { key: 'cpk', label: 'Cpk', numeric: true, render: (row) => figures.num(row.cpk) },
    {
      key: 'status',
      label: t('insight.quality.columns.status'),
      render: (row) => <StatusBadge status={row.process.figures.status} />,
    },
  ];
  return (
    <TableCard
      title={t('insight.quality.listTitle')}
      description={t('insight.quality.listDescription')}
      fileName="quality-processes"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.id}
      loading={loading}
      error={error}
      onRetry={onRetry}
      emptyText={t('insight.quality.empty')}
      emptyHint={t('insight.quality.emptyHint')}
    />
  );
}

function ProcessDetail({
  process,
  from,
  to,
  admin,
  onEdit,
  onDelete,
}: {
  process: ListedProcess;
  from: number;
  to: number;
  admin: boolean;
  onEdit(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const figures = useFigures();
  // imported measurements are charted whole; the platform's own per day over the section's range
  const range = process.kind === 'imported' ? {} : { from, to };
  const detail = useLoad(
    () => transport.call('insight.process', { id: process.id, ...range }),
    `${process.id}:${process.kind === 'imported' ? '' : `${from}:${to}`}:${process.lastSignalAt ?? ''}:${process.figures.points}`,
  );
  const data = detail.data;
  const chart = data?.chart ?? null;
  const daily = process.kind !== 'imported';
  const rows = useChartRows(chart, daily);
  const unit = process.unit ? ` ${process.unit}` : '';
  const f = data?.figures ?? process.figures;

  return (
    <section aria-labelledby="quality-detail" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h2 id="quality-detail" className="text-base font-semibold text-slate-900">
            {process.name} <StatusBadge status={f.status} />
          </h2>
          <p className="text-sm text-slate-600">
            {t(`insight.quality.kinds.${process.kind}`)} · {t(`insight.quality.ruleSets.${process.rules}`)}
            {process.usl !== null && ` · USL ${figures.num(process.usl)}${unit}`}
            {process.lsl !== null && ` · LSL ${figures.num(process.lsl)}${unit}`}
            {process.target !== null &&
              ` · ${t('insight.quality.target')} ${figures.num(process.target)}${unit}`}
          </p>
        </div>
        {admin && (
          <div className="flex gap-2">
            <Button size="sm" icon={<Pencil aria-hidden="true" className="size-4" />} onClick={onEdit}>
              {t('insight.quality.edit')}
            </Button>
            <Button
              size="sm"
              variant="danger"
              icon={<Trash2 aria-hidden="true" className="size-4" />}
              onClick={onDelete}
            >
              {t('insight.quality.delete')}
            </Button>
          </div>
        )}
      </div>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
        <StatTile
          label={t('insight.quality.tiles.sigma')}
          value={figures.sigma(f)}
          hint={figures.convention(f)}
        />
        <StatTile
          label="DPMO"
          value={figures.dpmo(f)}
          hint={t('insight.quality.tiles.dpmoHint', {
            count: f.defects,
            defects: figures.num(f.defects, 0),
            units: figures.num(f.units, 0),
          })}
        />
        <StatTile label={t('insight.quality.tiles.yield')} value={figures.yield(f)} />
        <StatTile
          label="Cp"
          value={figures.num(f.cp)}
          hint={
            process.usl === null || process.lsl === null ? t('insight.quality.tiles.cpNeedsBoth') : undefined
          }
        />
        <StatTile
          label="Cpk"
          value={figures.num(f.cpk)}
          hint={
            process.usl === null && process.lsl === null ? t('insight.quality.tiles.needsLimits') : undefined
          }
        />
        <StatTile
          label={t('insight.quality.tiles.mean')}
          value={f.mean === null ? '—' : `${figures.num(f.mean)}${unit}`}
          hint={f.sigma === null ? undefined : `σ ${figures.num(f.sigma)}`}
        />
      </div>

      <IndividualsChartCard
        name={process.name}
        unit={process.unit}
        chart={chart ? { ...chart, usl: process.usl, lsl: process.lsl } : null}
        daily={daily}
        loading={!data && detail.loading}
        error={data ? null : detail.error}
        onRetry={detail.reload}
        empty={!!data && !chart}
        emptyHint={t(
          process.kind === 'imported'
            ? 'insight.quality.chart.emptyImported'
            : 'insight.quality.chart.emptyPlatform',
        )}
        withMovingRange
        fileName={`quality-${process.name}`}
      />

      <ChartCard
        title={t('insight.quality.chart.movingRange')}
        description={
          chart?.movingRangeMean != null
            ? t('insight.quality.chart.mrLimits', {
                mean: figures.num(chart.movingRangeMean),
                ucl: figures.num(chart.movingRangeUcl),
              })
            : undefined
        }
        label={t('insight.quality.chart.mrSummary', { name: process.name })}
        loading={!data && detail.loading}
        error={data ? null : detail.error}
        empty={!!data && !chart}
      >
        <div className="h-44">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={rows} margin={{ top: 12, right: 64, bottom: 4, left: 0 }}>
              <CartesianGrid stroke={chartColors.grid} vertical={false} />
              <XAxis dataKey="day" tick={axisTick} minTickGap={24} />
              <YAxis tick={axisTick} width={56} tickFormatter={(v: number) => figures.num(v, 1)} />
              <Tooltip
                formatter={(value) => [figures.num(Number(value)), t('insight.quality.columns.movingRange')]}
              />
              {chart?.movingRangeMean != null && (
                <ReferenceLine
                  y={chart.movingRangeMean}
                  stroke={chartColors.positive}
                  label={limitLabel('MR̄')}
                />
              )}
              {chart?.movingRangeUcl != null && (
                <ReferenceLine
                  y={chart.movingRangeUcl}
                  stroke={chartColors.negative}
                  strokeDasharray="6 3"
                  label={limitLabel('UCL')}
                />
              )}
              <Line
                type="linear"
                dataKey="movingRange"
                stroke={chartColors.secondary}
                strokeWidth={2}
                isAnimationActive={false}
                dot={{ r: 2.5 }}
                connectNulls={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>
    </section>
  );
}

// ── add / edit ───────────────────────────────────────────────────────────────────────────────────

const numberOrNull = (text: string): number | null | 'invalid' => {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
};

function ProcessDialog({
  process,
  onClose,
  onSaved,
}: {
  process: ListedProcess | null;
  onClose(): void;
  onSaved(process: MethodOutput<'insight.saveProcess'>, created: boolean): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [kind, setKind] = useState<Kind>(process?.kind ?? 'imported');
  const [name, setName] = useState(process?.name ?? '');
  const [unit, setUnit] = useState(process?.unit ?? '');
  const [usl, setUsl] = useState(process?.usl?.toString() ?? '');
  const [lsl, setLsl] = useState(process?.lsl?.toString() ?? '');
  const [target, setTarget] = useState(process?.target?.toString() ?? '');
  const [opportunities, setOpportunities] = useState(String(process?.opportunitiesPerUnit ?? 1));
  const [rules, setRules] = useState<ListedProcess['rules']>(process?.rules ?? 'western_electric');
  const [convention, setConvention] = useState<ListedProcess['sigmaConvention']>(
    process?.sigmaConvention ?? 'one_tailed',
  );
  const [signal, setSignal] = useState(process?.signalGuardian ?? true);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const submit = useSubmit(async (input: Parameters<typeof transport.call<'insight.saveProcess'>>[1]) => {
    const saved = await transport.call('insight.saveProcess', input);
    onSaved(saved, process === null);
  });
  const fieldError = (field: string) =>
    problems[field] ?? (submit.error?.field === field ? message(submit.error) : null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const limits = { usl: numberOrNull(usl), lsl: numberOrNull(lsl), target: numberOrNull(target) };
    for (const [field, value] of Object.entries(limits))
      if (value === 'invalid') found[field] = t('insight.quality.form.notANumber');
    if (name.trim() === '') found.name = t('insight.quality.form.nameRequired');
    const opp = Number(opportunities);
    if (!Number.isInteger(opp) || opp < 1) found.opportunities = t('insight.quality.form.wholeNumber');
    if (typeof limits.usl === 'number' && typeof limits.lsl === 'number' && limits.usl <= limits.lsl)
      found.usl = t('errors.reasons.spec_limits_reversed');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void submit.run({
      ...(process ? { id: process.id } : {}),
      kind,
      name: name.trim(),
      unit: unit.trim(),
      usl: limits.usl as number | null,
      lsl: limits.lsl as number | null,
      target: limits.target as number | null,
      opportunitiesPerUnit: opp,
      rules,
      sigmaConvention: convention,
      signalGuardian: signal,
    });
  };

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      locked={submit.busy}
      title={process ? t('insight.quality.form.editTitle') : t('insight.quality.form.addTitle')}
      description={t('insight.quality.form.description')}
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {submit.error && !submit.error.field && (
          <Alert tone="error" reason={submit.error.reason}>
            {message(submit.error)}
          </Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('insight.quality.form.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError('name')}
            maxLength={120}
            autoFocus
          />
          <SelectField
            label={t('insight.quality.form.kind')}
            value={kind}
            disabled={process !== null}
            onChange={(e) => {
              const next = e.target.value as Kind;
              setKind(next);
              if (next !== 'imported' && name.trim() === '') setName(t(`insight.quality.kinds.${next}`));
            }}
            options={(['imported', ...builtInKinds] as const).map((k) => ({
              value: k,
              label: t(`insight.quality.kinds.${k}`),
            }))}
            hint={t(`insight.quality.kindHints.${kind}`)}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-4">
          <TextField
            label={t('insight.quality.form.unit')}
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            maxLength={40}
            optional={t('common.optional')}
          />
          <TextField
            label="USL"
            inputMode="decimal"
            value={usl}
            onChange={(e) => setUsl(e.target.value)}
            error={fieldError('usl')}
            optional={t('common.optional')}
          />
          <TextField
            label="LSL"
            inputMode="decimal"
            value={lsl}
            onChange={(e) => setLsl(e.target.value)}
            error={fieldError('lsl')}
            optional={t('common.optional')}
          />
          <TextField
            label={t('insight.quality.target')}
            inputMode="decimal"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            error={fieldError('target')}
            optional={t('common.optional')}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={t('insight.quality.form.opportunities')}
            inputMode="numeric"
            value={opportunities}
            onChange={(e) => setOpportunities(e.target.value)}
            error={fieldError('opportunities')}
          />
          <SelectField
            label={t('insight.quality.form.rules')}
            value={rules}
            onChange={(e) => setRules(e.target.value as ListedProcess['rules'])}
            options={(['western_electric', 'nelson'] as const).map((r) => ({
              value: r,
              label: t(`insight.quality.ruleSets.${r}`),
            }))}
          />
          <SelectField
            label={t('insight.quality.form.convention')}
            value={convention}
            onChange={(e) => setConvention(e.target.value as ListedProcess['sigmaConvention'])}
            options={(['one_tailed', 'two_tailed'] as const).map((c) => ({
              value: c,
              label: t(`insight.quality.conventions.${c}`),
            }))}
          />
        </div>
        <CheckboxField
          label={t('insight.quality.form.signal')}
          hint={t('insight.quality.form.signalHint')}
          checked={signal}
          onChange={(e) => setSignal(e.target.checked)}
        />
        <DialogActions>
          <Button onClick={onClose} disabled={submit.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('insight.quality.form.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

// ── import ───────────────────────────────────────────────────────────────────────────────────────

type ItemError = MethodOutput<'insight.importMeasurementsPreview'>['errors'][number];

function ImportDialog({
  processes,
  preselected,
  onClose,
  onImported,
}: {
  processes: ProcessList;
  preselected: string | null;
  onClose(): void;
  onImported(processId: string | null): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const [processId, setProcessId] = useState(preselected ?? processes[0]?.id ?? '');
  const [csv, setCsv] = useState('');
  // a preview belongs to the text and process it was read from: changing either hides it
  const [previewed, setPreviewed] = useState<{
    key: string;
    data: MethodOutput<'insight.importMeasurementsPreview'>;
  } | null>(null);
  const previewKey = `${processId}\n${csv}`;
  const preview = previewed?.key === previewKey ? previewed.data : null;
  const setPreview = (data: MethodOutput<'insight.importMeasurementsPreview'>) =>
    setPreviewed({ key: previewKey, data });
  const input = () => ({ csv, ...(processId ? { processId } : {}) });
  const read = useSubmit(async () =>
    setPreview(await transport.call('insight.importMeasurementsPreview', input())),
  );
  const write = useSubmit(async () => {
    const done = await transport.call('insight.importMeasurements', input());
    showToast(
      done.signalled.length > 0 ? 'warning' : 'success',
      t(done.signalled.length > 0 ? 'insight.quality.import.doneSignal' : 'insight.quality.import.done', {
        accepted: done.accepted,
        duplicates: done.duplicates,
        rejected: done.rejected,
      }),
    );
    onImported(processId || null);
  });
  const errorText = (e: ItemError) =>
    t(`errors.reasons.${e.reason}`, { ...(e.params ?? {}), defaultValue: e.reason });
  const busy = read.busy || write.busy;

  return (
    <Dialog
      open
      size="lg"
      onOpenChange={(open) => !open && onClose()}
      locked={busy}
      title={t('insight.quality.import.title')}
      description={t('insight.quality.import.description')}
    >
      <div className="flex flex-col gap-4">
        <SelectField
          label={t('insight.quality.import.process')}
          value={processId}
          onChange={(e) => setProcessId(e.target.value)}
          options={[
            { value: '', label: t('insight.quality.import.byColumn') },
            ...processes.map((p) => ({ value: p.id, label: p.name })),
          ]}
          hint={t(processId ? 'insight.quality.import.formatOne' : 'insight.quality.import.formatMany')}
        />
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          {t('insight.quality.import.file')}
          <input
            type="file"
            accept=".csv,text/csv"
            className="text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setCsv);
            }}
          />
        </label>
        <TextAreaField
          label={t('insight.quality.import.paste')}
          value={csv}
          rows={6}
          className="font-mono"
          onChange={(e) => setCsv(e.target.value)}
          placeholder={processId ? 'at,value\n2026-11-01T08:00:00Z,42.5' : 'process,at,value\n…'}
        />
        {(read.error ?? write.error) && (
          <Alert tone="error" reason={(read.error ?? write.error)!.reason}>
            {message((read.error ?? write.error)!)}
          </Alert>
        )}
        {preview && (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-800" role="status">
              {t('insight.quality.import.summary', { valid: preview.valid, errors: preview.errors.length })}
            </p>
            {preview.rows.length > 0 && (
              <div className="max-h-48 overflow-y-auto rounded-lg ring-1 ring-slate-200">
                <DataTable
                  label={t('insight.quality.import.previewLabel')}
                  columns={[
                    { key: 'line', label: t('insight.quality.import.line'), numeric: true },
                    { key: 'process', label: t('insight.quality.columns.process') },
                    {
                      key: 'at',
                      label: t('insight.quality.columns.at'),
                      render: (r) => format.dateTime(r.at),
                    },
                    { key: 'value', label: t('insight.quality.chart.value'), numeric: true },
                  ]}
                  rows={preview.rows}
                  rowKey={(r) => String(r.line)}
                />
              </div>
            )}
            {preview.errors.length > 0 && (
              <div className="rounded-lg bg-red-50 px-4 py-3 ring-1 ring-red-200">
                <p className="text-sm font-semibold text-red-900">
                  {t('insight.quality.import.errorsTitle')}
                </p>
                <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5 text-sm text-red-900">
                  {preview.errors.map((e, i) => (
                    <li key={`${e.at}-${e.field}-${i}`}>
                      {t('insight.quality.import.lineError', {
                        line: e.at,
                        field: e.field,
                        reason: errorText(e),
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void read.run()} disabled={csv.trim() === ''} busy={read.busy}>
            {t('insight.quality.import.preview')}
          </Button>
          <Button
            variant="primary"
            onClick={() => void write.run()}
            disabled={!preview || preview.valid === 0}
            busy={write.busy}
          >
            {t('insight.quality.import.run', { count: preview?.valid ?? 0 })}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}

// ── calculator ───────────────────────────────────────────────────────────────────────────────────

function SigmaCalculator() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const figures = useFigures();
  const [defects, setDefects] = useState('34');
  const [units, setUnits] = useState('1000');
  const [opportunities, setOpportunities] = useState('5');
  const [convention, setConvention] = useState<'one_tailed' | 'two_tailed'>('one_tailed');
  const [usl, setUsl] = useState('62');
  const [lsl, setLsl] = useState('38');
  const [values, setValues] = useState('49, 51, 50, 52, 48, 53, 47');
  const [sigma, setSigma] = useState<MethodOutput<'insight.sigma'> | null>(null);
  const [capability, setCapability] = useState<MethodOutput<'insight.capability'> | null>(null);
  const sigmaRun = useSubmit(async () =>
    setSigma(
      await transport.call('insight.sigma', {
        defects: Number(defects.replace(',', '.')),
        units: Number(units.replace(',', '.')),
        opportunitiesPerUnit: Number(opportunities.replace(',', '.')),
        convention,
      }),
    ),
  );
  const capabilityRun = useSubmit(async () =>
    setCapability(
      await transport.call('insight.capability', {
        usl: Number(usl.replace(',', '.')),
        lsl: Number(lsl.replace(',', '.')),
        values: values
          .split(/[\s;]+|,(?=\s)|,$/)
          .map((v) => v.trim().replace(',', '.'))
          .filter((v) => v !== '')
          .map(Number),
      }),
    ),
  );
  return (
    <section
      aria-labelledby="quality-calculator"
      className="rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200"
    >
      <h2 id="quality-calculator" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Calculator aria-hidden="true" className="size-4 text-slate-500" />
        {t('insight.quality.calculator.title')}
      </h2>
      <p className="mt-0.5 text-xs text-slate-600">{t('insight.quality.calculator.description')}</p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void sigmaRun.run();
          }}
        >
          <h3 className="text-sm font-medium text-slate-800">{t('insight.quality.calculator.sigma')}</h3>
          <div className="grid grid-cols-3 gap-3">
            <TextField
              label={t('insight.quality.calculator.defects')}
              inputMode="decimal"
              value={defects}
              onChange={(e) => setDefects(e.target.value)}
            />
            <TextField
              label={t('insight.quality.calculator.units')}
              inputMode="decimal"
              value={units}
              onChange={(e) => setUnits(e.target.value)}
            />
            <TextField
              label={t('insight.quality.form.opportunities')}
              inputMode="decimal"
              value={opportunities}
              onChange={(e) => setOpportunities(e.target.value)}
            />
          </div>
          <SelectField
            label={t('insight.quality.form.convention')}
            value={convention}
            onChange={(e) => setConvention(e.target.value as 'one_tailed' | 'two_tailed')}
            options={(['one_tailed', 'two_tailed'] as const).map((c) => ({
              value: c,
              label: t(`insight.quality.conventions.${c}`),
            }))}
          />
          <div className="flex items-center gap-3">
            <Button type="submit" size="sm" busy={sigmaRun.busy}>
              {t('insight.quality.calculator.calculate')}
            </Button>
            {sigma && (
              <p className="text-sm text-slate-800 tabular-nums" role="status">
                DPMO {figures.num(sigma.dpmo, 0)} · {t('insight.quality.tiles.sigma')}{' '}
                {sigma.sigmaLevel === null
                  ? t('insight.quality.unbounded')
                  : `${figures.num(sigma.sigmaLevel)}σ`}{' '}
                · {t('insight.quality.tiles.yield')} {figures.num(sigma.yieldPercent, 4)} %
              </p>
            )}
          </div>
          {sigmaRun.error && (
            <Alert tone="error" reason={sigmaRun.error.reason}>
              {message(sigmaRun.error)}
            </Alert>
          )}
        </form>
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void capabilityRun.run();
          }}
        >
          <h3 className="text-sm font-medium text-slate-800">{t('insight.quality.calculator.capability')}</h3>
          <div className="grid grid-cols-2 gap-3">
            <TextField label="USL" inputMode="decimal" value={usl} onChange={(e) => setUsl(e.target.value)} />
            <TextField label="LSL" inputMode="decimal" value={lsl} onChange={(e) => setLsl(e.target.value)} />
          </div>
          <TextField
            label={t('insight.quality.calculator.values')}
            hint={t('insight.quality.calculator.valuesHint')}
            value={values}
            onChange={(e) => setValues(e.target.value)}
          />
          <div className="flex items-center gap-3">
            <Button type="submit" size="sm" busy={capabilityRun.busy}>
              {t('insight.quality.calculator.calculate')}
            </Button>
            {capability && (
              <p className="text-sm text-slate-800 tabular-nums" role="status">
                Cp {figures.num(capability.cp)} · Cpk {figures.num(capability.cpk)} ·{' '}
                {t('insight.quality.tiles.mean')} {figures.num(capability.mean)} · σ{' '}
                {figures.num(capability.sigma)}
              </p>
            )}
          </div>
          {capabilityRun.error && (
            <Alert tone="error" reason={capabilityRun.error.reason}>
              {message(capabilityRun.error)}
            </Alert>
          )}
        </form>
      </div>
    </section>
  );
}
