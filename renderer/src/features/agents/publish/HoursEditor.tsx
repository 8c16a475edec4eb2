import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NativeSelect } from '../../../components/Field';
import { SwitchField } from '../../../components/Switch';
import { cx } from '../../../lib/cx';
import type { Weekday } from '../../../contract';
import { changeDay, timeZones, type HoursDraft, type HoursProblems } from './hours';

/** 1 January 2024 was a Monday: the weekdays' names in the user's language, from the platform. */
function weekdayNames(language: string): Record<Weekday, string> {
  const format = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
  const days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return Object.fromEntries(
    days.map((day, index) => {
      const name = format.format(new Date(Date.UTC(2024, 0, 1 + index)));
      return [day, name.charAt(0).toLocaleUpperCase(language) + name.slice(1)];
    }),
  ) as Record<Weekday, string>;
}

const timeInput =
  'h-11 w-[8.5rem] rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:bg-slate-50 disabled:text-slate-400 md:h-9';

/**
 * Business hours: switched off, the agent answers at any time; on, per weekday open or closed and
 * from when to when, in a time zone. Outside them the agent says so and takes a message.
 */
export function HoursEditor({
  draft,
  onChange,
  problems,
  disabled,
}: {
  draft: HoursDraft;
  onChange(draft: HoursDraft): void;
  problems: HoursProblems;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const names = useMemo(() => weekdayNames(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZones(draft.timezone), [draft.timezone]);

  return (
    <fieldset className="flex flex-col gap-3" data-field="businessHours">
      <legend className="sr-only">{t('agents.publish.hours.label')}</legend>
      <SwitchField
        label={t('agents.publish.hours.label')}
        hint={t('agents.publish.hours.hint')}
        checked={draft.enabled}
        disabled={disabled}
        onChange={(enabled) => onChange({ ...draft, enabled })}
      />
      {draft.enabled && (
        <div className="flex flex-col gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset">
          <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
            {t('agents.publish.hours.timezone')}
            <NativeSelect
              value={draft.timezone}
              disabled={disabled}
              onChange={(event) => onChange({ ...draft, timezone: event.target.value })}
              options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
            />
          </label>
          <table className="w-full text-sm">
            <caption className="sr-only">{t('agents.publish.hours.tableLabel')}</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">{t('agents.publish.hours.day')}</th>
                <th scope="col">{t('agents.publish.hours.opens')}</th>
                <th scope="col">{t('agents.publish.hours.closes')}</th>
              </tr>
            </thead>
            <tbody>
              {draft.days.map((day, index) => {
                const name = names[day.day];
                const wrong = problems.order.includes(day.day);
                const set = (change: Parameters<typeof changeDay>[1]) =>
                  onChange({
                    ...draft,
                    days: draft.days.map((d, i) => (i === index ? changeDay(d, change) : d)),
                  });
                return (
                  <tr key={day.day} className="align-middle">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      <label className="inline-flex min-h-11 items-center gap-2 text-slate-800 md:min-h-0">
                        <input
                          type="checkbox"
                          checked={day.open}
                          disabled={disabled}
                          onChange={(event) => set({ open: event.target.checked })}
                          className="size-4 rounded border-slate-300 accent-indigo-600"
                        />
                        <span className="font-medium">{name}</span>
                      </label>
                    </th>
                    {day.open ? (
                      <>
                        <td className="py-1 pr-2">
                          <input
                            type="time"
                            aria-label={t('agents.publish.hours.opensOn', { day: name })}
                            value={day.from}
                            disabled={disabled}
                            required
                            aria-invalid={wrong || undefined}
                            onChange={(event) => set({ from: event.target.value })}
                            className={cx(timeInput, wrong && 'border-red-500')}
                          />
                        </td>
                        <td className="py-1">
                          <input
                            type="time"
                            aria-label={t('agents.publish.hours.closesOn', { day: name })}
                            value={day.to}
                            disabled={disabled}
                            required
                            aria-invalid={wrong || undefined}
                            onChange={(event) => set({ to: event.target.value })}
                            className={cx(timeInput, wrong && 'border-red-500')}
                          />
                          {day.spans && (
                            <span className="ml-2 text-xs text-slate-500">
                              {t('agents.publish.hours.withBreak')}
                            </span>
                          )}
                        </td>
                      </>
                    ) : (
                      <td colSpan={2} className="py-1 text-slate-500">
                        {t('agents.publish.hours.closed')}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {problems.order.length > 0 && (
            <p className="text-sm text-red-700">
              {t('agents.publish.hours.order', {
                days: problems.order.map((day) => names[day]).join(', '),
              })}
            </p>
          )}
          {problems.noneOpen && <p className="text-sm text-red-700">{t('agents.publish.hours.noneOpen')}</p>}
        </div>
      )}
    </fieldset>
  );
}
