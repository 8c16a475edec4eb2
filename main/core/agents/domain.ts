import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AnalyticsSummary, NodeType, RunSummary } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { emptyAllowList, type OutboundAllowList } from '../lib/outbound-guard';
import type { SecretStore } from '../secrets/secret-store';
import { AgentRecords } from './records/agent-records';
import { KnowledgeService } from './knowledge/knowledge-service';
import { classifyIntent, LocalChatModel } from './local-model';
import { TemplateCatalog, loadTemplates } from './marketplace';
import { ModelRegistry } from './providers/model-registry';
import { ProvidersService } from './providers/providers-service';
import { analyticsSummary } from './runtime/analytics';
import { RunEngine, type RunUsage } from './runtime/engine';
import type { BusinessDetailsPort } from './runtime/business';
import { liveRunStarter, type StartLive, type StartLiveRun } from './runtime/live-run';
import type { ChainPolicy } from './runtime/model-chain';
import { PriceTable } from './runtime/prices';
import { RunStore } from './runtime/run-store';
import { AgentScheduler } from './runtime/scheduler';
import { agentQueries, type AgentQueries } from './queries';
import { ftsQuery } from '../lib/search';

export interface AgentsDomainOptions {
  sqlite: Database.Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  secrets: SecretStore;
  appRoot: string;
  maxConcurrentRunsPerTenant?: number;
  chainPolicy?: ChainPolicy;
  nodeTimeoutMs?: Partial<Record<NodeType, number>>;
  /** The installation's outbound allow-list (providers and flow HTTP nodes); none by default. */
  outbound?: OutboundAllowList;
  /** The business's own details ({{business.*}} in runs, filled into a template's sample knowledge). */
  business?: BusinessDetailsPort;
  /** The organisation's plan: runs and tokens per period (the billing domain). */
  usage?: RunUsage;
}

/** Everything agents need, wired once per core: catalog, services, model registry, runtime, schedules. */
export class AgentsDomain {
  private catalogInstance: TemplateCatalog | undefined;
  readonly records: AgentRecords;
  readonly knowledge: KnowledgeService;
  readonly providers: ProvidersService;
  readonly models: ModelRegistry;
  readonly runs: RunStore;
  readonly engine: RunEngine;
  readonly scheduler: AgentScheduler;
  readonly prices: PriceTable;
  /** What other domains (the Guardian) ask about agents, runs and providers: the SQL stays here. */
  readonly queries: AgentQueries;
  /** The business's own details; none in a core without the profile domain (tests of the agents alone). */
  readonly business: BusinessDetailsPort | undefined;

  private readonly templatesDir: string;
  private readonly startLiveRun: StartLiveRun;
  private readonly sqlite: Database.Database;
  private warmUp: NodeJS.Timeout | undefined;

  /** Loaded on first use: reading and checking 27 templates is start-up time nobody needs yet. */
  get catalog(): TemplateCatalog {
    this.catalogInstance ??= new TemplateCatalog(loadTemplates(this.templatesDir));
    return this.catalogInstance;
  }

  constructor(options: AgentsDomainOptions) {
    this.templatesDir = join(options.appRoot, 'assets', 'templates');
    this.sqlite = options.sqlite;
    this.business = options.business;
    this.records = new AgentRecords(options.sqlite);
    const outbound = options.outbound ?? emptyAllowList;
    this.knowledge = new KnowledgeService(options.sqlite, (text) => ftsQuery(text), outbound);
    this.providers = new ProvidersService(options.sqlite, options.secrets, outbound);
    this.models = new ModelRegistry(this.providers, new LocalChatModel(), outbound);
    this.runs = new RunStore(options.sqlite);
    this.prices = PriceTable.load(options.appRoot);
    this.engine = new RunEngine({
      store: this.runs,
      clock: options.clock,
      logger: options.logger,
      events: options.events,
      prices: this.prices,
      resolveModel: (tenantId, ref) => this.models.resolve(tenantId, ref),
      // only the collections the agent chose (all of them for an agent that chose none)
      searchKnowledge: (tenantId, query, limit, agentId) =>
        this.knowledge.searchForAgent(tenantId, agentId, query, limit),
      classifyIntent: (text, intents) => classifyIntent(text, intents),
      ...(options.business ? { business: options.business } : {}),
      ...(options.usage ? { usage: options.usage } : {}),
      outbound,
      ...(options.maxConcurrentRunsPerTenant
        ? { maxConcurrentPerTenant: options.maxConcurrentRunsPerTenant }
        : {}),
      ...(options.chainPolicy ? { chainPolicy: options.chainPolicy } : {}),
      ...(options.nodeTimeoutMs ? { nodeTimeoutMs: options.nodeTimeoutMs } : {}),
    });
    this.startLiveRun = liveRunStarter(this.records, this.engine);
    this.scheduler = new AgentScheduler(this.records, this.startLiveRun, options.logger);
    this.queries = agentQueries(options.sqlite);
  }

  /**
   * Starts a run of the agent's live (deployed) version: the one door for chat and API calls,
   * schedules and the Guardian. Refuses (CONFLICT) an agent that was never deployed or is not
   * active (paused too, unless `evenIfPaused`); `check` may refuse the live flow before the run is
   * queued. The run waits in the tenant's queue like any other; `engine.wait` follows it.
   */
  startLive(tenantId: string, agentId: string, options: StartLive): RunSummary {
    return this.startLiveRun(tenantId, agentId, options);
  }

  /** Runs, tokens and cost between `from` and `to` (null: open-ended), per outcome and agent. */
  analytics(tenantId: string, from: number | null, to: number | null): AnalyticsSummary {
    return analyticsSummary(this.sqlite, tenantId, from, to);
  }

  start(): void {
    // the search index is built once the app answers, so the first match is quick and start-up is not slowed
    this.warmUp = setTimeout(() => this.catalog.prepare(), 2_000);
    this.warmUp.unref();
    this.engine.recover();
    this.scheduler.startAll();
  }

  stop(): void {
    clearTimeout(this.warmUp);
    this.scheduler.stopAll();
    this.engine.stop();
    this.runs.flushAll();
  }
}
