import type { HandlerMap } from '../context';
import type { Services } from '../services';
import { AppError } from '../lib/errors';

type BillingHandlers = Pick<HandlerMap, Extract<keyof HandlerMap, `billing.${string}`>>;

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Billing is not wired yet.');
};

/** Placeholder while the billing domain is built (issue 16): replaced by the domain's handler factories. */
export function billingHandlers(_services: Services): BillingHandlers {
  return {
    'billing.plans': notYet,
    'billing.savePlan': notYet,
    'billing.archivePlan': notYet,
    'billing.settings': notYet,
    'billing.saveSettings': notYet,
    'billing.syncPlans': notYet,
    'billing.syncNow': notYet,
    'billing.subscription': notYet,
    'billing.usage': notYet,
    'billing.planFit': notYet,
    'billing.checkout': notYet,
    'billing.portal': notYet,
    'billing.cancel': notYet,
    'billing.invoices': notYet,
    'billing.customers': notYet,
    'billing.assignPlan': notYet,
  };
}
