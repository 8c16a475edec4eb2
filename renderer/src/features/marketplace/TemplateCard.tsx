import { Users, Workflow } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import type { TemplateSummary } from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { localized } from './categories';
import { TemplateIcon } from './TemplateIcon';

/** A template in the marketplace; the whole card opens its details (one button, stretched). */
export function TemplateCard({
  template,
  onOpen,
  compact = false,
}: {
  template: TemplateSummary;
  onOpen(): void;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { number } = useFormat();
  return (
    <article
      className={cx(
        'relative flex h-full flex-col rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200 transition-shadow focus-within:ring-2 focus-within:ring-indigo-600 hover:shadow-md',
      )}
    >
      <div className="flex items-start gap-3">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600">
          <TemplateIcon name={template.icon} />
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="text-sm leading-5 font-semibold text-slate-900">
            <button
              type="button"
              onClick={onOpen}
              className="text-left after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none"
            >
              {localized(template.name, i18n.language)}
            </button>
          </h3>
          <Badge tone="accent" className="mt-1">
            {t(`marketplace.categories.${template.category}`)}
          </Badge>
        </div>
      </div>
      {!compact && (
        <div className="mt-3 flex-1">
          <p className="line-clamp-3 text-sm text-slate-600">
            {localized(template.description, i18n.language)}
          </p>
        </div>
      )}
      <p
        className={cx(
          'flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500',
          compact ? 'mt-3' : 'mt-4',
        )}
      >
        <span className="inline-flex items-center gap-1 whitespace-nowrap">
          <Users aria-hidden="true" className="size-3.5" />
          {template.usageCount === 0
            ? t('marketplace.notUsed')
            : t('marketplace.usage', { count: template.usageCount, formatted: number(template.usageCount) })}
        </span>
        <span className="inline-flex items-center gap-1 whitespace-nowrap">
          <Workflow aria-hidden="true" className="size-3.5" />
          {t('marketplace.steps', { count: template.nodeCount })}
        </span>
      </p>
    </article>
  );
}
