import { describe, expect, it } from 'vitest';
import {
  confirmed,
  formatMinor,
  isDunning,
  isMadePlanChange,
  minorToText,
  type Subscription,
} from './billing-meta';

const nbsp = /[\u00a0\u202f]/g;

describe('money in minor units', () => {
  it('writes kroner, euros and dollars the way each language does, without ",00" for whole amounts', () => {
    expect(formatMinor(149_000, 'NOK', 'nb-NO').replace(nbsp, ' ')).toBe('1 490 kr');
    expect(formatMinor(4_950, 'EUR', 'nl-NL').replace(nbsp, ' ')).toBe('€ 49,50');
    expect(formatMinor(4_900, 'usd', 'en-US')).toBe('$49');
    expect(formatMinor(124_167, 'NOK', 'en-GB').replace(nbsp, ' ')).toBe('NOK 1,241.67');
  });

  it('gives an amount to edit in the decimal mark of the language', () => {
    expect(minorToText(4_950, 'EUR', 'nl-NL')).toBe('49,5');
    expect(minorToText(149_000, 'NOK', 'nb-NO')).toBe('1490');
  });
});

describe('after Checkout', () => {
  const sub = (change: Partial<Subscription>): Subscription => ({
    tenantId: 't',
    billingEnabled: true,
    currency: 'NOK',
    planKey: 'starter',
    planName: '',
    effectivePlanKey: 'starter',
    status: 'active',
    interval: 'month',
    currentPeriodEnd: null,
    paidThrough: null,
    graceUntil: null,
    cancelAtPeriodEnd: false,
    testMode: false,
    canManage: true,
    ...change,
  });

  it('waits until the plan or its interval has moved from where it was, and is paid', () => {
    const from = { planKey: 'starter', interval: 'month' as const };
    expect(confirmed(sub({}), from)).toBe(false);
    expect(confirmed(sub({ planKey: 'pro' }), from)).toBe(true);
    expect(confirmed(sub({ interval: 'year' }), from)).toBe(true);
    expect(confirmed(sub({ planKey: 'pro', status: 'incomplete' }), from)).toBe(false);
    // opened without knowing where it came from: a paid subscription is the answer
    expect(confirmed(sub({}), null)).toBe(true);
    expect(confirmed(sub({ status: 'none' }), null)).toBe(false);
  });

  it('counts past due and unpaid as dunning', () => {
    expect(isDunning('past_due')).toBe(true);
    expect(isDunning('unpaid')).toBe(true);
    expect(isDunning('active')).toBe(false);
  });
});

describe('a plan change on the desktop', () => {
  it('is told apart from a Checkout page by its loopback return address', () => {
    expect(isMadePlanChange('http://127.0.0.1:53124/billing/success?changed=1&lang=nl')).toBe(true);
    expect(isMadePlanChange('http://127.0.0.1:53124/billing/success?session_id=cs_test_1')).toBe(false);
    expect(isMadePlanChange('https://checkout.stripe.com/c/pay/cs_test_1')).toBe(false);
    expect(isMadePlanChange('https://app.example.com/#/billing/success?changed=pro')).toBe(false);
    expect(isMadePlanChange('not a url')).toBe(false);
  });
});
