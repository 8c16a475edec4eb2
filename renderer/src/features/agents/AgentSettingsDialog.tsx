import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { NativeSelect, SelectField, TextAreaField, TextField } from '../../components/Field';
import { IconButton } from '../../components/IconButton';
import type { AgentSummary, ModelRef } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import {
  amountToMicros,
  formatCost,
  formatRate,
  microsToAmountText,
  parseAmount,
  usDollars,
} from '../../i18n/money';
import { useMoney } from '../../i18n/use-money';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { useProvidersStore } from '../../stores/providers-store';
import { transport } from '../../transport';
import { decodeModel, encodeModel, modelOptions } from './models';
import { AgentKnowledgeField, saveAgentKnowledge, useAgentKnowledge } from '../knowledge/AgentKnowledgeField';

const maxFallbacks = 5;

export function AgentSettingsDialog({
  agent,
  open,
  onOpenChange,
  onSaved,
}: {
  agent: AgentSummary;
  open: boolean;
  onOpenChange(open: boolean): void;
  onSaved(agent: AgentSummary): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('agents.settings.title')}
      description={t('agents.settings.description')}
    >
      {open && <SettingsForm agent={agent} onClose={() => onOpenChange(false)} onSaved={onSaved} />}
    </Dialog>
  );
}

function SettingsForm({
  agent,
  onClose,
  onSaved,
}: {
  agent: AgentSummary;
  onClose(): void;
  onSaved(agent: AgentSummary): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const providers = useProvidersStore((state) => state.providers);
  const localModels = useProvidersStore((state) => state.localModels);
  const ensure = useProvidersStore((state) => state.ensure);
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(agent.name);
  const [description, setDescription] = useState(agent.description);
  const [primary, setPrimary] = useState<ModelRef>(agent.primaryModel);
  const [fallbacks, setFallbacks] = useState<ModelRef[]>(agent.fallbackModels);
  const [maxTokens, setMaxTokens] = useState(String(agent.budget.maxTokens));
  // the budget is typed in the organisation's currency and kept in US dollars, which the engine
  // counts in; untouched, it stays exactly what it was (no rounding through the currency)
  const { money, converted } = useMoney();
  const { locale } = useFormat();
  const [maxCostTyped, setMaxCost] = useState<string | null>(null);
  const maxCost = maxCostTyped ?? microsToAmountText(agent.budget.maxCostMicros, money, locale);
  const typedAmount = maxCostTyped === null ? null : parseAmount(maxCostTyped);
  const maxCostMicros =
    maxCostTyped === null
      ? agent.budget.maxCostMicros
      : typedAmount === null
        ? null
        : amountToMicros(typedAmount, money);
  const [errors, setErrors] = useState<{ name?: string; maxTokens?: string; maxCost?: string }>({});
  // the collections the agent answers from (undefined: as loaded, not changed here)
  const knowledge = useAgentKnowledge(agent.id);
  const [chosenKnowledge, setChosenKnowledge] = useState<string[] | null | undefined>(undefined);
  const knowledgeValue = chosenKnowledge === undefined ? (knowledge.data?.chosen ?? null) : chosenKnowledge;

  useEffect(() => {
    void ensure();
  }, [ensure]);

  const submit = useSubmit(async () => {
    const saved = await transport.call('agents.updateSettings', {
      agentId: agent.id,
      name: name.trim(),
      description: description.trim(),
      primaryModel: primary,
      fallbackModels: fallbacks,
      budget: { maxTokens: Number(maxTokens), maxCostMicros: maxCostMicros ?? 0 },
    });
    if (knowledge.data && chosenKnowledge !== undefined)
      await saveAgentKnowledge(agent.id, knowledge.data.chosen, chosenKnowledge);
    onSaved(saved);
    onClose();
  });

  const options = modelOptions(t, providers, localModels, primary);
  const fallbackOptions = (current: ModelRef) =>
    modelOptions(t, providers, localModels, current).map(({ value, label }) => ({ value, label }));
  const unused = options.filter(
    (option) =>
      option.value !== encodeModel(primary) && !fallbacks.some((ref) => encodeModel(ref) === option.value),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim() || name.trim().length > 100) found.name = t('validation.name');
    const tokens = Number(maxTokens);
    if (!Number.isInteger(tokens) || tokens < 100 || tokens > 10_000_000)
      found.maxTokens = t('agents.settings.maxTokensInvalid');
    if (maxCostMicros === null || maxCostMicros > 1_000_000_000)
      found.maxCost = t('agents.settings.maxCostInvalid', {
        example: new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(2.5),
      });
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const move = (from: number, to: number) =>
    setFallbacks((list) => {
      const next = list.slice();
      const [item] = next.splice(from, 1);
      next.splice(to, 0, item!);
      return next;
    });

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('fields.name')}
        value={name}
        maxLength={100}
        error={errors.name}
        onChange={(event) => setName(event.target.value)}
      />
      <TextAreaField
        label={t('agents.settings.descriptionLabel')}
        optional={t('common.optional')}
        rows={2}
        maxLength={1000}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <SelectField
        label={t('agents.settings.primaryModel')}
        hint={t('agents.settings.primaryModelHint')}
        value={encodeModel(primary)}
        onChange={(event) => {
          const ref = decodeModel(event.target.value);
          if (!ref) return;
          setPrimary(ref);
          setFallbacks((list) => list.filter((item) => encodeModel(item) !== encodeModel(ref)));
        }}
        options={options.map(({ value, label }) => ({ value, label }))}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">{t('agents.settings.fallbacks')}</legend>
        <p className="text-sm text-slate-500">{t('agents.settings.fallbacksHint')}</p>
        {fallbacks.length === 0 ? (
          <p className="text-sm text-slate-500 italic">{t('agents.settings.noFallbacks')}</p>
        ) : (
          <ol className="flex flex-col gap-2">
            {fallbacks.map((ref, index) => (
              <li key={`${encodeModel(ref)}-${index}`} className="flex items-center gap-1.5">
                <span className="w-5 text-right text-sm text-slate-500 tabular-nums">{index + 1}.</span>
                <NativeSelect
                  className="flex-1"
                  compact
                  aria-label={t('agents.settings.fallbackNumber', { number: index + 1 })}
                  value={encodeModel(ref)}
                  onChange={(event) => {
                    const next = decodeModel(event.target.value);
                    if (next) setFallbacks((list) => list.map((item, i) => (i === index ? next : item)));
                  }}
                  options={fallbackOptions(ref)}
                />
                <IconButton
                  label={t('agents.settings.moveUp', { number: index + 1 })}
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  <ArrowUp aria-hidden="true" className="size-4" />
                </IconButton>
                <IconButton
                  label={t('agents.settings.moveDown', { number: index + 1 })}
                  disabled={index === fallbacks.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  <ArrowDown aria-hidden="true" className="size-4" />
                </IconButton>
                <IconButton
                  label={t('agents.settings.removeFallback', { number: index + 1 })}
                  danger
                  onClick={() => setFallbacks((list) => list.filter((_, i) => i !== index))}
                >
                  <Trash2 aria-hidden="true" className="size-4" />
                </IconButton>
              </li>
            ))}
          </ol>
        )}
        <Button
          size="sm"
          className="self-start"
          disabled={fallbacks.length >= maxFallbacks || unused.length === 0}
          icon={<Plus aria-hidden="true" className="size-4" />}
          onClick={() => unused[0] && setFallbacks((list) => [...list, unused[0]!.ref])}
        >
          {t('agents.settings.addFallback')}
        </Button>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={t('agents.settings.maxTokens')}
          type="number"
          min={100}
          step={100}
          value={maxTokens}
          error={errors.maxTokens}
          hint={t('agents.settings.maxTokensHint')}
          onChange={(event) => setMaxTokens(event.target.value)}
        />
        <TextField
          label={t('agents.settings.maxCost', { code: money.currency })}
          inputMode="decimal"
          value={maxCost}
          error={errors.maxCost}
          hint={
            converted && maxCostMicros !== null
              ? t('agents.settings.maxCostConverted', {
                  usd: formatCost(maxCostMicros, usDollars, locale),
                  rate: formatRate(money, locale),
                })
              : t('agents.settings.maxCostHint')
          }
          onChange={(event) => setMaxCost(event.target.value)}
        />
      </div>
      <AgentKnowledgeField
        collections={knowledge.data?.collections}
        value={knowledgeValue}
        onChange={setChosenKnowledge}
        error={knowledge.error}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('agents.settings.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
