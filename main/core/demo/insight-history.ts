import type { TrackInput } from '../insight/tracker';
import {
  demoClosedEvent,
  demoConversationEvents,
  demoRunEvent,
  demoTicketEvents,
  type DemoCampaign,
  type DemoCost,
  type DemoProcess,
  type DemoReportSchedule,
} from '../insight/demo-seed';
import { controlChart } from '../insight/math/control-chart';
import type { DemoConversation } from '../conversations/demo-seed';
import type { DemoRun } from '../agents/demo-seed';
import type { DemoTicket } from '../tickets/demo-seed';
import { Prng } from './prng';

/**
 * What the insight section of `mindframe demo` shows (issue 17), from what the simulation did: the
 * events the live feed would have heard of every simulated conversation, ticket and run, and what the
 * people and systems around them did (sign-ins, searches, API calls, website visits with their UTM
 * tags, leads and customers), plus the main organisation's campaigns, processes and report schedule
 * and the platform's monthly costs. Its own random stream (from the seed), so the rest of the demo is
 * the same with or without it. The insight domain writes it (insight/demo-seed.ts).
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface InsightPerson {
  id: string;
  role: string;
  language: string;
}

export interface InsightOrg {
  /** The organisation's key in the scenario (its random stream; tenant ids differ per build). */
  key: string;
  tenantId: string;
  /** When the organisation joined. */
  startAt: number;
  people: readonly InsightPerson[];
  /** The agents the website visitors came through with marketing (not the staff portal). */
  marketingAgents: ReadonlyMap<string, 'leads' | 'workshop' | 'webshop' | 'social' | 'other'>;
  /** The organisation's API key that a webshop calls (null: none). */
  apiKeyId: string | null;
}

export interface InsightHistory {
  conversations: readonly DemoConversation[];
  tickets: readonly DemoTicket[];
  runs: readonly DemoRun[];
  /** The real conversations the demo closed in bulk. */
  closed: readonly {
    id: string;
    channelKind: string;
    agentId: string;
    language: string;
    createdAt: number;
    closedAt: number;
    personAnswered: boolean;
  }[];
}

/** The campaigns of the main organisation over a period, in NOK øre. */
export function demoCampaigns(startAt: number, endAt: number): DemoCampaign[] {
  const days = (endAt - startAt) / day;
  const at = (fraction: number) => startAt + Math.round(fraction * days) * day;
  const campaign = (
    name: string,
    channel: string,
    spendNok: number,
    from: number,
    to: number,
    utm: [string, string, string],
  ): DemoCampaign => ({
    name,
    channel,
    spend: spendNok * 100,
    startsAt: at(from),
    endsAt: to > 1 ? endAt + Math.round((to - 1) * days) * day : at(to),
    utmSource: utm[0],
    utmMedium: utm[1],
    utmCampaign: utm[2],
    createdAt: at(from) - 2 * day,
  });
  return [
    campaign('Sommersykkel 2026', 'social', 18_000, 0.02, 0.34, ['facebook', 'paid_social', 'sommersykkel']),
    campaign('Google Ads – verksted', 'paid_search', 42_000, 0.05, 1.1, ['google', 'cpc', 'verksted']),
    campaign('Bedriftssykler (LinkedIn)', 'social', 24_000, 0.4, 0.82, [
      'linkedin',
      'paid_social',
      'bedrift',
    ]),
    campaign('Nyhetsbrev høstservice', 'email', 2_500, 0.5, 0.66, ['newsletter', 'email', 'hostservice']),
    campaign('Vinterdekk', 'paid_search', 15_000, 0.75, 1.14, ['google', 'cpc', 'vinterdekk']),
  ];
}

/** Every event of an organisation's period, as the feed and the door would have tracked them. */
export function demoInsightEvents(
  seed: number,
  org: InsightOrg,
  history: InsightHistory,
  options: { endAt: number; campaigns: readonly DemoCampaign[] },
): TrackInput[] {
  const rng = new Prng((seed * 7919 + hashOf(org.key)) >>> 0);
  const events: TrackInput[] = [];
  const kindOf = new Map<string, string>();
  for (const c of history.conversations) {
    kindOf.set(c.id, c.channelKind);
    events.push(...demoConversationEvents(c));
  }
  for (const c of history.closed) events.push(...demoClosedEvent({ ...c, contact: null }));
  for (const t of history.tickets)
    events.push(
      ...demoTicketEvents({
        ...t,
        channelKind: t.conversationId ? (kindOf.get(t.conversationId) ?? null) : null,
      }),
    );
  // the feed hears of a run when it ends (a hand-off ends it too)
  for (const r of history.runs) events.push(demoRunEvent(r));

  const firstDay = Math.floor(org.startAt / day) + 1;
  const lastDay = Math.floor(options.endAt / day);
  const at = (d: number, fromHour: number, toHour: number) =>
    d * day + rng.int(fromHour * 60, toHour * 60 - 1) * minute + rng.int(0, 59) * 1000;

  // the people at work: sign-ins and searches on working days (fewer at weekends)
  const signInChance: Record<string, number> = { owner: 0.4, admin: 0.7, operator: 0.88, viewer: 0.25 };
  for (let d = firstDay; d <= lastDay; d++) {
    const weekend = new Date(d * day).getUTCDay() % 6 === 0;
    for (const person of org.people) {
      const chance = (signInChance[person.role] ?? 0.3) * (weekend ? 0.15 : 1);
      if (!rng.chance(chance)) continue;
      const signedIn = at(d, 6, 9);
      if (signedIn >= options.endAt) continue;
      events.push({
        name: 'auth.sign_in',
        actor: person.id,
        at: signedIn,
        source: 'app',
        props: { method: rng.chance(0.1) ? 'passkey' : 'password' },
      });
      if (person.role === 'viewer') continue;
      for (let s = rng.poisson(person.role === 'operator' ? 2.2 : 1.1); s > 0; s--) {
        const t = at(d, 8, 17);
        if (t >= options.endAt) continue;
        const zero = rng.chance(0.13);
        events.push({
          name: 'search.query',
          actor: person.id,
          at: t,
          source: 'app',
          props: { zero, language: person.language, results: zero ? 0 : rng.int(1, 20) },
        });
      }
    }
  }

  // the webshop's order sync calls the API: office hours mostly, slower replies now and then
  if (org.apiKeyId)
    for (let d = firstDay; d <= lastDay; d++) {
      const weekend = new Date(d * day).getUTCDay() % 6 === 0;
      for (let n = rng.poisson(weekend ? 12 : 55); n > 0; n--) {
        const t = at(d, 5, 22);
        if (t >= options.endAt) continue;
        const ms = Math.round(rng.chance(0.03) ? 600 + rng.exp(500) : 40 + rng.exp(110));
        events.push({
          name: 'api.call',
          actor: `key:${org.apiKeyId}`,
          at: t,
          source: 'api',
          props: { key: org.apiKeyId, ms, status: rng.chance(0.02) ? 404 : 200 },
        });
      }
    }

  // website visitors: the page that opened the widget (UTM tags or a referrer), leads and customers
  if (org.marketingAgents.size > 0) {
    const running = (t: number) =>
      options.campaigns.filter((c) => c.startsAt <= t && (c.endsAt === null || t < c.endsAt));
    const touch = (actor: string, t: number): TrackInput => {
      const live = running(t);
      const roll = rng.next();
      const campaign = live.length > 0 && roll < 0.22 * live.length ? rng.pick(live) : null;
      if (campaign)
        return {
          name: 'visitor.touch',
          actor,
          session: actor.slice('conversation:'.length),
          at: t,
          source: campaign.utmSource,
          campaign: campaign.utmCampaign,
          // as the public door keeps a page's tags: utm_source and utm_campaign as source and
          // campaign, the others as properties, absent ones left out
          props: { channel: 'web', ...(campaign.utmMedium ? { medium: campaign.utmMedium } : {}) },
        } satisfies TrackInput;
      const organic = rng.weighted({ google: 4, direct: 3, facebook: 1, finn: 1 });
      return {
        name: 'visitor.touch',
        actor,
        session: actor.slice('conversation:'.length),
        at: t,
        source: null,
        campaign: null,
        props:
          organic === 'direct'
            ? { channel: 'web' }
            : {
                channel: 'web',
                referrer:
                  organic === 'google'
                    ? 'www.google.com'
                    : organic === 'facebook'
                      ? 'm.facebook.com'
                      : 'www.finn.no',
              },
      } satisfies TrackInput;
    };
    const leadChance = { leads: 0.32, workshop: 0.11, webshop: 0.06, social: 0.04, other: 0.03 };
    const buyChance = { leads: 0.35, workshop: 0.6, webshop: 0.5, social: 0.3, other: 0.3 };
    const valueNok = {
      leads: [9_000, 65_000],
      workshop: [900, 4_800],
      webshop: [350, 2_900],
      social: [300, 1_500],
      other: [300, 1_500],
    } as const;
    for (const c of history.conversations) {
      if (c.channelKind !== 'web' || !c.agentId) continue;
      const kind = org.marketingAgents.get(c.agentId);
      if (!kind) continue;
      const actor = `conversation:${c.id}`;
      events.push(touch(actor, c.createdAt - rng.int(3, 90) * 1000));
      // some come back from another page later (a newsletter, an ad) and go on in the same chat
      if (rng.chance(0.14)) {
        const later = c.createdAt + rng.int(1, 6) * day + rng.int(0, 600) * minute;
        if (later < options.endAt) events.push(touch(actor, later));
      }
      if (!rng.chance(leadChance[kind])) continue;
      const leadAt = (c.messages.find((m) => m.role === 'customer')?.createdAt ?? c.createdAt) + 1000;
      events.push({
        name: 'lead',
        actor,
        session: c.id,
        at: leadAt,
        source: 'web',
        props: { channel: 'web', via: rng.chance(0.7) ? 'email' : 'phone' },
        id: `mf:lead:${c.id}`,
      });
      if (!rng.chance(buyChance[kind])) continue;
      const boughtAt =
        leadAt +
        rng.int(kind === 'leads' ? 3 : 0, kind === 'leads' ? 21 : 8) * day +
        rng.int(1, 600) * minute;
      if (boughtAt >= options.endAt) continue;
      const [low, high] = valueNok[kind];
      events.push({
        name: 'customer',
        actor,
        at: boughtAt,
        source: 'api',
        props: { value: rng.int(low, high), agent: c.agentId },
      });
    }
  }
  return events;
}

/** The platform's own costs per month of the period (home organisation), in NOK øre. */
export function demoCosts(seed: number, startAt: number, endAt: number): DemoCost[] {
  const rng = new Prng((seed * 31 + 17) >>> 0);
  const costs: DemoCost[] = [];
  const first = new Date(startAt);
  for (
    let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1), i = 0;
    m < endAt;
    i++, m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1, 1)
  ) {
    costs.push(
      {
        month: m,
        category: 'Hosting',
        amount: (420 + 25 * i + rng.int(0, 60)) * 100,
        note: 'Servers and backups',
      },
      { month: m, category: 'Support', amount: 1_150 * 100, note: 'Support hours bought by the month' },
      {
        month: m,
        category: 'Software',
        amount: (390 + rng.int(0, 12) * 10) * 100,
        note: 'E-mail, monitoring, design tools',
      },
    );
  }
  return costs;
}

/**
 * The main organisation's six-sigma processes: the three measured from the platform's own data and
 * one it imports (the workshop's repair turnaround, hours per job), whose last three weeks drift up
 * so a Western Electric rule fires there (and nowhere before).
 */
export function demoProcesses(seed: number, startAt: number, endAt: number): DemoProcess[] {
  const createdAt = startAt + 20 * day;
  const points: { at: number; value: number }[] = [];
  const firstDay = Math.floor(createdAt / day) - 14;
  const lastDay = Math.floor(endAt / day) - 1;
  const drift = 21;
  for (let attempt = 0; ; attempt++) {
    const rng = new Prng((seed * 131 + 7 + attempt) >>> 0);
    points.length = 0;
    // a steady workshop: each day's mean a little above or below the last one's (no long runs on one
    // side); then jobs pile up and the turnaround climbs
    let sign = 1;
    for (let d = firstDay; d <= lastDay; d++) {
      if (new Date(d * day).getUTCDay() === 0) continue;
      const drifting = d > lastDay - drift;
      const base = drifting ? 32 + ((d - (lastDay - drift)) / drift) * 11 : 30;
      if (rng.chance(0.85)) sign = -sign;
      const value = base + sign * (0.8 + rng.next() * 2.4);
      points.push({ at: d * day + 17 * hour, value: Math.round(value * 10) / 10 });
    }
    const chart = controlChart({ values: points.map((p) => p.value), rules: 'western_electric' });
    const firstSignal = Math.min(...chart.signals.map((s) => s.index));
    const drifted = points.findIndex((p) => p.at > (lastDay - drift) * day);
    if (chart.signals.length > 0 && firstSignal >= drifted) break;
    if (attempt > 50) break;
  }
  // the platform processes' past is taken as looked at (no flood of old firings when the demo opens)
  const seen = endAt;
  return [
    {
      name: 'Answered without a person',
      kind: 'contained',
      unit: '%',
      usl: null,
      lsl: 70,
      target: 85,
      createdAt,
      lastSignalAt: seen,
    },
    {
      name: 'First response within SLA',
      kind: 'first_response_sla',
      unit: '%',
      usl: null,
      lsl: 90,
      target: 98,
      createdAt,
      lastSignalAt: seen,
    },
    {
      name: 'API latency',
      kind: 'api_latency',
      unit: 'ms',
      usl: 800,
      lsl: null,
      target: 150,
      createdAt,
      lastSignalAt: seen,
    },
    {
      name: 'Repair turnaround',
      kind: 'imported',
      unit: 'hours',
      usl: 48,
      lsl: null,
      target: 30,
      createdAt: createdAt + hour,
      // not signalled yet: the first evaluation of the served demo raises the drift with the Guardian
      lastSignalAt: null,
      measurements: points,
    },
  ];
}

/** The owner's weekly conversations report: next Monday 07:00 in Oslo (06:00 UTC in winter). */
export function demoReports(ownerId: string, startAt: number, endAt: number): DemoReportSchedule[] {
  const today = Math.floor(endAt / day) * day;
  const weekday = (new Date(today).getUTCDay() + 6) % 7;
  const nextMonday = today + (7 - weekday) * day + 6 * hour;
  return [
    {
      dashboard: 'conversations',
      frequency: 'weekly',
      recipients: [ownerId],
      filters: {},
      paper: 'a4',
      createdBy: ownerId,
      lastSentAt: nextMonday - 7 * day > startAt ? nextMonday - 7 * day : null,
      nextAt: nextMonday,
      createdAt: Math.max(startAt + 30 * day, startAt),
    },
  ];
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
