import { Check, Copy, ShieldCheck, ShieldOff } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useSessionStore } from '../../stores/session-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { cleanCode } from '../auth/SecondStep';
import { RegionalFormatCard } from './RegionalFormatCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { ProfileCard } from './ProfileCard';
import { ConfirmIdentityDialog } from './ConfirmIdentityDialog';
import { RecoveryCodes } from './RecoveryCodes';

type Status = MethodOutput<'auth.twoFactorStatus'>;
type Enrolment = MethodOutput<'auth.totpBegin'>;

/** The signed-in user's own sign-in protection: two-factor sign-in and its recovery codes. */
export function AccountSecurityPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const me = useSessionStore((state) => state.me);
  const refreshMe = useSessionStore((state) => state.refresh);
  const showToast = useToastStore((state) => state.show);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | null>(null);
  const message = useErrorMessage();
  const statusLoad = useLoad(() => transport.call('auth.twoFactorStatus', {}), 'status');
  const status: Status | undefined = statusLoad.data;
  const loadError = statusLoad.loading ? null : statusLoad.error;
  const load = statusLoad.reload;

  const begin = useSubmit(async () => {
    setEnrolment(await transport.call('auth.totpBegin', {}));
  });

  const changed = async () => {
    load();
    await refreshMe();
  };

  const mustEnrol = me?.twoFactor.required && !me.twoFactor.enabled;

  let body;
  if (loadError) body = <ErrorState error={loadError} onRetry={() => void load()} />;
  else if (!status || statusLoad.loading) body = <LoadingState />;
  else if (codes)
    body = <RecoveryCodes codes={codes} email={me?.user.email ?? ''} onDone={() => setCodes(null)} />;
  else if (enrolment)
    body = (
      <EnrolForm
        enrolment={enrolment}
        onCancel={() => setEnrolment(null)}
        onEnabled={async (recoveryCodes) => {
          setEnrolment(null);
          setCodes(recoveryCodes);
          showToast('success', t('twoFactor.enabledToast'));
          await changed();
        }}
      />
    );
  else if (status.enabled)
    body = (
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <Badge tone="success">{t('twoFactor.on')}</Badge>
          {status.enabledAt && (
            <span className="text-sm text-slate-600">
              {t('twoFactor.onSince', { date: dateTime(status.enabledAt) })}
            </span>
          )}
        </div>
        <p className="text-sm text-slate-700">{t('twoFactor.onBody')}</p>
        <p className={status.recoveryCodesLeft <= 2 ? 'text-sm text-amber-800' : 'text-sm text-slate-600'}>
          {t('twoFactor.codesLeft', { count: status.recoveryCodesLeft })}
        </p>
        <div className="flex flex-wrap gap-3">
          <Button onClick={() => setDialog('regenerate')}>{t('twoFactor.regenerate.button')}</Button>
          <Button
            variant="ghostDanger"
            icon={<ShieldOff aria-hidden="true" className="size-4" />}
            onClick={() => setDialog('disable')}
          >
            {t('twoFactor.disable.button')}
          </Button>
        </div>
      </div>
    );
  else
    body = (
      <div className="flex flex-col gap-4">
        <div>
          <Badge tone="neutral">{t('twoFactor.off')}</Badge>
        </div>
        <p className="text-sm text-slate-700">{t('twoFactor.offBody')}</p>
        {begin.error && (
          <Alert tone="error" reason={begin.error?.reason}>
            {message(begin.error)}
          </Alert>
        )}
        <div>
          <Button
            variant="primary"
            busy={begin.busy}
            icon={<ShieldCheck aria-hidden="true" className="size-4" />}
            onClick={() => void begin.run()}
          >
            {t('twoFactor.enable.button')}
          </Button>
        </div>
      </div>
    );

  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      {mustEnrol && (
        <Alert tone="warning" title={t('twoFactor.required.title')} className="mb-6">
          {t('twoFactor.required.body', { organisation: me.tenant.name })}
        </Alert>
      )}
      {/* until the second factor is set up, the organisation allows nothing else */}
      {!mustEnrol && <ProfileCard />}
      {!mustEnrol && <ChangePasswordCard />}
      <RegionalFormatCard />
      <Card title={t('twoFactor.cardTitle')} titleId="two-factor-title" bodyClassName="p-6">
        {body}
      </Card>
      <ConfirmIdentityDialog
        open={dialog === 'regenerate'}
        onOpenChange={(open) => setDialog(open ? 'regenerate' : null)}
        tone="primary"
        title={t('twoFactor.regenerate.title')}
        description={t('twoFactor.regenerate.description')}
        confirmLabel={t('twoFactor.regenerate.confirm')}
        onConfirm={async (input) => {
          const result = await transport.call('auth.recoveryCodes', input);
          setCodes(result.recoveryCodes);
          load();
        }}
      />
      <ConfirmIdentityDialog
        open={dialog === 'disable'}
        onOpenChange={(open) => setDialog(open ? 'disable' : null)}
        tone="danger"
        title={t('twoFactor.disable.title')}
        description={t('twoFactor.disable.description')}
        confirmLabel={t('twoFactor.disable.confirm')}
        onConfirm={async (input) => {
          await transport.call('auth.totpDisable', input);
          showToast('success', t('twoFactor.disable.done'));
          await changed();
        }}
      />
    </>
  );
}

interface EnrolFormProps {
  enrolment: Enrolment;
  onCancel(): void;
  onEnabled(recoveryCodes: string[]): Promise<void>;
}

function EnrolForm({ enrolment, onCancel, onEnabled }: EnrolFormProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const confirm = useSubmit(async () => {
    const { recoveryCodes } = await transport.call('auth.totpConfirm', { code: cleanCode(code) });
    await onEnabled(recoveryCodes);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ok = /^\d{6}$/.test(cleanCode(code));
    setInvalid(ok ? null : t('twoFactor.login.codeInvalid'));
    if (ok) void confirm.run();
  };

  const copyKey = async () => {
    try {
      await navigator.clipboard.writeText(enrolment.manualKey.replace(/\s/g, ''));
      setCopied(true);
    } catch {
      keyInput.current?.select();
    }
  };

  const serverError =
    confirm.error?.code === 'VALIDATION' && confirm.error.field === 'code'
      ? t('twoFactor.login.badCode')
      : null;

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
      <ol className="flex flex-col gap-6">
        <li className="flex flex-col gap-3 sm:flex-row sm:items-start sm:gap-6">
          <img
            src={enrolment.qrDataUrl}
            alt={t('twoFactor.enable.qrAlt')}
            width={180}
            height={180}
            className="size-44 shrink-0 rounded-lg ring-1 ring-slate-200"
          />
          <div className="flex min-w-0 flex-col gap-3">
            <p className="text-sm text-slate-700">
              <span className="font-semibold text-slate-900">{t('twoFactor.enable.step1')}</span>{' '}
              {t('twoFactor.enable.scan')}
            </p>
            <div className="flex flex-col gap-1.5">
              <label htmlFor="totp-key" className="text-sm font-medium text-slate-800">
                {t('twoFactor.enable.keyLabel')}
              </label>
              <div className="flex gap-2">
                <input
                  ref={keyInput}
                  id="totp-key"
                  readOnly
                  value={enrolment.manualKey}
                  aria-describedby="totp-key-hint"
                  onFocus={(event) => event.target.select()}
                  className="h-10 min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-sm text-slate-800"
                />
                <Button
                  onClick={() => void copyKey()}
                  icon={
                    copied ? (
                      <Check aria-hidden="true" className="size-4 text-emerald-600" />
                    ) : (
                      <Copy aria-hidden="true" className="size-4" />
                    )
                  }
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              </div>
              <p id="totp-key-hint" className="text-sm text-slate-500">
                {t('twoFactor.enable.keyHint')}
              </p>
            </div>
          </div>
        </li>
        <li className="flex flex-col gap-3">
          <p className="text-sm text-slate-700">
            <span className="font-semibold text-slate-900">{t('twoFactor.enable.step2')}</span>{' '}
            {t('twoFactor.enable.enterCode')}
          </p>
          <TextField
            className="max-w-56"
            label={t('twoFactor.login.codeLabel')}
            inputMode="numeric"
            autoComplete="one-time-code"
            mono
            maxLength={7}
            value={code}
            error={invalid ?? serverError}
            onChange={(event) => setCode(event.target.value)}
          />
        </li>
      </ol>
      {confirm.error && !serverError && (
        <Alert tone="error" reason={confirm.error?.reason}>
          {message(confirm.error)}
        </Alert>
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="primary" busy={confirm.busy}>
          {t('twoFactor.enable.confirm')}
        </Button>
        <Button onClick={onCancel} disabled={confirm.busy}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
