import { CircleCheck, CircleX, Hourglass } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { pagePaths } from '../../router/routes';
import { transport } from '../../transport';
import { checkoutFromKey, confirmed, planNameOf, type CheckoutFrom, type Subscription } from './billing-meta';

function readFrom(): CheckoutFrom | null {
  try {
    const raw = sessionStorage.getItem(checkoutFromKey);
    return raw ? (JSON.parse(raw) as CheckoutFrom) : null;
  } catch {
    return null;
  }
}

/** How often and how long the success page asks whether Stripe's event has changed the plan. */
const pollMs = 2_000;
const patienceMs = 60_000;

/** Where Stripe Checkout returns: `#/billing/success` waits for the plan to change; `#/billing/cancelled` says nothing changed. */
export function CheckoutResultPage({ outcome }: { outcome: 'success' | 'cancelled' }) {
  return outcome === 'success' ? <SuccessPage /> : <CancelledPage />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <a
      href={pagePaths.billing}
      className="inline-flex text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {t('billing.result.back')}
    </a>
  );
}

function SuccessPage() {
  const { t } = useTranslation();
  const [from] = useState(readFrom);
  const [sub, setSub] = useState<Subscription | null>(null);
  const [slow, setSlow] = useState(false);
  const done = sub !== null && confirmed(sub, from);

  useEffect(() => {
    if (done) {
      try {
        sessionStorage.removeItem(checkoutFromKey);
      } catch {
        // nothing to forget
      }
      return;
    }
    let stopped = false;
    const ask = () =>
      transport.call('billing.subscription', {}).then(
        (answer) => {
          if (!stopped) setSub(answer);
        },
        () => undefined,
      );
    void ask();
    const timer = window.setInterval(() => void ask(), pollMs);
    const patience = window.setTimeout(() => setSlow(true), patienceMs);
    const off = transport.on('billing.changed', () => void ask());
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.clearTimeout(patience);
      off();
    };
  }, [done]);

  return (
    <>
      <PageHeader title={t('billing.result.successTitle')} />
      <Card>
        <div className="flex flex-col items-center gap-3 px-6 py-12 text-center">
          {done && sub ? (
            <>
              <span className="flex size-12 items-center justify-center rounded-full bg-emerald-50 text-emerald-600">
                <CircleCheck aria-hidden="true" className="size-6" />
              </span>
              <p role="status" className="text-sm font-semibold text-slate-900">
                {t('billing.result.confirmed', { plan: planNameOf(t, sub.planKey, sub.planName) })}
              </p>
              <p className="max-w-md text-sm text-slate-600">{t('billing.result.confirmedDetail')}</p>
            </>
          ) : (
            <>
              <span className="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
                {slow ? (
                  <Hourglass aria-hidden="true" className="size-6" />
                ) : (
                  <Spinner className="size-6 text-indigo-600" />
                )}
              </span>
              <p role="status" className="text-sm font-semibold text-slate-900">
                {slow ? t('billing.result.slow') : t('billing.result.confirming')}
              </p>
              <p className="max-w-md text-sm text-slate-600">{t('billing.result.confirmingDetail')}</p>
            </>
          )}
          <BackLink />
        </div>
      </Card>
    </>
  );
}

function CancelledPage() {
  const { t } = useTranslation();
  useEffect(() => {
    try {
      sessionStorage.removeItem(checkoutFromKey);
    } catch {
      // nothing to forget
    }
  }, []);
  return (
    <>
      <PageHeader title={t('billing.result.cancelledTitle')} />
      <Card>
        <div className="flex flex-col items-center gap-3 px-6 py-12 text-center">
          <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-500">
            <CircleX aria-hidden="true" className="size-6" />
          </span>
          <p className="text-sm font-semibold text-slate-900">{t('billing.result.cancelled')}</p>
          <p className="max-w-md text-sm text-slate-600">{t('billing.result.cancelledDetail')}</p>
          <BackLink />
        </div>
      </Card>
    </>
  );
}
