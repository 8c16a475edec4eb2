import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../components/BrandMark';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useDocumentTitle, useProductName } from '../../stores/brand-store';
import { useSessionStore } from '../../stores/session-store';

interface AuthLayoutProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}

/** The frame of the screens before sign-in: brand, language, one centred card. */
export function AuthLayout({ title, description, children, wide = false }: AuthLayoutProps) {
  const { t } = useTranslation();
  const appVersion = useSessionStore((state) => state.appVersion);
  const productName = useProductName();
  useDocumentTitle(title);
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-slate-100 to-slate-50">
      <header className="flex items-center justify-between gap-3 px-4 py-3 sm:px-6 sm:py-4">
        <div className="flex items-center gap-2.5">
          <BrandMark />
          <span data-testid="product-name" className="text-base font-semibold text-slate-900">
            {productName}
          </span>
        </div>
        <LanguageSwitch large="phone" />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-4 pb-12 sm:pt-6">
        <div className={wide ? 'w-full max-w-lg' : 'w-full max-w-md'}>
          <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
            {description && <p className="mt-1.5 text-sm text-slate-600">{description}</p>}
            <div className="mt-6">{children}</div>
          </div>
        </div>
      </main>
      <footer className="px-6 pb-6 text-center text-xs text-slate-500">
        {appVersion ? t('app.version', { version: appVersion }) : productName}
      </footer>
    </div>
  );
}
