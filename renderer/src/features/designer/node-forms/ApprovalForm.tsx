import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField } from '../../../components/Field';
import { roles } from '../../../contract';
import type { NodeConfig } from '../flow-meta';
import type { FormProps } from './form-props';

export function ApprovalForm({ data, readOnly, patch, problem }: FormProps<'approval'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        label={t('designer.fields.approvalPrompt')}
        rows={3}
        value={data.prompt}
        disabled={readOnly}
        hint={t('designer.fields.approvalPromptHint')}
        error={problem('prompt')}
        onChange={(event) => patch({ prompt: event.target.value }, 'prompt')}
      />
      <SelectField
        label={t('designer.fields.approverRole')}
        value={data.approverRole}
        disabled={readOnly}
        error={problem('approverRole')}
        onChange={(event) =>
          patch(
            { approverRole: event.target.value as NodeConfig<'approval'>['approverRole'] },
            'approverRole',
          )
        }
        options={roles.map((role) => ({
          value: role,
          label: t('designer.fields.roleOrHigher', { role: t(`roles.${role}`) }),
        }))}
      />
    </>
  );
}
