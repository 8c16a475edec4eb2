import { BellOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { transport } from '../../transport';
import { BrowserCard } from './BrowserCard';
import { EmailTemplatesCard } from './EmailTemplatesCard';
import { QuietHoursCard } from './QuietHoursCard';
import { RulesCard } from './RulesCard';
import { SmtpCard } from './SmtpCard';
import { TestCard } from './TestCard';

export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { manageNotifications } = usePermissions();
  const loaded = useLoad(() => transport.call('notify.rules', {}), 'notify', manageNotifications);
  const { update } = loaded;

  return (
    <>
      <PageHeader title={t('notifications.title')} description={t('notifications.description')} />
      <div className="flex flex-col gap-6">
        <BrowserCard />
        {!manageNotifications ? (
          <Card>
            <EmptyState icon={BellOff} title={t('notifications.adminsOnly')} />
          </Card>
        ) : loaded.error && !loaded.data ? (
          <Card>
            <ErrorState error={loaded.error} onRetry={loaded.reload} />
          </Card>
        ) : !loaded.data ? (
          <Card>
            <LoadingState label={t('notifications.loading')} />
          </Card>
        ) : (
          <>
            <RulesCard
              rules={loaded.data.rules}
              onSaved={(rule) =>
                update((data) => ({
                  ...data,
                  rules: data.rules.some((r) => r.id === rule.id)
                    ? data.rules.map((r) => (r.id === rule.id ? rule : r))
                    : [...data.rules, rule],
                }))
              }
              onDeleted={(ruleId) =>
                update((data) => ({ ...data, rules: data.rules.filter((r) => r.id !== ruleId) }))
              }
            />
            <div className="grid gap-6 lg:grid-cols-2">
              <QuietHoursCard
                key={JSON.stringify(loaded.data.quietHours)}
                quiet={loaded.data.quietHours}
                onSaved={(quietHours) => update((data) => ({ ...data, quietHours }))}
              />
              <SmtpCard
                key={JSON.stringify(loaded.data.smtp)}
                smtp={loaded.data.smtp}
                onSaved={(smtp) => update((data) => ({ ...data, smtp }))}
              />
            </div>
            <TestCard smtp={loaded.data.smtp} />
            <EmailTemplatesCard />
          </>
        )}
      </div>
    </>
  );
}
