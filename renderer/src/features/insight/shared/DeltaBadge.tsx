import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/Badge';
import { useFormat } from '../../../i18n/format';
import { deltaDirection, deltaOf, pointsDirection, pointsOf } from './delta';

/**
 * The change against the previous period: an arrow, the percentage and a word for screen readers;
 * green when it went the good way, red when the bad way (`higherIsBetter` false for hand-offs,
 * response times …) — the arrow and the text say it too, never the colour alone. A change of a
 * percentage (churn, margin) is said in percentage points with `unit="points"` ("−20 pts"), since
 * 45 % → 25 % is not "−44 %".
 */
export function DeltaBadge({
  current,
  previous,
  higherIsBetter = true,
  previousText,
  unit = 'percent',
  className,
}: {
  current: number | null;
  previous: number | null;
  higherIsBetter?: boolean;
  /** The previous period's figure as shown (the title says it on hover); plain number when absent. */
  previousText?: string;
  /** `points`: current and previous are percentages (45 = 45 %); the change is shown in points. */
  unit?: 'percent' | 'points';
  className?: string;
}) {
  const { t } = useTranslation();
  const { number, locale } = useFormat();
  const delta = unit === 'points' ? pointsOf(current, previous) : deltaOf(current, previous);
  // nothing to compare when this period has no figure (no ratings, no replies)
  if (current === null) return null;
  const was = previousText ?? (previous === null ? '–' : number(previous));
  const title = t('insight.shared.delta.previous', { value: was });
  if (delta === null) {
    return (
      <Badge tone="neutral" className={className}>
        <span title={title}>{t('insight.shared.delta.new')}</span>
        <span className="sr-only">{title}</span>
      </Badge>
    );
  }
  const direction = unit === 'points' ? pointsDirection(delta) : deltaDirection(delta);
  const good = direction === 'same' ? null : (direction === 'up') === higherIsBetter;
  const tone: BadgeTone = good === null ? 'neutral' : good ? 'success' : 'danger';
  const Icon = direction === 'up' ? ArrowUpRight : direction === 'down' ? ArrowDownRight : ArrowRight;
  const percentOf = (value: number) =>
    new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: Math.abs(value) < 0.1 ? 1 : 0,
      signDisplay: 'exceptZero',
    }).format(value);
  if (unit === 'points') {
    const points = new Intl.NumberFormat(locale, {
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }).format(Math.round(delta * 10) / 10);
    const magnitude = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(
      Math.abs(Math.round(delta * 10) / 10),
    );
    return (
      <Badge tone={tone} className={className}>
        <Icon aria-hidden="true" className="size-3.5" />
        <span title={title} aria-hidden="true">
          {t('insight.shared.delta.points', { value: points })}
        </span>
        <span className="sr-only">
          {t(`insight.shared.delta.${direction}`)}{' '}
          {t('insight.shared.delta.pointsLong', { value: magnitude })}; {title}
        </span>
      </Badge>
    );
  }
  // from next to nothing a percentage says little: more than ten times reads "> +999 %"
  const percent = delta > 9.99 ? `> ${percentOf(9.99)}` : percentOf(delta);
  return (
    <Badge tone={tone} className={className}>
      <Icon aria-hidden="true" className="size-3.5" />
      <span title={title}>{percent}</span>
      <span className="sr-only">
        {t(`insight.shared.delta.${direction}`)}; {title}
      </span>
    </Badge>
  );
}
