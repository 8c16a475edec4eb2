import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState } from '../../../components/StateViews';

// Placeholder until this view is built (issue 17); replaced by the view's own file.
export function DataView() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('insight.titles.data')} />
      <EmptyState title={t('insight.comingSoon')} />
    </div>
  );
}
