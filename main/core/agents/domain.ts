import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { NodeType } from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { emptyAllowList, type OutboundAllowList } from '../lib/outbound-guard';
import type { SecretStore } from '../secrets/secret-store';
import { AgentsService } from './agents/agents-service';
import { KnowledgeService } from './knowledge/knowledge-service';
import { classifyIntent, LocalChatModel } from './local-model';
import { TemplateCatalog, loadTemplates } from './marketplace';
import { ModelRegistry } from './providers/model-registry';
import { ProvidersService } from './providers/providers-service';
import { RunEngine } from './runtime/engine';
import type { ChainPolicy } from './runtime/model-chain';
import { PriceTable } from './runtime/prices';
import { RunStore } from './runtime/run-store';
import { AgentScheduler } from './runtime/scheduler';
import { ftsQuery } from '../text';

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
}

/** Everything agents need, wired once per core: catalog, services, model registry, runtime, schedules. */
export class AgentsDomain {
  private catalogInstance: TemplateCatalog | undefined;
  readonly agents: AgentsService;
  readonly knowledge: KnowledgeService;
  readonly providers: ProvidersService;
  readonly models: ModelRegistry;
  readonly runs: RunStore;
  readonly engine: RunEngine;
  readonly scheduler: AgentScheduler;
  readonly prices: PriceTable;

  private readonly templatesDir: string;
  private warmUp: NodeJS.Timeout | undefined;

  /** Loaded on first use: reading and checking 27 templates is start-up time nobody needs yet. */
  get catalog(): TemplateCatalog {
    this.catalogInstance ??= new TemplateCatalog(loadTemplates(this.templatesDir));
    return this.catalogInstance;
  }

  constructor(options: AgentsDomainOptions) {
    this.templatesDir = join(options.appRoot, 'assets', 'templates');
    this.agents = new AgentsService(options.sqlite);
    this.knowledge = new KnowledgeService(options.sqlite, (text) => ftsQuery(text));
    const outbound = options.outbound ?? emptyAllowList;
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
      searchKnowledge: (tenantId, query, limit) => this.knowledge.search(tenantId, query, limit),
      classifyIntent: (text, intents) => classifyIntent(text, intents),
      outbound,
      ...(options.maxConcurrentRunsPerTenant
        ? { maxConcurrentPerTenant: options.maxConcurrentRunsPerTenant }
        : {}),
      ...(options.chainPolicy ? { chainPolicy: options.chainPolicy } : {}),
      ...(options.nodeTimeoutMs ? { nodeTimeoutMs: options.nodeTimeoutMs } : {}),
    });
    this.scheduler = new AgentScheduler(this.agents, this.engine, options.logger);
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
