import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { pagePaths } from '../../router/routes';
import { useSessionStore } from '../../stores/session-store';
import { transport } from '../../transport';
import { isDunning, planNameOf } from './billing-meta';

type BannerKind = 'dunning' | 'usage80' | 'usage100';

const dismissedKey = (tenantId: string, kind: BannerKind) => `mindframe.billingBanner.${tenantId}.${kind}`;

function wasDismissed(tenantId: string, kind: BannerKind): boolean {
  try {
    return sessionStorage.getItem(dismissedKey(tenantId, kind)) === '1';
  } catch {
    return false;
  }
}

/**
 * The owner's slim banners above every page: usage at 80 % and at 100 % of a limit, and a failed
 * payment (dunning) until its grace ends. Each can be put away for the session; the billing page
 * says the rest.
 */
export function BillingBanners() {
  const me = useSessionStore((state) => state.me);
  if (!me || me.role !== 'owner') return null;
  return <OwnerBanners key={me.tenant.id} tenantId={me.tenant.id} />;
}

function OwnerBanners({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const { date, percent } = useFormat();
  const now = useNow(60_000);
  const usage = useLoad(() => transport.call('billing.usage', {}), 'usage');
  const subscription = useLoad(() => transport.call('billing.subscription', {}), 'subscription');
  const { reload: reloadUsage } = usage;
  const { reload: reloadSubscription } = subscription;
  const [dismissed, setDismissed] = useState<ReadonlySet<BannerKind>>(
    () =>
      new Set((['dunning', 'usage80', 'usage100'] as const).filter((kind) => wasDismissed(tenantId, kind))),
  );
  useEffect(
    () =>
      transport.on('billing.changed', () => {
        reloadUsage();
        reloadSubscription();
      }),
    [reloadUsage, reloadSubscription],
  );

  const dismiss = (kind: BannerKind) => {
    try {
      sessionStorage.setItem(dismissedKey(tenantId, kind), '1');
    } catch {
      // dismissed for this page's life only
    }
    setDismissed((previous) => new Set([...previous, kind]));
  };

  const banners: { kind: BannerKind; tone: 'warning' | 'danger'; text: string }[] = [];
  const sub = subscription.data;
  if (sub && isDunning(sub.status) && (sub.graceUntil === null || sub.graceUntil > now)) {
    const plan = planNameOf(t, sub.planKey, sub.planName);
    banners.push({
      kind: 'dunning',
      tone: 'danger',
      text: sub.graceUntil
        ? t('billing.banner.dunning', { plan, date: date(sub.graceUntil) })
        : t('billing.banner.dunningNoDate', { plan }),
    });
  }
  const highest = usage.data?.highestPercent ?? null;
  if (highest !== null && highest >= 100) {
    banners.push({ kind: 'usage100', tone: 'danger', text: t('billing.banner.usage100') });
  } else if (highest !== null && highest >= 80) {
    banners.push({
      kind: 'usage80',
      tone: 'warning',
      text: t('billing.banner.usage80', { percent: percent(highest) }),
    });
  }
  const shown = banners.filter((banner) => !dismissed.has(banner.kind));
  if (shown.length === 0) return null;
  return (
    <div className="shrink-0">
      {shown.map((banner) => (
        <div
          key={banner.kind}
          role="status"
          className={cx(
            'flex items-center gap-3 border-b px-4 py-1.5 text-sm md:px-6',
            banner.tone === 'danger'
              ? 'border-red-200 bg-red-50 text-red-900'
              : 'border-amber-200 bg-amber-50 text-amber-900',
          )}
        >
          <p className="min-w-0 flex-1">
            {banner.text}{' '}
            <a href={pagePaths.billing} className="font-medium underline hover:no-underline">
              {t('billing.banner.link')}
            </a>
          </p>
          <button
            type="button"
            onClick={() => dismiss(banner.kind)}
            aria-label={t('billing.banner.dismiss')}
            title={t('billing.banner.dismiss')}
            className="flex size-7 shrink-0 items-center justify-center rounded hover:bg-black/5"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
      ))}
    </div>
  );
}
