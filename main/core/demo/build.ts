import { uuidv7 } from '../../../db';
import type { Language, MethodName, MethodOutput } from '../../contract';
import type { Services } from '../services';
import type { DispatchResult } from '../dispatch';
import type { CallContext } from '../context';
import type { ManualClock } from '../lib/clock';
import { detectLanguage } from '../lib/language/language';
import { said } from '../lib/message';
import {
  closeDemoConversations,
  demoConversationMessages,
  writeDemoConversations,
  type DemoConversation,
  type DemoConversationMessage,
} from '../conversations/demo-seed';
import { demoRunPrototype, writeDemoRuns, type DemoRun } from '../agents/demo-seed';
import { settleDemoTickets, writeDemoTickets, type DemoTicket } from '../tickets/demo-seed';
import {
  writeDemoGuardianActions,
  writeDemoHealthSamples,
  type DemoGuardianAction,
  type DemoHealthSample,
} from '../guardian/demo-seed';
import { agentErrorRateChecks } from '../guardian/checks/tenant';
import { setDemoPlan } from '../tenants/demo-seed';
import { writeDemoBilling } from '../billing/demo-seed';
import { simulateDemoBilling, type DemoCustomer, type DemoUsageEvents } from './billing-history';
import { Prng } from './prng';
import { markDemoInstallation } from './status';
import {
  writeDemoCampaigns,
  writeDemoCosts,
  writeDemoEvents,
  writeDemoProcesses,
  writeDemoReports,
} from '../insight/demo-seed';
import { demoCampaigns, demoCosts, demoInsightEvents, demoProcesses, demoReports } from './insight-history';
import { demoSearches } from './search-history';
import { writeDemoSearchLog } from '../search/demo-seed';
import { keepDemoBackup } from './kept-backup';
import {
  billingCustomers,
  contactNames,
  organisationStories,
  followUps,
  mainOrganisation,
  otherOrganisations,
  personReplies,
  type DemoOrganisation,
} from './scenario';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface DemoOptions {
  seed: number;
  days: number;
  /** The owner's (and platform admin's) password. */
  password: string;
  /** The moment the history ends (now). */
  endAt: number;
  onProgress?(step: string, fraction: number): void;
}

export interface DemoSummary {
  email: string;
  organisation: string;
  tenantId: string;
  counts: Record<string, number>;
}

type Dispatch = (method: string, input: unknown, call: CallContext) => Promise<DispatchResult>;

interface Prototype {
  agentId: string;
  channelId: string;
  channelKind: 'web' | 'email';
  channelName: string;
  language: Language;
  intent: string | null;
  handedOver: boolean;
  messages: DemoConversationMessage[];
  run: DemoRun;
  conversationId: string;
}

interface OrgState {
  plan: DemoOrganisation;
  tenantId: string;
  startAt: number;
  people: { id: string; name: string; role: string; language: Language }[];
  agents: Map<
    string,
    { id: string; name: string; channels: { id: string; kind: 'web' | 'email'; name: string }[] }
  >;
  prototypes: Prototype[];
  /** The key the organisation's webshop calls the API with (the main organisation's only). */
  apiKeyId: string | null;
}

/** Model price the history was answered at (per million tokens, in micro-dollars per token). */
const historyModel = { name: 'gpt-4.1', inMicros: 2, outMicros: 8 };

export async function buildDemo(
  deps: { dispatch: Dispatch; services: Services; clock: ManualClock },
  options: DemoOptions,
): Promise<DemoSummary> {
  const { dispatch, services, clock } = deps;
  const { sqlite } = services;
  const rng = new Prng(options.seed);
  const startAt =
    startOfHour(options.endAt - options.days * day) +
    9 * hour -
    (startOfHour(options.endAt - options.days * day) % day);
  const progress = options.onProgress ?? (() => undefined);
  const at = (t: number) => clock.set(Math.min(t, options.endAt));

  async function call<M extends MethodName>(
    userId: string,
    tenantId: string,
    method: M,
    input: unknown,
  ): Promise<MethodOutput<M>> {
    // a build inside a running app (the first-run screen's) lets it answer between steps
    await yieldToEventLoop();
    const token = services.sessions.create({
      userId,
      tenantId,
      ip: '10.0.0.12',
      userAgent: 'Mindframe demo',
    });
    try {
      const result = await dispatch(method, input, {
        transport: 'internal',
        sessionToken: token,
        ip: '10.0.0.12',
      });
      if (!result.ok) throw new Error(`demo: ${method} failed: ${result.error.code} ${result.error.message}`);
      return result.data as MethodOutput<M>;
    } finally {
      const session = services.sessions.resolve(token);
      if (session) services.sessions.revoke(session.id, 'signed_out');
    }
  }

  // ── the platform and its main organisation ───────────────────────────────────────────────────
  progress('organisations', 0.02);
  const main = mainOrganisation;
  const owner = main.people[0]!;
  at(startAt);
  const created = await dispatch(
    'setup.createOwner',
    { orgName: main.name, name: owner.name, email: owner.email, password: options.password },
    { transport: 'internal', ip: '10.0.0.12' },
  );
  if (!created.ok) throw new Error(`demo: setup failed: ${created.error.message}`);
  const ownerId = (created.data as { user: { id: string } }).user.id;
  const mainTenantId = (created.data as { tenant: { id: string } }).tenant.id;
  if (created.sessionChange?.type === 'set') {
    const session = services.sessions.resolve(created.sessionChange.token);
    if (session) services.sessions.revoke(session.id, 'signed_out');
  }

  const orgs: OrgState[] = [];
  const mainState = await populate(main, mainTenantId, startAt, true);
  orgs.push(mainState);
  // the platform's customers sign up over the period: the simulated organisations and the one only
  // the billing history tells of, five in all (issue 15: 3–5); every organisation starts on the
  // default plan and the billing history puts each on its plan at the end
  const smaller = billingCustomers.map((c, i) => ({
    customer: c,
    at: startAt + Math.round(c.joinsAt * options.days * day) + (3 + i) * hour,
  }));
  const customers: { tenantId: string; joinedAt: number; key: string }[] = [];
  for (const other of otherOrganisations) {
    const joined = startAt + other.joinsAfterDays * day + rng.int(1, 6) * hour;
    while (smaller.length > 0 && smaller[0]!.at < joined) {
      const next = smaller.shift()!;
      at(next.at);
      const tenant = await call(ownerId, mainTenantId, 'tenants.create', { name: next.customer.name });
      customers.push({
        tenantId: tenant.id,
        joinedAt: Math.min(next.at, options.endAt),
        key: next.customer.key,
      });
    }
    at(joined);
    progress('organisations', 0.02 + (0.26 * orgs.length) / (otherOrganisations.length + 1));
    const tenant = await call(ownerId, mainTenantId, 'tenants.create', { name: other.name });
    orgs.push(await populate(other, tenant.id, joined, false));
  }
  for (const next of smaller) {
    at(next.at);
    const tenant = await call(ownerId, mainTenantId, 'tenants.create', { name: next.customer.name });
    customers.push({
      tenantId: tenant.id,
      joinedAt: Math.min(next.at, options.endAt),
      key: next.customer.key,
    });
  }

  async function populate(plan: DemoOrganisation, tenantId: string, from: number, isMain: boolean) {
    const state: OrgState = {
      plan,
      tenantId,
      startAt: from,
      people: [],
      agents: new Map(),
      prototypes: [],
      apiKeyId: null,
    };
    let t = from + 10 * minute;
    at(t);
    // the platform admin sets the organisation up, then its own people join
    const actor = ownerId;
    await call(actor, tenantId, 'profile.save', plan.profile);
    // the organisation counts in its own money (model providers price in US dollars)
    await call(
      actor,
      tenantId,
      'tenants.setMoney',
      plan.language === 'nl' ? { currency: 'EUR', usdRate: 0.92 } : { currency: 'NOK', usdRate: 10.85 },
    );
    if (isMain) state.people.push({ id: ownerId, name: owner.name, role: 'owner', language: owner.language });
    for (const person of plan.people) {
      if (isMain && person.email === owner.email) continue;
      t += rng.int(2, 30) * hour;
      at(t);
      const invite = await call(actor, tenantId, 'users.invite', {
        email: person.email,
        name: person.name,
        role: person.role,
      });
      at(t + rng.int(20, 300) * minute);
      const accepted = await dispatch(
        'auth.acceptInvite',
        { token: invite.inviteToken, password: `${options.password} ${person.name}` },
        { transport: 'internal', ip: '10.0.0.40' },
      );
      if (!accepted.ok) throw new Error(`demo: accepting the invitation failed: ${accepted.error.message}`);
      if (accepted.sessionChange?.type === 'set') {
        const session = services.sessions.resolve(accepted.sessionChange.token);
        if (session) services.sessions.revoke(session.id, 'signed_out');
      }
      state.people.push({
        id: invite.member.userId,
        name: person.name,
        role: person.role,
        language: person.language,
      });
    }
    t = from + 3 * hour;
    for (const agentPlan of plan.agents) {
      t += rng.int(10, 90) * minute;
      at(t);
      const agent = await call(actor, tenantId, 'agents.create', {
        templateId: agentPlan.templateId,
        name: agentPlan.name,
        language: plan.language,
      });
      at(t + 20 * minute);
      await call(actor, tenantId, 'agents.deploy', { agentId: agent.id });
      const channels: { id: string; kind: 'web' | 'email'; name: string }[] = [];
      for (const ch of agentPlan.channels) {
        const saved = await call(actor, tenantId, 'channels.save', {
          agentId: agent.id,
          kind: ch.kind,
          name: ch.name,
          allowedOrigins: ch.kind === 'web' ? [`https://www.${plan.domain}`] : [],
          ...(ch.kind === 'web' ? { defaultLanguage: plan.language } : {}),
        });
        channels.push({ id: saved.id, kind: ch.kind, name: ch.name });
      }
      state.agents.set(agentPlan.key, { id: agent.id, name: agentPlan.name, channels });
    }
    // the model service the history was answered with (its key is the customer's own: left out, so
    // the demo answers with the offline model; the costs of months past name this provider's models)
    if (isMain)
      try {
        await call(actor, tenantId, 'providers.save', {
          kind: 'openai',
          name: 'OpenAI',
          models: [historyModel.name, 'gpt-4.1-mini'],
        });
      } catch {
        // a provider is decoration here; the demo goes on without it
      }
    // the webshop's order sync reads runs and writes events with its own key (best effort: a plan
    // without the API leaves the demo without API calls)
    if (isMain)
      try {
        const key = await call(actor, tenantId, 'apiKeys.create', {
          name: 'Webshop order sync',
          scopes: ['events:write', 'runs:read'],
        });
        state.apiKeyId = key.key.id;
      } catch {
        // no API on this plan
      }
    // the first-run checklist is done: the choices confirmed, the list put away (best effort: the
    // wizard is another domain's, and the demo must not fail on it)
    for (const [method, input] of [
      ['onboarding.confirm', { step: 'language' }],
      ['onboarding.confirm', { step: 'answers' }],
      ['onboarding.dismiss', {}],
    ] as const) {
      try {
        await call(actor, tenantId, method, input);
      } catch {
        // not available in this build
      }
    }
    // real conversations through the real path, one per intent and language: the history copies them
    await makePrototypes(state, t + 2 * hour);
    return state;
  }

  async function makePrototypes(state: OrgState, from: number) {
    let t = from;
    for (const agentPlan of state.plan.agents) {
      const agent = state.agents.get(agentPlan.key)!;
      const template = services.agents.catalog.get(agentPlan.templateId);
      const intentNode = template?.flow.nodes.find((n) => n.type === 'intent');
      const intents = ((intentNode?.data as { intents?: { name: string; examples: string[] }[] } | undefined)
        ?.intents ?? []) as { name: string; examples: string[] }[];
      const languages = new Set<Language>(
        state.plan.personas
          .filter((p) => p.agent === agentPlan.key)
          .flatMap((p) => Object.keys(p.languages) as Language[]),
      );
      if (languages.size === 0) languages.add(state.plan.language);
      const texts: { text: string; language: Language }[] = [];
      for (const intent of intents) {
        const byLanguage = new Map<Language, string[]>();
        for (const example of intent.examples) {
          const language = detectLanguage(example) ?? 'en';
          if (!languages.has(language)) continue;
          byLanguage.set(language, [...(byLanguage.get(language) ?? []), example]);
        }
        for (const [language, examples] of byLanguage)
          for (const text of examples.slice(0, 2)) texts.push({ text, language });
      }
      for (const language of languages) texts.push({ text: followUps.person[language][0]!, language });
      for (const { text, language } of texts) {
        t += rng.int(20, 240) * minute;
        at(t);
        const channel = agent.channels.find((c) => c.kind === 'web') ?? agent.channels[0]!;
        const email = channel.kind === 'email';
        const received = await services.conversations.receive({
          tenantId: state.tenantId,
          channelId: channel.id,
          text,
          language,
          ...(email
            ? {
                externalThreadKey: `<${rng.hex(16)}@mail.${state.plan.domain}>`,
                contact: `${rng.pick(contactNames)}@example.net`,
              }
            : {}),
        });
        const runId = received.replies[0]?.runId;
        if (!runId) continue;
        const run = demoRunPrototype(sqlite, state.tenantId, runId);
        if (!run) continue;
        const messages = demoConversationMessages(sqlite, state.tenantId, received.conversationId);
        state.prototypes.push({
          agentId: agent.id,
          channelId: channel.id,
          channelKind: channel.kind,
          channelName: channel.name,
          language,
          intent: messages.find((m) => m.role === 'customer')?.intent ?? null,
          handedOver: run.status === 'handed_over',
          messages,
          run,
          conversationId: received.conversationId,
        });
      }
    }
  }

  // ── the history: customers arriving day by day ──────────────────────────────────────────────
  progress('conversations', 0.3);
  const counts: Record<string, number> = {
    organisations: orgs.length,
    conversations: 0,
    messages: 0,
    runs: 0,
    steps: 0,
    tickets: 0,
    ticketEvents: 0,
  };
  const usage = new Map<string, DemoUsageEvents>();
  // the main organisation's marketing: its campaigns are in place before the visitors they bring
  const campaigns = demoCampaigns(startAt, options.endAt);
  writeDemoCampaigns(sqlite, mainTenantId, campaigns);
  counts.campaigns = campaigns.length;
  counts.insightEvents = 0;
  const marketingAgentKeys = {
    workshop: 'workshop',
    webshop: 'webshop',
    leads: 'leads',
    social: 'social',
  } as const;
  for (const [index, org] of orgs.entries()) {
    progress('conversations', 0.3 + (0.4 * index) / orgs.length);
    await yieldToEventLoop();
    const history = simulate(org);
    usage.set(org.tenantId, {
      conversations: [
        ...history.conversations.map((c) => c.createdAt),
        ...org.prototypes.map((p) => p.run.createdAt),
      ],
      runs: [...history.runs, ...org.prototypes.map((p) => p.run)].map((r) => ({
        at: r.createdAt,
        tokens: r.tokensIn + r.tokensOut,
      })),
    });
    counts.messages! += writeDemoConversations(sqlite, org.tenantId, history.conversations);
    counts.conversations! += history.conversations.length;
    counts.steps! += writeDemoRuns(sqlite, org.tenantId, history.runs);
    counts.runs! += history.runs.length;
    counts.ticketEvents! += writeDemoTickets(sqlite, org.tenantId, history.tickets);
    const answerers = org.people.filter((p) => p.role !== 'viewer');
    const settled = org.prototypes
      .filter((p) => p.handedOver)
      .map((p) => {
        const respondedAt = p.run.createdAt + rng.int(15, 150) * minute;
        return {
          conversationId: p.conversationId,
          assigneeId: rng.pick(answerers).id,
          respondedAt,
          solvedAt: respondedAt + rng.int(1, 8) * hour,
        };
      });
    settleDemoTickets(sqlite, org.tenantId, settled);
    closeDemoConversations(
      sqlite,
      org.tenantId,
      org.prototypes.map((p) => ({
        id: p.conversationId,
        at:
          settled.find((s) => s.conversationId === p.conversationId)?.solvedAt ??
          p.run.createdAt + 30 * minute,
      })),
    );
    counts.tickets! += history.tickets.length;
    // what the insight feed would have heard of all that, and what went on around it
    const isMain = org.tenantId === mainTenantId;
    const insightEvents = demoInsightEvents(
      options.seed,
      {
        key: org.plan.key,
        tenantId: org.tenantId,
        startAt: org.startAt,
        people: org.people,
        marketingAgents: new Map(
          isMain
            ? [...org.agents]
                .filter(([key]) => key in marketingAgentKeys)
                .map(([key, agent]) => [agent.id, marketingAgentKeys[key as keyof typeof marketingAgentKeys]])
            : [],
        ),
        apiKeyId: org.apiKeyId,
      },
      {
        ...history,
        closed: org.prototypes.map((p) => {
          const s = settled.find((x) => x.conversationId === p.conversationId);
          return {
            id: p.conversationId,
            channelKind: p.channelKind,
            agentId: p.agentId,
            language: p.language,
            createdAt: p.run.createdAt,
            closedAt: s?.solvedAt ?? p.run.createdAt + 30 * minute,
            personAnswered: s !== undefined,
          };
        }),
      },
      { endAt: options.endAt, campaigns: isMain ? campaigns : [] },
    );
    services.insight.tracker.flush();
    counts.insightEvents! += writeDemoEvents(services.insight.tracker, org.tenantId, insightEvents);
    // the words behind those searches, in the search domain's own log
    counts.searches =
      (counts.searches ?? 0) +
      writeDemoSearchLog(sqlite, org.tenantId, demoSearches(options.seed, insightEvents));
  }
  // the platform's own costs month by month, and the main organisation's processes and report
  writeDemoCosts(sqlite, mainTenantId, demoCosts(options.seed, startAt, options.endAt));
  const processes = demoProcesses(options.seed, startAt, options.endAt);
  counts.measurements = writeDemoProcesses(sqlite, mainTenantId, processes);
  counts.processes = processes.length;
  writeDemoReports(sqlite, mainTenantId, demoReports(ownerId, startAt, options.endAt));

  function simulate(org: OrgState) {
    const conversations: DemoConversation[] = [];
    const runs: DemoRun[] = [];
    const tickets: DemoTicket[] = [];
    const operators = org.people.filter((p) => p.role !== 'viewer');
    const firstDay = Math.ceil((org.startAt - startAt) / day) + 2;
    const totalWeight = org.plan.personas.reduce((s, p) => s + p.weight, 0);
    for (let d = firstDay; d <= options.days; d++) {
      const dayStart = startAt - (startAt % day) + d * day;
      const date = new Date(dayStart);
      const weekday = (date.getUTCDay() + 6) % 7;
      const progressOfPeriod = d / options.days;
      // spring and summer are a bike shop's season; the business grows over the period
      const season = 1 + 0.3 * Math.cos((2 * Math.PI * (dayOfYear(date) - 172)) / 365);
      const growth =
        (1 + org.plan.growth * progressOfPeriod) *
        (org.plan.surge && dayStart >= options.endAt - org.plan.surge.days * day ? org.plan.surge.factor : 1);
      for (const persona of org.plan.personas) {
        const agent = org.agents.get(persona.agent);
        if (!agent) continue;
        const mean =
          ((org.plan.visitsPerDay * persona.weight) / totalWeight) * persona.week[weekday]! * season * growth;
        const visits = rng.poisson(mean);
        for (let v = 0; v < visits; v++) {
          const hourOfDay = Math.min(
            23,
            Math.max(0, Math.round(rng.pick(persona.peaks) + (rng.next() - 0.5) * 4)),
          );
          const t = dayStart + hourOfDay * hour + rng.int(0, 59) * minute + rng.int(0, 59) * 1000;
          if (t >= options.endAt - 5 * minute) continue;
          const language = rng.weighted(persona.languages as Record<Language, number>);
          const email =
            persona.email > 0 && rng.chance(persona.email) && agent.channels.some((c) => c.kind === 'email');
          visit(
            org,
            agent.id,
            language,
            email,
            persona.wantsPerson,
            t,
            operators,
            conversations,
            runs,
            tickets,
          );
        }
      }
    }
    return { conversations, runs, tickets };
  }

  function visit(
    org: OrgState,
    agentId: string,
    language: Language,
    email: boolean,
    wantsPerson: number,
    t: number,
    operators: OrgState['people'],
    conversations: DemoConversation[],
    runs: DemoRun[],
    tickets: DemoTicket[],
  ) {
    const own = org.prototypes.filter((p) => p.agentId === agentId);
    const answered = own.filter((p) => !p.handedOver && p.language === language);
    const handoffs = own.filter((p) => p.handedOver && p.language === language);
    const asksPerson = rng.chance(wantsPerson);
    const proto =
      asksPerson && handoffs.length > 0
        ? rng.pick(handoffs)
        : answered.length > 0
          ? rng.pick(answered)
          : rng.pick(own);
    if (!proto) return;
    // how the agent did: most answers land, some miss and the customer asks again or for a person
    const missed = !proto.handedOver && rng.chance(0.12);
    const handedOver = proto.handedOver || (missed && handoffs.length > 0 && rng.chance(0.6));
    const happy = !handedOver && !missed;
    const sentiment = happy
      ? rng.chance(0.45)
        ? 'positive'
        : 'neutral'
      : rng.chance(0.6)
        ? 'negative'
        : 'neutral';
    const conversationId = uuidv7(t);
    const channel = email
      ? org.agents
          .get([...org.agents.entries()].find(([, a]) => a.id === agentId)![0])!
          .channels.find((c) => c.kind === 'email')!
      : { id: proto.channelId, kind: proto.channelKind, name: proto.channelName };
    const messages: DemoConversationMessage[] = [];
    let clockAt = t;
    const customerText = proto.messages.find((m) => m.role === 'customer')?.text ?? '';
    messages.push({
      ...proto.messages.find((m) => m.role === 'customer')!,
      id: uuidv7(clockAt),
      sentiment: sentiment === 'positive' ? 'neutral' : sentiment,
      sentimentScore: sentiment === 'negative' ? -0.4 : 0,
      createdAt: clockAt,
    });
    const first = cloneRun(proto.run, proto.conversationId, conversationId, clockAt);
    runs.push(first);
    clockAt = first.finishedAt ?? clockAt + 2000;
    for (const m of proto.messages.filter((m) => m.role !== 'customer'))
      messages.push({ ...m, id: uuidv7(clockAt), runId: m.runId ? first.id : null, createdAt: clockAt });
    let ticket: DemoTicket | null = null;
    if (happy) {
      clockAt += rng.int(20, 180) * 1000;
      messages.push(customerMessage(rng.pick(followUps.thanks[language]), language, 'positive', clockAt));
    } else if (missed && handedOver && !proto.handedOver) {
      clockAt += rng.int(30, 240) * 1000;
      messages.push(customerMessage(rng.pick(followUps.unhappy[language]), language, 'negative', clockAt));
      const handoff = rng.pick(
        org.prototypes.filter((p) => p.agentId === agentId && p.handedOver && p.language === language),
      );
      const second = cloneRun(handoff.run, handoff.conversationId, conversationId, clockAt);
      runs.push(second);
      clockAt = second.finishedAt ?? clockAt + 2000;
      for (const m of handoff.messages.filter((m) => m.role !== 'customer'))
        messages.push({ ...m, id: uuidv7(clockAt), runId: m.runId ? second.id : null, createdAt: clockAt });
    } else if (missed) {
      clockAt += rng.int(30, 240) * 1000;
      messages.push(customerMessage(rng.pick(followUps.unhappy[language]), language, 'negative', clockAt));
    }
    let status: DemoConversation['status'] = 'closed';
    let handler: DemoConversation['handler'] = 'agent';
    let personId: string | null = null;
    if (handedOver && operators.length > 0) {
      const person = rng.pick(
        operators.filter((o) => o.role === 'operator').length > 0
          ? operators.filter((o) => o.role === 'operator')
          : operators,
      );
      const created = clockAt;
      const priority = sentiment === 'negative' && rng.chance(0.3) ? 'high' : 'normal';
      const firstDue = created + (priority === 'high' ? 60 : 240) * minute;
      const resolveDue = created + (priority === 'high' ? 8 * 60 : 24 * 60) * minute;
      const age = options.endAt - created;
      const breached = rng.chance(0.09);
      const responseAfter = breached
        ? (priority === 'high' ? 75 : 260) * minute + rng.exp(3 * hour)
        : rng.exp(55 * minute, 4 * minute);
      const responded =
        created + responseAfter <= options.endAt - 10 * minute ? created + responseAfter : null;
      const solvedAfter = responseAfter + rng.exp(5 * hour, 20 * minute);
      const solved =
        responded !== null &&
        created + solvedAfter <= options.endAt - 30 * minute &&
        (age > 3 * day || rng.chance(0.6))
          ? created + solvedAfter
          : null;
      const closedAt = solved !== null && options.endAt - solved > 4 * day ? solved + 3 * day : null;
      const id = uuidv7(created);
      const events: DemoTicket['events'] = [
        {
          id: uuidv7(created),
          kind: 'opened',
          actorId: null,
          actorName: null,
          data: { source: 'handoff', reason: `Question the assistant could not answer: ${customerText}` },
          createdAt: created,
        },
        {
          id: uuidv7(created + 1000),
          kind: 'assigned',
          actorId: null,
          actorName: null,
          data: { assigneeId: person.id, assigneeName: person.name },
          createdAt: created + 1000,
        },
      ];
      if (responded !== null && responded > firstDue)
        events.push({
          id: uuidv7(firstDue),
          kind: 'sla_breach',
          actorId: null,
          actorName: null,
          data: { target: 'first_response', dueAt: firstDue },
          createdAt: firstDue,
        });
      if (responded !== null) {
        const text = rng.pick(personReplies[language]).replace('{name}', person.name.split(' ')[0]!);
        const messageId = uuidv7(responded);
        messages.push({
          id: messageId,
          role: 'person',
          text,
          runId: null,
          authorId: person.id,
          intent: null,
          sentiment: null,
          sentimentScore: null,
          language,
          meta: null,
          createdAt: responded,
        });
        events.push({
          id: uuidv7(responded),
          kind: 'reply',
          actorId: person.id,
          actorName: person.name,
          data: { text, messageId, channel: channel.kind },
          createdAt: responded,
        });
        events.push({
          id: uuidv7(responded + 1),
          kind: 'status',
          actorId: person.id,
          actorName: person.name,
          data: { from: 'new', to: 'waiting_on_customer' },
          createdAt: responded + 1,
        });
      }
      if (solved !== null) {
        if (rng.chance(0.6))
          messages.push(
            customerMessage(
              rng.pick(followUps.thanks[language]),
              language,
              'positive',
              solved - rng.int(2, 20) * minute,
            ),
          );
        events.push({
          id: uuidv7(solved),
          kind: 'status',
          actorId: person.id,
          actorName: person.name,
          data: { from: 'waiting_on_customer', to: 'solved' },
          createdAt: solved,
        });
      }
      if (closedAt !== null)
        events.push({
          id: uuidv7(closedAt),
          kind: 'status',
          actorId: null,
          actorName: null,
          data: { from: 'solved', to: 'closed' },
          createdAt: closedAt,
        });
      messages.sort((a, b) => a.createdAt - b.createdAt);
      ticket = {
        id,
        conversationId,
        runId: runs[runs.length - 1]!.id,
        agentId,
        queue: 'support',
        subject: customerText.slice(0, 80),
        reason: `Question the assistant could not answer: ${customerText}`.slice(0, 500),
        customerMessage: customerText,
        intent: proto.intent,
        sentiment,
        language,
        requester: email ? null : null,
        status:
          closedAt !== null
            ? 'closed'
            : solved !== null
              ? 'solved'
              : responded !== null
                ? 'waiting_on_customer'
                : age < day
                  ? 'new'
                  : 'open',
        priority,
        assigneeId: person.id,
        tags: [],
        firstResponseDueAt: firstDue,
        resolutionDueAt: resolveDue,
        firstRespondedAt: responded,
        firstResponseBreachedAt:
          responded !== null && responded > firstDue
            ? firstDue
            : responded === null && options.endAt > firstDue
              ? firstDue
              : null,
        resolutionBreachedAt: (solved ?? options.endAt) > resolveDue ? resolveDue : null,
        solvedAt: solved,
        closedAt,
        createdAt: created,
        updatedAt: Math.max(created, responded ?? 0, solved ?? 0, closedAt ?? 0),
        events,
      };
      tickets.push(ticket);
      status = solved !== null ? 'closed' : 'waiting_for_person';
      handler = solved !== null ? 'agent' : 'person';
      personId = solved !== null ? null : person.id;
    }
    const last = messages[messages.length - 1]!.createdAt;
    const recent = options.endAt - last < 30 * minute;
    if (recent && status === 'closed') status = 'open';
    const rated = rng.chance(0.38);
    const rating: DemoConversation['rating'] = !rated
      ? null
      : happy
        ? rng.chance(0.92)
          ? 'up'
          : 'down'
        : ticket?.solvedAt
          ? rng.chance(0.55)
            ? 'up'
            : 'down'
          : rng.chance(0.15)
            ? 'up'
            : 'down';
    conversations.push({
      id: conversationId,
      channelId: channel.id,
      channelKind: channel.kind,
      channelName: channel.name,
      agentId,
      visitorHash: channel.kind === 'web' ? rng.hex(64) : null,
      externalKey: channel.kind === 'email' ? `<${rng.hex(20)}@mail.example.net>` : null,
      contact: channel.kind === 'email' ? `${rng.pick(contactNames)}${rng.int(1, 99)}@example.net` : null,
      status,
      language,
      intent: proto.intent,
      sentiment,
      rating,
      handler,
      personId,
      createdAt: t,
      closedAt: status === 'closed' ? last + 30 * minute : null,
      messages,
    });
  }

  function customerMessage(
    text: string,
    language: Language,
    sentiment: string,
    createdAt: number,
  ): DemoConversationMessage {
    return {
      id: uuidv7(createdAt),
      role: 'customer',
      text,
      runId: null,
      authorId: null,
      intent: null,
      sentiment,
      sentimentScore: sentiment === 'positive' ? 0.6 : sentiment === 'negative' ? -0.5 : 0,
      language,
      meta: null,
      createdAt,
    };
  }

  function cloneRun(proto: DemoRun, fromConversation: string, toConversation: string, t: number): DemoRun {
    const id = uuidv7(t);
    const shift = t - proto.createdAt;
    let tokensIn = 0;
    let tokensOut = 0;
    let cost = 0;
    let elapsed = 0;
    const steps = proto.steps.map((step) => {
      const isModel = step.nodeType === 'llm';
      const durationMs = isModel ? 600 + rng.exp(900) : step.durationMs * (0.6 + rng.next());
      const stepIn = isModel ? rng.int(1400, 3600) : step.tokensIn;
      const stepOut = isModel ? rng.int(60, 220) : step.tokensOut;
      const stepCost = isModel
        ? Math.round(stepIn * historyModel.inMicros + stepOut * historyModel.outMicros)
        : 0;
      tokensIn += stepIn;
      tokensOut += stepOut;
      cost += stepCost;
      const startedAt = t + elapsed;
      elapsed += durationMs;
      return {
        ...step,
        id: uuidv7(startedAt),
        startedAt: Math.round(startedAt),
        durationMs: Math.round(durationMs * 1000) / 1000,
        tokensIn: stepIn,
        tokensOut: stepOut,
        costMicros: stepCost,
        model: isModel ? historyModel.name : step.model,
        input: step.input.split(fromConversation).join(toConversation),
      };
    });
    return {
      ...proto,
      id,
      input: proto.input.split(fromConversation).join(toConversation),
      tokensIn,
      tokensOut,
      costMicros: cost,
      createdAt: t,
      startedAt: t + (proto.startedAt !== null ? 0 : 0),
      finishedAt: proto.finishedAt === null ? null : Math.round(t + elapsed + shift * 0),
      steps,
    };
  }

  // ── operations: versions, incidents, the Guardian, security, backups ────────────────────────
  progress('operations', 0.7);
  const m = mainState;
  const person = (role: string) => m.people.find((p) => p.role === role)!;
  const admin = person('admin');
  const operator = m.people.filter((p) => p.role === 'operator');
  const workshop = m.agents.get('workshop')!;
  const webshop = m.agents.get('webshop')!;
  const social = m.agents.get('social')!;
  const dayAt = (d: number, h: number) =>
    startAt - (startAt % day) + Math.round((d * options.days) / 180) * day + h * hour;

  // a viewer becomes an operator
  at(dayAt(70, 10));
  const jonas = m.people.find((p) => p.name === 'Jonas Berg');
  if (jonas) {
    await call(ownerId, mainTenantId, 'users.setRole', { userId: jonas.id, role: 'viewer' });
    at(dayAt(72, 11));
    await call(admin.id, mainTenantId, 'users.setRole', { userId: jonas.id, role: 'operator' });
  }

  // version 2 of the workshop assistant
  at(dayAt(126, 14));
  const current = await call(admin.id, mainTenantId, 'agents.get', { agentId: workshop.id });
  await call(admin.id, mainTenantId, 'agents.saveVersion', {
    agentId: workshop.id,
    flow: current.flow,
    note: 'Winter service prices and studded tyre fitting',
  });
  at(dayAt(126, 15));
  await call(admin.id, mainTenantId, 'agents.deploy', { agentId: workshop.id });
  // the social media agent is paused after complaints went unanswered
  at(dayAt(150, 9));
  await call(admin.id, mainTenantId, 'agents.pause', { agentId: social.id, paused: true });

  const incidents: { id: string; title: string }[] = [];
  async function incident(
    d: number,
    h: number,
    spec: {
      title: string;
      description: string;
      severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
      by: string;
      notes: string[];
      resolveAfterMinutes: number | null;
      postmortem?: { summary: string; impact: string; rootCause: string; actions: string[] };
    },
  ) {
    const opened = dayAt(d, h);
    at(opened);
    const made = await call(spec.by, mainTenantId, 'incidents.create', {
      title: spec.title,
      description: spec.description,
      severity: spec.severity,
      assigneeId: spec.by,
    });
    at(opened + rng.int(3, 14) * minute);
    await call(spec.by, mainTenantId, 'incidents.update', { incidentId: made.id, status: 'acknowledged' });
    let t = opened + 20 * minute;
    for (const text of spec.notes) {
      t += rng.int(8, 30) * minute;
      at(t);
      await call(spec.by, mainTenantId, 'incidents.addNote', { incidentId: made.id, text });
    }
    if (spec.resolveAfterMinutes !== null) {
      at(opened + (spec.resolveAfterMinutes / 2) * minute);
      await call(spec.by, mainTenantId, 'incidents.update', { incidentId: made.id, status: 'mitigated' });
      at(opened + spec.resolveAfterMinutes * minute);
      await call(spec.by, mainTenantId, 'incidents.update', { incidentId: made.id, status: 'resolved' });
      if (spec.postmortem) {
        at(opened + spec.resolveAfterMinutes * minute + 20 * hour);
        await call(spec.by, mainTenantId, 'incidents.postmortem', {
          incidentId: made.id,
          postmortem: spec.postmortem,
        });
        at(opened + spec.resolveAfterMinutes * minute + 26 * hour);
        await call(spec.by, mainTenantId, 'incidents.update', { incidentId: made.id, status: 'closed' });
      }
    }
    incidents.push({ id: made.id, title: spec.title });
    return made.id;
  }

  const slowWebshop = await incident(38, 19, {
    title: 'Webshop chat answered slowly during the autumn sale',
    description:
      'Replies took 20–40 s and some runs failed on the model provider while the sale newsletter went out.',
    severity: 'SEV2',
    by: admin.id,
    notes: [
      'Provider status page reports degraded performance in eu-west.',
      'The Guardian retried the failed runs and switched to the fallback model; answers are back under 3 s.',
    ],
    resolveAfterMinutes: 95,
    postmortem: {
      summary:
        'The model provider was degraded for about 90 minutes while traffic peaked after the sale newsletter.',
      impact: '41 webshop conversations waited more than 20 s; 9 runs failed and were retried automatically.',
      rootCause: 'Provider-side capacity problem; our primary model had no regional fallback configured.',
      actions: [
        'Keep the fallback model configured on every customer-facing agent',
        'Send sale newsletters in two batches, 30 minutes apart',
      ],
    },
  });
  await incident(97, 8, {
    title: 'Invoice e-mails answered twice',
    description: 'Some customers of faktura@ got the same answer twice after the mail server was restarted.',
    severity: 'SEV3',
    by: operator[0]?.id ?? admin.id,
    notes: ['The mailbox was re-read from an old position after the restart; duplicates stopped at 08:40.'],
    resolveAfterMinutes: 180,
    postmortem: {
      summary: 'A mail server restart reset the IMAP position; 12 messages were answered again.',
      impact: '12 customers received a duplicate answer. No wrong information was sent.',
      rootCause: 'The hosting provider restored the mailbox with a new UIDVALIDITY.',
      actions: [
        'Ask the host to announce mailbox maintenance',
        'Check the mailbox after every host maintenance window',
      ],
    },
  });
  const wrongPrices = await incident(129, 10, {
    title: 'Workshop assistant quoted old brake prices',
    description: "After version 2 went live a few customers got last season's brake pad prices.",
    severity: 'SEV2',
    by: admin.id,
    notes: [
      'The Guardian rolled back to version 1 automatically; the old price list was in the knowledge base, not in version 2.',
      'Rolled forward to version 2 again and updated the price document.',
    ],
    resolveAfterMinutes: 240,
    postmortem: {
      summary: 'An outdated price document in the knowledge base gave wrong brake pad prices for half a day.',
      impact: '17 conversations got a price €5 too low; the workshop honoured the quoted price.',
      rootCause: 'The price list was updated on the website but not in the knowledge base.',
      actions: [
        'Update the knowledge base in the same change as the website',
        'Add a monthly price check to the workshop routine',
      ],
    },
  });
  await incident(options.days - 1.5, 9, {
    title: 'Spam wave on the website chat',
    description: 'Many short messages with links from a few addresses; the chat stays available.',
    severity: 'SEV4',
    by: operator[1]?.id ?? admin.id,
    notes: ['Rate limiting is holding; watching whether the addresses change.'],
    resolveAfterMinutes: null,
  });

  // the Guardian's past healing: a few healed failures, and one rolled back by a person
  const evidenceFor = (name: string, id: string, failed: number, total: number) =>
    agentErrorRateChecks([
      { agentId: id, name, total, failed, providerFailures: failed, hasFallback: true } as Parameters<
        typeof agentErrorRateChecks
      >[0][number],
    ]);
  const actions: DemoGuardianAction[] = [
    {
      strategy: 'retry_with_backoff',
      status: 'applied',
      mode: 'automatic',
      target: { type: 'agent', id: webshop.id, name: webshop.name },
      summary: said(
        'guardian.plan.retry.summary',
        { count: 9, agent: webshop.name },
        `Run again the 9 runs of ${webshop.name} that failed on the provider`,
      ),
      steps: [
        said(
          'guardian.plan.retry.start',
          { count: 9 },
          'Start 9 new runs with the same input, 2 s, 4 s, 8 s … apart',
        ),
        said('guardian.plan.retry.keep'),
      ],
      evidence: evidenceFor(webshop.name, webshop.id, 9, 22),
      outcome: said('guardian.outcome.retried', { count: 9 }, 'Started 9 new runs.'),
      decidedBy: null,
      comment: null,
      incidentId: slowWebshop,
      createdAt: dayAt(38, 19) + 4 * minute,
      decidedAt: null,
      appliedAt: dayAt(38, 19) + 4 * minute,
      rolledBackAt: null,
      snapshot: { runIds: [] },
    },
    {
      strategy: 'failover_model',
      status: 'applied',
      mode: 'automatic',
      target: { type: 'agent', id: webshop.id, name: webshop.name },
      summary: said(
        'guardian.plan.failover.summary',
        { agent: webshop.name, model: 'gpt-4.1-mini' },
        `Switch ${webshop.name} to its fallback model gpt-4.1-mini`,
      ),
      steps: [
        said(
          'guardian.plan.failover.primary',
          { model: 'gpt-4.1-mini' },
          'Make gpt-4.1-mini the primary model',
        ),
        said(
          'guardian.plan.failover.keep',
          { model: historyModel.name },
          `Keep ${historyModel.name} as the first fallback`,
        ),
      ],
      evidence: evidenceFor(webshop.name, webshop.id, 12, 18),
      outcome: said(
        'guardian.outcome.failed_over',
        { agent: webshop.name, model: 'gpt-4.1-mini' },
        `${webshop.name} now answers with gpt-4.1-mini.`,
      ),
      decidedBy: null,
      comment: null,
      incidentId: slowWebshop,
      createdAt: dayAt(38, 19) + 31 * minute,
      decidedAt: null,
      appliedAt: dayAt(38, 19) + 31 * minute,
      rolledBackAt: null,
      snapshot: { primaryModel: { providerId: 'local', model: 'mindframe-local' }, fallbackModels: [] },
    },
    {
      strategy: 'rollback_agent_version',
      status: 'rolled_back',
      mode: 'automatic',
      target: { type: 'agent', id: workshop.id, name: workshop.name },
      summary: said(
        'guardian.plan.rollback.summary',
        { version: 1, agent: workshop.name },
        `Put version 1 of ${workshop.name} live again`,
      ),
      steps: [
        said('guardian.plan.rollback.deploy', { version: 1 }, 'Deploy version 1, the last one that ran well'),
        said('guardian.plan.rollback.keep', { version: 2 }, 'Keep version 2 for a fix'),
      ],
      evidence: evidenceFor(workshop.name, workshop.id, 4, 15),
      outcome: said('guardian.outcome.version_back', { version: 2 }, 'Version 2 is live again.'),
      decidedBy: admin.name,
      comment:
        'Version 2 was fine; the wrong prices came from an old knowledge document. Fixed that instead.',
      incidentId: wrongPrices,
      createdAt: dayAt(129, 10) + 6 * minute,
      decidedAt: dayAt(129, 13),
      appliedAt: dayAt(129, 10) + 6 * minute,
      rolledBackAt: dayAt(129, 13),
      snapshot: { version: 2 },
    },
    {
      strategy: 'pause_agent',
      status: 'applied',
      mode: 'ask',
      target: { type: 'agent', id: social.id, name: social.name },
      summary: said(
        'guardian.plan.pause.summary',
        { agent: social.name },
        `Pause ${social.name} (circuit breaker)`,
      ),
      steps: [
        said('guardian.plan.pause.stop'),
        said(
          'guardian.plan.pause.probe',
          { minutes: 10 },
          'After 10 minutes, try one probe run; resume the agent if it succeeds',
        ),
      ],
      evidence: agentErrorRateChecks([
        {
          agentId: social.id,
          name: social.name,
          total: 8,
          failed: 5,
          providerFailures: 0,
          hasFallback: false,
        } as Parameters<typeof agentErrorRateChecks>[0][number],
      ]),
      outcome: said('guardian.outcome.paused', { agent: social.name }, `${social.name} is paused.`),
      decidedBy: admin.name,
      comment: 'Pausing until we rewrite the complaint answers.',
      incidentId: null,
      createdAt: dayAt(150, 8) + 40 * minute,
      decidedAt: dayAt(150, 9),
      appliedAt: dayAt(150, 9),
      rolledBackAt: null,
      snapshot: { status: 'active' },
    },
    {
      strategy: 'database_maintenance',
      status: 'applied',
      mode: 'automatic',
      target: { type: 'installation', id: null, name: 'Database' },
      summary: said('guardian.plan.maintenance.summary'),
      steps: [said('guardian.plan.maintenance.checkpoint'), said('guardian.plan.maintenance.analyze')],
      evidence: [],
      outcome: said('guardian.outcome.tidied'),
      decidedBy: null,
      comment: null,
      incidentId: null,
      createdAt: dayAt(160, 3),
      decidedAt: null,
      appliedAt: dayAt(160, 3),
      rolledBackAt: null,
      snapshot: null,
    },
  ];
  writeDemoGuardianActions(sqlite, mainTenantId, actions);
  counts.guardianActions = actions.length;

  // health history: days before the last month, hours within it; dips where the incidents were
  const samples: DemoHealthSample[] = [];
  const dips = [dayAt(38, 19), dayAt(97, 8), dayAt(129, 10), dayAt(options.days - 1.5, 9)];
  for (let t = startAt; t < options.endAt - hour;) {
    const recent = options.endAt - t <= 30 * day;
    const step = recent ? hour : day;
    const near = dips.some((d) => Math.abs(t - d) < (recent ? 3 * hour : day));
    const score = near ? 68 + rng.int(0, 14) : 94 + rng.int(0, 6);
    const status = (s: number) => (s < 75 ? 'warn' : 'ok') as 'ok' | 'warn';
    samples.push({
      at: t,
      resolution: recent ? 'hour' : 'day',
      score,
      checks: {
        database: { status: 'ok', value: null },
        disk: { status: 'ok', value: 38 + Math.round((t - startAt) / (30 * day)) },
        backup_freshness: { status: 'ok', value: rng.int(1, 20) },
        agent_error_rate: { status: status(score), value: near ? rng.int(18, 45) : rng.int(0, 3) },
        provider_availability: { status: near ? 'warn' : 'ok', value: near ? rng.int(80, 95) : 100 },
        security_events: { status: 'ok', value: rng.int(0, 2) },
      },
    });
    t += step;
  }
  writeDemoHealthSamples(sqlite, mainTenantId, samples);
  counts.healthSamples = samples.length;

  // security: new devices, a burst of failed sign-ins, an injection attempt on the chat, rate limits
  const securityAt: { d: number; signal: Parameters<Services['security']['record']>[0] }[] = [
    {
      d: 12,
      signal: {
        kind: 'new_device_login',
        tenantId: mainTenantId,
        ip: '84.208.31.7',
        userId: admin.id,
        details: { device: 'Firefox on Windows' },
      },
    },
    {
      d: 44,
      signal: {
        kind: 'login_failed_burst',
        tenantId: mainTenantId,
        ip: '185.220.101.4',
        userId: operator[0]?.id ?? null,
        details: { failures: 14, windowMinutes: 5 },
      },
    },
    {
      d: 44.02,
      signal: { kind: 'ip_blocked', tenantId: mainTenantId, ip: '185.220.101.4', details: { minutes: 60 } },
    },
    {
      d: 88,
      signal: {
        kind: 'injection_pattern',
        tenantId: mainTenantId,
        ip: '103.75.118.2',
        details: { channel: 'Website chat', pattern: 'ignore previous instructions' },
      },
    },
    {
      d: 120,
      signal: {
        kind: 'new_device_login',
        tenantId: mainTenantId,
        ip: '46.9.141.88',
        userId: ownerId,
        details: { device: 'Safari on iPhone' },
      },
    },
    {
      d: options.days - 1.4,
      signal: {
        kind: 'rate_limited',
        tenantId: mainTenantId,
        ip: '45.134.26.19',
        details: { channel: 'Website chat', requests: 240 },
      },
    },
  ];
  for (const { d, signal } of securityAt) {
    at(dayAt(d, 11));
    services.security.record(signal);
  }
  counts.securityEvents = securityAt.length;

  // the platform's business: a year (the period) of subscriptions, invoices, plan changes and usage
  progress('billing', 0.85);
  const billing = simulateDemoBilling({
    seed: options.seed,
    startAt,
    endAt: options.endAt,
    customers: [
      ...orgs.map((o): DemoCustomer => ({
        tenantId: o.tenantId,
        story: organisationStories[o.plan.key] ?? 'steady_pro',
        joinedAt: o.startAt,
        norwegian: o.plan.language === 'nb',
        usage: usage.get(o.tenantId) ?? null,
      })),
      ...customers.map((c): DemoCustomer => {
        const plan = billingCustomers.find((b) => b.key === c.key)!;
        return {
          tenantId: c.tenantId,
          story: plan.story,
          joinedAt: c.joinedAt,
          norwegian: plan.norwegian,
          usage: null,
        };
      }),
    ],
  });
  Object.assign(counts, writeDemoBilling(sqlite, billing, options.endAt, services.billing.settings));
  for (const { tenantId, plan } of billing.plans) setDemoPlan(sqlite, tenantId, plan);
  services.billing.entitlements.invalidate();
  counts.organisations = orgs.length + customers.length;

  // verified backups: one from yesterday's schedule, one now
  progress('backups', 0.9);
  at(options.endAt - day + 2 * hour);
  await services.backups.create('scheduled');
  // marked before the last backup, so the installation that backup restores (demo.reset) is a demo too
  const marker = { seed: options.seed, days: options.days, builtAt: options.endAt };
  markDemoInstallation(sqlite, marker);
  at(options.endAt - 2 * minute);
  const last = await services.backups.create('scheduled');
  markDemoInstallation(sqlite, { ...marker, backupFile: last.file });
  await keepDemoBackup(services.dataDir, services.backups, last.file);
  counts.backups = 2 + 1;
  at(options.endAt);

  counts.members = m.people.length;
  counts.agents = orgs.reduce((s, o) => s + o.agents.size, 0);
  counts.incidents = incidents.length;
  // the real conversations the history copied from count too
  counts.conversations! += orgs.reduce((s, o) => s + o.prototypes.length, 0);
  progress('done', 1);
  return { email: owner.email, organisation: main.name, tenantId: mainTenantId, counts };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function startOfHour(t: number): number {
  return t - (t % hour);
}

function dayOfYear(date: Date): number {
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / day) + 1;
}
