import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useSessionStore } from '../../stores/session-store';
import { CurrencyCard } from './CurrencyCard';
import { ProfileCard } from './ProfileCard';

/** Settings of the organisation as a business, the same for everyone in it. */
export function BusinessSettingsPage() {
  const { t } = useTranslation();
  const organisation = useSessionStore((state) => state.me?.tenant.name ?? '');
  return (
    <>
      <PageHeader title={t('business.title')} description={t('business.description', { organisation })} />
      <div className="flex max-w-4xl flex-col gap-6">
        <ProfileCard />
        <CurrencyCard />
      </div>
    </>
  );
}
