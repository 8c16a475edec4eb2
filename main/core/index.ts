import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, openDatabase, tenantRows } from '../../db';
import {
  eventAudience,
  roleAtLeast,
  type EventName,
  type BackupRow,
  type HealthSummary,
  type NodeType,
  type Role,
} from '../contract';
import { AuditService } from './audit/service';
import { defaultSessionPolicy, SessionService, type SessionPolicy } from './auth/sessions';
import { defaultThrottlePolicy, LoginThrottle, type ThrottlePolicy } from './auth/throttle';
import type { CallContext } from './context';
import type { Services } from './services';
import { createHandlers } from './handlers';
import { createDispatch, type DispatchResult } from './dispatch';
import { createGuard, type HostGuard } from './guard';
import { registerInternals, servicesOf } from './internals';
import { HealthService } from './health/service';
import { databaseFileName, findAppRoot, readAppVersion } from './lib/app-info';
import { systemClock, type Clock } from './lib/clock';
import { EventBus, type EventEnvelope } from './lib/events';
import { createSilentLogger, logFileOf, type Logger } from './lib/logger';
import { DiskPressure, type DiskPressureOptions } from './lib/disk-full';
import { acquireDataDirLock } from './lib/data-lock';
import { restrictDataDir } from './lib/private-files';
import { AgentsDomain } from './agents/domain';
import type { ChainPolicy } from './agents/runtime/model-chain';
import { openSecretStore, reportSecretStore, type SecretStoreReport } from './secrets/secret-store';
import { NotifyService } from './notify';
import { IncidentsService } from './incidents/incidents-service';
import { GuardianService } from './guardian/guardian-service';
import { LogsService } from './logs/logs-service';
import { TenantTransferService } from './tenants/transfer/service';
import { composeTenantLifecycle } from './tenants/lifecycle';
import { BackupService } from './backups/backup-service';
import { SecurityMonitor } from './security/security-monitor';
import { lacksRequiredTwoFactorSql } from './auth/two-factor/setting';
import { ApiKeyService } from './api-keys/service';
import { OutboundAllowListStore } from './outbound';
import { ProfileService } from './profile';
import { HelpLibrary } from './help';
import { AssistantService } from './assistant';
import { SearchService, searchPorts } from './search';
import { InsightService } from './insight/service';
import { ReportService } from './insight/reports';
import { QualityService } from './insight/quality';
import { moneyOf } from './tenants/money';
import { economicsFor } from './insight/economics-handlers';
import { economicsQueries } from './insight/economics-queries';
import { tenantDirectory } from './tenants/queries';
import { securityEventCounts } from './security/queries';
import { signInHistory } from './auth/sign-in-history';
import { ChannelsService, EmailChannels, type EmailTransportTiming } from './channels';
import { createPublicVoiceDoor, type PublicVoiceDoor } from './channels/voice';
import { ProviderVoices } from './agents/providers/provider-voices';
import { originOf, type HostInfo } from './setup/host-info';
import { PublicListenerStore, type PublicListenerApplier } from './setup/public-listener';
import {
  ConversationsService,
  createPublicDoor,
  maxMessageLength,
  RetentionSweeper,
  type PublicDoor,
} from './conversations';
import { TicketsService } from './tickets';
import { buildDemo, type DemoSummary } from './demo';
import { ManualClock as DemoClock } from './lib/clock';
import { createBillingDomain } from './billing/domain';
import { BrandStore } from './brand';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** better-sqlite3 binary built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  sessionPolicy?: SessionPolicy;
  throttlePolicy?: ThrottlePolicy;
  validateOutputs?: boolean;
  healthIntervalMs?: number;
  appRoot?: string;
  /** 'file' skips the OS keychain (tests, or a server without one). */
  secrets?: 'auto' | 'file';
  maxConcurrentRunsPerTenant?: number;
  chainPolicy?: ChainPolicy;
  guardianIntervalMs?: number;
  /** Per-node time limits (tests shorten them). */
  nodeTimeoutMs?: Partial<Record<NodeType, number>>;
  /**
   * The data folder is locked for this process (`mindframe.lock` names the command), so a restore, a
   * migration or a second app refuses while it runs. false for commands that may run beside the app
   * (doctor, backup create, setup). Default: { command: 'app' }.
   */
  lock?: { command: string } | false;
  /** How a full disk is watched (tests shrink the reserve and the probe interval). */
  disk?: Partial<Omit<DiskPressureOptions, 'dataDir' | 'now' | 'onLog'>>;
  /** How e-mail channels poll and reconnect (tests make them quick). */
  emailTiming?: Partial<EmailTransportTiming>;
}

export type EventListener = (name: EventName, payload: unknown) => void;

export interface CoreEvents {
  /** Events for one session: its tenant's, its user's, its own and installation-wide ones. */
  subscribe(sessionToken: string, listener: EventListener): (() => void) | null;
  /** The disk holding the data turned full (true) or has room again (false). */
  onDiskChange(listener: (full: boolean) => void): () => void;
}

/** What `mindframe doctor` reports of the installation, besides the health checks. */
export interface DoctorReport {
  health: HealthSummary;
  database: { integrity: string; schemaVersion: number; journalMode: string };
  secrets: SecretStoreReport;
}

/**
 * The core as a host sees it: the contract's methods and events, the guard a host keeps before it
 * dispatches, the doctor's report, and the long-running parts' start and stop. No service is in reach.
 */
export interface Core {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly appVersion: string;
  /** Migrations applied to the database (its schema version). */
  readonly schemaVersion: number;
  dispatch(method: string, input: unknown, call: CallContext): Promise<DispatchResult>;
  readonly events: CoreEvents;
  readonly guard: HostGuard;
  /** The channels' public door (website chat): no session; see conversations/public-door.ts. */
  readonly publicDoor: PublicDoor & PublicVoiceDoor;
  /**
   * Where customers reach the public door, once the host listens for them (`serve --public-port`,
   * `--public-url`); null: nowhere but the app's own listener. `setup.status` tells the app.
   */
  setPublicOrigin(url: string | null): void;
  /**
   * Where people reach the app itself (served mode: `serve --app-url`, or the listener's own
   * address), so e-mails link to the page they name; null (the desktop, a wildcard listener):
   * e-mails say which page to open instead.
   */
  setAppOrigin(url: string | null): void;
  /**
   * The desktop's loopback return page for Stripe (Checkout, billing portal): `origin` starts it on
   * demand and answers its http://127.0.0.1:<port> origin; used only while no app origin is known.
   */
  setCheckoutReturnOrigin(origin: (() => Promise<string | null>) | null): void;
  /**
   * A Stripe webhook delivery (`POST /api/webhooks/stripe`): the raw body and its Stripe-Signature
   * header; answers the HTTP status to send (200, 400 for a bad signature, 503 to be delivered again).
   */
  stripeWebhook(rawBody: Buffer, signature: string | undefined, ip: string | null): Promise<number>;
  /**
   * The desktop app opens the public listener from the installation's setting (`setup.savePublicListener`):
   * `applier` is called now with the stored setting and on every save, which waits for it. Returns how
   * to stop. Served mode never calls this, so the setting cannot be saved there.
   */
  applyPublicListener(applier: PublicListenerApplier): Promise<() => void>;
  health(): HealthSummary;
  doctor(): DoctorReport;
  start(): void;
  stop(): void;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createSilentLogger();
  const appRoot = options.appRoot ?? findAppRoot();
  const databaseFile = join(options.dataDir, databaseFileName);
  const lock =
    options.lock === false ? null : acquireDataDirLock(options.dataDir, options.lock?.command ?? 'app');
  let handle: ReturnType<typeof openDatabase>;
  try {
    // data folder 0700, its files 0600, also for an installation made before this was so
    const unrestricted = restrictDataDir(options.dataDir);
    if (unrestricted.length > 0)
      logger.warn({ paths: unrestricted.slice(0, 20) }, 'data folder entries whose mode could not be set');
    handle = openDatabase(
      databaseFile,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    const result = migrate(handle, {
      migrationsDir: join(appRoot, 'db', 'migrations'),
      backupDir: join(options.dataDir, 'backups'),
      now: () => clock.now(),
    });
    if (result.applied.length > 0)
      logger.info({ applied: result.applied, backup: result.backupFile }, 'database migrated');
  } catch (error) {
    handle.close();
    lock?.release();
    throw error;
  }

  const events = new EventBus();
  // a full disk: changes refused (dispatch), the log drops lines, the Guardian raises it; recovers by itself
  const disk = new DiskPressure({
    dataDir: options.dataDir,
    ...options.disk,
    now: () => clock.now(),
    onLog: (event, details) =>
      event === 'recovered'
        ? logger.info({ module: 'disk', ...details }, 'disk has room again; changes are accepted')
        : logger.warn(
            { module: 'disk', ...details },
            event === 'full' ? 'disk full' : 'no room for the disk reserve',
          ),
  });
  const logFile = logFileOf(logger);
  const unwatchLogFile = logFile?.onDiskFull((error) => disk.noteFull(error));
  // logs: reads <dataDir>/logs, groups errors, live tail (listens to the logger's tap from here on)
  const logs = new LogsService({
    sqlite: handle.sqlite,
    clock,
    events,
    logger,
    dataDir: options.dataDir,
    appRoot,
  });
  const sessions = new SessionService(handle.sqlite, clock, options.sessionPolicy ?? defaultSessionPolicy);
  const secrets = openSecretStore(options.dataDir, options.secrets ?? 'auto');
  const outbound = new OutboundAllowListStore(handle.sqlite, clock);
  // the business's own details: the profile page, {{business.*}} in every run
  const profile = new ProfileService({
    sqlite: handle.sqlite,
    clock,
    money: (tenantId) => moneyOf(tenantRows(handle.db, tenantId)),
  });
  const agents = new AgentsDomain({
    outbound,
    business: profile,
    sqlite: handle.sqlite,
    clock,
    logger,
    events,
    secrets,
    appRoot,
    ...(options.maxConcurrentRunsPerTenant
      ? { maxConcurrentRunsPerTenant: options.maxConcurrentRunsPerTenant }
      : {}),
    ...(options.chainPolicy ? { chainPolicy: options.chainPolicy } : {}),
    ...(options.nodeTimeoutMs ? { nodeTimeoutMs: options.nodeTimeoutMs } : {}),
    // the plan's runs and tokens per period (billing is made a little later; asked only when a run starts)
    usage: {
      beforeRun: (tenantId, trigger) => billing.runUsage.beforeRun(tenantId, trigger),
      count: (tenantId, metric, amount) => billing.runUsage.count(tenantId, metric, amount),
    },
  });
  // what the host tells the core about itself (serve: where the app and the public door listen)
  const hostInfo: HostInfo = { publicOrigin: null, appOrigin: null };
  const brand = new BrandStore(handle.sqlite);
  const notify = new NotifyService(handle.sqlite, clock, events, secrets, logger, {
    outbound,
    appOrigin: () => hostInfo.appOrigin,
    brand: () => brand.forMail(),
  });
  // plans and billing: entitlements are read by dispatch, the agents and the channels
  const billing = createBillingDomain({
    sqlite: handle.sqlite,
    clock,
    events,
    logger,
    secrets,
    notifier: () => notify,
    hostInfo,
    security: () => security,
  });
  const audit = new AuditService(handle.sqlite, clock, events);
  const incidents = new IncidentsService(handle.sqlite, clock, events, notify);
  const guardian = new GuardianService({
    sqlite: handle.sqlite,
    clock,
    logger,
    events,
    audit,
    agents,
    incidents,
    notifier: notify,
    dataDir: options.dataDir,
    databaseFile,
    lastVerifiedBackupAt: () => backups.lastVerifiedBackupAt(),
    backupProblem: () => backups.problem(),
    restoreLatestBackup: () => backups.restoreLatest(),
    errorLinesPerMinute: () => logs.errors.errorLinesPerMinute(),
    disk,
    tenants: tenantDirectory(handle.sqlite),
    securityEvents: securityEventCounts(handle.sqlite),
  });
  const appVersion = readAppVersion(appRoot);
  const migrationsDir = join(appRoot, 'db', 'migrations');
  const transfers = new TenantTransferService({
    sqlite: handle.sqlite,
    clock,
    events,
    logger,
    dataDir: options.dataDir,
    appVersion,
    migrationsDir,
    lifecycle: { created: (tenantId) => tenantLifecycle.created(tenantId) },
    // the export's plan when this installation has it, else the default plan
    planOnImport: (exported) => billing.catalogue.get(exported)?.key ?? billing.settings.get().defaultPlan,
  });
  // one health system: the summary reads the Guardian's installation checks
  const health = new HealthService({ installation: guardian.installation, clock, events });
  let watchingDisk = false;
  disk.onChange((full) => {
    if (full) logFile?.hold();
    else logFile?.release();
    // the running app: the disk check turns critical (incident, notification) or recovers now
    if (!watchingDisk || !handle.sqlite.open) return;
    health.publish();
    void guardian
      .cycle()
      .catch((error: unknown) => logger.error({ module: 'disk', err: error }, 'guardian cycle failed'));
  });
  // everything that writes on its own pauses while a restore replaces the data
  const pauseServices = () => {
    emailChannels.stop();
    tickets.stop();
    retention.stop();
    insight.stop();
    quality.stop();
    billing.stripe.stop();
    guardian.stop();
    agents.stop();
    health.stop();
  };
  const resumeServices = () => {
    // after a restore the data under these caches is another installation's: read it afresh
    brand.reload();
    billing.settings.reload();
    billing.entitlements.invalidate();
    health.start(options.healthIntervalMs);
    agents.start();
    guardian.start(options.guardianIntervalMs);
    retention.start();
    insight.start();
    quality.start();
    // Stripe's events and metered usage on a schedule (the desktop has no webhook endpoint)
    billing.stripe.start();
    tickets.start();
    emailChannels.start();
  };
  const backups: BackupService = new BackupService({
    sqlite: handle.sqlite,
    databaseFile,
    dataDir: options.dataDir,
    clock,
    logger,
    events,
    secrets,
    notifier: notify,
    appVersion,
    migrationsDir,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    homeTenantId: () => guardian.homeTenantId(),
    pauseServices,
    resumeServices,
  });
  const security = new SecurityMonitor({
    sqlite: handle.sqlite,
    clock,
    events,
    logger,
    incidents,
    notifier: notify,
    homeTenantId: () => guardian.homeTenantId(),
    signIns: signInHistory(handle.sqlite),
  });
  const channels = new ChannelsService({
    sqlite: handle.sqlite,
    clock,
    agents: {
      nameOf: (tenantId, agentId) => agents.records.get(tenantId, agentId).name,
      names: (tenantId) => new Map(agents.records.list(tenantId, {}).map((agent) => [agent.id, agent.name])),
    },
  });
  const conversations = new ConversationsService({
    sqlite: handle.sqlite,
    clock,
    logger,
    events,
    channels,
    plan: billing.conversationPlan,
    agents: {
      isLive(tenantId, agentId) {
        try {
          const agent = agents.records.get(tenantId, agentId);
          return agent.status === 'active' && agent.deployedVersion !== null;
        } catch {
          return false;
        }
      },
      names: (tenantId) => new Map(agents.records.list(tenantId, {}).map((agent) => [agent.id, agent.name])),
      startLive: (tenantId, agentId, input) =>
        agents.startLive(tenantId, agentId, { trigger: 'chat', input }),
      wait: (tenantId, runId) => agents.engine.wait(tenantId, runId),
      steps: (tenantId, runId) => agents.runs.steps(tenantId, runId),
    },
  });
  const emailChannels = new EmailChannels({
    sqlite: handle.sqlite,
    clock,
    logger,
    secrets,
    allowList: outbound,
    channels,
    receive: (input) => conversations.receive(input),
    maxText: maxMessageLength,
    ...(options.emailTiming ? { timing: options.emailTiming } : {}),
  });
  // tickets: a hand-off reaches a person, a person's reply reaches the customer (the Inbox)
  const tickets = new TicketsService({
    sqlite: handle.sqlite,
    clock,
    logger,
    events,
    notifier: notify,
    conversations,
    agents: {
      names: (tenantId) => new Map(agents.records.list(tenantId, {}).map((agent) => [agent.id, agent.name])),
    },
    mail: emailChannels,
    platformHome: () => guardian.homeTenantId(),
  });
  conversations.useDesk(tickets);
  const retention = new RetentionSweeper({
    conversations,
    audit,
    clock,
    logger,
    atomically: (work) => handle.sqlite.transaction(work)(),
  });
  // insight: the track() port and the feed from the domains' events (issue 17)
  const insight = new InsightService({ sqlite: handle.sqlite, clock, logger, events });
  // six-sigma processes: read insight's own tables, the tickets' SLA targets, raise incidents
  const quality = new QualityService({
    sqlite: handle.sqlite,
    clock,
    logger,
    flush: () => insight.tracker.flush(),
    sla: tickets,
    incidents,
    audit,
  });
  // scheduled insight reports: a dashboard's PDF e-mailed weekly or monthly (start and stop with insight)
  const insightReports = new ReportService({
    sqlite: handle.sqlite,
    clock,
    logger,
    mailOut: notify.mailOut,
    pdf: {
      insight,
      brand: () => brand.get(),
      tenantName: (tenantId) => tenantDirectory(handle.sqlite).nameOf(tenantId) ?? '',
      timeZone: (tenantId) => profile.profileOf(tenantId).profile.timeZone,
      agentNames: (tenantId) => new Map(agents.records.list(tenantId, {}).map((a) => [a.id, a.name])),
      sqlite: handle.sqlite,
      currency: (tenantId) => moneyOf(tenantRows(handle.db, tenantId)).currency,
      quality,
      economics: (input) =>
        economicsFor({ system: handle.db, clock, guardian, billing }, economicsQueries(handle.sqlite), input),
      now: () => clock.now(),
    },
  });
  insight.useReports(insightReports);
  // global search: search_docs kept in step with what each domain offers (the command palette)
  const search = new SearchService({
    sqlite: handle.sqlite,
    clock,
    events,
    logger,
    ports: searchPorts({ sqlite: handle.sqlite, agents, incidents, logs, help: () => services.help }),
  });
  // an organisation made, suspended or reactivated, or deleted: each domain answers for its own part
  const tenantLifecycle = composeTenantLifecycle([
    {
      // a hand-off reaches a person without setup: the default rule (desktop only)
      created: (tenantId) => notify.offerDefaultRule(tenantId),
      beforeDelete: (tenantId) => notify.forgetTenantSecrets(tenantId),
    },
    { beforeDelete: (tenantId) => agents.providers.forgetTenantSecrets(tenantId) },
    {
      statusChanged: (tenantId) => emailChannels.tenantStatusChanged(tenantId),
      beforeDelete: (tenantId) => emailChannels.tenantDeleted(tenantId),
    },
  ]);
  const services: Services = {
    sqlite: handle.sqlite,
    system: handle.db,
    clock,
    logger,
    events,
    audit,
    sessions,
    throttle: new LoginThrottle(
      handle.sqlite,
      clock,
      options.throttlePolicy ?? defaultThrottlePolicy,
      secrets,
    ),
    health,
    appVersion,
    dataDir: options.dataDir,
    secrets,
    agents,
    notify,
    mailOut: notify.mailOut,
    incidents,
    guardian,
    logs,
    transfers,
    backups,
    security,
    apiKeys: new ApiKeyService(handle.sqlite, clock),
    outbound,
    disk,
    channels,
    emailChannels,
    conversations,
    tickets,
    hostInfo,
    publicListener: new PublicListenerStore(handle.sqlite),
    profile,
    help: HelpLibrary.load(appRoot),
    appRoot,
    assistant: new AssistantService({
      sqlite: handle.sqlite,
      clock,
      logger,
      appRoot,
      desk: tickets,
      help: () => services.help,
    }),
    search,
    tenantLifecycle,
    billing,
    insight,
    insightReports,
    quality,
    brand,
  };
  const { guard, apiKeyCheck, sessionOf } = createGuard(services);
  const dispatch = createDispatch(
    createHandlers(services),
    { ...services, apiKeyCheck, sessionOf },
    {
      validateOutputs: options.validateOutputs ?? false,
    },
  );
  // the assistant answers through dispatch, with the caller's own call (and so their permissions)
  services.assistant.useDispatch(dispatch);

  // who may watch 'admins' events, looked up per event so a changed role or membership counts at once
  const adminAccess = handle.sqlite.prepare<
    [{ tenantId: string; userId: string }],
    { is_platform_admin: number; role: Role | null; status: string | null; lacks_two_factor: number }
  >(
    `SELECT u.is_platform_admin, m.role, m.status,
            ${lacksRequiredTwoFactorSql('@tenantId', 'u.id')} AS lacks_two_factor
       FROM users u
       LEFT JOIN memberships m ON m.tenant_id = @tenantId AND m.user_id = u.id
      WHERE u.id = @userId`,
  );

  function delivers(envelope: EventEnvelope, sessionId: string, userId: string): boolean {
    const audience = eventAudience[envelope.name];
    // a session's own events reach it even as it ends (session.ended follows the revocation)
    if (envelope.to.kind === 'session' || audience === 'session') {
      return envelope.to.kind === 'session' && envelope.to.sessionId === sessionId;
    }
    const boundTenant = sessions.boundTenant(sessionId);
    if (boundTenant === null) return false;
    // looked up per event, so a changed role or membership counts at once
    const access = adminAccess.get({ tenantId: boundTenant, userId });
    if (!access) return false;
    const platformAdmin = access.is_platform_admin === 1;
    const role = platformAdmin ? 'owner' : access.role;
    // an admin who has yet to set up the second factor their tenant requires sees only health
    if (audience !== 'user' && access.lacks_two_factor === 1 && role !== null && roleAtLeast(role, 'admin')) {
      return false;
    }
    const inAudience =
      platformAdmin ||
      (audience !== 'platformAdmin' &&
        access.status === 'active' &&
        access.role !== null &&
        (audience === 'user' || roleAtLeast(access.role, audience)));
    if (!inAudience) return false;
    switch (envelope.to.kind) {
      case 'user':
        return envelope.to.userId === userId;
      case 'tenant':
        return boundTenant === envelope.to.tenantId;
      case 'installation':
        return true;
      case 'admins':
        // administrators of that tenant (the audience says which role); platform admins of every tenant
        return platformAdmin || (envelope.to.tenantId !== null && envelope.to.tenantId === boundTenant);
    }
  }

  // again for what the services created while starting (secret store files, a pre-migration backup)
  restrictDataDir(options.dataDir);
  let started = false;
  const countMigrations = handle.sqlite.prepare<[], { n: number }>(
    'SELECT count(*) AS n FROM __drizzle_migrations',
  );
  // the channels' public door: the website chat, and voice through the tenant's provider
  const websiteDoor = createPublicDoor({ conversations, channels, clock, logger, insight: insight.tracker });
  const voiceDoor = createPublicVoiceDoor({
    channels,
    providers: new ProviderVoices(agents.providers, outbound),
    conversation: websiteDoor.conversation,
    receive: (input) => conversations.receive(input),
    logger,
  });
  const core: Core = {
    dataDir: options.dataDir,
    databaseFile,
    appVersion: services.appVersion,
    schemaVersion: countMigrations.get()?.n ?? 0,
    dispatch,
    events: {
      subscribe(sessionToken, listener) {
        const session = sessions.resolve(sessionToken);
        if (!session) return null;
        return events.subscribe((envelope) => {
          if (delivers(envelope, session.id, session.userId)) listener(envelope.name, envelope.payload);
        });
      },
      onDiskChange: (listener) => disk.onChange(listener),
    },
    guard,
    publicDoor: { ...websiteDoor, ...voiceDoor },
    setPublicOrigin(url) {
      services.hostInfo.publicOrigin = url === null ? null : originOf(url);
    },
    setAppOrigin(url) {
      services.hostInfo.appOrigin = url === null ? null : originOf(url);
    },
    setCheckoutReturnOrigin(origin) {
      services.hostInfo.checkoutReturnOrigin = origin;
    },
    stripeWebhook: (rawBody, signature, ip) => billing.stripe.webhook(rawBody, signature, ip),
    applyPublicListener: (applier) => services.publicListener.applyWith(applier),
    health: () => services.health.summary(),
    doctor() {
      const integrity = handle.sqlite.pragma('integrity_check') as { integrity_check: string }[];
      return {
        health: services.health.summary(),
        database: {
          integrity: integrity.map((row) => row.integrity_check).join('; '),
          schemaVersion: countMigrations.get()?.n ?? 0,
          journalMode: String(handle.sqlite.pragma('journal_mode', { simple: true })),
        },
        secrets: reportSecretStore(secrets),
      };
    },
    start() {
      if (started) return;
      started = true;
      disk.start();
      watchingDisk = true;
      // organisations from before the default notification rule are offered it once (a full disk
      // or another trouble only postpones that to the next start)
      try {
        const offered = notify.offerDefaultRules();
        if (offered > 0)
          logger.info({ module: 'notify', organisations: offered }, 'default notification rule added');
      } catch (error) {
        logger.warn({ module: 'notify', err: error }, 'default notification rule could not be offered');
      }
      resumeServices();
      backups.start();
      search.start();
      // the assistant's classifier trains in the background; its first answer waits for it
      services.assistant.start();
      logger.info({ dataDir: options.dataDir, version: services.appVersion }, 'core started');
    },
    stop() {
      search.stop();
      insight.close();
      backups.stop();
      pauseServices();
      logs.stop();
      transfers.stop();
      security.stop();
      disk.stop();
      watchingDisk = false;
      unwatchLogFile?.();
      started = false;
      handle.close();
      logger.flush();
      lock?.release();
    },
  };
  registerInternals(core, services);
  return core;
}

export type { CallContext } from './context';
export type { DispatchResult } from './dispatch';
export { ManualClock, systemClock, type Clock } from './lib/clock';
export { createFileLogger, createSilentLogger, type Logger } from './lib/logger';
export { installProcessHandlers, type ProcessHandlerOptions } from './logs/process-handlers';
export { SchemaTooNewError, MigrationFailedError } from '../../db';
export { safeEqual } from './lib/crypto';
export { translator } from './lib/catalogue';
export { requiresTwoFactor, requireTwoFactorSetting } from './auth/two-factor/service';
export { databaseFileName } from './lib/app-info';
export type { CallerIdentity } from './context';
export type { HostGuard } from './guard';
export type { SecretStoreReport } from './secrets/secret-store';
export { findAppRoot, readAppVersion } from './lib/app-info';
export { acquireDataDirLock, DataDirLockedError } from './lib/data-lock';
export { isDiskFull } from './lib/disk-full';
// the backup commands of the command line, for when the app is not running
export { offlineList, offlineRestore, offlineVerify, type OfflineBackupList } from './backups/offline';
export type { OfflineRestoreOutcome } from './backups/offline';
export { BackupFileError } from './backups/file-format';
export { parseKey as parseBackupKey } from './backups/keys';
export { currentBackupKey, backupFolderOf } from './backups/cli-access';

export interface DemoBuildOptions {
  dataDir: string;
  seed: number;
  days: number;
  password: string;
  appRoot?: string;
  onProgress?(step: string, fraction: number): void;
}

/**
 * `mindframe demo`: builds a demo installation into an empty (or new) data folder, on a clock that
 * walks from `days` ago to now; refuses a folder that holds anything.
 */
export async function buildDemoInstallation(
  options: DemoBuildOptions,
): Promise<DemoSummary & { ms: number }> {
  const started = Date.now();
  if (existsSync(options.dataDir) && readdirSync(options.dataDir).length > 0)
    throw new DemoFolderNotEmptyError(options.dataDir);
  const endAt = Date.now();
  const clock = new DemoClock(endAt - options.days * 24 * 60 * 60 * 1000);
  const core = createCore({
    dataDir: options.dataDir,
    clock,
    lock: { command: 'demo' },
    ...(options.appRoot ? { appRoot: options.appRoot } : {}),
  });
  try {
    const services = servicesOf(core);
    const summary = await buildDemo(
      { dispatch: core.dispatch, services, clock },
      {
        seed: options.seed,
        days: options.days,
        password: options.password,
        endAt,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    return { ...summary, ms: Date.now() - started };
  } finally {
    core.stop();
  }
}

/** The data folder given to `mindframe demo` holds something already. */
export class DemoFolderNotEmptyError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `${dataDir} is not empty. The demo builds a new installation only into an empty or new folder; choose another --data-dir.`,
    );
    this.name = 'DemoFolderNotEmptyError';
  }
}

/** `mindframe backup create`: a backup now, made by the person at the machine (no session needed). */
export function backupNow(core: Core): Promise<BackupRow> {
  return servicesOf(core).backups.create('manual');
}
export type {
  PublicAnswer,
  PublicChannel,
  PublicChannelSettings,
  PublicConversation,
  PublicDoor,
  PublicRefusal,
  PublicReply,
} from './conversations';
export type { PublicVoiceDoor, PublicVoiceReply } from './channels/voice';
export type { PublicListenerApplier, PublicListenerProblem } from './setup/public-listener';
export { defaultPublicListener } from './setup/public-listener';
