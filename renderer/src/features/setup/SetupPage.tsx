import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError, serverFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { isEmail, isLongEnoughPassword, minPasswordLength } from '../../lib/validate';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { AuthLayout } from '../auth/AuthLayout';
import { DemoCommand } from './DemoCommand';

const fields = ['orgName', 'name', 'email', 'password', 'confirm'] as const;
type FieldName = (typeof fields)[number];
type Values = Record<FieldName, string>;

export function SetupPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const createOwner = useSessionStore((state) => state.createOwner);
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>({
    orgName: '',
    name: '',
    email: '',
    password: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const submit = useSubmit(async () => {
    await createOwner({
      orgName: values.orgName,
      name: values.name,
      email: values.email,
      password: values.password,
    });
    // the onboarding wizard takes it from here (language, profile, first agent ...)
    navigate('#/welcome');
  });

  const validate = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    if (values.orgName.trim().length < 2) found.orgName = t('validation.orgName');
    if (!values.name.trim()) found.name = t('validation.required');
    if (!isEmail(values.email)) found.email = t('validation.email');
    if (!isLongEnoughPassword(values.password))
      found.password = t('validation.passwordLength', { count: minPasswordLength });
    if (values.confirm !== values.password) found.confirm = t('validation.passwordsDiffer');
    return found;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    void submit.run();
  };

  const field = (name: FieldName) => ({
    value: values[name],
    error: errors[name] ?? serverFieldError(t, submit.error, name),
    onChange: (event: { target: { value: string } }) => {
      setValues((current) => ({ ...current, [name]: event.target.value }));
      if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
    },
  });

  return (
    <AuthLayout title={t('setup.title')} description={t('setup.description')} wide>
      <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        {submit.error && !isFieldError(submit.error, fields) && (
          <Alert tone="error" reason={submit.error?.reason}>
            {message(submit.error, { CONFLICT: t('setup.alreadySetUp') })}
          </Alert>
        )}
        <fieldset className="flex flex-col gap-4">
          <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {t('setup.organisationSection')}
          </legend>
          <TextField label={t('setup.orgName')} autoComplete="organization" autoFocus {...field('orgName')} />
        </fieldset>
        <fieldset className="flex flex-col gap-4">
          <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {t('setup.ownerSection')}
          </legend>
          <TextField label={t('setup.yourName')} autoComplete="name" {...field('name')} />
          <TextField label={t('fields.email')} type="email" autoComplete="email" {...field('email')} />
          <TextField
            label={t('fields.password')}
            type="password"
            autoComplete="new-password"
            hint={t('validation.passwordHint', { count: minPasswordLength })}
            {...field('password')}
          />
          <TextField
            label={t('fields.confirmPassword')}
            type="password"
            autoComplete="new-password"
            {...field('confirm')}
          />
        </fieldset>
        <Button type="submit" variant="primary" busy={submit.busy} className="mt-1 w-full">
          {submit.busy ? t('setup.creating') : t('setup.submit')}
        </Button>
      </form>
      <DemoCommand />
    </AuthLayout>
  );
}
