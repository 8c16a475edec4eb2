import type { HandlerMap } from '../context';
import type { Services } from '../services';
import { planBillingHandlers } from './handlers-plans';
import { stripeBillingHandlers } from './handlers-stripe';

type BillingHandlers = Pick<HandlerMap, Extract<keyof HandlerMap, `billing.${string}`>>;

/** The billing domain's methods (issue 16): plans and entitlements, and the Stripe side. */
export function billingHandlers(services: Services): BillingHandlers {
  return {
    ...stripeBillingHandlers(services),
    ...planBillingHandlers(services),
  };
}
