import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { AppDb, TenantScope } from '../../db';
import type { MethodName, MethodOutput, Methods } from '../contract';
import type { AuditInput, AuditService } from './audit/service';
import type { ResolvedSession, SessionService } from './auth/sessions';
import type { LoginThrottle } from './auth/throttle';
import type { HealthService } from './health/service';
import type { Clock } from './lib/clock';
import type { EventBus } from './lib/events';
import type { Logger } from './lib/logger';
import type { DiskPressure } from './lib/disk-full';
import type { SecretStore } from './secrets/secret-store';
import type { AgentsDomain } from './agents/domain';
import type { NotifyService } from './notify';
import type { IncidentsService } from './incidents/incidents-service';
import type { GuardianService } from './guardian/guardian-service';
import type { LogsService } from './logs/logs-service';
import type { TenantTransferService } from './tenants/transfer/service';
import type { BackupService } from './backups/backup-service';
import type { SecurityMonitor } from './security/security-monitor';
import type { ApiKeyService } from './api-keys/service';
import type { OutboundAllowListStore } from './outbound';

/** Where a call comes from; hosts fill it in, the core never trusts anything else. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'cli' | 'internal';
  sessionToken?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Set by the served host for REST API v1 calls (runs started there are "api" runs). */
  origin?: 'rest';
  /** The `Authorization: Bearer mf_live_...` key of a REST API v1 call; dispatch resolves it. */
  apiKey?: string;
  /** The device cookie the host got with `auth.login` (see Core.deviceCookieFor); only the throttle reads it. */
  deviceToken?: string | null;
}

export interface Services {
  sqlite: Database.Database;
  /** Identity-level tables (users, tenants, sessions). Tenant-owned rows go through a TenantScope. */
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
}

export type PendingAudit = Omit<AuditInput, 'tenantId' | 'actorId' | 'actorName' | 'ip'> &
  Partial<Pick<AuditInput, 'tenantId' | 'actorId' | 'actorName'>>;

export type SessionChange = { type: 'set'; token: string } | { type: 'clear' };

export interface HandlerContext {
  readonly services: Services;
  readonly call: CallContext;
  /** The caller's session; throws UNAUTHENTICATED on a public method called without one. */
  auth(): ResolvedSession;
  /** Tenant-owned data of the caller's bound tenant. */
  scope(): TenantScope;
  /** Records an audit entry when the call succeeds (in the caller's tenant unless one is given). */
  audit(entry: PendingAudit): void;
  /** Records an audit entry now, whatever happens to the call (failed sign-ins). */
  auditNow(entry: PendingAudit & { tenantId: string }): void;
  /** Says the handler's service wrote the audit entries itself (so they keep their order). */
  markAudited(): void;
  /**
   * Runs `work` in one transaction and writes the audit entries recorded so far inside it, so the
   * change and its entry commit together. For writes an asynchronous handler makes after an await
   * (a synchronous handler's writes are already in such a transaction).
   */
  atomically<T>(work: () => T): T;
  setSession(token: string): void;
  clearSession(): void;
}

export type MethodInputParsed<M extends MethodName> = z.output<Methods[M]['input']>;

export type Handler<M extends MethodName> = (
  input: MethodInputParsed<M>,
  ctx: HandlerContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap = { [M in MethodName]: Handler<M> };
