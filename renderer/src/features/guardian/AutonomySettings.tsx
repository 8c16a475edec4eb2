import { ShieldAlert } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { autonomyModes, strategies, type AutonomyMode, type MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { useGuardianText } from './guardian-text';

type Row = MethodOutput<'guardian.autonomy'>['strategies'][number];

const modeTone: Record<AutonomyMode, BadgeTone> = { off: 'neutral', ask: 'accent', automatic: 'success' };

/** How freely the Guardian may act: per strategy off, ask first, or automatic within a limit per hour. */
export function AutonomySettings() {
  const { t } = useTranslation();
  const { decideGuardian } = usePermissions();
  const loaded = useLoad(() => transport.call('guardian.autonomy', {}), 'autonomy');
  const { update } = loaded;
  const rows = [...(loaded.data?.strategies ?? [])].sort(
    (a, b) => strategies.indexOf(a.strategy) - strategies.indexOf(b.strategy),
  );
  return (
    <Card title={t('guardian.autonomy.title')} titleId="guardian-autonomy-title">
      <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
        {t('guardian.autonomy.description')}
      </p>
      {loaded.error && !loaded.data ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <LoadingState label={t('guardian.autonomy.loading')} />
      ) : (
        <>
          {decideGuardian && (
            <div
              aria-hidden="true"
              className="hidden grid-cols-[minmax(0,1fr)_13rem_7rem_5rem] gap-4 border-b border-slate-100 bg-slate-50/80 px-5 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase md:grid"
            >
              <span>{t('guardian.autonomy.strategy')}</span>
              <span>{t('guardian.autonomy.mode')}</span>
              <span>{t('guardian.autonomy.maxPerHour')}</span>
              <span />
            </div>
          )}
          <ul aria-label={t('guardian.autonomy.listLabel')} className="divide-y divide-slate-100">
            {rows.map((row) =>
              decideGuardian ? (
                <AutonomyRow
                  key={`${row.strategy}:${row.mode}:${row.maxPerHour}`}
                  row={row}
                  onSaved={(saved) =>
                    update((data) => ({
                      strategies: data.strategies.map((r) => (r.strategy === saved.strategy ? saved : r)),
                    }))
                  }
                />
              ) : (
                <ReadOnlyRow key={row.strategy} row={row} />
              ),
            )}
          </ul>
        </>
      )}
      {!decideGuardian && loaded.data && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
          {t('guardian.autonomy.adminsOnly')}
        </p>
      )}
    </Card>
  );
}

function StrategyText({ row }: { row: Row }) {
  const text = useGuardianText();
  const { t } = useTranslation();
  return (
    <div className="min-w-0 flex-1">
      <p className="text-sm font-medium text-slate-900">{text.strategy(row.strategy)}</p>
      <p className="text-sm text-slate-600">{text.strategyDescription(row.strategy)}</p>
      {!row.automaticAllowed && (
        <p className="mt-1 flex items-center gap-1 text-xs text-slate-500">
          <ShieldAlert aria-hidden="true" className="size-3.5 shrink-0" />
          {t('guardian.autonomy.neverAutomatic')}
        </p>
      )}
    </div>
  );
}

function ReadOnlyRow({ row }: { row: Row }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-wrap items-center gap-4 px-5 py-3">
      <StrategyText row={row} />
      <Badge tone={modeTone[row.mode]}>
        {row.mode === 'automatic'
          ? t('guardian.autonomy.automaticLimit', { count: row.maxPerHour })
          : t(`guardian.autonomy.modes.${row.mode}`)}
      </Badge>
    </li>
  );
}

function AutonomyRow({ row, onSaved }: { row: Row; onSaved(row: Row): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const text = useGuardianText();
  const showToast = useToastStore((state) => state.show);
  const [mode, setMode] = useState<AutonomyMode>(row.mode);
  const [max, setMax] = useState(String(row.maxPerHour));
  const maxNumber = Number(max);
  const maxValid = Number.isInteger(maxNumber) && maxNumber >= 1 && maxNumber <= 60;
  const dirty = mode !== row.mode || (mode === 'automatic' && maxNumber !== row.maxPerHour);
  const modes = autonomyModes.filter(
    (m) => m !== 'automatic' || row.automaticAllowed || row.mode === 'automatic',
  );
  const submit = useSubmit(async () => {
    const saved = await transport.call('guardian.setAutonomy', {
      strategy: row.strategy,
      mode,
      maxPerHour: maxValid ? maxNumber : row.maxPerHour,
    });
    showToast('success', t('guardian.autonomy.saved', { strategy: text.strategy(row.strategy) }));
    onSaved(saved);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'automatic' && !maxValid) return;
    void submit.run();
  };
  const name = text.strategy(row.strategy);
  return (
    <li className="px-5 py-3">
      <form
        onSubmit={onSubmit}
        aria-label={name}
        className="grid grid-cols-1 items-center gap-3 md:grid-cols-[minmax(0,1fr)_13rem_7rem_5rem] md:gap-4"
      >
        <StrategyText row={row} />
        <NativeSelect
          compact
          value={mode}
          aria-label={t('guardian.autonomy.modeNamed', { name })}
          onChange={(event) => setMode(event.target.value as AutonomyMode)}
          options={modes.map((m) => ({ value: m, label: t(`guardian.autonomy.modes.${m}`) }))}
        />
        <input
          type="number"
          min={1}
          max={60}
          inputMode="numeric"
          value={max}
          disabled={mode !== 'automatic'}
          aria-invalid={mode === 'automatic' && !maxValid ? true : undefined}
          aria-label={t('guardian.autonomy.maxPerHourNamed', { name })}
          title={mode === 'automatic' ? undefined : t('guardian.autonomy.maxOnlyAutomatic')}
          onChange={(event) => setMax(event.target.value)}
          className="block h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600 disabled:bg-slate-50 disabled:text-slate-400 aria-[invalid=true]:border-red-500"
        />
        <Button
          type="submit"
          size="sm"
          variant={dirty ? 'primary' : 'secondary'}
          disabled={!dirty}
          busy={submit.busy}
          aria-label={t('guardian.autonomy.saveNamed', { name })}
        >
          {t('guardian.autonomy.save')}
        </Button>
        {mode === 'automatic' && !maxValid && (
          <p role="alert" className="text-sm text-red-700 md:col-span-4 md:text-right">
            {t('guardian.autonomy.maxInvalid')}
          </p>
        )}
        {submit.error && (
          <p role="alert" className="text-sm text-red-700 md:col-span-4 md:text-right">
            {message(submit.error)}
          </p>
        )}
      </form>
    </li>
  );
}
