import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { SelectField, TextField } from '../../components/Field';
import { languages } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError, serverFieldError } from '../../i18n/field-errors';
import { isLanguage } from '../../i18n/languages';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { usePrefsStore } from '../../stores/prefs-store';
import { useSessionStore } from '../../stores/session-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';

/** The signed-in person's own name and the language the app (and their e-mail) speaks. */
export function ProfileCard() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const me = useSessionStore((state) => state.me);
  const refresh = useSessionStore((state) => state.refresh);
  const language = usePrefsStore((state) => state.language);
  const setLanguage = usePrefsStore((state) => state.setLanguage);
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(me?.user.name ?? '');
  const [error, setError] = useState<string | undefined>();
  const save = useSubmit(async () => {
    await transport.call('auth.updateProfile', { name: name.trim() });
    await refresh();
    showToast('success', t('account.profile.saved'));
  });
  const unchanged = name.trim() === (me?.user.name ?? '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const found = !trimmed
      ? t('validation.required')
      : trimmed.length > 100
        ? t('validation.name')
        : undefined;
    setError(found);
    if (found) return focusFirstInvalid(form.current);
    void save.run();
  };

  return (
    <Card title={t('account.profile.title')} titleId="profile-title" bodyClassName="p-6" className="mb-6">
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {save.error && !isFieldError(save.error, ['name']) && (
          <Alert tone="error" reason={save.error?.reason}>
            {message(save.error)}
          </Alert>
        )}
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label={t('account.profile.name')}
            hint={t('account.profile.nameHint')}
            autoComplete="name"
            value={name}
            error={error ?? serverFieldError(t, save.error, 'name')}
            onChange={(event) => setName(event.target.value)}
          />
          <TextField
            label={t('fields.email')}
            hint={t('account.profile.emailHint')}
            value={me?.user.email ?? ''}
            readOnly
            disabled
          />
        </div>
        <div>
          <Button type="submit" variant="primary" busy={save.busy} disabled={unchanged}>
            {t('account.profile.save')}
          </Button>
        </div>
      </form>
      <div className="mt-6 border-t border-slate-200 pt-5">
        <SelectField
          label={t('account.profile.language')}
          hint={t('account.profile.languageHint')}
          value={language}
          onChange={(event) => {
            if (isLanguage(event.target.value)) setLanguage(event.target.value);
          }}
          options={languages.map((code) => ({ value: code, label: t(`language.names.${code}`) }))}
          className="md:max-w-sm"
        />
      </div>
    </Card>
  );
}
