import { Pencil, Plus, ReceiptText, Trash2 } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { TextAreaField, TextField } from '../../../components/Field';
import { IconButton } from '../../../components/IconButton';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../../components/Table';
import { useErrorMessage } from '../../../i18n/error-message';
import { cx } from '../../../lib/cx';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { useLoad } from '../../../lib/use-load';
import { useSubmit } from '../../../lib/use-submit';
import { useToastStore } from '../../../stores/toast-store';
import { transport } from '../../../transport';
import { CsvButton } from '../shared/CsvButton';
import type { DataColumn } from '../shared/DataTable';
import {
  checkCostDraft,
  costCategories,
  draftOfCost,
  hasMoney,
  maxCategoryLength,
  maxNoteLength,
  moneyRows,
  toMajor,
  type CostDraft,
  type CostDraftField,
  type CostDraftProblem,
  type Economics,
  type InsightCost,
  type MoneyRow,
} from './economics-data';
import type { useEconomicsFormat } from './use-economics-format';

type Format = ReturnType<typeof useEconomicsFormat>;

/** A cost row for the CSV: the month as "2026-11", the amount in major units. */
interface CostCsvRow extends Record<string, string | number> {
  month: string;
  category: string;
  amount: number;
  note: string;
}

/**
 * The installation's own monthly costs (hosting, people …) that the admin enters: a table with add,
 * edit and delete (asked first), and CSV. `onChanged` reloads the figures they feed.
 */
export function CostsEditor({
  months,
  format,
  onChanged,
}: {
  months: number;
  format: Format;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const costs = useLoad(() => transport.call('insight.costs', { months }), `costs-${months}`);
  const [editing, setEditing] = useState<InsightCost | 'new' | null>(null);
  const [deleting, setDeleting] = useState<InsightCost | null>(null);
  const items = costs.data?.costs ?? [];
  const changed = () => {
    costs.reload();
    onChanged();
  };
  const csvColumns = [
    { key: 'month' as const, label: t('insight.economics.columns.month') },
    { key: 'category' as const, label: t('insight.economics.costs.category') },
    {
      key: 'amount' as const,
      label: t('insight.economics.costs.amountIn', { currency: format.currencyName }),
    },
    { key: 'note' as const, label: t('insight.economics.costs.note') },
  ];
  const csvRows: CostCsvRow[] = items.map((cost) => ({
    month: new Date(cost.month).toISOString().slice(0, 7),
    category: cost.category,
    amount: toMajor(cost.amount, format.digits),
    note: cost.note,
  }));

  return (
    <Card
      title={t('insight.economics.costs.title')}
      titleId="economics-costs"
      actions={
        <div className="flex flex-wrap items-center gap-1">
          <CsvButton
            fileName="costs"
            columns={csvColumns}
            rows={csvRows}
            label={t('insight.economics.costs.title')}
          />
          <Button
            size="sm"
            variant="primary"
            icon={<Plus aria-hidden="true" className="size-4" />}
            onClick={() => setEditing('new')}
          >
            {t('insight.economics.costs.add')}
          </Button>
        </div>
      }
    >
      <p className="px-5 pt-3 text-sm text-slate-600">{t('insight.economics.costs.description')}</p>
      {costs.error && !costs.data ? (
        <ErrorState error={costs.error} onRetry={costs.reload} />
      ) : !costs.data ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState icon={ReceiptText} title={t('insight.economics.costs.empty')}>
          {t('insight.economics.costs.emptyHint')}
        </EmptyState>
      ) : (
        <Table label={t('insight.economics.costs.title')}>
          <thead>
            <tr>
              <Th>{t('insight.economics.columns.month')}</Th>
              <Th>{t('insight.economics.costs.category')}</Th>
              <Th className="text-right">{t('insight.economics.costs.amount')}</Th>
              <Th>{t('insight.economics.costs.note')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody>
            {items.map((cost) => (
              <tr key={cost.id}>
                <Td className="whitespace-nowrap text-slate-800">{format.month(cost.month)}</Td>
                <Td className="font-medium text-slate-900">{cost.category}</Td>
                <Td className="text-right whitespace-nowrap text-slate-900 tabular-nums">
                  {format.money(cost.amount)}
                </Td>
                <Td className="max-w-xs truncate text-slate-600" title={cost.note || undefined}>
                  {cost.note || '—'}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  <IconButton
                    label={t('insight.economics.costs.edit', {
                      category: cost.category,
                      month: format.month(cost.month),
                    })}
                    onClick={() => setEditing(cost)}
                  >
                    <Pencil aria-hidden="true" className="size-4" />
                  </IconButton>
                  <IconButton
                    danger
                    label={t('insight.economics.costs.delete', {
                      category: cost.category,
                      month: format.month(cost.month),
                    })}
                    onClick={() => setDeleting(cost)}
                  >
                    <Trash2 aria-hidden="true" className="size-4" />
                  </IconButton>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editing && (
        <CostDialog
          cost={editing === 'new' ? null : editing}
          categories={costCategories(items)}
          format={format}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            showToast(
              'success',
              t(created ? 'insight.economics.costs.added' : 'insight.economics.costs.saved', {
                category: saved.category,
                month: format.month(saved.month),
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
          title={t('insight.economics.costs.deleteTitle')}
          description={t('insight.economics.costs.deleteDescription', {
            category: deleting.category,
            month: format.month(deleting.month),
            amount: format.money(deleting.amount),
          })}
          confirmLabel={t('insight.economics.costs.deleteConfirm')}
          onConfirm={async () => {
            await transport.call('insight.deleteCost', { id: deleting.id });
            showToast(
              'success',
              t('insight.economics.costs.deleted', {
                category: deleting.category,
                month: format.month(deleting.month),
              }),
            );
            changed();
          }}
        />
      )}
    </Card>
  );
}

const problemKey: Record<CostDraftProblem, string> = {
  monthRequired: 'insight.economics.costs.problems.monthRequired',
  categoryRequired: 'insight.economics.costs.problems.categoryRequired',
  categoryTooLong: 'insight.economics.costs.problems.categoryTooLong',
  amountInvalid: 'insight.economics.costs.problems.amountInvalid',
  noteTooLong: 'insight.economics.costs.problems.noteTooLong',
};

function CostDialog({
  cost,
  categories,
  format,
  onClose,
  onSaved,
}: {
  cost: InsightCost | null;
  categories: string[];
  format: Format;
  onClose(): void;
  onSaved(cost: InsightCost, created: boolean): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const listId = useId();
  const [draft, setDraft] = useState<CostDraft>(() => draftOfCost(cost, Date.now(), format.amountText));
  const [problems, setProblems] = useState<Partial<Record<CostDraftField, CostDraftProblem>>>({});
  const submit = useSubmit(
    async (input: { month: number; category: string; amount: number; note: string }) => {
      const saved = await transport.call('insight.saveCost', cost ? { ...input, id: cost.id } : input);
      onSaved(saved, cost === null);
    },
  );
  const set = (field: CostDraftField) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));
  const fieldError = (field: CostDraftField): string | null => {
    const problem = problems[field];
    if (problem) return t(problemKey[problem], { max: field === 'note' ? maxNoteLength : maxCategoryLength });
    return submit.error?.field === field ? message(submit.error) : null;
  };
  const placed = submit.error?.field && ['month', 'category', 'amount', 'note'].includes(submit.error.field);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkCostDraft(draft, format.digits);
    if (!checked.ok) {
      setProblems(checked.problems);
      focusFirstInvalid(form.current);
      return;
    }
    setProblems({});
    void submit.run(checked.input);
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      locked={submit.busy}
      title={cost ? t('insight.economics.costs.editTitle') : t('insight.economics.costs.addTitle')}
      description={t('insight.economics.costs.dialogDescription', { currency: format.currencyName })}
    >
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {submit.error && !placed && (
          <Alert tone="error" reason={submit.error.reason}>
            {message(submit.error)}
          </Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            type="month"
            label={t('insight.economics.columns.month')}
            value={draft.month}
            onChange={set('month')}
            error={fieldError('month')}
            autoFocus
          />
          <TextField
            label={t('insight.economics.costs.amountIn', { currency: format.currencyName })}
            value={draft.amount}
            inputMode="decimal"
            onChange={set('amount')}
            error={fieldError('amount')}
            hint={t('insight.economics.costs.amountHint')}
          />
        </div>
        <TextField
          label={t('insight.economics.costs.category')}
          value={draft.category}
          list={listId}
          maxLength={maxCategoryLength + 20}
          onChange={set('category')}
          error={fieldError('category')}
          hint={t('insight.economics.costs.categoryHint')}
        />
        <datalist id={listId}>
          {[...new Set([...categories, ...defaultCategories(t)])].map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <TextAreaField
          label={t('insight.economics.costs.note')}
          optional={t('common.optional')}
          value={draft.note}
          onChange={set('note')}
          error={fieldError('note')}
        />
        <DialogActions>
          <Button onClick={onClose} disabled={submit.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('insight.economics.costs.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Suggestions for a first cost, in the user's language. */
function defaultCategories(t: ReturnType<typeof useTranslation>['t']): string[] {
  return ['hosting', 'people', 'software', 'marketing', 'other'].map((key) =>
    t(`insight.economics.costs.categories.${key}`),
  );
}

/**
 * Revenue and what it cost per month, as the core reports them: model costs from the runs of every
 * organisation apart from the costs the admin entered and campaign spend.
 */
export function RevenueAndCosts({ economics, format }: { economics: Economics; format: Format }) {
  const { t } = useTranslation();
  const rows = moneyRows(economics.months, format.digits);
  // nothing earned or spent in the whole range: the costs editor below says what to do
  if (!hasMoney(economics.months)) return null;
  // without a rate from USD the core leaves model costs out (and the page's note says so): no column
  const excluded = economics.modelCostsExcluded === true;
  const columns: DataColumn<MoneyRow>[] = [
    {
      key: 'month',
      label: t('insight.economics.columns.month'),
      render: (r) => <span className="whitespace-nowrap">{format.month(r.start)}</span>,
    },
    {
      key: 'revenue',
      label: t('insight.economics.money.revenue'),
      numeric: true,
      render: (r) => format.major(r.revenue),
    },
    ...(excluded
      ? []
      : [
          {
            key: 'modelCosts' as const,
            label: t('insight.economics.money.modelCosts'),
            numeric: true,
            render: (r: MoneyRow) => format.major(r.modelCosts),
          },
        ]),
    {
      key: 'otherCosts',
      label: t('insight.economics.money.otherCosts'),
      numeric: true,
      render: (r) => format.major(r.otherCosts),
    },
    {
      key: 'campaignSpend',
      label: t('insight.economics.money.campaignSpend'),
      numeric: true,
      render: (r) => format.major(r.campaignSpend),
    },
    {
      key: 'profit',
      label: t('insight.economics.money.profit'),
      numeric: true,
      render: (r) => format.major(r.profit),
    },
  ];
  return (
    <Card
      title={t('insight.economics.money.title')}
      titleId="economics-money"
      actions={
        <CsvButton
          fileName="revenue-and-costs"
          // the headers' soft hyphens (where a long word may break on screen) stay out of the file
          columns={columns.map((column) => ({ ...column, label: column.label.replaceAll('\u00ad', '') }))}
          rows={rows}
          label={t('insight.economics.money.title')}
        />
      }
    >
      <p className="px-5 pt-3 pb-2 text-sm text-slate-600">
        {excluded
          ? t('insight.economics.money.descriptionExcluded')
          : economics.currency === 'USD'
            ? t('insight.economics.money.descriptionSame')
            : t('insight.economics.money.description', {
                rate: format.major(economics.usdRate ?? 1),
              })}
      </p>
      <Table label={t('insight.economics.money.title')}>
        <thead>
          <tr>
            {columns.map((column) => (
              // headers wrap, so the six columns fit beside the sidebar at 1024 px without scrolling
              <th
                key={column.key}
                scope="col"
                className={cx(
                  'border-b border-slate-200 bg-slate-50/80 px-3 py-2.5 align-bottom text-xs font-semibold tracking-wide text-slate-500 uppercase first:pl-5 last:pr-5',
                  column.numeric && 'text-right',
                )}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...rows].reverse().map((row) => (
            <tr key={row.month}>
              {columns.map((column) => (
                <Td
                  key={column.key}
                  className={cx(
                    column.numeric && 'text-right whitespace-nowrap tabular-nums',
                    'text-slate-700',
                  )}
                >
                  {column.render ? column.render(row) : String(row[column.key])}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
