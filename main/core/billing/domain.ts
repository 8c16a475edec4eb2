import type Database from 'better-sqlite3';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import type { Notifier } from '../notify/types';
import type { SecretStore } from '../secrets/secret-store';
import { PlanCatalogue } from './catalogue';
import { Entitlements } from './entitlements';
import { PlanAssignments } from './plan-assignment';
import { BillingSettingsStore, stripeSecretKeyName } from './settings-store';
import { UsageCounters } from './usage';

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
}

export interface BillingDomainDeps {
  sqlite: Database.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  secrets: SecretStore;
  /** Who tells the organisation about its usage (the notify service; late-bound). */
  notifier: () => Notifier;
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
  return {
    settings,
    catalogue,
    entitlements,
    usage,
    assignments,
    stripeConnected: () => Boolean(deps.secrets.get(stripeSecretKeyName)),
  };
}
