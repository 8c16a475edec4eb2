import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { IconButton } from '../../components/IconButton';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { httpMethods, roles, triggerKinds, type NodeType } from '../../contract';
import { roleAtLeast, usePermissions } from '../../lib/permissions';
import { useProvidersStore } from '../../stores/providers-store';
import { decodeModel, encodeModel, modelOptions } from '../agents/models';
import type { NodeConfig } from './flow-meta';

export interface FormProps<T extends NodeType> {
  nodeId: string;
  data: NodeConfig<T>;
  readOnly: boolean;
  /** Changes some fields; `key` groups keystrokes in one field into one undo step. */
  patch(change: Partial<NodeConfig<T>>, key: string, renames?: Record<string, string>): void;
  /** The validation problem of a field, if any, in the user's language. */
  problem(field: string): string | null;
}

/** Shown in hints as they are typed: the braces are not translation placeholders. */
const templateExamples = { example: '{{message}}', other: '{{knowledge.text}}' };

const numberOr = (value: string, fallback: number) => {
  const parsed = Number(value);
  return value.trim() === '' || !Number.isFinite(parsed) ? fallback : parsed;
};

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <legend className="flex w-full items-center justify-between gap-2 px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {title}
      </legend>
      {children}
      {action}
    </fieldset>
  );
}

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

function OutputVariable({
  value,
  readOnly,
  problem,
  patch,
}: {
  value: string;
  readOnly: boolean;
  problem(field: string): string | null;
  patch(change: { outputVariable: string }, key: string): void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('designer.fields.outputVariable')}
      mono
      value={value}
      disabled={readOnly}
      hint={t('designer.fields.outputVariableHint', { name: `{{${value || '…'}}}` })}
      error={problem('outputVariable')}
      onChange={(event) => patch({ outputVariable: event.target.value }, 'outputVariable')}
    />
  );
}

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

const headersToText = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');

function textToHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function HttpForm({ data, readOnly, patch, problem }: FormProps<'http'>) {
  // opening the private network is an admin's decision (the core refuses it from anyone else)
  const mayOpenPrivateNetwork = roleAtLeast(usePermissions().role, 'admin');
  const { t } = useTranslation();
  return (
    <>
      <div className="grid grid-cols-[7rem_1fr] gap-3">
        <SelectField
          label={t('designer.fields.method')}
          value={data.method}
          disabled={readOnly}
          error={problem('method')}
          onChange={(event) =>
            patch({ method: event.target.value as NodeConfig<'http'>['method'] }, 'method')
          }
          options={httpMethods.map((method) => ({ value: method, label: method }))}
        />
        <TextField
          label={t('designer.fields.url')}
          mono
          value={data.url}
          placeholder="https://api.example.com/orders/{{orderId}}"
          disabled={readOnly}
          error={problem('url')}
          onChange={(event) => patch({ url: event.target.value }, 'url')}
        />
      </div>
      <ListTextField
        label={t('designer.fields.headers')}
        optional={t('common.optional')}
        value={data.headers}
        placeholder="Authorization: Bearer {{token}}"
        readOnly={readOnly}
        hint={t('designer.fields.headersHint')}
        error={problem('headers')}
        format={headersToText}
        parse={textToHeaders}
        onChange={(headers) => patch({ headers }, 'headers')}
      />
      {data.method !== 'GET' && (
        <TextAreaField
          label={t('designer.fields.body')}
          optional={t('common.optional')}
          mono
          rows={4}
          value={data.body ?? ''}
          disabled={readOnly}
          error={problem('body')}
          onChange={(event) => patch({ body: event.target.value || undefined }, 'body')}
        />
      )}
      <ListTextField
        label={t('designer.fields.allowedHosts')}
        value={data.allowedHosts}
        placeholder="api.example.com"
        readOnly={readOnly}
        hint={t('designer.fields.allowedHostsHint')}
        error={problem('allowedHosts')}
        format={(hosts) => hosts.join('\n')}
        parse={(text) =>
          text
            .split(/[\n,]/)
            .map((host) => host.trim())
            .filter(Boolean)
        }
        onChange={(allowedHosts) => patch({ allowedHosts }, 'allowedHosts')}
      />
      <CheckboxField
        label={t('designer.fields.allowPrivateNetwork')}
        hint={
          mayOpenPrivateNetwork
            ? t('designer.fields.allowPrivateNetworkHint')
            : t('designer.fields.allowPrivateNetworkAdminOnly')
        }
        checked={data.allowPrivateNetwork}
        disabled={readOnly || (!mayOpenPrivateNetwork && !data.allowPrivateNetwork)}
        onChange={(event) => patch({ allowPrivateNetwork: event.target.checked }, 'allowPrivateNetwork')}
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={t('designer.fields.timeoutMs')}
          type="number"
          min={100}
          max={60000}
          step={100}
          value={data.timeoutMs}
          disabled={readOnly}
          error={problem('timeoutMs')}
          onChange={(event) =>
            patch({ timeoutMs: Math.round(numberOr(event.target.value, 100)) }, 'timeoutMs')
          }
        />
        <OutputVariable value={data.outputVariable} readOnly={readOnly} problem={problem} patch={patch} />
      </div>
    </>
  );
}

/**
 * A textarea for a value kept as structured data (headers, host lists): the typed text stays as it
 * is while it means the same value, and follows the value when it changes elsewhere (undo).
 */
function ListTextField<V>({
  label,
  value,
  readOnly,
  error,
  hint,
  placeholder,
  optional,
  format,
  parse,
  onChange,
}: {
  label: string;
  value: V;
  readOnly: boolean;
  error: string | null;
  hint?: string;
  placeholder?: string;
  optional?: string;
  format(value: V): string;
  parse(text: string): V;
  onChange(value: V): void;
}) {
  const [text, setText] = useState(() => format(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (JSON.stringify(parse(text)) !== JSON.stringify(value)) setText(format(value));
  }
  return (
    <TextAreaField
      label={label}
      optional={optional}
      mono
      rows={2}
      value={text}
      placeholder={placeholder}
      disabled={readOnly}
      hint={hint}
      error={error}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parse(event.target.value));
      }}
    />
  );
}

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
