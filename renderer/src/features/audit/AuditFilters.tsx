import { Search } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NativeSelect } from '../../components/Field';
import type { AuditFilters as Filters } from '../../stores/audit-store';
import { actionKey, knownAuditActions } from './audit-actions';

const typingPauseMs = 350;

export function AuditFilters({ filters, onChange }: { filters: Filters; onChange(filters: Filters): void }) {
  const { t } = useTranslation();
  const searchId = useId();
  const actionId = useId();
  const [q, setQ] = useState(filters.q);
  const [appliedQ, setAppliedQ] = useState(filters.q);
  if (filters.q !== appliedQ) {
    setAppliedQ(filters.q);
    setQ(filters.q);
  }

  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => {
      setAppliedQ(q);
      onChange({ ...filters, q });
    }, typingPauseMs);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);

  const actionOptions = [
    { value: '', label: t('audit.filters.allActions') },
    ...knownAuditActions.map((action) => ({ value: action, label: t(`audit.actions.${actionKey(action)}`) })),
  ];

  return (
    <form
      role="search"
      aria-label={t('audit.filters.label')}
      onSubmit={(event) => {
        event.preventDefault();
        setAppliedQ(q);
        onChange({ ...filters, q });
      }}
      className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-4"
    >
      <div className="flex min-w-60 flex-1 flex-col gap-1.5">
        <label htmlFor={searchId} className="text-sm font-medium text-slate-800">
          {t('audit.filters.search')}
        </label>
        <div className="relative">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
          />
          <input
            id={searchId}
            type="search"
            value={q}
            placeholder={t('audit.filters.searchPlaceholder')}
            onChange={(event) => setQ(event.target.value)}
            className="block h-10 w-full rounded-md border border-slate-300 bg-white pr-3 pl-9 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600"
          />
        </div>
      </div>
      <div className="flex w-64 flex-col gap-1.5">
        <label htmlFor={actionId} className="text-sm font-medium text-slate-800">
          {t('audit.filters.action')}
        </label>
        <NativeSelect
          id={actionId}
          value={filters.action}
          onChange={(event) => onChange({ ...filters, action: event.target.value })}
          options={actionOptions}
        />
      </div>
    </form>
  );
}
