export type Route =
  | { name: 'dashboard' }
  | { name: 'welcome'; step?: string }
  | { name: 'marketplace' }
  | { name: 'agents' }
  | { name: 'agent'; agentId: string }
  | { name: 'runs'; agentId?: string }
  | { name: 'costs' }
  | { name: 'run'; runId: string }
  | { name: 'conversations'; agentId?: string; filters?: ConversationLinkFilters }
  | { name: 'conversation'; conversationId: string }
  | { name: 'inbox'; ticketId?: string }
  | { name: 'knowledge' }
  | { name: 'providers' }
  | { name: 'team' }
  | { name: 'business' }
  | { name: 'audit' }
  | { name: 'organisations' }
  | { name: 'billing' }
  | { name: 'billingSuccess' }
  | { name: 'billingCancelled' }
  | { name: 'platformBilling' }
  | { name: 'brand' }
  | { name: 'insight' }
  | { name: 'insightConversations' }
  | { name: 'insightFunnels' }
  | { name: 'insightRetention' }
  | { name: 'insightMarketing' }
  | { name: 'insightQuality' }
  | { name: 'insightReports' }
  | { name: 'insightData' }
  | { name: 'economics' }
  | { name: 'guardian'; actionId?: string }
  | { name: 'incidents' }
  | { name: 'escalation' }
  | { name: 'incident'; incidentId: string }
  | { name: 'logs' }
  | { name: 'notifications' }
  | { name: 'backups' }
  | { name: 'dataExport' }
  | { name: 'account' }
  | { name: 'apiKeys' }
  | { name: 'security' }
  | { name: 'help'; slug?: string; anchor?: string }
  | { name: 'invite'; token: string }
  | { name: 'forgot' }
  | { name: 'reset'; token: string }
  | { name: 'notFound' };

/** The conversations list's filters a link may set (the Insight section's drill-down): `?channel=<id>` or `?kind=email`, `&language=nb&from=2026-12-01&to=2026-12-07`. */
export interface ConversationLinkFilters {
  channelId?: string;
  /** Every channel of a kind (`?kind=email`), as the Insight section counts channels. */
  channelKind?: 'web' | 'email';
  language?: 'en' | 'nl' | 'nb';
  /** Days, yyyy-mm-dd, both inclusive. */
  from?: string;
  to?: string;
}

function conversationLinkFilters(query: URLSearchParams): ConversationLinkFilters | undefined {
  const filters: ConversationLinkFilters = {};
  const channelId = query.get('channel');
  if (channelId) filters.channelId = channelId;
  const kind = query.get('kind');
  if (kind === 'web' || kind === 'email') filters.channelKind = kind;
  const language = query.get('language');
  if (language === 'en' || language === 'nl' || language === 'nb') filters.language = language;
  for (const name of ['from', 'to'] as const) {
    const day = query.get(name);
    if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) filters[name] = day;
  }
  return Object.keys(filters).length > 0 ? filters : undefined;
}

export type PageName = Exclude<
  Route['name'],
  'invite' | 'forgot' | 'reset' | 'notFound' | 'agent' | 'run' | 'incident' | 'conversation'
>;

export const pagePaths: Record<PageName, string> = {
  dashboard: '#/',
  welcome: '#/welcome',
  marketplace: '#/marketplace',
  agents: '#/agents',
  runs: '#/runs',
  conversations: '#/conversations',
  inbox: '#/inbox',
  costs: '#/runs/costs',
  knowledge: '#/knowledge',
  providers: '#/providers',
  team: '#/team',
  business: '#/business',
  audit: '#/audit',
  organisations: '#/organisations',
  billing: '#/billing',
  billingSuccess: '#/billing/success',
  billingCancelled: '#/billing/cancelled',
  platformBilling: '#/platform/billing',
  brand: '#/platform/brand',
  insight: '#/insight',
  insightConversations: '#/insight/conversations',
  insightFunnels: '#/insight/funnels',
  insightRetention: '#/insight/retention',
  insightMarketing: '#/insight/marketing',
  insightQuality: '#/insight/quality',
  insightReports: '#/insight/reports',
  insightData: '#/insight/data',
  economics: '#/platform/economics',
  guardian: '#/guardian',
  incidents: '#/incidents',
  escalation: '#/incidents/escalation',
  logs: '#/logs',
  notifications: '#/notifications',
  backups: '#/backups',
  dataExport: '#/export',
  account: '#/account',
  apiKeys: '#/api-keys',
  security: '#/security',
  help: '#/help',
};

/** Signed-out pages: "forgot password" and the page a reset link opens. */
export const forgotPasswordPath = '#/forgot';
export const resetPasswordPath = (token: string) => `#/reset/${encodeURIComponent(token)}`;

export const agentPath = (agentId: string) => `#/agents/${encodeURIComponent(agentId)}`;
export const runPath = (runId: string) => `#/runs/${encodeURIComponent(runId)}`;
export const conversationPath = (conversationId: string) =>
  `#/conversations/${encodeURIComponent(conversationId)}`;
export const ticketPath = (ticketId: string) => `#/inbox/${encodeURIComponent(ticketId)}`;
export const incidentPath = (incidentId: string) => `#/incidents/${encodeURIComponent(incidentId)}`;
export const guardianActionPath = (actionId: string) => `#/guardian?action=${encodeURIComponent(actionId)}`;
export const runsOfAgentPath = (agentId: string) => `#/runs?agent=${encodeURIComponent(agentId)}`;
/** A help article (and a heading in it): `#/help/<slug>?a=<anchor>`; the help center without a slug. */
export const helpPath = (slug?: string, anchor?: string) =>
  slug ? `#/help/${encodeURIComponent(slug)}${anchor ? `?a=${encodeURIComponent(anchor)}` : ''}` : '#/help';
export const conversationsOfAgentPath = (agentId: string) =>
  `#/conversations?agent=${encodeURIComponent(agentId)}`;

/** Pages that fill the whole content area instead of the centred column. */
export const fullBleedRoutes: ReadonlySet<Route['name']> = new Set(['agent']);

/** The sidebar item a route belongs to. */
export function sectionOf(route: Route): Route['name'] {
  if (route.name === 'agent') return 'agents';
  if (route.name === 'run' || route.name === 'costs') return 'runs';
  if (route.name === 'incident' || route.name === 'escalation') return 'incidents';
  if (route.name === 'conversation') return 'conversations';
  if (route.name === 'billingSuccess' || route.name === 'billingCancelled') return 'billing';
  if (route.name.startsWith('insight')) return 'insight';
  return route.name;
}

const idSegment = /^[^/?#]+$/;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const path = (queryAt === -1 ? raw : raw.slice(0, queryAt)).replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
  const segments = path.split('/').slice(1);
  const [first, second, ...rest] = segments;
  if (rest.length === 0 && second !== undefined && idSegment.test(second)) {
    const value = decodeURIComponent(second);
    if (first === 'invite') return { name: 'invite', token: value };
    if (first === 'reset') return { name: 'reset', token: value };
    if (first === 'agents') return { name: 'agent', agentId: value };
    if (first === 'runs' && second === 'costs') return { name: 'costs' };
    if (first === 'runs') return { name: 'run', runId: value };
    if (first === 'incidents' && second === 'escalation') return { name: 'escalation' };
    if (first === 'incidents') return { name: 'incident', incidentId: value };
    if (first === 'conversations') return { name: 'conversation', conversationId: value };
    if (first === 'inbox') return { name: 'inbox', ticketId: value };
    if (first === 'help') {
      const anchor = query.get('a');
      return anchor ? { name: 'help', slug: value, anchor } : { name: 'help', slug: value };
    }
  }
  if (path === '/forgot') return { name: 'forgot' };
  // older links (the core's test notification) name the settings area
  if (path === '/settings/notifications') return { name: 'notifications' };
  if (path === '/guardian') {
    const actionId = query.get('action');
    return actionId ? { name: 'guardian', actionId } : { name: 'guardian' };
  }
  if (path === '/welcome') {
    const step = query.get('step');
    return step ? { name: 'welcome', step } : { name: 'welcome' };
  }
  if (path === '/runs') {
    const agentId = query.get('agent');
    return agentId ? { name: 'runs', agentId } : { name: 'runs' };
  }
  if (path === '/conversations') {
    const agentId = query.get('agent');
    const filters = conversationLinkFilters(query);
    return {
      name: 'conversations',
      ...(agentId ? { agentId } : {}),
      ...(filters ? { filters } : {}),
    };
  }
  for (const [name, href] of Object.entries(pagePaths) as [PageName, string][]) {
    if ((href.slice(1).replace(/\/+$/, '') || '/') === path) return { name } as Route;
  }
  return { name: 'notFound' };
}
