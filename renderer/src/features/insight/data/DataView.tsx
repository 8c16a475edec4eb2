import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { usePermissions } from '../../../lib/permissions';
import { roleAtLeast } from '../../../lib/roles';
import { ApiPanel } from './ApiPanel';
import { ImportCard } from './ImportCard';
import { KnownEvents } from './KnownEvents';
import { RetentionCard } from './RetentionCard';

/**
 * #/insight/data: the tenant's events — the names known so far, a CSV import with a preview and
 * each refused line, how long raw events are kept, and how to send events through the API.
 */
export function DataView() {
  const { t } = useTranslation();
  const { role } = usePermissions();
  const isAdmin = roleAtLeast(role, 'admin');
  // an import adds names and counts: the table reads them again
  const [imports, setImports] = useState(0);
  return (
    <div>
      <PageHeader title={t('insight.titles.data')} description={t('insight.data.description')} />
      <div className="flex flex-col gap-5">
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-5">
          <div className="flex min-w-0 flex-col gap-5 xl:col-span-3">
            <KnownEvents reloadKey={imports} />
          </div>
          <div className="flex min-w-0 flex-col gap-5 xl:col-span-2">
            <RetentionCard canEdit={isAdmin} />
          </div>
        </div>
        {/* full width: the preview has a column per property */}
        <ImportCard canImport={isAdmin} onImported={() => setImports((n) => n + 1)} />
        <ApiPanel />
      </div>
    </div>
  );
}
