import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../../components/Field';
import { numberOr, OutputVariable, templateExamples } from './fields';
import type { FormProps } from './form-props';

export function KnowledgeForm({ data, readOnly, patch, problem }: FormProps<'knowledge'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        label={t('designer.fields.query')}
        mono
        rows={2}
        value={data.query}
        disabled={readOnly}
        hint={t('designer.fields.templateHint', templateExamples)}
        error={problem('query')}
        onChange={(event) => patch({ query: event.target.value }, 'query')}
      />
      <TextField
        label={t('designer.fields.topK')}
        type="number"
        min={1}
        max={20}
        value={data.topK}
        disabled={readOnly}
        hint={t('designer.fields.topKHint')}
        error={problem('topK')}
        onChange={(event) => patch({ topK: Math.round(numberOr(event.target.value, 1)) }, 'topK')}
      />
      <OutputVariable value={data.outputVariable} readOnly={readOnly} problem={problem} patch={patch} />
    </>
  );
}
