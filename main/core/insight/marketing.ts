import type { MethodOutput } from '../../contract';
import { attribute, type AttributionModel } from './math/attribution';

/**
 * Marketing intelligence over a tenant's events (issue 17, section 5). The chain, per actor:
 *
 * - **visitor** — someone who opened the web channel's widget: the event `visitor.touch`, tracked by
 *   the public door when a conversation starts (and again when a later page load with UTM tags
 *   continues it), with the page's UTM tags (`source` = utm_source, `campaign` = utm_campaign, props
 *   `medium`, `content`, `term`) and the host of `document.referrer`. A touch without tags or
 *   referrer is `direct`. The widget keeps one visitor token per conversation, so the actor of a
 *   website visitor is their conversation (`conversation:<id>`, as the insight feed names it).
 * - **conversation** — the actor's `conversation.started`.
 * - **lead** — the actor's `lead` event: tracked by the public door the first time a customer's
 *   message holds an e-mail address or a phone number (the details themselves are not kept in the
 *   event), or sent by another system through `POST /api/v1/events` or the CSV import.
 * - **customer** — the actor's `customer` or `purchase` event, sent through the API or the CSV
 *   import, with a numeric `value` property in major units of the tenant's currency (49.95); each
 *   such event is one conversion worth `value` × 100 minor units.
 *
 * Attribution: each conversion in the range is credited over the same actor's touches inside the
 * lookback window before it, by the pure `attribute()` of math/attribution.ts (once for the revenue,
 * once for the conversion itself as 1). A conversion without such a touch is unattributed.
 *
 * A touch belongs to the campaign whose UTM tags it carries: every tag the campaign sets must be
 * equal (at least one set); of several, the one running at the touch's time, then the one with more
 * tags. Its channel is the campaign's channel; a touch of no campaign is grouped by its utm_medium,
 * else its utm_source, else `referral` (a referrer host) or `direct`.
 *
 * Spend: each campaign's spend spread evenly over its dates (a campaign still running: up to now),
 * counted for the part that falls in the range. ROI = (revenue − spend) ÷ spend, ROAS = revenue ÷
 * spend, both null when the spend is 0.
 */

export type MarketingOutput = MethodOutput<'insight.marketing'>;
type Row = MarketingOutput['channels'][number];

export const touchEvent = 'visitor.touch';
export const leadEvent = 'lead';
export const customerEvents = ['customer', 'purchase'] as const;

export interface CampaignRow {
  id: string;
  name: string;
  channel: string;
  spend: number;
  startsAt: number;
  endsAt: number | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
}

export interface TouchRow {
  actor: string;
  at: number;
  source: string | null;
  campaign: string | null;
  medium: string | null;
  referrer: string | null;
}

export interface ConversionRow {
  actor: string;
  at: number;
  /** Minor units. */
  value: number;
}

export interface MarketingData {
  campaigns: readonly CampaignRow[];
  /** visitor.touch events from (from − lookback) to `to`. */
  touches: readonly TouchRow[];
  /** Actors with a conversation.started, a lead, from (from − lookback) to `to`. */
  conversationActors: ReadonlySet<string>;
  leadActors: ReadonlySet<string>;
  /** customer / purchase events from `from` to `to`. */
  conversions: readonly ConversionRow[];
}

export interface MarketingOptions {
  from: number;
  to: number;
  now: number;
  model: AttributionModel;
  halfLifeDays: number;
  lookbackDays: number;
  currency: MarketingOutput['currency'];
}

const dayMs = 86_400_000;

/** A customer event's `value` (major units, a number or a numeric text) in minor units; 0 when none. */
export function minorValueOf(value: unknown): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(number) && number > 0 ? Math.round(number * 100) : 0;
}

/** The campaign a touch belongs to, or null. */
export function campaignOf(touch: TouchRow, campaigns: readonly CampaignRow[]): CampaignRow | null {
  let best: CampaignRow | null = null;
  let bestScore = -1;
  for (const c of campaigns) {
    const tags = [
      [c.utmSource, touch.source],
      [c.utmMedium, touch.medium],
      [c.utmCampaign, touch.campaign],
    ] as const;
    const set = tags.filter(([want]) => want !== null);
    if (set.length === 0 || !set.every(([want, got]) => want === got)) continue;
    const running = touch.at >= c.startsAt && (c.endsAt === null || touch.at <= c.endsAt) ? 10 : 0;
    const score = running + set.length;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** The channel of a touch that matched no campaign. */
export function plainChannelOf(touch: TouchRow): string {
  return touch.medium ?? touch.source ?? (touch.referrer ? 'referral' : 'direct');
}

/** A campaign's spend that falls in [from, to): spread evenly over its dates (running: up to now). */
export function proratedSpend(c: CampaignRow, from: number, to: number, now: number): number {
  if (c.spend === 0) return 0;
  const end = c.endsAt ?? Math.max(now, c.startsAt);
  // a campaign of one moment (or one not started yet) is one day long
  const last = Math.max(end, c.startsAt + dayMs);
  const overlap = Math.max(0, Math.min(to, last) - Math.max(from, c.startsAt));
  return (c.spend * overlap) / (last - c.startsAt);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

interface Acc {
  key: string | null;
  name: string;
  channel: string;
  touches: number;
  visitors: Set<string>;
  conversions: number;
  revenue: number;
  spend: number;
}

export function marketingFigures(data: MarketingData, options: MarketingOptions): MarketingOutput {
  const { from, to, now, model, halfLifeDays, lookbackDays } = options;
  const lookbackMs = lookbackDays * dayMs;
  const customerActors = new Set(data.conversions.map((c) => c.actor));

  const channels = new Map<string, Acc>();
  const campaigns = new Map<string, Acc>();
  const acc = (map: Map<string, Acc>, key: string, make: () => Acc) => {
    let a = map.get(key);
    if (!a) map.set(key, (a = make()));
    return a;
  };
  const channelAcc = (channel: string) => acc(channels, channel, () => blank(channel, channel, channel));
  const campaignAcc = (c: CampaignRow | null, channel: string) =>
    c
      ? acc(campaigns, c.id, () => blank(c.id, c.name, c.channel))
      : acc(campaigns, '', () => blank(null, '', channel === 'direct' ? 'direct' : ''));

  // every campaign that spends in the range has its row, touched or not
  for (const c of data.campaigns) {
    const spend = proratedSpend(c, from, to, now);
    if (spend > 0 || (c.startsAt < to && (c.endsAt ?? Infinity) >= from)) {
      campaignAcc(c, c.channel).spend += spend;
      channelAcc(c.channel).spend += spend;
    }
  }

  // each touch's campaign and channel, once
  const byActor = new Map<string, { at: number; campaign: CampaignRow | null; channel: string }[]>();
  const visitors = new Set<string>();
  for (const touch of data.touches) {
    const campaign = campaignOf(touch, data.campaigns);
    const channel = campaign?.channel ?? plainChannelOf(touch);
    let list = byActor.get(touch.actor);
    if (!list) byActor.set(touch.actor, (list = []));
    list.push({ at: touch.at, campaign, channel });
    if (touch.at < from || touch.at >= to) continue;
    visitors.add(touch.actor);
    for (const a of [channelAcc(channel), campaignAcc(campaign, channel)]) {
      a.touches += 1;
      a.visitors.add(touch.actor);
    }
  }

  // attribution of each conversion over its actor's touches in the lookback window
  let revenueTotal = 0;
  let unattributed = 0;
  for (const conversion of data.conversions) {
    revenueTotal += conversion.value;
    const own = (byActor.get(conversion.actor) ?? []).filter(
      (t) => t.at <= conversion.at && t.at >= conversion.at - lookbackMs,
    );
    if (own.length === 0) {
      unattributed += 1;
      continue;
    }
    // the touch's index as its "channel": each credit finds its touch again
    const touches = own.map((t, i) => ({ channel: String(i), at: t.at }));
    const settings = { touches, model, halfLifeDays, lookbackDays };
    const revenue = attribute({ ...settings, conversion: { at: conversion.at, value: conversion.value } });
    const counted = attribute({ ...settings, conversion: { at: conversion.at, value: 1 } });
    const credit = (credits: typeof revenue.credits, field: 'revenue' | 'conversions') => {
      for (const c of credits) {
        const t = own[Number(c.channel)]!;
        channelAcc(t.channel)[field] += c.value;
        campaignAcc(t.campaign, t.channel)[field] += c.value;
      }
    };
    credit(revenue.credits, 'revenue');
    credit(counted.credits, 'conversions');
  }

  const finish = (a: Acc): Row => {
    const spend = Math.round(a.spend);
    const revenue = round2(a.revenue);
    const members = [...a.visitors];
    return {
      key: a.key,
      name: a.name,
      channel: a.channel,
      touches: a.touches,
      visitors: members.length,
      conversations: members.filter((m) => data.conversationActors.has(m)).length,
      leads: members.filter((m) => data.leadActors.has(m)).length,
      customers: members.filter((m) => customerActors.has(m)).length,
      conversions: round2(a.conversions),
      revenue,
      spend,
      roi: spend > 0 ? (revenue - spend) / spend : null,
      roas: spend > 0 ? revenue / spend : null,
    };
  };
  const order = (a: Row, b: Row) =>
    b.revenue - a.revenue || b.visitors - a.visitors || a.name.localeCompare(b.name);

  const inConversation = [...visitors].filter((v) => data.conversationActors.has(v));
  const asLead = inConversation.filter((v) => data.leadActors.has(v));
  const spendTotal = [...campaigns.values()].reduce((sum, a) => sum + Math.round(a.spend), 0);
  return {
    currency: options.currency,
    from,
    to,
    model,
    halfLifeDays,
    lookbackDays,
    funnel: {
      visitors: visitors.size,
      conversations: inConversation.length,
      leads: asLead.length,
      customers: asLead.filter((v) => customerActors.has(v)).length,
    },
    totals: {
      conversions: data.conversions.length,
      revenue: revenueTotal,
      unattributed,
      spend: spendTotal,
    },
    channels: [...channels.values()].map(finish).sort(order),
    campaigns: [...campaigns.values()].map(finish).sort(order),
  };
}

function blank(key: string | null, name: string, channel: string): Acc {
  return { key, name, channel, touches: 0, visitors: new Set(), conversions: 0, revenue: 0, spend: 0 };
}
