import { Plus, X } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { cx } from '../../../lib/cx';
import { addTyped, type OriginInput } from './origins';

/**
 * The websites that may show the chat (allowed origins): a list with a remove button per address and
 * a box to add one, checked as it is added (https://host[:port]; http only for this computer).
 */
export function OriginsEditor({
  origins,
  onChange,
  input,
  onInput,
  disabled,
  error,
}: {
  origins: string[];
  onChange(origins: string[]): void;
  input: OriginInput;
  onInput(input: OriginInput): void;
  disabled?: boolean;
  /** The server's refusal of the list, said in the user's language. */
  error?: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [announce, setAnnounce] = useState('');
  const typed = input.typed;

  const add = () => {
    const next = addTyped(origins, input);
    onInput(next.input);
    if (next.origins !== origins) {
      onChange(next.origins);
      setAnnounce(t('agents.publish.origins.added', { origin: next.origins.at(-1) }));
    }
  };
  const remove = (origin: string) => {
    onChange(origins.filter((o) => o !== origin));
    setAnnounce(t('agents.publish.origins.removed', { origin }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter adds the address, it does not save the whole form
      event.preventDefault();
      if (typed.trim()) add();
    }
  };
  const shown = input.problem ? t(`agents.publish.origins.problems.${input.problem}`) : (error ?? null);

  return (
    <fieldset className="flex flex-col gap-2" data-field="allowedOrigins">
      <legend className="text-sm font-medium text-slate-800">{t('agents.publish.origins.label')}</legend>
      <p id={`${id}-hint`} className="-mt-1 text-sm text-slate-500">
        {t('agents.publish.origins.hint')}
      </p>
      {origins.length > 0 ? (
        <ul className="flex flex-col gap-1" aria-label={t('agents.publish.origins.listLabel')}>
          {origins.map((origin) => (
            <li
              key={origin}
              className="flex items-center justify-between gap-2 rounded-md bg-slate-50 py-1 pr-1 pl-3 ring-1 ring-slate-200 ring-inset"
            >
              <span className="min-w-0 font-mono text-[13px] break-all text-slate-800">{origin}</span>
              {!disabled && (
                <button
                  type="button"
                  onClick={() => remove(origin)}
                  aria-label={t('agents.publish.origins.remove', { origin })}
                  title={t('agents.publish.origins.remove', { origin })}
                  className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md p-1.5 text-slate-600 hover:bg-slate-200 md:min-h-0 md:min-w-0"
                >
                  <X aria-hidden="true" className="size-4" />
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 italic">{t('agents.publish.origins.none')}</p>
      )}
      {!disabled && (
        <div className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor={id} className="sr-only">
              {t('agents.publish.origins.addLabel')}
            </label>
            <input
              id={id}
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              placeholder="https://www.example.com"
              aria-invalid={shown ? true : undefined}
              aria-describedby={shown ? `${id}-error` : `${id}-hint`}
              onChange={(event) => onInput({ typed: event.target.value, problem: null })}
              onKeyDown={onKeyDown}
              className={cx(
                'block h-11 w-full rounded-md border bg-white px-3 font-mono text-[13px] text-slate-900 shadow-xs placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-offset-0 md:h-10',
                shown
                  ? 'border-red-500 focus-visible:outline-red-600'
                  : 'border-slate-300 focus-visible:outline-indigo-600',
              )}
            />
          </div>
          <Button
            icon={<Plus aria-hidden="true" className="size-4" />}
            onClick={add}
            disabled={!typed.trim()}
          >
            {t('agents.publish.origins.add')}
          </Button>
        </div>
      )}
      {shown && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {shown}
        </p>
      )}
      <span role="status" className="sr-only">
        {announce}
      </span>
    </fieldset>
  );
}
