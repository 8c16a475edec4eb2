import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/StateViews';
import { pagePaths } from '../../router/routes';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Card>
        <EmptyState
          icon={Compass}
          title={t('notFound.body')}
          action={
            <a href={pagePaths.dashboard} className="text-sm font-medium text-indigo-700 hover:underline">
              {t('notFound.back')}
            </a>
          }
        />
      </Card>
    </>
  );
}
