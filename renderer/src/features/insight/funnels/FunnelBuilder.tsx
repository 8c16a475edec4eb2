import { ArrowDown, ArrowUp, Plus, RotateCcw, X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { NativeSelect, SelectField, TextField } from '../../../components/Field';
import { IconButton } from '../../../components/IconButton';
import {
  draftProblem,
  maxExclusions,
  maxSteps,
  moveItem,
  nextStepName,
  removeItem,
  replaceItem,
  windowUnits,
  type FunnelDraft,
  type WindowUnit,
} from './funnel-model';
import { useEventLabel } from '../shared/event-label';
import { nameOptions } from './use-event-names';

/**
 * The funnel's parts: ordered steps (add, remove, move with the buttons or Alt + ↑/↓ in a step),
 * the conversion window, strict or loose order, exclusion steps and the breakdown property.
 */
export function FunnelBuilder({
  draft,
  onChange,
  onReset,
  known,
  properties,
}: {
  draft: FunnelDraft;
  onChange(change: (draft: FunnelDraft) => FunnelDraft): void;
  onReset(): void;
  /** The tenant's known event names, most seen first. */
  known: readonly string[];
  /** Properties worth breaking down by (those the first step's events are rolled up by). */
  properties: readonly string[];
}) {
  const { t } = useTranslation();
  const eventLabel = useEventLabel();
  const ids = { steps: useId(), exclusions: useId(), window: useId() };
  const problem = draftProblem(draft);
  const listRef = useRef<HTMLOListElement>(null);
  const focusStep = useRef<number | null>(null);
  const setFocusStep = (index: number) => {
    focusStep.current = index;
  };

  // after a move or an added step, the focus follows the step
  useEffect(() => {
    if (focusStep.current === null) return;
    listRef.current?.querySelectorAll('select')[focusStep.current]?.focus();
    focusStep.current = null;
  });

  // the platform's events said in the user's language (custom ones as written); the raw name is
  // the picker's title for those who know the names
  const options = (chosen: readonly string[]) =>
    nameOptions(known, chosen).map((name) => ({
      value: name,
      label: known.includes(name)
        ? eventLabel(name)
        : t('insight.funnels.notSeen', { name: eventLabel(name) }),
    }));

  const moveStep = (index: number, by: number) => {
    const target = Math.max(0, Math.min(draft.steps.length - 1, index + by));
    if (target === index) return;
    onChange((d) => ({ ...d, steps: moveItem(d.steps, index, by) }));
    setFocusStep(target);
  };

  const onStepKey = (index: number) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    moveStep(index, event.key === 'ArrowUp' ? -1 : 1);
  };

  const breakdownChoices = [...new Set([...properties, ...(draft.breakdown ? [draft.breakdown] : [])])];

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <fieldset className="min-w-0">
        <legend id={ids.steps} className="text-sm font-semibold text-slate-900">
          {t('insight.funnels.steps')}
        </legend>
        <p className="mt-0.5 text-sm text-slate-600">{t('insight.funnels.stepsHint')}</p>
        <ol ref={listRef} className="mt-3 flex flex-col gap-2">
          {draft.steps.map((step, index) => (
            <li key={index} className="flex items-center gap-2" onKeyDown={onStepKey(index)}>
              <span
                aria-hidden="true"
                className="inline-flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-xs font-semibold text-indigo-700"
              >
                {index + 1}
              </span>
              <NativeSelect
                className="min-w-0 flex-1"
                aria-label={t('insight.funnels.stepN', { n: index + 1 })}
                value={step}
                title={step}
                options={options([step])}
                onChange={(event) => {
                  const value = event.target.value;
                  onChange((d) => ({ ...d, steps: replaceItem(d.steps, index, value) }));
                }}
              />
              <IconButton
                label={t('insight.funnels.moveUp', { n: index + 1 })}
                disabled={index === 0}
                onClick={() => moveStep(index, -1)}
              >
                <ArrowUp aria-hidden="true" className="size-4" />
              </IconButton>
              <IconButton
                label={t('insight.funnels.moveDown', { n: index + 1 })}
                disabled={index === draft.steps.length - 1}
                onClick={() => moveStep(index, 1)}
              >
                <ArrowDown aria-hidden="true" className="size-4" />
              </IconButton>
              <IconButton
                label={t('insight.funnels.removeStep', { n: index + 1 })}
                disabled={draft.steps.length <= 1}
                onClick={() => onChange((d) => ({ ...d, steps: removeItem(d.steps, index) }))}
              >
                <X aria-hidden="true" className="size-4" />
              </IconButton>
            </li>
          ))}
        </ol>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button
            size="sm"
            icon={<Plus aria-hidden="true" className="size-4" />}
            disabled={draft.steps.length >= maxSteps}
            onClick={() => {
              onChange((d) => ({ ...d, steps: [...d.steps, nextStepName(d.steps, known)] }));
              setFocusStep(draft.steps.length);
            }}
          >
            {t('insight.funnels.addStep')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon={<RotateCcw aria-hidden="true" className="size-4" />}
            onClick={onReset}
          >
            {t('insight.funnels.reset')}
          </Button>
        </div>
        <p className="mt-2 text-xs text-slate-600">{t('insight.funnels.keyboardHint')}</p>
      </fieldset>

      <div className="flex min-w-0 flex-col gap-5">
        <fieldset>
          <legend id={ids.window} className="text-sm font-semibold text-slate-900">
            {t('insight.funnels.window')}
          </legend>
          <div className="mt-2 grid grid-cols-2 gap-3">
            <TextField
              label={t('insight.funnels.windowValue')}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={Number.isFinite(draft.windowValue) ? String(draft.windowValue) : ''}
              error={problem === 'window' ? t('insight.funnels.problems.window') : null}
              onChange={(event) => {
                const value = Number(event.target.value);
                onChange((d) => ({ ...d, windowValue: event.target.value === '' ? Number.NaN : value }));
              }}
            />
            <SelectField
              label={t('insight.funnels.windowUnit')}
              value={draft.windowUnit}
              options={windowUnits.map((unit) => ({
                value: unit,
                label: t(`insight.funnels.units.${unit}`),
              }))}
              onChange={(event) => {
                const windowUnit = event.target.value as WindowUnit;
                onChange((d) => ({ ...d, windowUnit }));
              }}
            />
          </div>
        </fieldset>

        <SelectField
          label={t('insight.funnels.order')}
          value={draft.order}
          hint={t(`insight.funnels.orderHint.${draft.order}`)}
          options={(['loose', 'strict'] as const).map((order) => ({
            value: order,
            label: t(`insight.funnels.orders.${order}`),
          }))}
          onChange={(event) => {
            const order = event.target.value === 'strict' ? 'strict' : 'loose';
            onChange((d) => ({ ...d, order }));
          }}
        />

        <SelectField
          label={t('insight.funnels.breakdown')}
          value={draft.breakdown}
          hint={t('insight.funnels.breakdownHint')}
          options={[
            { value: '', label: t('insight.funnels.noBreakdown') },
            ...breakdownChoices.map((property) => ({ value: property, label: property })),
          ]}
          onChange={(event) => {
            const breakdown = event.target.value;
            onChange((d) => ({ ...d, breakdown }));
          }}
        />

        <fieldset>
          <legend id={ids.exclusions} className="text-sm font-semibold text-slate-900">
            {t('insight.funnels.exclusions')}
          </legend>
          <p className="mt-0.5 text-sm text-slate-600">{t('insight.funnels.exclusionsHint')}</p>
          {draft.exclude.length > 0 && (
            <ul className="mt-2 flex flex-col gap-2">
              {draft.exclude.map((name, index) => (
                <li key={index} className="flex items-center gap-2">
                  <NativeSelect
                    className="min-w-0 flex-1"
                    aria-label={t('insight.funnels.exclusionN', { n: index + 1 })}
                    value={name}
                    title={name}
                    options={options([name])}
                    onChange={(event) => {
                      const value = event.target.value;
                      onChange((d) => ({ ...d, exclude: replaceItem(d.exclude, index, value) }));
                    }}
                  />
                  <IconButton
                    label={t('insight.funnels.removeExclusion', { n: index + 1 })}
                    onClick={() => onChange((d) => ({ ...d, exclude: removeItem(d.exclude, index) }))}
                  >
                    <X aria-hidden="true" className="size-4" />
                  </IconButton>
                </li>
              ))}
            </ul>
          )}
          <Button
            className="mt-2"
            size="sm"
            icon={<Plus aria-hidden="true" className="size-4" />}
            disabled={draft.exclude.length >= maxExclusions}
            onClick={() =>
              onChange((d) => ({
                ...d,
                exclude: [
                  ...d.exclude,
                  known.find((n) => !d.steps.includes(n) && !d.exclude.includes(n)) ??
                    known[0] ??
                    'conversation.handoff',
                ],
              }))
            }
          >
            {t('insight.funnels.addExclusion')}
          </Button>
        </fieldset>
        {problem && problem !== 'window' && (
          <p role="alert" className="text-sm text-red-700">
            {t(`insight.funnels.problems.${problem}`, {
              max: problem === 'tooManySteps' ? maxSteps : maxExclusions,
            })}
          </p>
        )}
      </div>
    </div>
  );
}
