import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { parseStripeForm } from '../../testing/fake-stripe';
import { mrrOf } from './events';

const now = Date.UTC(2026, 10, 22);

function subscription(
  items: { amount: number; interval: 'month' | 'year'; quantity?: number }[],
  extra: Partial<Record<string, unknown>> = {},
): Stripe.Subscription {
  return {
    id: 'sub_1',
    object: 'subscription',
    status: 'active',
    trial_end: null,
    discounts: [],
    items: {
      object: 'list',
      data: items.map((item, i) => ({
        id: `si_${i}`,
        quantity: item.quantity ?? 1,
        price: {
          id: `price_${i}`,
          unit_amount: item.amount,
          recurring: { interval: item.interval, interval_count: 1 },
        },
      })),
    },
    ...extra,
  } as unknown as Stripe.Subscription;
}

const coupon = (duration: string, off: { percent_off?: number; amount_off?: number }) => ({
  id: 'di_1',
  object: 'discount',
  source: { type: 'coupon', coupon: { id: 'co_1', duration, percent_off: null, amount_off: null, ...off } },
});

describe("MRR by Stripe's definition", () => {
  it('normalises yearly prices to a month and adds the items', () => {
    expect(mrrOf(subscription([{ amount: 2900, interval: 'month' }]), now)).toBe(2900);
    expect(mrrOf(subscription([{ amount: 99000, interval: 'year' }]), now)).toBe(8250);
    expect(
      mrrOf(
        subscription([
          { amount: 1000, interval: 'month', quantity: 3 },
          { amount: 12000, interval: 'year' },
        ]),
        now,
      ),
    ).toBe(4000);
  });

  it('is 0 while trialing and once ended; past due still counts', () => {
    expect(mrrOf(subscription([{ amount: 2900, interval: 'month' }], { status: 'trialing' }), now)).toBe(0);
    expect(
      mrrOf(subscription([{ amount: 2900, interval: 'month' }], { trial_end: now / 1000 + 86_400 }), now),
    ).toBe(0);
    expect(mrrOf(subscription([{ amount: 2900, interval: 'month' }], { status: 'canceled' }), now)).toBe(0);
    expect(
      mrrOf(subscription([{ amount: 2900, interval: 'month' }], { status: 'incomplete_expired' }), now),
    ).toBe(0);
    expect(mrrOf(subscription([{ amount: 2900, interval: 'month' }], { status: 'past_due' }), now)).toBe(
      2900,
    );
  });

  it('is reduced by a forever coupon, not by a once or repeating one', () => {
    const base = [{ amount: 10000, interval: 'month' as const }];
    expect(mrrOf(subscription(base, { discounts: [coupon('forever', { percent_off: 20 })] }), now)).toBe(
      8000,
    );
    expect(mrrOf(subscription(base, { discounts: [coupon('forever', { amount_off: 1500 })] }), now)).toBe(
      8500,
    );
    expect(mrrOf(subscription(base, { discounts: [coupon('once', { percent_off: 50 })] }), now)).toBe(10000);
    expect(mrrOf(subscription(base, { discounts: [coupon('repeating', { percent_off: 50 })] }), now)).toBe(
      10000,
    );
    // a yearly plan's amount off is spread over its twelve months
    expect(
      mrrOf(
        subscription([{ amount: 120000, interval: 'year' }], {
          discounts: [coupon('forever', { amount_off: 12000 })],
        }),
        now,
      ),
    ).toBe(9000);
  });
});

describe("the fake Stripe's form parser", () => {
  it('reads bracket notation as Stripe’s SDK sends it', () => {
    const body =
      'mode=subscription&line_items[0][price]=price_1&line_items[0][quantity]=1&metadata[tenant_id]=t%201' +
      '&subscription_data[metadata][mindframe_plan]=pro&expand[0]=discounts&created[gte]=17&empty=';
    expect(parseStripeForm(body)).toEqual({
      mode: 'subscription',
      line_items: [{ price: 'price_1', quantity: '1' }],
      metadata: { tenant_id: 't 1' },
      subscription_data: { metadata: { mindframe_plan: 'pro' } },
      expand: ['discounts'],
      created: { gte: '17' },
      empty: '',
    });
  });
});
