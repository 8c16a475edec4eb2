import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../contract';
import { servicesOf } from '../internals';
import { eventSql } from './marketing-queries';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';

// Marketing attribution through the real dispatch over events on a real database, worked by hand.
//
// Range: October 2026 (d(0) = 1 Oct … d(30) = 31 Oct), lookback 30 days, half-life 7 days.
// Campaigns: A "Spring search" (paid_search; utm google / cpc / spring; 200.00 from d(-30) to d(30),
// so half of it, 100.00, falls in the range) and B "Newsletter" (email; utm_campaign news; 50.00
// over d(0)–d(30)).
// Visitors: V1 touches A at d(6) and B at d(13), converses, leaves an e-mail (lead), buys for 300.00
// at d(20); V2 touches A at d(11), B at d(18), A at d(25) and buys for 70.00 at d(25), no conversation;
// V3 touches B at d(5) and converses; V4 comes directly (no tags) at d(2) and converses; V5 buys for
// 100.00 without any touch (unattributed).
//
// V1's touches are 14 and 7 days before its purchase, V2's 14, 7 and 0 days: time decay weights
// 2^-2 : 2^-1 (1/3, 2/3) and 2^-2 : 2^-1 : 2^0 (1/7, 2/7, 4/7).
//   first touch:  A = 300 + 70 = 370.00 (2 conversions); B = 0
//   last touch:   A = 70.00 (1); B = 300.00 (1)
//   linear:       V1 150/150; V2 70/3 each = 23.3334 (the odd cent to the earliest touch), 23.3333,
//                 23.3333 → A = 150 + 23.3334 + 23.3333 = 196.6667, B = 150 + 23.3333 = 173.3333;
//                 conversions A = .5 + .34 + .33 = 1.17, B = .5 + .33 = .83
//   time decay:   V1 A 100, B 200; V2 A 10 + 40, B 20 → A = 150.00, B = 220.00;
//                 conversions V1 .33/.67, V2 .14/.29/.57 → A = .33 + .71 = 1.04, B = .67 + .29 = .96
//   position:     V1 50/50 → 150/150; V2 40/20/40 → A 28 + 28, B 14 → A = 206.00, B = 164.00;
//                 conversions A = .5 + .8 = 1.3, B = .5 + .2 = .7
// ROI and ROAS against spend A 100.00, B 50.00 (first touch: A ROI 2.7, ROAS 3.7; B ROI −1, ROAS 0).

const day = 86_400_000;
const d = (n: number) => Date.UTC(2026, 9, 1) + n * day;
type Marketing = MethodOutput<'insight.marketing'>;

let h: Harness;
let owner: SignedIn;
let campaignA: string;

const csv = (rows: string[][]) =>
  ['name,actor,at,source,campaign,medium,value', ...rows.map((r) => r.join(','))].join('\n');

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  const a = await expectOk(
    h.core,
    'insight.saveCampaign',
    {
      name: 'Spring search',
      channel: ' Paid_Search ',
      spend: 20_000,
      startsAt: d(-30),
      endsAt: d(30),
      utmSource: ' Google ',
      utmMedium: 'CPC',
      utmCampaign: 'Spring',
    },
    owner.call,
  );
  campaignA = a.id;
  await expectOk(
    h.core,
    'insight.saveCampaign',
    {
      name: 'Newsletter',
      channel: 'email',
      spend: 5_000,
      startsAt: d(0),
      endsAt: d(30),
      utmCampaign: 'news',
    },
    owner.call,
  );
  const touchA = (actor: string, n: number) => [
    'visitor.touch',
    actor,
    String(d(n)),
    'google',
    'spring',
    'cpc',
    '',
  ];
  const touchB = (actor: string, n: number) => [
    'visitor.touch',
    actor,
    String(d(n)),
    'mail',
    'news',
    'email',
    '',
  ];
  const event = (name: string, actor: string, n: number, value = '') => [
    name,
    actor,
    String(d(n)),
    '',
    '',
    '',
    value,
  ];
  const imported = await expectOk(
    h.core,
    'insight.import',
    {
      csv: csv([
        touchA('v1', 6),
        touchB('v1', 13),
        event('conversation.started', 'v1', 13),
        event('lead', 'v1', 13),
        event('purchase', 'v1', 20, '300'),
        touchA('v2', 11),
        touchB('v2', 18),
        touchA('v2', 25),
        event('customer', 'v2', 25, '70.00'),
        touchB('v3', 5),
        event('conversation.started', 'v3', 5),
        ['visitor.touch', 'v4', String(d(2)), '', '', '', ''],
        event('conversation.started', 'v4', 2),
        event('customer', 'v5', 22, '100'),
      ]),
    },
    owner.call,
  );
  expect(imported).toMatchObject({ accepted: 14, rejected: 0 });
});
afterAll(() => h?.close());

const marketing = (model: Marketing['model']) =>
  expectOk(h.core, 'insight.marketing', { from: d(0), to: d(30), model }, owner.call);

const rowOf = (result: Marketing, channel: string) => result.channels.find((row) => row.channel === channel)!;

describe('insight campaigns', () => {
  it('keeps a campaign with its tags trimmed and lower-cased, and refuses dates out of order', async () => {
    const { campaigns } = await expectOk(h.core, 'insight.campaigns', {}, owner.call);
    expect(campaigns.find((c) => c.id === campaignA)).toMatchObject({
      channel: 'paid_search',
      utmSource: 'google',
      utmMedium: 'cpc',
      utmCampaign: 'spring',
      spend: 20_000,
    });
    const reversed = await h.core.dispatch(
      'insight.saveCampaign',
      { name: 'Backwards', channel: 'social', spend: 100, startsAt: d(10), endsAt: d(9) },
      owner.call,
    );
    expect(reversed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const negative = await h.core.dispatch(
      'insight.saveCampaign',
      { name: 'Refund', channel: 'social', spend: -1, startsAt: d(10) },
      owner.call,
    );
    expect(negative).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('writes an audit entry for a saved and a deleted campaign', async () => {
    const saved = await expectOk(
      h.core,
      'insight.saveCampaign',
      { name: 'Flyers', channel: 'print', spend: 1_200, startsAt: d(40) },
      owner.call,
    );
    expect((await expectOk(h.core, 'insight.deleteCampaign', { id: saved.id }, owner.call)).deleted).toBe(
      true,
    );
    const { entries } = await expectOk(h.core, 'audit.list', { limit: 5 }, owner.call);
    const actions = entries.map((e) => e.action);
    expect(actions).toContain('insight.saveCampaign');
    expect(actions).toContain('insight.deleteCampaign');
    const deleted = entries.find((e) => e.action === 'insight.deleteCampaign')!;
    expect(deleted.details).toMatchObject({
      name: 'Flyers',
      channel: 'print',
      spend: 1_200,
      currency: 'USD',
    });
  });
});

describe('insight.marketing, worked by hand', () => {
  it('counts the funnel, the touches and the prorated spend', async () => {
    const result = await marketing('first_touch');
    expect(result.funnel).toEqual({ visitors: 4, conversations: 3, leads: 1, customers: 1 });
    expect(result.totals).toEqual({ conversions: 3, revenue: 47_000, unattributed: 1, spend: 15_000 });
    expect(rowOf(result, 'paid_search')).toMatchObject({
      touches: 3,
      visitors: 2,
      conversations: 1,
      leads: 1,
      customers: 2,
      spend: 10_000,
    });
    expect(rowOf(result, 'email')).toMatchObject({
      touches: 3,
      visitors: 3,
      conversations: 2,
      leads: 1,
      customers: 2,
      spend: 5_000,
    });
    expect(rowOf(result, 'direct')).toMatchObject({ touches: 1, visitors: 1, conversations: 1, spend: 0 });
    expect(rowOf(result, 'direct').roi).toBeNull();
    expect(result.campaigns.map((c) => c.name).sort()).toEqual(['', 'Newsletter', 'Spring search']);
  });

  const expected: Record<Marketing['model'], { a: [number, number]; b: [number, number] }> = {
    first_touch: { a: [37_000, 2], b: [0, 0] },
    last_touch: { a: [7_000, 1], b: [30_000, 1] },
    linear: { a: [19_666.67, 1.17], b: [17_333.33, 0.83] },
    time_decay: { a: [15_000, 1.04], b: [22_000, 0.96] },
    position_based: { a: [20_600, 1.3], b: [16_400, 0.7] },
  };
  for (const [model, { a, b }] of Object.entries(expected) as [Marketing['model'], typeof expected.linear][])
    it(`credits revenue and conversions by ${model}`, async () => {
      const result = await marketing(model);
      const paid = rowOf(result, 'paid_search');
      const mail = rowOf(result, 'email');
      expect(paid.revenue).toBeCloseTo(a[0], 2);
      expect(paid.conversions).toBeCloseTo(a[1], 2);
      expect(mail.revenue).toBeCloseTo(b[0], 2);
      expect(mail.conversions).toBeCloseTo(b[1], 2);
      // the campaign rows say the same (one campaign per channel here)
      expect(result.campaigns.find((c) => c.name === 'Spring search')!.revenue).toBeCloseTo(a[0], 2);
      expect(paid.roas).toBeCloseTo(a[0] / 10_000, 6);
      expect(paid.roi).toBeCloseTo((a[0] - 10_000) / 10_000, 6);
      expect(mail.roas).toBeCloseTo(b[0] / 5_000, 6);
      expect(mail.roi).toBeCloseTo((b[0] - 5_000) / 5_000, 6);
    });

  it('leaves a touch outside the lookback window uncredited', async () => {
    // 10 days back from V1's purchase reaches only B (d 13); V2's window keeps B (d 18) and A (d 25)
    const result = await expectOk(
      h.core,
      'insight.marketing',
      { from: d(0), to: d(30), model: 'first_touch', lookbackDays: 10 },
      owner.call,
    );
    expect(rowOf(result, 'email').revenue).toBeCloseTo(37_000, 2);
    expect(rowOf(result, 'paid_search').revenue).toBe(0);
  });
});

describe('marketing reads', () => {
  it('read events by name and time through insight_events_funnel, never a scan of the table', () => {
    const sqlite = servicesOf(h.core).sqlite;
    for (const [what, sql] of Object.entries(eventSql)) {
      const plan = sqlite
        .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ tenantId: 't', name: 'lead', from: 0, to: 1 })
        .map((row) => row.detail)
        .join('\n');
      expect(plan, what).toMatch(
        /SEARCH insight_events USING (COVERING )?INDEX insight_events_funnel \(tenant_id=\? AND name=\? AND at>\? AND at<\?\)/,
      );
      expect(plan, what).not.toMatch(/SCAN insight_events/);
    }
  });
});

describe('marketing isolation', () => {
  it("shows organisation B none of A's campaigns or events, and B cannot change A's", async () => {
    const beta = await expectOk(h.core, 'tenants.create', { name: 'Beta Bakery' }, owner.call);
    await expectOk(h.core, 'tenants.switch', { tenantId: beta.id }, owner.call);
    try {
      expect((await expectOk(h.core, 'insight.campaigns', {}, owner.call)).campaigns).toEqual([]);
      const result = await marketing('linear');
      expect(result.funnel).toEqual({ visitors: 0, conversations: 0, leads: 0, customers: 0 });
      expect(result.channels).toEqual([]);
      expect(result.totals.revenue).toBe(0);
      expect((await expectOk(h.core, 'insight.deleteCampaign', { id: campaignA }, owner.call)).deleted).toBe(
        false,
      );
      const overwrite = await h.core.dispatch(
        'insight.saveCampaign',
        { id: campaignA, name: 'Hijack', channel: 'x', spend: 0, startsAt: d(0) },
        owner.call,
      );
      expect(overwrite).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      const home = (await expectOk(h.core, 'tenants.list', {}, owner.call)).tenants.find(
        (t) => t.name === 'Pedal & Co',
      )!;
      await expectOk(h.core, 'tenants.switch', { tenantId: home.id }, owner.call);
    }
    const { campaigns } = await expectOk(h.core, 'insight.campaigns', {}, owner.call);
    expect(campaigns.find((c) => c.id === campaignA)?.name).toBe('Spring search');
  });
});
