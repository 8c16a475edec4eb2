import { AudioLines } from 'lucide-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/Field';
import type { Provider, ProviderVoice } from '../../contract';
import { serverFieldError } from '../../i18n/field-errors';
import type { CallError } from '../../transport';

/** The voice fields as typed. */
export interface VoiceDraft {
  transcriptionModel: string;
  speechModel: string;
  speechVoice: string;
}

export type VoiceErrors = Partial<Record<keyof VoiceDraft, string>>;

export const voiceDraftOf = (provider: Provider | null): VoiceDraft => ({
  transcriptionModel: provider?.voice.transcriptionModel ?? '',
  speechModel: provider?.voice.speechModel ?? '',
  speechVoice: provider?.voice.speechVoice ?? '',
});

/** What providers.save takes: empty fields are none; a voice without a speech model is dropped. */
export function voiceInput(draft: VoiceDraft): ProviderVoice {
  const transcriptionModel = draft.transcriptionModel.trim() || null;
  const speechModel = draft.speechModel.trim() || null;
  return {
    transcriptionModel,
    speechModel,
    speechVoice: speechModel ? draft.speechVoice.trim() || null : null,
  };
}

const voiceName = /^[\w.:/-]+$/;

/** The same checks as the contract's, said in the user's language before anything is sent. */
export function voiceErrors(t: TFunction, draft: VoiceDraft): VoiceErrors {
  const voice = voiceInput(draft);
  const errors: VoiceErrors = {};
  if ((voice.transcriptionModel?.length ?? 0) > 200)
    errors.transcriptionModel = t('providers.voice.modelTooLong');
  if ((voice.speechModel?.length ?? 0) > 200) errors.speechModel = t('providers.voice.modelTooLong');
  if (voice.speechModel && !voice.transcriptionModel)
    errors.transcriptionModel = t('providers.voice.transcriptionNeeded');
  if (voice.speechModel && !voice.speechVoice) errors.speechVoice = t('providers.voice.voiceNeeded');
  else if (voice.speechVoice && (voice.speechVoice.length > 100 || !voiceName.test(voice.speechVoice)))
    errors.speechVoice = t('providers.voice.voiceInvalid');
  return errors;
}

export const voiceFieldNames = ['voice.transcriptionModel', 'voice.speechModel', 'voice.speechVoice'];

/** The provider form's voice section: what turns customers' speech into text, and what speaks back. */
export function VoiceFields({
  draft,
  onChange,
  errors,
  submitError,
}: {
  draft: VoiceDraft;
  onChange(draft: VoiceDraft): void;
  errors: VoiceErrors;
  submitError: CallError | null;
}) {
  const { t } = useTranslation();
  const set = (field: keyof VoiceDraft) => (event: { target: { value: string } }) =>
    onChange({ ...draft, [field]: event.target.value });
  const speaks = draft.speechModel.trim() !== '';
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-100">
      <legend className="sr-only">{t('providers.voice.title')}</legend>
      <div aria-hidden="true" className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <AudioLines className="size-4 shrink-0 text-indigo-600" />
        {t('providers.voice.title')}
      </div>
      <p className="text-sm text-slate-600">{t('providers.voice.explanation')}</p>
      <TextField
        label={t('providers.voice.transcriptionModel')}
        optional={t('common.optional')}
        mono
        value={draft.transcriptionModel}
        maxLength={200}
        placeholder="whisper-1"
        hint={t('providers.voice.transcriptionHint')}
        error={errors.transcriptionModel ?? serverFieldError(t, submitError, 'voice.transcriptionModel')}
        onChange={set('transcriptionModel')}
      />
      <TextField
        label={t('providers.voice.speechModel')}
        optional={t('common.optional')}
        mono
        value={draft.speechModel}
        maxLength={200}
        placeholder="tts-1"
        hint={t('providers.voice.speechHint')}
        error={errors.speechModel ?? serverFieldError(t, submitError, 'voice.speechModel')}
        onChange={set('speechModel')}
      />
      {speaks && (
        <TextField
          label={t('providers.voice.speechVoice')}
          mono
          value={draft.speechVoice}
          maxLength={100}
          placeholder="alloy"
          hint={t('providers.voice.voiceHint')}
          error={errors.speechVoice ?? serverFieldError(t, submitError, 'voice.speechVoice')}
          onChange={set('speechVoice')}
        />
      )}
    </fieldset>
  );
}

/** The provider's voice in its row of the list (nothing when it has none). */
export function VoiceSummary({ voice }: { voice: ProviderVoice }) {
  const { t } = useTranslation();
  if (!voice.transcriptionModel) return null;
  return (
    <span className="mt-1 flex items-start gap-1 text-xs text-slate-600">
      <AudioLines aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-indigo-600" />
      <span>
        {voice.speechModel
          ? t('providers.voice.summarySpeaks', {
              transcription: voice.transcriptionModel,
              speech: voice.speechModel,
              voice: voice.speechVoice ?? '',
            })
          : t('providers.voice.summaryBrowser', { transcription: voice.transcriptionModel })}
      </span>
    </span>
  );
}
