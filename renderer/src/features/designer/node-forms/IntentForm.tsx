import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { TextAreaField, TextField } from '../../../components/Field';
import { IconButton } from '../../../components/IconButton';
import type { NodeConfig } from '../flow-meta';
import { OutputVariable, Section, templateExamples } from './fields';
import type { FormProps } from './form-props';

const examplesToText = (examples: string[]) => examples.join('\n');
const textToExamples = (text: string) => text.split('\n').map((line) => line.slice(0, 200));

export function IntentForm({ data, readOnly, patch, problem }: FormProps<'intent'>) {
  const { t } = useTranslation();
  const intents = data.intents;
  const setIntents = (next: NodeConfig<'intent'>['intents'], key: string, renames?: Record<string, string>) =>
    patch({ intents: next }, key, renames);
  const move = (from: number, to: number) => {
    const next = intents.slice();
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    setIntents(next, `move-${from}-${to}`);
  };
  return (
    <>
      <Section title={t('designer.fields.intents')}>
        {intents.length === 0 && <p className="text-sm text-slate-500">{t('designer.fields.noIntents')}</p>}
        <ol className="flex flex-col gap-3">
          {intents.map((intent, index) => (
            <li
              key={index}
              className="flex flex-col gap-2 rounded-md bg-slate-50 p-2.5 ring-1 ring-slate-200"
            >
              <div className="flex items-end gap-1.5">
                <TextField
                  className="flex-1"
                  label={t('designer.fields.intentName', { number: index + 1 })}
                  mono
                  value={intent.name}
                  disabled={readOnly}
                  error={problem(`intents.${index}.name`)}
                  onChange={(event) => {
                    const name = event.target.value;
                    setIntents(
                      intents.map((item, i) => (i === index ? { ...item, name } : item)),
                      `intents.${index}.name`,
                      intent.name ? { [intent.name]: name } : undefined,
                    );
                  }}
                />
                {!readOnly && (
                  <div className="flex gap-0.5 pb-1">
                    <IconButton
                      label={t('designer.fields.moveUp', { name: intent.name })}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                    >
                      <ArrowUp aria-hidden="true" className="size-4" />
                    </IconButton>
                    <IconButton
                      label={t('designer.fields.moveDown', { name: intent.name })}
                      disabled={index === intents.length - 1}
                      onClick={() => move(index, index + 1)}
                    >
                      <ArrowDown aria-hidden="true" className="size-4" />
                    </IconButton>
                    <IconButton
                      label={t('designer.fields.removeIntent', { name: intent.name })}
                      danger
                      onClick={() =>
                        setIntents(
                          intents.filter((_, i) => i !== index),
                          `remove-${index}`,
                        )
                      }
                    >
                      <Trash2 aria-hidden="true" className="size-4" />
                    </IconButton>
                  </div>
                )}
              </div>
              <TextAreaField
                label={t('designer.fields.examples')}
                hint={t('designer.fields.examplesHint')}
                rows={3}
                value={examplesToText(intent.examples)}
                disabled={readOnly}
                error={problem(`intents.${index}.examples`)}
                onChange={(event) =>
                  setIntents(
                    intents.map((item, i) =>
                      i === index ? { ...item, examples: textToExamples(event.target.value) } : item,
                    ),
                    `intents.${index}.examples`,
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
            onClick={() =>
              setIntents([...intents, { name: `intent${intents.length + 1}`, examples: [] }], 'add')
            }
            disabled={intents.length >= 50}
          >
            {t('designer.fields.addIntent')}
          </Button>
        )}
        {problem('intents') && <p className="text-sm text-red-700">{problem('intents')}</p>}
      </Section>
      <TextField
        label={t('designer.fields.classifyInput')}
        mono
        value={data.input}
        disabled={readOnly}
        hint={t('designer.fields.templateHint', templateExamples)}
        error={problem('input')}
        onChange={(event) => patch({ input: event.target.value }, 'input')}
      />
      <OutputVariable value={data.outputVariable} readOnly={readOnly} problem={problem} patch={patch} />
    </>
  );
}
