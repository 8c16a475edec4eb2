import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { IconButton } from '../../../components/IconButton';
import type { NodeConfig } from '../flow-meta';
import { Section } from './fields';
import type { FormProps } from './form-props';

export function SetForm({ data, readOnly, patch, problem }: FormProps<'set'>) {
  const { t } = useTranslation();
  const assignments = data.assignments;
  const setAssignments = (next: NodeConfig<'set'>['assignments'], key: string) =>
    patch({ assignments: next }, key);
  return (
    <Section title={t('designer.fields.assignments')}>
      {assignments.length === 0 && (
        <p className="text-sm text-slate-500">{t('designer.fields.noAssignments')}</p>
      )}
      <ol className="flex flex-col gap-3">
        {assignments.map((assignment, index) => (
          <li key={index} className="flex flex-col gap-2 rounded-md bg-slate-50 p-2.5 ring-1 ring-slate-200">
            <div className="flex items-end gap-1.5">
              <TextField
                className="flex-1"
                label={t('designer.fields.variable', { number: index + 1 })}
                mono
                value={assignment.variable}
                disabled={readOnly}
                error={problem(`assignments.${index}.variable`)}
                onChange={(event) =>
                  setAssignments(
                    assignments.map((item, i) =>
                      i === index ? { ...item, variable: event.target.value } : item,
                    ),
                    `assignments.${index}.variable`,
                  )
                }
              />
              {!readOnly && (
                <div className="pb-1">
                  <IconButton
                    label={t('designer.fields.removeAssignment', { name: assignment.variable })}
                    danger
                    onClick={() =>
                      setAssignments(
                        assignments.filter((_, i) => i !== index),
                        `remove-${index}`,
                      )
                    }
                  >
                    <Trash2 aria-hidden="true" className="size-4" />
                  </IconButton>
                </div>
              )}
            </div>
            <TextField
              label={t('designer.fields.assignExpression')}
              mono
              value={assignment.expression}
              placeholder='upper(message) + "!"'
              disabled={readOnly}
              error={problem(`assignments.${index}.expression`)}
              onChange={(event) =>
                setAssignments(
                  assignments.map((item, i) =>
                    i === index ? { ...item, expression: event.target.value } : item,
                  ),
                  `assignments.${index}.expression`,
                )
              }
            />
          </li>
        ))}
      </ol>
      {!readOnly && (
        <Button
          size="sm"
          icon={<Plus aria-hidden="true" className="size-4" />}
          disabled={assignments.length >= 100}
          onClick={() => setAssignments([...assignments, { variable: '', expression: '' }], 'add')}
        >
          {t('designer.fields.addAssignment')}
        </Button>
      )}
    </Section>
  );
}
