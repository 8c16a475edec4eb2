import type { HandlerMap } from '../context';
import type { Services } from '../services';
import { AppError } from '../lib/errors';
import { stripeBillingHandlers } from './handlers-stripe';

type BillingHandlers = Pick<HandlerMap, Extract<keyof HandlerMap, `billing.${string}`>>;

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Billing is not wired yet.');
};

/** Placeholder while the billing domain is built (issue 16): replaced by the domain's handler factories. */
export function billingHandlers(services: Services): BillingHandlers {
  return {
    ...stripeBillingHandlers(services),
    'billing.plans': notYet,
    'billing.savePlan': notYet,
    'billing.archivePlan': notYet,
    'billing.subscription': notYet,
    'billing.usage': notYet,
    'billing.planFit': notYet,
    'billing.assignPlan': notYet,
  };
}
