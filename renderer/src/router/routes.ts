export type Route =
  | { name: 'dashboard' }
  | { name: 'team' }
  | { name: 'audit' }
  | { name: 'organisations' }
  | { name: 'invite'; token: string }
  | { name: 'notFound' };

export type PageName = Exclude<Route['name'], 'invite' | 'notFound'>;

export const pagePaths: Record<PageName, string> = {
  dashboard: '#/',
  team: '#/team',
  audit: '#/audit',
  organisations: '#/organisations',
};

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const invite = /^\/invite\/([^/?#]+)$/.exec(path);
  if (invite) return { name: 'invite', token: decodeURIComponent(invite[1]!) };
  for (const [name, href] of Object.entries(pagePaths) as [PageName, string][]) {
    if ((href.slice(1).replace(/\/+$/, '') || '/') === path) return { name } as Route;
  }
  return { name: 'notFound' };
}
