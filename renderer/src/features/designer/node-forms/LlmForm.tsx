import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/Field';
import { useProvidersStore } from '../../../stores/providers-store';
import { decodeModel, encodeModel, modelOptions } from '../../agents/models';
import { numberOr, OutputVariable, templateExamples } from './fields';
import type { FormProps } from './form-props';

export function LlmForm({ data, readOnly, patch, problem }: FormProps<'llm'>) {
  const { t } = useTranslation();
  const providers = useProvidersStore((state) => state.providers);
  const localModels = useProvidersStore((state) => state.localModels);
  const ensure = useProvidersStore((state) => state.ensure);
  useEffect(() => {
    void ensure();
  }, [ensure]);
  const options = [
    { value: '', label: t('designer.fields.agentModel') },
    ...modelOptions(t, providers, localModels, data.model).map(({ value, label }) => ({ value, label })),
  ];
  const searchKnowledge = data.tools.includes('search_knowledge');
  return (
    <>
      <TextAreaField
        label={t('designer.fields.systemPrompt')}
        optional={t('common.optional')}
        rows={3}
        value={data.systemPrompt}
        disabled={readOnly}
        error={problem('systemPrompt')}
        onChange={(event) => patch({ systemPrompt: event.target.value }, 'systemPrompt')}
      />
      <TextAreaField
        label={t('designer.fields.prompt')}
        rows={4}
        mono
        value={data.prompt}
        disabled={readOnly}
        hint={t('designer.fields.templateHint', templateExamples)}
        error={problem('prompt')}
        onChange={(event) => patch({ prompt: event.target.value }, 'prompt')}
      />
      <SelectField
        label={t('designer.fields.model')}
        value={data.model ? encodeModel(data.model) : ''}
        disabled={readOnly}
        hint={t('designer.fields.modelHint')}
        error={problem('model')}
        onChange={(event) => patch({ model: decodeModel(event.target.value) ?? undefined }, 'model')}
        options={options}
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={t('designer.fields.temperature')}
          type="number"
          min={0}
          max={2}
          step={0.1}
          value={data.temperature}
          disabled={readOnly}
          error={problem('temperature')}
          onChange={(event) => patch({ temperature: numberOr(event.target.value, 0) }, 'temperature')}
        />
        <TextField
          label={t('designer.fields.maxTokens')}
          type="number"
          min={1}
          max={32000}
          step={1}
          value={data.maxTokens}
          disabled={readOnly}
          error={problem('maxTokens')}
          onChange={(event) => patch({ maxTokens: Math.round(numberOr(event.target.value, 1)) }, 'maxTokens')}
        />
      </div>
      <CheckboxField
        label={t('designer.fields.searchKnowledge')}
        hint={t('designer.fields.searchKnowledgeHint')}
        checked={searchKnowledge}
        disabled={readOnly}
        onChange={(event) => patch({ tools: event.target.checked ? ['search_knowledge'] : [] }, 'tools')}
      />
      <OutputVariable value={data.outputVariable} readOnly={readOnly} problem={problem} patch={patch} />
    </>
  );
}
