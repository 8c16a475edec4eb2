import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../components/Field';
import type { FormProps } from './form-props';

export function ConditionForm({ data, readOnly, patch, problem }: FormProps<'condition'>) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      label={t('designer.fields.expression')}
      mono
      rows={3}
      value={data.expression}
      placeholder='intent.name == "booking"'
      disabled={readOnly}
      hint={t('designer.fields.expressionHint')}
      error={problem('expression')}
      onChange={(event) => patch({ expression: event.target.value }, 'expression')}
    />
  );
}
