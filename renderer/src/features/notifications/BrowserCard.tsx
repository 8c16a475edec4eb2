import { Bell, Monitor } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { useToastStore } from '../../stores/toast-store';
import { requestDesktopPermission, useDesktopPermission } from './desktop-notifications';

/** Whether this browser (or the desktop app) may show notifications, and the button that asks. */
export function BrowserCard() {
  const { t } = useTranslation();
  const permission = useDesktopPermission();
  const showToast = useToastStore((state) => state.show);
  const [asking, setAsking] = useState(false);
  const ask = async () => {
    setAsking(true);
    try {
      const answer = await requestDesktopPermission();
      if (answer === 'granted') showToast('success', t('notifications.browser.granted'));
      else if (answer === 'denied') showToast('error', t('notifications.browser.deniedNow'));
    } finally {
      setAsking(false);
    }
  };
  return (
    <Card title={t('notifications.browser.title')} titleId="notify-browser-title">
      <div className="flex flex-wrap items-center gap-4 px-5 py-4">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
          <Monitor aria-hidden="true" className="size-5" />
        </span>
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium text-slate-900">{t(`notifications.browser.state.${permission}`)}</p>
          <p className="text-slate-600">{t(`notifications.browser.explain.${permission}`)}</p>
        </div>
        {permission === 'default' && (
          <Button
            variant="primary"
            busy={asking}
            icon={<Bell aria-hidden="true" className="size-4" />}
            onClick={() => void ask()}
          >
            {t('notifications.browser.enable')}
          </Button>
        )}
        {permission === 'granted' && <Badge tone="success">{t('notifications.browser.on')}</Badge>}
      </div>
    </Card>
  );
}
