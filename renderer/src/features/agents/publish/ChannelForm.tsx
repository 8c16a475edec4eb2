import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { ChannelFormActions } from './ChannelFormActions';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { SwitchField } from '../../../components/Switch';
import { languages, type Channel } from '../../../contract';
import { useErrorMessage } from '../../../i18n/error-message';
import { serverFieldError } from '../../../i18n/field-errors';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { useSubmit } from '../../../lib/use-submit';
import { colourAdvice } from './colour';
import { isColour, logoProblem, type ChannelDraft } from './draft';
import { hasHoursProblems, hoursProblems } from './hours';
import { HoursEditor } from './HoursEditor';
import { addTyped, type OriginInput } from './origins';
import { OriginsEditor } from './OriginsEditor';

const languageNames: Record<(typeof languages)[number], string> = {
  en: 'English',
  nl: 'Nederlands',
  nb: 'Norsk bokmål',
};

/**
 * The settings of a web channel: name, the websites that may show it, greeting, colour, logo,
 * business hours and what the agent says outside them, voice, language, on or off. Checked here as
 * the core checks them; a refusal of the core is said with its reason.
 */
export function ChannelForm({
  initial,
  channel,
  readOnly,
  onSave,
  onCancel,
  onDelete,
}: {
  initial: ChannelDraft;
  /** The saved channel being changed; null for a new one. */
  channel: Channel | null;
  readOnly: boolean;
  onSave(draft: ChannelDraft): Promise<void>;
  onCancel?: () => void;
  onDelete?: () => void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [originInput, setOriginInput] = useState<OriginInput>({ typed: '', problem: null });
  const [checked, setChecked] = useState(false);
  const set = <K extends keyof ChannelDraft>(key: K, value: ChannelDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const problems = {
    name: !draft.name.trim() || draft.name.trim().length > 100 ? t('validation.name') : null,
    colour: isColour(draft.colour) ? null : t('agents.publish.colour.invalid'),
    logo: logoProblem(draft.logoUrl) ? t('agents.publish.logo.invalid') : null,
  };
  const hours = hoursProblems(draft.hours);
  const submit = useSubmit(async (next: ChannelDraft) => {
    await onSave(next);
  });
  const serverError = (field: string) =>
    submit.error?.field?.startsWith(field)
      ? (serverFieldError(t, { ...submit.error, field }, field) ?? null)
      : null;
  const fieldErrors = {
    name: (checked ? problems.name : null) ?? serverError('name'),
    colour: (checked ? problems.colour : null) ?? serverError('colour'),
    logo: (checked ? problems.logo : null) ?? serverError('logoUrl'),
    origins: serverError('allowedOrigins'),
  };
  const fieldOfError = submit.error?.field ?? '';
  const shownAtField = ['name', 'colour', 'logoUrl', 'allowedOrigins'].some((f) =>
    fieldOfError.startsWith(f),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    // an address typed but not added goes with the list, or stops the save with its problem
    const added = addTyped(draft.allowedOrigins, originInput);
    setOriginInput(added.input);
    const next = { ...draft, allowedOrigins: added.origins };
    setDraft(next);
    if (problems.name || problems.colour || problems.logo || added.input.problem || hasHoursProblems(hours)) {
      focusFirstInvalid(form.current);
      return;
    }
    void submit.run(next);
  };

  const advice = colourAdvice(draft.colour);
  const disabled = readOnly || submit.busy;

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {submit.error && !shownAtField && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('agents.publish.name.label')}
        hint={t('agents.publish.name.hint')}
        maxLength={100}
        value={draft.name}
        disabled={disabled}
        error={fieldErrors.name}
        onChange={(event) => set('name', event.target.value)}
      />
      <OriginsEditor
        origins={draft.allowedOrigins}
        onChange={(origins) => set('allowedOrigins', origins)}
        input={originInput}
        onInput={setOriginInput}
        disabled={disabled}
        error={fieldErrors.origins}
      />
      <TextAreaField
        label={t('agents.publish.greeting.label')}
        hint={t('agents.publish.greeting.hint')}
        optional={t('common.optional')}
        rows={2}
        maxLength={500}
        value={draft.greeting}
        disabled={disabled}
        onChange={(event) => set('greeting', event.target.value)}
      />
      <ColourField
        value={draft.colour}
        disabled={disabled}
        error={fieldErrors.colour}
        onChange={(value) => set('colour', value)}
      />
      {advice?.lowOnWhite && (
        <Alert tone="warning" title={t('agents.publish.colour.lowTitle')}>
          {t('agents.publish.colour.low', { ratio: advice.onWhite.toFixed(1) })}
        </Alert>
      )}
      <TextField
        label={t('agents.publish.logo.label')}
        hint={t('agents.publish.logo.hint')}
        optional={t('common.optional')}
        type="url"
        inputMode="url"
        mono
        maxLength={2000}
        placeholder="https://www.example.com/logo.png"
        value={draft.logoUrl}
        disabled={disabled}
        error={fieldErrors.logo}
        onChange={(event) => set('logoUrl', event.target.value)}
      />
      <SelectField
        label={t('agents.publish.language.label')}
        hint={t('agents.publish.language.hint')}
        value={draft.defaultLanguage}
        disabled={disabled}
        options={languages.map((language) => ({ value: language, label: languageNames[language] }))}
        onChange={(event) => set('defaultLanguage', event.target.value as ChannelDraft['defaultLanguage'])}
      />
      <HoursEditor
        draft={draft.hours}
        onChange={(next) => set('hours', next)}
        problems={checked ? hours : { order: [], noneOpen: false }}
        disabled={disabled}
      />
      {draft.hours.enabled && (
        <TextAreaField
          label={t('agents.publish.closedMessage.label')}
          hint={t('agents.publish.closedMessage.hint')}
          optional={t('common.optional')}
          rows={2}
          maxLength={1000}
          value={draft.closedMessage}
          disabled={disabled}
          onChange={(event) => set('closedMessage', event.target.value)}
        />
      )}
      <SwitchField
        label={t('agents.publish.voice.label')}
        hint={t('agents.publish.voice.hint')}
        checked={draft.voice}
        disabled={disabled}
        onChange={(voice) => set('voice', voice)}
      />
      <SwitchField
        label={t('agents.publish.enabled.label')}
        hint={t('agents.publish.enabled.hint')}
        checked={draft.enabled}
        disabled={disabled}
        onChange={(enabled) => set('enabled', enabled)}
      />
      {!readOnly && (
        <ChannelFormActions
          saved={channel !== null}
          busy={submit.busy}
          createLabel={t('agents.publish.create')}
          onDelete={onDelete}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}

/** The business colour: the platform's colour picker and the same colour as #rrggbb text. */
function ColourField({
  value,
  onChange,
  disabled,
  error,
}: {
  value: string;
  onChange(value: string): void;
  disabled: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const advice = colourAdvice(value);
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1.5 text-sm font-medium text-slate-800">
        {t('agents.publish.colour.label')}
      </legend>
      <div className="flex flex-wrap items-center gap-3">
        <input
          type="color"
          aria-label={t('agents.publish.colour.picker')}
          value={isColour(value) ? value.toLowerCase() : '#2563eb'}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          className="h-10 w-14 cursor-pointer rounded-md border border-slate-300 bg-white p-1"
        />
        <input
          type="text"
          aria-label={t('agents.publish.colour.hex')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'publish-colour-error' : undefined}
          value={value}
          maxLength={7}
          spellCheck={false}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value.trim())}
          className="h-11 w-28 rounded-md border border-slate-300 bg-white px-3 font-mono text-[13px] text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-indigo-600 md:h-10"
        />
        {advice && (
          <ColourSample colour={value} text={advice.text} label={t('agents.publish.colour.sample')} />
        )}
      </div>
      {error && (
        <p id="publish-colour-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** How the chat's button looks in the colour, with the text colour the widget puts on it. */
function ColourSample({ colour, text, label }: { colour: string; text: string; label: string }) {
  return (
    <span
      aria-hidden="true"
      className="inline-flex h-10 items-center rounded-full px-4 text-sm font-semibold shadow-sm"
      style={{ backgroundColor: colour, color: text }}
    >
      {label}
    </span>
  );
}
