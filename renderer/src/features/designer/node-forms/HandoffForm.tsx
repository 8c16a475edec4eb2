import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../../components/Field';
import { templateExamples } from './fields';
import type { FormProps } from './form-props';

export function HandoffForm({ data, readOnly, patch, problem }: FormProps<'handoff'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        label={t('designer.fields.reason')}
        rows={3}
        value={data.reason}
        disabled={readOnly}
        hint={t('designer.fields.templateHint', templateExamples)}
        error={problem('reason')}
        onChange={(event) => patch({ reason: event.target.value }, 'reason')}
      />
      <TextField
        label={t('designer.fields.queue')}
        value={data.queue}
        disabled={readOnly}
        hint={t('designer.fields.queueHint')}
        error={problem('queue')}
        onChange={(event) => patch({ queue: event.target.value }, 'queue')}
      />
    </>
  );
}
