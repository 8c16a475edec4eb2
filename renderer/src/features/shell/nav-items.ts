import {
  Activity,
  BarChart3,
  Bell,
  BookOpen,
  Bot,
  Briefcase,
  Building2,
  CreditCard,
  Cpu,
  DatabaseBackup,
  FileText,
  Inbox,
  KeyRound,
  LineChart,
  LayoutDashboard,
  MessagesSquare,
  PackageOpen,
  Palette,
  Receipt,
  ScrollText,
  ShieldCheck,
  ShieldHalf,
  Siren,
  Store,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { Role } from '../../contract';
import type { PageName } from '../../router/routes';

/** The sidebar's groups, in order: everyday work, watching it, the organisation's settings, the installation. */
export const navGroups = ['work', 'watch', 'settings', 'installation'] as const;
export type NavGroup = (typeof navGroups)[number];

export interface NavItem {
  page: PageName;
  group: NavGroup;
  icon: LucideIcon;
  platformAdminOnly?: boolean;
  /** Shown only to members with at least this role. */
  minRole?: Role;
  /** A live count after the label. */
  count?: 'openIncidents' | 'openTickets';
}

export const navItems: NavItem[] = [
  { page: 'dashboard', group: 'work', icon: LayoutDashboard },
  { page: 'inbox', group: 'work', icon: Inbox, count: 'openTickets' },
  { page: 'agents', group: 'work', icon: Bot },
  { page: 'marketplace', group: 'work', icon: Store },
  { page: 'conversations', group: 'work', icon: MessagesSquare },
  { page: 'runs', group: 'work', icon: Activity },
  { page: 'knowledge', group: 'work', icon: BookOpen },
  { page: 'insight', group: 'watch', icon: BarChart3 },
  { page: 'guardian', group: 'watch', icon: ShieldCheck },
  { page: 'incidents', group: 'watch', icon: Siren, count: 'openIncidents' },
  { page: 'logs', group: 'watch', icon: FileText, minRole: 'admin' },
  { page: 'audit', group: 'watch', icon: ScrollText, minRole: 'admin' },
  { page: 'security', group: 'watch', icon: ShieldHalf, minRole: 'admin' },
  { page: 'team', group: 'settings', icon: Users },
  { page: 'business', group: 'settings', icon: Briefcase },
  { page: 'providers', group: 'settings', icon: Cpu, minRole: 'admin' },
  { page: 'notifications', group: 'settings', icon: Bell, minRole: 'admin' },
  { page: 'apiKeys', group: 'settings', icon: KeyRound, minRole: 'admin' },
  { page: 'dataExport', group: 'settings', icon: PackageOpen, minRole: 'owner' },
  { page: 'billing', group: 'settings', icon: CreditCard },
  { page: 'backups', group: 'installation', icon: DatabaseBackup, platformAdminOnly: true },
  { page: 'organisations', group: 'installation', icon: Building2, platformAdminOnly: true },
  { page: 'platformBilling', group: 'installation', icon: Receipt, platformAdminOnly: true },
  { page: 'economics', group: 'installation', icon: LineChart, platformAdminOnly: true },
  { page: 'brand', group: 'installation', icon: Palette, platformAdminOnly: true },
];
