import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../../components/Field';

/** Shown in hints as they are typed: the braces are not translation placeholders. */
export const templateExamples = { example: '{{message}}', other: '{{knowledge.text}}' };

export const numberOr = (value: string, fallback: number) => {
  const parsed = Number(value);
  return value.trim() === '' || !Number.isFinite(parsed) ? fallback : parsed;
};

/** A group of fields with a title, e.g. a list the user adds to. */
export function Section({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
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

/** The variable a node writes its result to, for the nodes after it to read. */
export function OutputVariable({
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

/**
 * A textarea for a value kept as structured data (headers, host lists): the typed text stays as it
 * is while it means the same value, and follows the value when it changes elsewhere (undo).
 */
export function ListTextField<V>({
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
