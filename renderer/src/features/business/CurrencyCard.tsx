import { Coins } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { SelectField, TextField } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { currencies, type Currency, type TenantMoney } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { serverFieldError } from '../../i18n/field-errors';
import { useFormat } from '../../i18n/format';
import { currencyName, formatCost, parseRate } from '../../i18n/money';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { useMoneyStore } from '../../stores/money-store';
import { useToastStore } from '../../stores/toast-store';

/** A cost the preview converts, so the owner sees what the rate does: $2.50. */
const exampleMicros = 2_500_000;

const isCurrency = (value: string): value is Currency => (currencies as readonly string[]).includes(value);

/** The organisation's currency for costs and budgets, and the rate from US dollars the owner sets. */
export function CurrencyCard() {
  const { t } = useTranslation();
  const money = useMoneyStore((state) => state.money);
  const status = useMoneyStore((state) => state.status);
  const error = useMoneyStore((state) => state.error);
  const ensure = useMoneyStore((state) => state.ensure);
  const reset = useMoneyStore((state) => state.reset);
  useEffect(() => {
    void ensure();
  }, [ensure]);

  return (
    <Card title={t('business.currency.title')} titleId="currency-title">
      {money ? (
        <CurrencyForm key={`${money.currency}:${money.usdRate}:${money.setAt}`} money={money} />
      ) : status === 'error' ? (
        <ErrorState
          error={error}
          onRetry={() => {
            reset();
            void ensure();
          }}
        />
      ) : (
        <LoadingState label={t('business.currency.loading')} />
      )}
    </Card>
  );
}

function CurrencyForm({ money }: { money: TenantMoney }) {
  const { t } = useTranslation();
  const { locale, date } = useFormat();
  const message = useErrorMessage();
  const { role } = usePermissions();
  const canEdit = role === 'owner' || role === 'admin';
  const save = useMoneyStore((state) => state.save);
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  // the rate as typed, in the region's decimal mark ("10,85")
  const rateText = (rate: number) =>
    new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(rate);
  const [currency, setCurrency] = useState<Currency>(money.currency);
  const [rate, setRate] = useState(money.currency === 'USD' ? '' : rateText(money.usdRate));
  const [rateError, setRateError] = useState<string | null>(null);

  const usd = currency === 'USD';
  const parsed = usd ? 1 : parseRate(rate);
  const dirty = currency !== money.currency || (!usd && parsed !== money.usdRate);

  const submit = useSubmit(async () => {
    await save(usd ? { currency } : { currency, usdRate: parsed! });
    showToast('success', t('business.currency.saved'));
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = !usd && parsed === null ? t('errors.reasons.exchange_rate_invalid') : null;
    setRateError(found);
    if (found) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const name = (code: Currency) => currencyName(code, locale);
  const options = [...currencies]
    .map((code) => ({ value: code, label: `${name(code)} (${code})` }))
    .sort((a, b) =>
      a.value === 'USD' ? -1 : b.value === 'USD' ? 1 : a.label.localeCompare(b.label, locale),
    );

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4 p-5">
      <p className="text-sm text-slate-600">{t('business.currency.description')}</p>
      <Alert tone="info">{t('business.currency.providersInUsd')}</Alert>
      {submit.error && !serverFieldError(t, submit.error, 'usdRate') && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('business.currency.currency')}
          value={currency}
          disabled={!canEdit}
          onChange={(event) => {
            const next = event.target.value;
            if (!isCurrency(next)) return;
            setCurrency(next);
            setRateError(null);
            submit.clearError();
            // a rate belongs to its currency: the saved one comes back, another starts empty
            setRate(next === money.currency && next !== 'USD' ? rateText(money.usdRate) : '');
          }}
          options={options}
        />
        <TextField
          label={t('business.currency.rate', { code: usd ? 'USD' : currency })}
          inputMode="decimal"
          autoComplete="off"
          value={usd ? '1' : rate}
          disabled={!canEdit || usd}
          placeholder={usd ? undefined : t('business.currency.ratePlaceholder')}
          error={rateError ?? serverFieldError(t, submit.error, 'usdRate')}
          hint={usd ? t('business.currency.rateUsd') : t('business.currency.rateHint', { code: currency })}
          onChange={(event) => {
            setRate(event.target.value);
            setRateError(null);
          }}
        />
      </div>
      <p
        role="status"
        className="flex items-start gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-100"
      >
        <Coins aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-slate-500" />
        <span>
          {parsed === null
            ? t('business.currency.previewNoRate')
            : usd
              ? t('business.currency.previewUsd', {
                  usd: formatCost(exampleMicros, { currency: 'USD', usdRate: 1 }, locale),
                })
              : t('business.currency.preview', {
                  usd: formatCost(exampleMicros, { currency: 'USD', usdRate: 1 }, locale),
                  converted: formatCost(exampleMicros, { currency, usdRate: parsed }, locale),
                })}
        </span>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-500">
          {money.setAt === null
            ? t('business.currency.neverSet')
            : t('business.currency.setOn', {
                currency: `${name(money.currency)} (${money.currency})`,
                date: date(money.setAt),
              })}
        </p>
        {canEdit ? (
          <Button type="submit" variant="primary" disabled={!dirty} busy={submit.busy}>
            {t('business.currency.save')}
          </Button>
        ) : (
          <p className="text-sm text-slate-500">{t('business.currency.ownersOnly')}</p>
        )}
      </div>
    </form>
  );
}
