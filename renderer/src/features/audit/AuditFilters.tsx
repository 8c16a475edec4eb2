import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NativeSelect } from '../../components/Field';
import { SearchInput } from '../../components/SearchInput';
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
        <SearchInput
          id={searchId}
          value={q}
          placeholder={t('audit.filters.searchPlaceholder')}
          onChange={setQ}
        />
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
