import {
  Activity,
  Bell,
  BookOpen,
  Bot,
  Building2,
  Cpu,
  DatabaseBackup,
  FileText,
  KeyRound,
  LayoutDashboard,
  PackageOpen,
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

export interface NavItem {
  page: PageName;
  icon: LucideIcon;
  platformAdminOnly?: boolean;
  /** Shown only to members with at least this role. */
  minRole?: Role;
  /** A live count after the label. */
  count?: 'openIncidents';
}

export const navItems: NavItem[] = [
  { page: 'dashboard', icon: LayoutDashboard },
  { page: 'guardian', icon: ShieldCheck },
  { page: 'incidents', icon: Siren, count: 'openIncidents' },
  { page: 'marketplace', icon: Store },
  { page: 'agents', icon: Bot },
  { page: 'runs', icon: Activity },
  { page: 'knowledge', icon: BookOpen },
  { page: 'providers', icon: Cpu, minRole: 'admin' },
  { page: 'team', icon: Users },
  { page: 'audit', icon: ScrollText },
  { page: 'security', icon: ShieldHalf, minRole: 'admin' },
  { page: 'logs', icon: FileText, minRole: 'admin' },
  { page: 'notifications', icon: Bell, minRole: 'admin' },
  { page: 'apiKeys', icon: KeyRound, minRole: 'admin' },
  { page: 'dataExport', icon: PackageOpen, minRole: 'owner' },
  { page: 'backups', icon: DatabaseBackup, platformAdminOnly: true },
  { page: 'organisations', icon: Building2, platformAdminOnly: true },
];
