import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { useSessionStore } from '../../stores/session-store';

/** A demo installation (`mindframe demo`) says so in the header: its data is made up. */
export function DemoBadge() {
  const { t } = useTranslation();
  const demo = useSessionStore((state) => state.demo);
  if (!demo) return null;
  return (
    <Badge tone="warning" className="shrink-0">
      <span title={t('shell.demo.title')} data-testid="demo-badge">
        {t('shell.demo.badge')}
      </span>
    </Badge>
  );
}
