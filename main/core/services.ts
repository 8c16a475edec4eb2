import type Database from 'better-sqlite3';
import type { AppDb } from '../../db';
import type { AuditService } from './audit/service';
import type { SessionService } from './auth/sessions';
import type { LoginThrottle } from './auth/throttle';
import type { HealthService } from './health/service';
import type { Clock } from './lib/clock';
import type { EventBus } from './lib/events';
import type { Logger } from './lib/logger';
import type { DiskPressure } from './lib/disk-full';
import type { SecretStore } from './secrets/secret-store';
import type { AgentsDomain } from './agents/domain';
import type { MailOut, NotifyService } from './notify';
import type { IncidentsService } from './incidents/incidents-service';
import type { GuardianService } from './guardian/guardian-service';
import type { LogsService } from './logs/logs-service';
import type { TenantTransferService } from './tenants/transfer/service';
import type { BackupService } from './backups/backup-service';
import type { SecurityMonitor } from './security/security-monitor';
import type { ApiKeyService } from './api-keys/service';
import type { OutboundAllowListStore } from './outbound';
import type { PublicListenerStore } from './setup/public-listener';
import type { ChannelsService, EmailChannels } from './channels';
import type { ConversationsService } from './conversations';
import type { HostInfo } from './setup/host-info';
import type { TicketsService } from './tickets';
import type { ProfileService } from './profile';
import type { HelpLibrary } from './help';
import type { AssistantService } from './assistant';
import type { SearchService } from './search';
import type { TenantLifecycle } from './tenants/lifecycle';
import type { InsightService } from './insight/service';
import type { ReportService } from './insight/reports';
import type { QualityService } from './insight/quality';
import type { BillingDomain } from './billing/domain';
import type { BrandStore } from './brand';

/**
 * Every service of the core, as createCore wires them. Only the composition (index.ts and
 * handlers.ts) sees this bag; each domain's handler factory receives the few it uses.
 */
export interface Services {
  sqlite: Database.Database;
  /** Identity-level tables (users, tenants, sessions). Tenant-owned rows go through a TenantRows. */
  system: AppDb;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  audit: AuditService;
  sessions: SessionService;
  throttle: LoginThrottle;
  health: HealthService;
  appVersion: string;
  dataDir: string;
  secrets: SecretStore;
  agents: AgentsDomain;
  notify: NotifyService;
  /** E-mail to one person from a template (welcome, invitation, password reset, …): notify's MailOut. */
  mailOut: MailOut;
  incidents: IncidentsService;
  guardian: GuardianService;
  logs: LogsService;
  transfers: TenantTransferService;
  backups: BackupService;
  security: SecurityMonitor;
  apiKeys: ApiKeyService;
  /** The installation's outbound allow-list (local and private host:ports the platform admin allowed). */
  outbound: OutboundAllowListStore;
  /** Whether the disk holding the data is full (changes are refused while it is). */
  disk: DiskPressure;
  /** Channels customers reach agents through (website chat, e-mail). */
  channels: ChannelsService;
  /** The e-mail channels' transports (one per enabled e-mail channel while the core runs). */
  emailChannels: EmailChannels;
  /** Conversations; `receive` is the entry point of every channel transport. */
  conversations: ConversationsService;
  /** What the host told the core about itself (where the public door listens). */
  hostInfo: HostInfo;
  /** The installation's public listener setting, applied by the desktop app (setup/public-listener.ts). */
  publicListener: PublicListenerStore;
  /** Tickets: hand-offs to people, their replies, SLA (the Inbox). */
  tickets: TicketsService;
  /** The business's own details (profile.get / profile.save, {{business.*}} in runs). */
  profile: ProfileService;
  /** The help center's articles (assets/help), read at start; search, the page's article, what to do. */
  help: HelpLibrary;
  /** Global search (the command palette): search_docs kept in step with the domains, search.query. */
  search: SearchService;
  /** The folder holding package.json and assets/ (the sources, or the packaged app). */
  appRoot: string;
  /** The operator assistant: its classifier, conversations and answers through dispatch. */
  assistant: AssistantService;
  /** What each domain does when an organisation is made, suspended or reactivated, or deleted. */
  tenantLifecycle: TenantLifecycle;
  /** Plans and billing: catalogue, entitlements (checked by dispatch), usage per period, plan changes. */
  billing: BillingDomain;
  /** The installation's brand (white label): product name, logo, colour, support address, e-mail sender. */
  brand: BrandStore;
  /** Insight: the track() port, the dashboards' queries, event retention (issue 17). */
  insight: InsightService;
  /** Insight's scheduled e-mailed reports and the one PDF engine (issue 17). */
  insightReports: ReportService;
  /** Insight's six-sigma processes: figures, charts, measurements, the hourly look for signals (issue 17). */
  quality: QualityService;
}
