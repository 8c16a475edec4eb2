import {
  BarChart3,
  Database,
  Filter,
  FileText,
  Gauge,
  Megaphone,
  MessagesSquare,
  Repeat,
} from 'lucide-react';
import { Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/StateViews';
import { ViewLink, ViewLinks } from '../../components/ViewLinks';
import { lazyNamed } from '../../lib/lazy-named';
import { pagePaths, type PageName } from '../../router/routes';

export const insightViews = [
  'overview',
  'conversations',
  'funnels',
  'retention',
  'marketing',
  'quality',
  'reports',
  'data',
] as const;
export type InsightView = (typeof insightViews)[number];

const pageOf: Record<InsightView, PageName> = {
  overview: 'insight',
  conversations: 'insightConversations',
  funnels: 'insightFunnels',
  retention: 'insightRetention',
  marketing: 'insightMarketing',
  quality: 'insightQuality',
  reports: 'insightReports',
  data: 'insightData',
};

const iconOf: Record<InsightView, ReactNode> = {
  overview: <BarChart3 size={16} aria-hidden />,
  conversations: <MessagesSquare size={16} aria-hidden />,
  funnels: <Filter size={16} aria-hidden />,
  retention: <Repeat size={16} aria-hidden />,
  marketing: <Megaphone size={16} aria-hidden />,
  quality: <Gauge size={16} aria-hidden />,
  reports: <FileText size={16} aria-hidden />,
  data: <Database size={16} aria-hidden />,
};

// each view brings its own charts, loaded when first opened
const views: Record<InsightView, LazyExoticComponent<ComponentType>> = {
  overview: lazyNamed(() => import('./overview/OverviewView'), 'OverviewView'),
  conversations: lazyNamed(() => import('./conversations/ConversationsView'), 'ConversationsView'),
  funnels: lazyNamed(() => import('./funnels/FunnelsView'), 'FunnelsView'),
  retention: lazyNamed(() => import('./retention/RetentionView'), 'RetentionView'),
  marketing: lazyNamed(() => import('./marketing/MarketingView'), 'MarketingView'),
  quality: lazyNamed(() => import('./quality/QualityView'), 'QualityView'),
  reports: lazyNamed(() => import('./reports/ReportsView'), 'ReportsView'),
  data: lazyNamed(() => import('./data/DataView'), 'DataView'),
};

/** The Insight section: one address per view, the views as links under the page's header. */
export function InsightPage({ view }: { view: InsightView }) {
  const { t } = useTranslation();
  const View = views[view];
  return (
    <div>
      <ViewLinks label={t('insight.nav.label')}>
        <div className="flex flex-wrap gap-1">
          {insightViews.map((name) => (
            <ViewLink key={name} href={pagePaths[pageOf[name]]} current={name === view} icon={iconOf[name]}>
              {t(`insight.nav.${name}`)}
            </ViewLink>
          ))}
        </div>
      </ViewLinks>
      <Suspense fallback={<LoadingState />}>
        <View />
      </Suspense>
    </div>
  );
}
