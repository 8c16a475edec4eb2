import { Building2, LayoutDashboard, ScrollText, Users, type LucideIcon } from 'lucide-react';
import type { PageName } from '../../router/routes';

export interface NavItem {
  page: PageName;
  icon: LucideIcon;
  platformAdminOnly?: boolean;
}

export const navItems: NavItem[] = [
  { page: 'dashboard', icon: LayoutDashboard },
  { page: 'team', icon: Users },
  { page: 'audit', icon: ScrollText },
  { page: 'organisations', icon: Building2, platformAdminOnly: true },
];
