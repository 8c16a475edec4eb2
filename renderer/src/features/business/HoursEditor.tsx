import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { IconButton } from '../../components/IconButton';
import { weekdays, type OpeningDay, type OpeningHours, type Weekday } from '../../contract';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import type { CallError } from '../../transport';
import { nextInterval, weekdayName } from './hours';

const timeClass = (invalid: boolean) =>
  cx(
    'h-11 w-36 rounded-md border bg-white px-2 text-sm text-slate-900 tabular-nums shadow-xs focus-visible:outline-2 focus-visible:outline-offset-0 disabled:bg-slate-50 disabled:text-slate-500 md:h-9',
    invalid
      ? 'border-red-500 focus-visible:outline-red-600'
      : 'border-slate-300 focus-visible:outline-indigo-600',
  );

/**
 * Opening hours per weekday: closed, or one or more open–close intervals. `error` is the server's
 * refusal; one about a day (openingHours.<day>...) is said under that day and marks its field.
 */
export function HoursEditor({
  value,
  onChange,
  error,
  disabled = false,
}: {
  value: OpeningHours;
  onChange(next: OpeningHours): void;
  error: CallError | null;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const change = (day: Weekday, next: OpeningDay) => onChange({ ...value, [day]: next });
  const errorOf = (day: Weekday): { field: string; text: string } | null => {
    const field = error?.code === 'VALIDATION' ? error.field : undefined;
    if (!field?.startsWith(`openingHours.${day}`)) return null;
    const text = error?.reason
      ? t(`errors.reasons.${error.reason}`, { ...error.params, defaultValue: t('validation.invalid') })
      : t('validation.invalid');
    return { field, text };
  };

  return (
    <ul className="flex flex-col divide-y divide-slate-100">
      {weekdays.map((day) => {
        const name = weekdayName(day, locale);
        const current = value[day];
        const problem = errorOf(day);
        const problemId = `hours-${day}-error`;
        const invalid = (path: string) =>
          problem !== null && (problem.field === path || problem.field === `openingHours.${day}.intervals`);
        return (
          <li key={day} className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-start sm:gap-4">
            <div className="flex w-full items-center justify-between gap-3 sm:w-44 sm:shrink-0 sm:pt-1.5">
              <span id={`hours-${day}-name`} className="text-sm font-medium text-slate-800">
                {name}
              </span>
              <label className="inline-flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 accent-indigo-600"
                  checked={current.closed}
                  disabled={disabled}
                  onChange={(event) =>
                    change(
                      day,
                      event.target.checked
                        ? { closed: true, intervals: [] }
                        : { closed: false, intervals: [nextInterval({ closed: false, intervals: [] })] },
                    )
                  }
                />
                {t('business.profile.closed')}
              </label>
            </div>
            <div className="flex min-w-0 flex-1 flex-col gap-2">
              {!current.closed && (
                <div
                  role="group"
                  aria-label={t('business.profile.dayHours', { day: name })}
                  className="flex flex-wrap items-center gap-x-4 gap-y-2"
                >
                  {current.intervals.map((interval, index) => (
                    <span key={index} className="inline-flex items-center gap-1.5">
                      <input
                        type="time"
                        value={interval.open}
                        disabled={disabled}
                        aria-label={`${name}: ${t('business.profile.opens')}`}
                        aria-invalid={invalid(`openingHours.${day}.intervals.${index}.open`) || undefined}
                        aria-describedby={problem ? problemId : undefined}
                        className={timeClass(invalid(`openingHours.${day}.intervals.${index}.open`))}
                        onChange={(event) =>
                          change(day, {
                            ...current,
                            intervals: current.intervals.map((item, i) =>
                              i === index ? { ...item, open: event.target.value } : item,
                            ),
                          })
                        }
                      />
                      <span aria-hidden="true" className="text-slate-500">
                        –
                      </span>
                      <input
                        type="time"
                        value={interval.close}
                        disabled={disabled}
                        aria-label={`${name}: ${t('business.profile.closes')}`}
                        aria-invalid={invalid(`openingHours.${day}.intervals.${index}.close`) || undefined}
                        aria-describedby={problem ? problemId : undefined}
                        className={timeClass(invalid(`openingHours.${day}.intervals.${index}.close`))}
                        onChange={(event) =>
                          change(day, {
                            ...current,
                            intervals: current.intervals.map((item, i) =>
                              i === index ? { ...item, close: event.target.value } : item,
                            ),
                          })
                        }
                      />
                      {!disabled && (
                        <IconButton
                          label={t('business.profile.removeInterval', {
                            from: interval.open,
                            to: interval.close,
                          })}
                          onClick={() =>
                            change(day, {
                              ...current,
                              intervals: current.intervals.filter((_item, i) => i !== index),
                            })
                          }
                        >
                          <X aria-hidden="true" className="size-4" />
                        </IconButton>
                      )}
                    </span>
                  ))}
                  {!disabled && current.intervals.length < 4 && (
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Plus aria-hidden="true" className="size-4" />}
                      aria-label={`${t('business.profile.addInterval')}: ${name}`}
                      onClick={() =>
                        change(day, { ...current, intervals: [...current.intervals, nextInterval(current)] })
                      }
                    >
                      {t('business.profile.addInterval')}
                    </Button>
                  )}
                </div>
              )}
              {problem && (
                <p id={problemId} className="text-sm text-red-700">
                  {problem.text}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
