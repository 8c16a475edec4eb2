import { ImageUp, RotateCcw, Save, Trash2 } from 'lucide-react';
import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { useErrorMessage } from '../../i18n/error-message';
import { serverFieldError } from '../../i18n/field-errors';
import { useFormat } from '../../i18n/format';
import { useSubmit } from '../../lib/use-submit';
import { contrastRatio, defaultBrand, useBrandStore, type Brand } from '../../stores/brand-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';

/** What the core takes (contract brand.ts): PNG, JPEG or WebP up to 256 KB; never SVG (it can carry script). */
const logoTypes = ['image/png', 'image/jpeg', 'image/webp'];
const logoMaxBytes = 256 * 1024;
const minContrast = 4.5;
const hexPattern = /^#[0-9a-f]{6}$/i;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Draft {
  productName: string;
  logo: string | null;
  primaryColor: string;
  supportEmail: string;
  mailFromName: string;
  mailFromAddress: string;
}

const draftOf = (brand: Brand): Draft => ({
  productName: brand.productName,
  logo: brand.logo,
  primaryColor: brand.primaryColor,
  supportEmail: brand.supportEmail ?? '',
  mailFromName: brand.mailFromName ?? '',
  mailFromAddress: brand.mailFromAddress ?? '',
});

type Problems = Partial<Record<keyof Draft, string>>;

/**
 * White label (issue 16), for the platform admin: the product name, logo, colour, support address and
 * e-mail sender the organisations see in the app, the e-mails and the billing pages, with a live
 * preview. "Mindframe" stays only in About.
 */
export function BrandPage() {
  const { t } = useTranslation();
  const brand = useBrandStore((state) => state.brand);
  const loaded = useBrandStore((state) => state.loaded);
  return (
    <>
      <PageHeader title={t('brand.title')} description={t('brand.description')} />
      {loaded && <BrandForm key={JSON.stringify(brand)} brand={brand} />}
    </>
  );
}

function BrandForm({ brand }: { brand: Brand }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const message = useErrorMessage();
  const showToast = useToastStore((s) => s.show);
  const receive = useBrandStore((s) => s.receive);
  const [draft, setDraft] = useState<Draft>(() => draftOf(brand));
  const [problems, setProblems] = useState<Problems>({});
  const [confirmReset, setConfirmReset] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const colorId = useId();

  const validColor = hexPattern.test(draft.primaryColor);
  const ratio = validColor ? contrastRatio(draft.primaryColor, '#ffffff') : null;
  const passes = ratio !== null && ratio >= minContrast;

  const save = useSubmit(async (input: Draft) => {
    const saved = await transport.call('brand.save', {
      productName: input.productName.trim(),
      logo: input.logo,
      primaryColor: input.primaryColor.toLowerCase(),
      supportEmail: input.supportEmail.trim() || null,
      mailFromName: input.mailFromName.trim() || null,
      mailFromAddress: input.mailFromAddress.trim() || null,
    });
    receive(saved);
    showToast('success', t('brand.saved'));
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setProblems((current) => ({ ...current, [key]: undefined }));
  };

  const onLogo = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!logoTypes.includes(file.type)) {
      setProblems((current) => ({ ...current, logo: t('errors.reasons.brand_logo_type') }));
      return;
    }
    if (file.size > logoMaxBytes) {
      setProblems((current) => ({
        ...current,
        logo: t('errors.reasons.brand_logo_too_large', { maximum: 256 }),
      }));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') set('logo', reader.result);
    };
    reader.readAsDataURL(file);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {};
    const name = draft.productName.trim();
    if (name.length < 1 || name.length > 40) found.productName = t('brand.form.nameInvalid');
    if (!validColor) found.primaryColor = t('brand.form.colorInvalid');
    else if (!passes)
      found.primaryColor = t('errors.reasons.brand_low_contrast', {
        ratio: number(Math.floor(ratio! * 100) / 100),
        minimum: number(minContrast),
      });
    for (const key of ['supportEmail', 'mailFromAddress'] as const)
      if (draft[key].trim() && !emailPattern.test(draft[key].trim())) found[key] = t('validation.email');
    setProblems(found);
    if (Object.values(found).some(Boolean)) return;
    void save.run(draft);
  };

  const fieldError = (key: keyof Draft) => problems[key] ?? serverFieldError(t, save.error, key);
  const formError = save.error && !save.error.field ? message(save.error) : null;

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_320px]">
      <Card title={t('brand.form.title')} titleId="brand-form-title">
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5 p-5">
          {formError && <Alert tone="error">{formError}</Alert>}
          <TextField
            label={t('brand.form.productName')}
            hint={t('brand.form.productNameHint')}
            value={draft.productName}
            maxLength={40}
            onChange={(e) => set('productName', e.target.value)}
            error={fieldError('productName')}
            required
          />

          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">{t('brand.form.logo')}</legend>
            <div className="flex flex-wrap items-center gap-3">
              <span className="flex size-14 items-center justify-center rounded-lg bg-slate-100 ring-1 ring-slate-200">
                {draft.logo ? (
                  <img
                    src={draft.logo}
                    alt={t('brand.form.logoCurrent')}
                    className="size-12 object-contain"
                  />
                ) : (
                  <span className="text-xs text-slate-600">{t('brand.form.noLogo')}</span>
                )}
              </span>
              <input
                ref={fileInput}
                type="file"
                accept={logoTypes.join(',')}
                className="sr-only"
                tabIndex={-1}
                aria-hidden="true"
                onChange={onLogo}
              />
              <Button
                type="button"
                variant="secondary"
                size="sm"
                icon={<ImageUp aria-hidden="true" className="size-4" />}
                onClick={() => fileInput.current?.click()}
              >
                {t('brand.form.chooseLogo')}
              </Button>
              {draft.logo && (
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  icon={<Trash2 aria-hidden="true" className="size-4" />}
                  onClick={() => set('logo', null)}
                >
                  {t('brand.form.removeLogo')}
                </Button>
              )}
            </div>
            {fieldError('logo') ? (
              <p className="text-sm text-red-700" role="alert">
                {fieldError('logo')}
              </p>
            ) : (
              <p className="text-sm text-slate-500">{t('brand.form.logoHint')}</p>
            )}
          </fieldset>

          <div className="flex flex-col gap-1.5">
            <label htmlFor={colorId} className="text-sm font-medium text-slate-800">
              {t('brand.form.color')}
            </label>
            <div className="flex flex-wrap items-center gap-3">
              <input
                type="color"
                aria-label={t('brand.form.colorPicker')}
                value={validColor ? draft.primaryColor.toLowerCase() : '#000000'}
                onChange={(e) => set('primaryColor', e.target.value)}
                className="h-10 w-14 cursor-pointer rounded-md border border-slate-300 bg-white p-1"
              />
              <input
                id={colorId}
                value={draft.primaryColor}
                onChange={(e) => set('primaryColor', e.target.value.trim())}
                maxLength={7}
                spellCheck={false}
                aria-invalid={fieldError('primaryColor') ? true : undefined}
                aria-describedby={`${colorId}-contrast`}
                className="h-10 w-28 rounded-md border border-slate-300 px-3 font-mono text-sm text-slate-900"
              />
              <p
                id={`${colorId}-contrast`}
                data-testid="contrast"
                className={passes ? 'text-sm text-emerald-700' : 'text-sm text-red-700'}
              >
                {ratio === null
                  ? t('brand.form.colorInvalid')
                  : t(passes ? 'brand.form.contrastPasses' : 'brand.form.contrastFails', {
                      ratio: number(Math.floor(ratio * 100) / 100),
                      minimum: number(minContrast),
                    })}
              </p>
            </div>
            {fieldError('primaryColor') && (
              <p className="text-sm text-red-700">{fieldError('primaryColor')}</p>
            )}
          </div>

          <TextField
            label={t('brand.form.supportEmail')}
            hint={t('brand.form.supportEmailHint')}
            optional={t('brand.form.optional')}
            type="email"
            value={draft.supportEmail}
            onChange={(e) => set('supportEmail', e.target.value)}
            error={fieldError('supportEmail')}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <TextField
              label={t('brand.form.mailFromName')}
              optional={t('brand.form.optional')}
              value={draft.mailFromName}
              maxLength={60}
              onChange={(e) => set('mailFromName', e.target.value)}
              error={fieldError('mailFromName')}
            />
            <TextField
              label={t('brand.form.mailFromAddress')}
              optional={t('brand.form.optional')}
              type="email"
              value={draft.mailFromAddress}
              onChange={(e) => set('mailFromAddress', e.target.value)}
              error={fieldError('mailFromAddress')}
            />
          </div>
          <p className="-mt-2 text-sm text-slate-500">{t('brand.form.mailFromHint')}</p>

          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
            <Button
              type="submit"
              variant="primary"
              busy={save.busy}
              icon={<Save aria-hidden="true" className="size-4" />}
            >
              {t('brand.form.save')}
            </Button>
            {!brand.isDefault && (
              <Button
                type="button"
                variant="ghost"
                icon={<RotateCcw aria-hidden="true" className="size-4" />}
                onClick={() => setConfirmReset(true)}
              >
                {t('brand.reset.action')}
              </Button>
            )}
          </div>
        </form>
      </Card>

      <Preview draft={draft} color={validColor ? draft.primaryColor : defaultBrand.primaryColor} />

      <ConfirmDialog
        open={confirmReset}
        onOpenChange={setConfirmReset}
        title={t('brand.reset.title')}
        description={t('brand.reset.description')}
        confirmLabel={t('brand.reset.confirm')}
        onConfirm={async () => {
          receive(await transport.call('brand.reset', {}));
          showToast('success', t('brand.reset.done'));
        }}
      />
    </div>
  );
}

/** What the organisations will see: the sidebar's top, a button, a link and an e-mail's sender. */
function Preview({ draft, color }: { draft: Draft; color: string }) {
  const { t } = useTranslation();
  const name = draft.productName.trim() || defaultBrand.productName;
  return (
    <Card title={t('brand.preview.title')} titleId="brand-preview-title" className="self-start">
      <div className="flex flex-col gap-4 p-5" data-testid="brand-preview">
        <div className="flex items-center gap-2.5 rounded-lg bg-slate-900 px-4 py-3">
          {draft.logo ? (
            <img src={draft.logo} alt="" className="size-7 rounded-md object-contain" />
          ) : (
            <span aria-hidden="true" className="size-7 rounded-md" style={{ backgroundColor: color }} />
          )}
          <span className="truncate text-sm font-semibold text-white">{name}</span>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <span
            className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium text-white"
            style={{ backgroundColor: color }}
          >
            {t('brand.preview.button')}
          </span>
          <span className="text-sm font-medium underline" style={{ color }}>
            {t('brand.preview.link')}
          </span>
        </div>
        <dl className="text-sm">
          <dt className="text-slate-500">{t('brand.preview.from')}</dt>
          <dd className="break-all text-slate-900">
            {draft.mailFromName || draft.mailFromAddress
              ? `${draft.mailFromName || name} <${draft.mailFromAddress || t('brand.preview.orgAddress')}>`
              : t('brand.preview.orgSender')}
          </dd>
          {draft.supportEmail.trim() && (
            <>
              <dt className="mt-2 text-slate-500">{t('brand.preview.support')}</dt>
              <dd className="break-all text-slate-900">{draft.supportEmail.trim()}</dd>
            </>
          )}
        </dl>
      </div>
    </Card>
  );
}
