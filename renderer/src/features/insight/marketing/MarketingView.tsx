import { Megaphone, Pencil, Plus, Trash2 } from 'lucide-react';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MethodOutput } from '../../../contract';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { TextField } from '../../../components/Field';
import { IconButton } from '../../../components/IconButton';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../../components/Table';
import { useErrorMessage } from '../../../i18n/error-message';
import { useFormat } from '../../../i18n/format';
import { useMoney } from '../../../i18n/use-money';
import { cx } from '../../../lib/cx';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { usePermissions } from '../../../lib/permissions';
import { useLoad } from '../../../lib/use-load';
import { useSubmit } from '../../../lib/use-submit';
import { useToastStore } from '../../../stores/toast-store';
import { transport } from '../../../transport';
import { ChartCard } from '../shared/ChartCard';
import { CsvButton } from '../shared/CsvButton';
import type { DataColumn } from '../shared/DataTable';
import { InsightHeader } from '../shared/InsightHeader';
import { useInsightRangeStore } from '../shared/insight-range-store';
import { StatTile } from '../shared/StatTile';
import { TableCard } from '../shared/TableCard';
import { axisTick, chartColors } from '../shared/chart-colors';
import {
  checkDraft,
  draftOf,
  type CampaignDraft,
  type CampaignField,
  type CampaignInput,
  type CampaignProblem,
  type InsightCampaign,
} from './campaign-draft';

type Marketing = MethodOutput<'insight.marketing'>;
type Model = Marketing['model'];
type Row = Marketing['channels'][number];

const models: Model[] = ['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based'];

/** Money in minor units of the organisation's currency, in the user's format. */
function useMinor() {
  const { money } = useMoney();
  const { i18n } = useTranslation();
  return useMemo(() => {
    const whole = new Intl.NumberFormat(i18n.language, {
      style: 'currency',
      currency: money.currency,
      maximumFractionDigits: 0,
    });
    const exact = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: money.currency });
    const ratio = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
    return {
      currency: money.currency,
      /** 1234.5 (minor) → "€ 12" in tables of figures */
      whole: (minor: number) => whole.format(minor / 100),
      exact: (minor: number) => exact.format(minor / 100),
      ratio: (value: number | null) => (value === null ? '—' : ratio.format(value)),
      percent: (value: number | null) => (value === null ? '—' : percent.format(value)),
    };
  }, [money.currency, i18n.language]);
}

/** #/insight/marketing: campaigns, the web channel's funnel, attribution per channel and campaign. */
export function MarketingView() {
  const { t } = useTranslation();
  const format = useFormat();
  const minor = useMinor();
  const { from, to } = useInsightRangeStore();
  const [model, setModel] = useState<Model>('position_based');
  const [halfLife, setHalfLife] = useState('7');
  const [lookback, setLookback] = useState('30');
  const halfLifeDays = Number(halfLife.replace(',', '.'));
  const lookbackDays = Number(lookback);
  const halfLifeOk = Number.isFinite(halfLifeDays) && halfLifeDays > 0 && halfLifeDays <= 365;
  const lookbackOk = Number.isInteger(lookbackDays) && lookbackDays >= 1 && lookbackDays <= 365;
  const [version, setVersion] = useState(0);
  const ids = { models: useId(), explain: useId() };

  const input = {
    from,
    to,
    model,
    ...(model === 'time_decay' && halfLifeOk ? { halfLifeDays } : {}),
    ...(lookbackOk ? { lookbackDays } : {}),
  };
  const marketing = useLoad(
    () => transport.call('insight.marketing', input),
    `${JSON.stringify(input)}:${version}`,
  );
  const data = marketing.data;

  const funnelSteps = data
    ? (['visitors', 'conversations', 'leads', 'customers'] as const).map((step, index, all) => {
        const count = data.funnel[step];
        const before = index === 0 ? count : data.funnel[all[index - 1]!];
        return {
          step: t(`insight.marketing.funnel.${step}`),
          count,
          ofPrevious: index === 0 ? 1 : before > 0 ? count / before : 0,
        };
      })
    : [];
  const funnelLabel = funnelSteps.map((s) => `${s.step}: ${format.number(s.count)}`).join(', ');

  // rows carry money in major units (the CSV keeps plain numbers); the screen formats it
  const columns = (kind: 'channel' | 'campaign'): DataColumn<Row & { label: string }>[] => [
    {
      key: 'label',
      label: t(
        kind === 'channel' ? 'insight.marketing.columns.channel' : 'insight.marketing.columns.campaign',
      ),
    },
    ...(kind === 'campaign'
      ? [{ key: 'channel' as const, label: t('insight.marketing.columns.channel') }]
      : []),
    {
      key: 'touches',
      label: t('insight.marketing.columns.touches'),
      numeric: true,
      render: (r) => format.number(r.touches),
    },
    {
      key: 'visitors',
      label: t('insight.marketing.columns.visitors'),
      numeric: true,
      render: (r) => format.number(r.visitors),
    },
    {
      key: 'leads',
      label: t('insight.marketing.columns.leads'),
      numeric: true,
      render: (r) => format.number(r.leads),
    },
    {
      key: 'customers',
      label: t('insight.marketing.columns.customers'),
      numeric: true,
      render: (r) => format.number(r.customers),
    },
    {
      key: 'conversions',
      label: t('insight.marketing.columns.conversions'),
      numeric: true,
      render: (r) => minor.ratio(r.conversions),
    },
    {
      key: 'revenue',
      label: t('insight.marketing.columns.revenue', { currency: minor.currency }),
      numeric: true,
      render: (r) => minor.whole(r.revenue * 100),
    },
    {
      key: 'spend',
      label: t('insight.marketing.columns.spend', { currency: minor.currency }),
      numeric: true,
      render: (r) => minor.whole(r.spend * 100),
    },
    {
      key: 'roi',
      label: t('insight.marketing.columns.roi'),
      numeric: true,
      render: (r) => minor.percent(r.roi),
    },
    {
      key: 'roas',
      label: t('insight.marketing.columns.roas'),
      numeric: true,
      render: (r) => (r.roas === null ? '—' : `${minor.ratio(r.roas)}×`),
    },
  ];
  const asRows = (rows: Row[], kind: 'channel' | 'campaign') =>
    rows.map((r) => ({
      ...r,
      label: kind === 'channel' ? channelName(t, r.channel) : r.name || t('insight.marketing.noCampaign'),
      channel: channelName(t, r.channel),
      revenue: Math.round(r.revenue) / 100,
      spend: r.spend / 100,
      roi: r.roi === null ? null : Math.round(r.roi * 10_000) / 10_000,
      roas: r.roas === null ? null : Math.round(r.roas * 10_000) / 10_000,
    }));
  const totals = data?.totals;
  const totalRoas = totals && totals.spend > 0 ? totals.revenue / totals.spend : null;

  return (
    <div>
      <InsightHeader
        view="marketing"
        title={t('insight.titles.marketing')}
        description={t('insight.marketing.description')}
        filters={{ model, ...(model === 'time_decay' ? { halfLifeDays } : {}), lookbackDays }}
      />

      <section
        aria-labelledby={ids.models}
        className="mb-6 rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200"
      >
        <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
          <fieldset className="flex flex-col gap-1.5">
            <legend id={ids.models} className="mb-1.5 text-sm font-medium text-slate-800">
              {t('insight.marketing.model')}
            </legend>
            <div className="inline-flex flex-wrap divide-x divide-slate-300 rounded-md ring-1 ring-slate-300">
              {models.map((m) => (
                <label
                  key={m}
                  className={cx(
                    'flex h-11 cursor-pointer items-center px-3 text-sm font-medium first:rounded-l-md last:rounded-r-md md:h-9 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
                    model === m ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
                  )}
                >
                  <input
                    type="radio"
                    name="attribution-model"
                    value={m}
                    checked={model === m}
                    onChange={() => setModel(m)}
                    aria-describedby={ids.explain}
                    className="sr-only"
                  />
                  {t(`insight.marketing.models.${m}.name`)}
                </label>
              ))}
            </div>
          </fieldset>
          {model === 'time_decay' && (
            <TextField
              className="w-36"
              label={t('insight.marketing.halfLife')}
              inputMode="decimal"
              value={halfLife}
              onChange={(event) => setHalfLife(event.target.value)}
              error={halfLifeOk ? null : t('insight.marketing.daysInvalid')}
            />
          )}
          <TextField
            className="w-36"
            label={t('insight.marketing.lookback')}
            inputMode="numeric"
            value={lookback}
            onChange={(event) => setLookback(event.target.value)}
            error={lookbackOk ? null : t('insight.marketing.daysInvalid')}
          />
        </div>
        <p id={ids.explain} className="mt-2 text-sm text-slate-600">
          {t(`insight.marketing.models.${model}.explain`, { days: halfLifeOk ? halfLifeDays : 7 })}
        </p>
      </section>

      <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatTile
          label={t('insight.marketing.funnel.visitors')}
          value={data ? format.number(data.funnel.visitors) : '…'}
        />
        <StatTile
          label={t('insight.marketing.funnel.leads')}
          value={data ? format.number(data.funnel.leads) : '…'}
        />
        <StatTile
          label={t('insight.marketing.revenue')}
          value={totals ? minor.whole(totals.revenue) : '…'}
          hint={
            totals
              ? t('insight.marketing.conversionsHint', {
                  count: totals.conversions,
                  unattributed: totals.unattributed,
                })
              : undefined
          }
        />
        <StatTile
          label={t('insight.marketing.roasTotal')}
          value={totals ? (totalRoas === null ? '—' : `${minor.ratio(totalRoas)}×`) : '…'}
          hint={totals ? t('insight.marketing.spendHint', { spend: minor.whole(totals.spend) }) : undefined}
        />
      </div>

      <div className="mb-6 grid grid-cols-[minmax(0,1fr)] gap-6">
        <ChartCard
          title={t('insight.marketing.funnelTitle')}
          description={t('insight.marketing.funnelDescription')}
          label={funnelLabel}
          loading={!data && !marketing.error}
          error={marketing.error}
          onRetry={marketing.reload}
          empty={data?.funnel.visitors === 0}
          emptyHint={t('insight.marketing.emptyHint')}
          table={{
            fileName: 'marketing-funnel',
            columns: [
              { key: 'step', label: t('insight.marketing.columns.step') },
              { key: 'count', label: t('insight.marketing.columns.count'), numeric: true },
              {
                key: 'ofPrevious',
                label: t('insight.marketing.columns.ofPrevious'),
                numeric: true,
                render: (r) => minor.percent(r.ofPrevious),
              },
            ],
            rows: funnelSteps,
          }}
        >
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={funnelSteps} layout="vertical" margin={{ left: 8, right: 48 }}>
              <CartesianGrid horizontal={false} stroke={chartColors.grid} />
              <XAxis type="number" allowDecimals={false} tick={axisTick} />
              <YAxis type="category" dataKey="step" width={110} tick={axisTick} />
              <Tooltip formatter={(value) => format.number(Number(value))} />
              <Bar
                dataKey="count"
                name={t('insight.marketing.columns.count')}
                fill={chartColors.primary}
                radius={[0, 4, 4, 0]}
              >
                <LabelList
                  dataKey="ofPrevious"
                  position="right"
                  formatter={(value: unknown) => minor.percent(Number(value))}
                  style={{ fontSize: 11, fill: '#334155' }}
                />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <Campaigns onChanged={() => setVersion((v) => v + 1)} minor={minor} />
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
        <TableCard
          title={t('insight.marketing.byChannel')}
          description={t(`insight.marketing.models.${model}.name`)}
          fileName="marketing-by-channel"
          columns={columns('channel')}
          rows={data ? asRows(data.channels, 'channel') : []}
          rowKey={(r) => r.channel}
          loading={!data && !marketing.error}
          error={marketing.error}
          onRetry={marketing.reload}
          emptyHint={t('insight.marketing.emptyHint')}
        />
        <TableCard
          title={t('insight.marketing.byCampaign')}
          description={t(`insight.marketing.models.${model}.name`)}
          fileName="marketing-by-campaign"
          columns={columns('campaign')}
          rows={data ? asRows(data.campaigns, 'campaign') : []}
          rowKey={(r) => r.key ?? ''}
          loading={!data && !marketing.error}
          error={marketing.error}
          onRetry={marketing.reload}
          emptyHint={t('insight.marketing.emptyHint')}
        />
      </div>
    </div>
  );
}

/** A channel as people read it: the built-in groups in the user's language, the tenant's own as written. */
function channelName(t: (key: string) => string, channel: string): string {
  return channel === 'direct' || channel === 'referral'
    ? t(`insight.marketing.channels.${channel}`)
    : channel;
}

type Minor = ReturnType<typeof useMinor>;

/** The organisation's campaigns: a table, add / edit in a dialog, delete after a confirmation. */
function Campaigns({ onChanged, minor }: { onChanged(): void; minor: Minor }) {
  const { t } = useTranslation();
  const format = useFormat();
  const showToast = useToastStore((state) => state.show);
  const canEdit = usePermissions().manageMembers;
  const list = useLoad(() => transport.call('insight.campaigns', {}), 'campaigns');
  const [editing, setEditing] = useState<InsightCampaign | 'new' | null>(null);
  const [deleting, setDeleting] = useState<InsightCampaign | null>(null);
  const items = list.data?.campaigns ?? [];
  const changed = () => {
    list.reload();
    onChanged();
  };
  const dates = (c: InsightCampaign) =>
    c.endsAt === null
      ? t('insight.marketing.campaigns.from', { from: format.date(c.startsAt) })
      : `${format.date(c.startsAt)} – ${format.date(c.endsAt)}`;
  const utm = (c: InsightCampaign) =>
    [c.utmSource, c.utmMedium, c.utmCampaign].map((tag) => tag ?? '—').join(' / ');
  const csvColumns = [
    { key: 'name' as const, label: t('insight.marketing.campaigns.name') },
    { key: 'channel' as const, label: t('insight.marketing.columns.channel') },
    { key: 'spend' as const, label: t('insight.marketing.columns.spend', { currency: minor.currency }) },
    { key: 'startsAt' as const, label: t('insight.marketing.campaigns.starts') },
    { key: 'endsAt' as const, label: t('insight.marketing.campaigns.ends') },
    { key: 'utmSource' as const, label: 'utm_source' },
    { key: 'utmMedium' as const, label: 'utm_medium' },
    { key: 'utmCampaign' as const, label: 'utm_campaign' },
  ];
  const csvRows = items.map((c) => ({
    ...c,
    spend: c.spend / 100,
    startsAt: new Date(c.startsAt).toISOString().slice(0, 10),
    endsAt: c.endsAt === null ? '' : new Date(c.endsAt).toISOString().slice(0, 10),
  }));

  return (
    <Card
      title={t('insight.marketing.campaigns.title')}
      titleId="marketing-campaigns"
      actions={
        <div className="flex flex-wrap items-center gap-1">
          <CsvButton
            fileName="campaigns"
            columns={csvColumns}
            rows={csvRows}
            label={t('insight.marketing.campaigns.title')}
          />
          {canEdit && (
            <Button
              size="sm"
              variant="primary"
              icon={<Plus aria-hidden="true" className="size-4" />}
              onClick={() => setEditing('new')}
            >
              {t('insight.marketing.campaigns.add')}
            </Button>
          )}
        </div>
      }
    >
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState icon={Megaphone} title={t('insight.marketing.campaigns.empty')}>
          {t('insight.marketing.campaigns.emptyHint')}
        </EmptyState>
      ) : (
        <div className="max-h-[22rem] overflow-y-auto">
          <Table label={t('insight.marketing.campaigns.title')}>
            <thead>
              <tr>
                <Th>{t('insight.marketing.campaigns.name')}</Th>
                <Th>{t('insight.marketing.campaigns.dates')}</Th>
                <Th className="text-right">{t('insight.marketing.campaigns.spend')}</Th>
                <Th>UTM</Th>
                {canEdit && <ActionsTh />}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <div className="font-medium text-slate-900">{c.name}</div>
                    <div className="text-xs text-slate-600">{c.channel}</div>
                  </Td>
                  <Td className="whitespace-nowrap text-slate-700">{dates(c)}</Td>
                  <Td className="text-right whitespace-nowrap text-slate-900 tabular-nums">
                    {minor.exact(c.spend)}
                  </Td>
                  <Td className="max-w-[12rem] truncate font-mono text-xs text-slate-600" title={utm(c)}>
                    {utm(c)}
                  </Td>
                  {canEdit && (
                    <Td className="text-right whitespace-nowrap">
                      <IconButton
                        label={t('insight.marketing.campaigns.edit', { name: c.name })}
                        onClick={() => setEditing(c)}
                      >
                        <Pencil aria-hidden="true" className="size-4" />
                      </IconButton>
                      <IconButton
                        danger
                        label={t('insight.marketing.campaigns.delete', { name: c.name })}
                        onClick={() => setDeleting(c)}
                      >
                        <Trash2 aria-hidden="true" className="size-4" />
                      </IconButton>
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {editing && (
        <CampaignDialog
          campaign={editing === 'new' ? null : editing}
          channels={[...new Set(items.map((c) => c.channel))]}
          currency={minor.currency}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            showToast(
              'success',
              t(created ? 'insight.marketing.campaigns.added' : 'insight.marketing.campaigns.saved', {
                name: saved.name,
              }),
            );
            changed();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setDeleting(null)}
          title={t('insight.marketing.campaigns.deleteTitle')}
          description={t('insight.marketing.campaigns.deleteDescription', {
            name: deleting.name,
            spend: minor.exact(deleting.spend),
          })}
          confirmLabel={t('insight.marketing.campaigns.deleteConfirm')}
          onConfirm={async () => {
            await transport.call('insight.deleteCampaign', { id: deleting.id });
            showToast('success', t('insight.marketing.campaigns.deleted', { name: deleting.name }));
            changed();
          }}
        />
      )}
    </Card>
  );
}

const problemKey: Record<CampaignProblem, string> = {
  nameRequired: 'insight.marketing.campaigns.problems.nameRequired',
  channelRequired: 'insight.marketing.campaigns.problems.channelRequired',
  channelInvalid: 'insight.marketing.campaigns.problems.channelInvalid',
  spendInvalid: 'insight.marketing.campaigns.problems.spendInvalid',
  startRequired: 'insight.marketing.campaigns.problems.startRequired',
  endBeforeStart: 'insight.marketing.campaigns.problems.endBeforeStart',
  tooLong: 'insight.marketing.campaigns.problems.tooLong',
};

function CampaignDialog({
  campaign,
  channels,
  currency,
  onClose,
  onSaved,
}: {
  campaign: InsightCampaign | null;
  channels: string[];
  currency: string;
  onClose(): void;
  onSaved(campaign: InsightCampaign, created: boolean): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const listId = useId();
  const [draft, setDraft] = useState<CampaignDraft>(() => draftOf(campaign, Date.now()));
  const [problems, setProblems] = useState<Partial<Record<CampaignField, CampaignProblem>>>({});
  const submit = useSubmit(async (input: CampaignInput) => {
    const saved = await transport.call(
      'insight.saveCampaign',
      campaign ? { ...input, id: campaign.id } : input,
    );
    onSaved(saved, campaign === null);
  });
  const set = (field: CampaignField) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));
  const fieldError = (field: CampaignField): string | null => {
    const problem = problems[field];
    if (problem) return t(problemKey[problem]);
    return submit.error?.field === field ? message(submit.error) : null;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setProblems(checked.problems);
      focusFirstInvalid(form.current);
      return;
    }
    setProblems({});
    void submit.run(checked.input);
  };
  const suggestions = [
    ...new Set([...channels, 'paid_search', 'paid_social', 'email', 'display', 'affiliate']),
  ];

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      locked={submit.busy}
      title={
        campaign ? t('insight.marketing.campaigns.editTitle') : t('insight.marketing.campaigns.addTitle')
      }
      description={t('insight.marketing.campaigns.dialogDescription')}
    >
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {submit.error && !submit.error.field && (
          <Alert tone="error" reason={submit.error.reason}>
            {message(submit.error)}
          </Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('insight.marketing.campaigns.name')}
            value={draft.name}
            onChange={set('name')}
            error={fieldError('name')}
            autoFocus
          />
          <TextField
            label={t('insight.marketing.columns.channel')}
            value={draft.channel}
            list={listId}
            onChange={set('channel')}
            error={fieldError('channel')}
            hint={t('insight.marketing.campaigns.channelHint')}
          />
        </div>
        <datalist id={listId}>
          {suggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={t('insight.marketing.columns.spend', { currency })}
            value={draft.spend}
            inputMode="decimal"
            onChange={set('spend')}
            error={fieldError('spend')}
          />
          <TextField
            type="date"
            label={t('insight.marketing.campaigns.starts')}
            value={draft.startsAt}
            onChange={set('startsAt')}
            error={fieldError('startsAt')}
          />
          <TextField
            type="date"
            label={t('insight.marketing.campaigns.ends')}
            optional={t('common.optional')}
            value={draft.endsAt}
            onChange={set('endsAt')}
            error={fieldError('endsAt')}
          />
        </div>
        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-medium text-slate-800">
            {t('insight.marketing.campaigns.utm')}
          </legend>
          <TextField
            label="utm_source"
            mono
            value={draft.utmSource}
            onChange={set('utmSource')}
            error={fieldError('utmSource')}
          />
          <TextField
            label="utm_medium"
            mono
            value={draft.utmMedium}
            onChange={set('utmMedium')}
            error={fieldError('utmMedium')}
          />
          <TextField
            label="utm_campaign"
            mono
            value={draft.utmCampaign}
            onChange={set('utmCampaign')}
            error={fieldError('utmCampaign')}
          />
        </fieldset>
        <p className="-mt-2 text-xs text-slate-600">{t('insight.marketing.campaigns.utmHint')}</p>
        <DialogActions>
          <Button onClick={onClose} disabled={submit.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('insight.marketing.campaigns.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
