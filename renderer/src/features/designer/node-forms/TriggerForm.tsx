import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { triggerKinds } from '../../../contract';
import type { NodeConfig } from '../flow-meta';
import type { FormProps } from './form-props';

export function TriggerForm({ data, readOnly, patch, problem }: FormProps<'trigger'>) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('designer.fields.triggerKind')}
        value={data.kind}
        disabled={readOnly}
        hint={t(`designer.triggerKindHints.${data.kind}`)}
        error={problem('kind')}
        onChange={(event) => patch({ kind: event.target.value as NodeConfig<'trigger'>['kind'] }, 'kind')}
        options={triggerKinds.map((kind) => ({ value: kind, label: t(`designer.triggerKinds.${kind}`) }))}
      />
      {data.kind === 'schedule' && (
        <>
          <TextField
            label={t('designer.fields.cron')}
            mono
            value={data.cron ?? ''}
            placeholder="0 9 * * 1-5"
            disabled={readOnly}
            hint={t('designer.fields.cronHint')}
            error={problem('cron')}
            onChange={(event) => patch({ cron: event.target.value }, 'cron')}
          />
          <TextField
            label={t('designer.fields.timezone')}
            optional={t('common.optional')}
            value={data.timezone ?? ''}
            placeholder="Europe/Amsterdam"
            disabled={readOnly}
            error={problem('timezone')}
            onChange={(event) => patch({ timezone: event.target.value || undefined }, 'timezone')}
          />
          <TextAreaField
            label={t('designer.fields.scheduleMessage')}
            optional={t('common.optional')}
            value={data.message ?? ''}
            disabled={readOnly}
            error={problem('message')}
            onChange={(event) => patch({ message: event.target.value || undefined }, 'message')}
          />
        </>
      )}
    </>
  );
}
