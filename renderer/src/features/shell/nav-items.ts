import {
  Activity,
  BookOpen,
  Bot,
  Building2,
  Cpu,
  LayoutDashboard,
  ScrollText,
  Store,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { Role } from '../../contract';
import type { PageName } from '../../router/routes';

export interface NavItem {
  page: PageName;
  icon: LucideIcon;
  platformAdminOnly?: boolean;
  /** Shown only to members with at least this role. */
  minRole?: Role;
}

export const navItems: NavItem[] = [
  { page: 'dashboard', icon: LayoutDashboard },
  { page: 'marketplace', icon: Store },
  { page: 'agents', icon: Bot },
  { page: 'runs', icon: Activity },
  { page: 'knowledge', icon: BookOpen },
  { page: 'providers', icon: Cpu, minRole: 'admin' },
  { page: 'team', icon: Users },
  { page: 'audit', icon: ScrollText },
  { page: 'organisations', icon: Building2, platformAdminOnly: true },
];
