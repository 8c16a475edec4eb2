import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { Notifier } from '../notify/types';
import type { RunUsage } from '../agents/runtime/engine';
import type { ConversationPlan } from '../conversations/service';
import type { UsageMetric } from '../../contract';
import type { SecretStore } from '../secrets/secret-store';
import type { HostInfo } from '../setup/host-info';
import { PlanCatalogue } from './catalogue';
import { Entitlements } from './entitlements';
import { PlanAssignments } from './plan-assignment';
import { BillingSettingsStore, stripeSecretKeyName } from './settings-store';
import { UsageCounters } from './usage';
import { StripeBilling, type SecuritySink } from './stripe/service';

/**
 * The billing domain (issue 16): the installation's settings, the plan catalogue, each tenant's
 * entitlements (cached for dispatch), usage counters per period, and the one writer of tenants.plan.
 * The Stripe side adds its member here.
 */
export interface BillingDomain {
  settings: BillingSettingsStore;
  catalogue: PlanCatalogue;
  entitlements: Entitlements;
  usage: UsageCounters;
  assignments: PlanAssignments;
  /** A Stripe key is kept (the platform admin connected an account). */
  stripeConnected(): boolean;
  /** The runtime's view: runs and tokens per period. */
  runUsage: RunUsage;
  /** The conversations' view: room for a new conversation or a run, counting conversations. */
  conversationPlan: ConversationPlan;
  /** The Stripe side: connection, Products and Prices, Checkout, events (webhook and polling), metered usage. */
  stripe: StripeBilling;
}

export interface BillingDomainDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  secrets: SecretStore;
  /** Who tells the organisation about its usage (the notify service; late-bound). */
  notifier: () => Notifier;
  /** Where the app is reached (Checkout sends the customer back there). */
  hostInfo: HostInfo;
  /** Where a bad Stripe webhook signature is reported (the security monitor; late-bound). */
  security: () => SecuritySink | null;
}

export function createBillingDomain(deps: BillingDomainDeps): BillingDomain {
  const settings = new BillingSettingsStore(deps.sqlite);
  const catalogue = new PlanCatalogue(deps.sqlite, deps.clock);
  const entitlements = new Entitlements(deps.sqlite, deps.clock, catalogue, settings);
  const usage = new UsageCounters(deps.sqlite, {
    clock: deps.clock,
    events: deps.events,
    logger: deps.logger,
    entitlements,
    notifier: deps.notifier,
  });
  const assignments = new PlanAssignments(deps.sqlite, {
    clock: deps.clock,
    events: deps.events,
    catalogue,
    entitlements,
  });
  const stripe = new StripeBilling({
    sqlite: deps.sqlite,
    clock: deps.clock,
    logger: deps.logger,
    events: deps.events,
    secrets: deps.secrets,
    settings,
    catalogue,
    entitlements,
    assignments,
    hostInfo: deps.hostInfo,
    security: deps.security,
  });
  const room = (tenantId: string, metric: UsageMetric): boolean => {
    try {
      usage.ensureRoom(tenantId, metric);
      return true;
    } catch {
      return false;
    }
  };
  return {
    settings,
    catalogue,
    entitlements,
    usage,
    assignments,
    stripeConnected: () => Boolean(deps.secrets.get(stripeSecretKeyName)),
    runUsage: {
      beforeRun(tenantId, trigger) {
        // a test run in the editor is never refused: the owner must be able to try a flow
        if (trigger === 'test') return;
        usage.ensureRoom(tenantId, 'runs');
        usage.ensureRoom(tenantId, 'tokens');
      },
      count: (tenantId, metric, amount) => void usage.add(tenantId, metric, amount),
    },
    conversationPlan: {
      roomForConversation: (tenantId) => room(tenantId, 'conversations'),
      roomForRun: (tenantId) => room(tenantId, 'runs') && room(tenantId, 'tokens'),
      conversationStarted: (tenantId) => void usage.add(tenantId, 'conversations', 1),
    },
    stripe,
  };
}
