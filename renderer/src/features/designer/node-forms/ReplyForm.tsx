import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../components/Field';
import { templateExamples } from './fields';
import type { FormProps } from './form-props';

export function ReplyForm({ data, readOnly, patch, problem }: FormProps<'reply'>) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      label={t('designer.fields.replyText')}
      rows={5}
      value={data.text}
      disabled={readOnly}
      hint={t('designer.fields.templateHint', templateExamples)}
      error={problem('text')}
      onChange={(event) => patch({ text: event.target.value }, 'text')}
    />
  );
}
