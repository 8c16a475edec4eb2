import { uuidv7 } from '../../../db';
import {
  methods,
  roleAtLeast,
  type AssistantAction,
  type AssistantAnswer,
  type AssistantConversation,
  type AssistantIntent,
  type AssistantLink,
  type AssistantTurn,
  type CallResult,
  type Language,
  type Message,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Role,
} from '../../contract';
import type { CallContext, ResolvedSession } from '../context';
import { sayIn } from '../lib/catalogue';
import type { Clock } from '../lib/clock';
import { notFound } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { message } from '../lib/message';
import { IntentClassifier } from './classifier';
import { AssistantStore, type ConversationRow, type MessageRow } from './store';

/**
 * Below this NLP.js score the assistant does not trust its understanding and hands the question to
 * a person. 0.5 is NLP.js's own default; on the held-out sets (assets/assistant/heldout) the few
 * answers under it were mostly wrong, while the right ones scored far above it.
 */
export const confidenceThreshold = 0.5;

/** The core's dispatch, which the assistant calls with the caller's own call context. */
export type Dispatch = (name: string, input: unknown, call: CallContext) => Promise<CallResult<unknown>>;

/** The tickets domain's door for a tenant's question to the platform's support. */
export interface SupportDesk {
  openPlatformTicket(
    tenantId: string,
    question: { subject: string; text: string; requesterUserId: string | null },
  ): { id: string; number: number };
}

/** The help center, as far as the assistant reads it. */
export interface HelpPort {
  search(language: Language, q: string, limit: number): { slug: string; title: string }[];
  forRoute(route: string): string | null;
  get(language: Language, slug: string): { slug: string; title: string } | null;
}

export interface AssistantDeps {
  sqlite: ConstructorParameters<typeof AssistantStore>[0];
  clock: Clock;
  logger: Logger;
  appRoot: string;
  desk: SupportDesk;
  help: () => HelpPort | undefined;
}

/** Who asks: their session (tenant, user, role) and the call that carries it (for dispatch). */
export interface Asker {
  session: ResolvedSession;
  call: CallContext;
}

interface TurnData {
  messages: Message[];
  facts?: Record<string, string | number | boolean | null> | null;
  pendingAction?: AssistantAction | null;
  ticketId?: string | null;
  links?: AssistantLink[];
}

interface Answer {
  messages: Message[];
  facts?: Record<string, string | number | boolean | null> | null;
  pendingAction?: AssistantAction | null;
  ticketId?: string | null;
  links?: AssistantLink[];
}

/** Intents of the Connexx seed's categories: a sentence of their own and help articles. */
type TopicIntent = Exclude<AssistantIntent, `ops.${string}` | 'handoff'>;
export const topicIntents = new Set<AssistantIntent>([
  'product',
  'pricing',
  'support',
  'feature_request',
  'billing',
  'account',
  'general',
  'troubleshooting',
  'demo',
  'integration',
  'security',
  'custom_solution',
]);

/** Where the panel links an answer to (hash routes of the renderer). */
const routeOf: Partial<Record<AssistantIntent, string>> = {
  'ops.health': 'guardian',
  'ops.backups': 'backups',
  'ops.incidents': 'incidents',
  'ops.agents': 'agents',
  'ops.runs': 'runs',
  'ops.conversations': 'conversations',
  'ops.tickets': 'inbox',
};

const dayMs = 24 * 60 * 60 * 1000;

export class AssistantService {
  private readonly store: AssistantStore;
  private classifier: Promise<IntentClassifier> | null = null;
  private dispatch: Dispatch | null = null;

  constructor(private readonly deps: AssistantDeps) {
    this.store = new AssistantStore(deps.sqlite);
  }

  /** The core's dispatch (made after the handlers, so it is handed over afterwards). */
  useDispatch(dispatch: Dispatch): void {
    this.dispatch = dispatch;
  }

  /** Trains the classifier in the background; answers wait for it. Called when the core starts. */
  start(): void {
    void this.ready().catch((error: unknown) =>
      this.deps.logger.error({ module: 'assistant', err: error }, 'training the assistant failed'),
    );
  }

  ready(): Promise<IntentClassifier> {
    if (!this.classifier) {
      const started = performance.now();
      this.classifier = IntentClassifier.fromAssets(this.deps.appRoot).then((classifier) => {
        this.deps.logger.info(
          { module: 'assistant', ms: Math.round(performance.now() - started) },
          'assistant trained',
        );
        return classifier;
      });
      // a failed training is tried again at the next question
      this.classifier.catch(() => {
        this.classifier = null;
      });
    }
    return this.classifier;
  }

  // ── asking ─────────────────────────────────────────────────────────────────────────────────────

  async ask(
    input: MethodInput<'assistant.ask'>,
    asker: Asker,
  ): Promise<AssistantAnswer & { handedOff: { ticketId: string; number: number } | null }> {
    const classifier = await this.ready();
    const { session } = asker;
    const now = this.deps.clock.now();
    let conversation = input.conversationId
      ? this.store.conversation(session.tenantId, session.userId, input.conversationId)
      : null;
    if (input.conversationId && !conversation) throw notFound('That conversation');
    // the question and its answer are written together, in one transaction, once answered
    const writes: (() => void)[] = [];
    if (!conversation) {
      // the language is pinned when the conversation starts: the UI's, else the user's own
      const language = input.language ?? (await this.usersLanguage(asker)) ?? 'en';
      conversation = {
        id: uuidv7(now),
        tenantId: session.tenantId,
        userId: session.userId,
        language,
        title: input.text.slice(0, 80),
        ticketId: null,
        createdAt: now,
        updatedAt: now,
      };
      const started = conversation;
      writes.push(() => this.store.createConversation(started));
    }
    const language = conversation.language;
    const text = input.text.trim();
    const { intent, confidence } = await classifier.classify(language, text);
    const page = input.page ?? null;
    const askedAt = this.nextMoment(conversation, now);
    const question: MessageRow = {
      id: uuidv7(askedAt),
      conversationId: conversation.id,
      role: 'user',
      text,
      intent,
      confidence,
      page,
      data: null,
      createdAt: askedAt,
    };
    writes.push(() => this.store.addMessage(session.tenantId, question));

    let handedOff: { ticketId: string; number: number } | null = null;
    let answer: Answer;
    if (intent === 'handoff' || confidence < confidenceThreshold) {
      // the ticket carries the conversation, this question included
      this.write(writes.splice(0));
      const outcome = this.handOff(conversation, asker, intent === 'handoff');
      answer = outcome.answer;
      handedOff = outcome.opened;
    } else {
      answer = await this.answer(intent, text, language, page, asker).catch((error: unknown) => {
        this.deps.logger.error({ module: 'assistant', intent, err: error }, 'answering failed');
        return { messages: [message('assistant.failed')] };
      });
    }
    const turn = this.keepAnswer(conversation, answer, { intent, confidence, page }, now, writes);
    return {
      conversationId: conversation.id,
      intent,
      confidence,
      reply: turn.text,
      language,
      message: turn.messages[0]!,
      messages: turn.messages,
      facts: turn.facts,
      pendingAction: turn.pendingAction,
      ticketId: turn.ticketId,
      links: turn.links,
      turn,
      handedOff,
    };
  }

  private keepAnswer(
    conversation: ConversationRow,
    answer: Answer,
    about: { intent: string | null; confidence: number | null; page: string | null },
    now: number,
    writes: (() => void)[] = [],
  ): AssistantTurn {
    const data: TurnData = {
      messages: answer.messages,
      facts: answer.facts ?? null,
      pendingAction: answer.pendingAction ?? null,
      ticketId: answer.ticketId ?? null,
      links: answer.links ?? [],
    };
    const at = this.nextMoment(conversation, now);
    const row: MessageRow = {
      id: uuidv7(at),
      conversationId: conversation.id,
      role: 'assistant',
      text: this.say(conversation.language, answer.messages),
      intent: about.intent,
      confidence: about.confidence,
      page: about.page,
      data: JSON.stringify(data),
      createdAt: at,
    };
    this.write([
      ...writes,
      () => this.store.addMessage(conversation.tenantId, row),
      () => this.store.touch(conversation.tenantId, conversation.id, at),
    ]);
    return turnOf(row);
  }

  private write(writes: (() => void)[]): void {
    if (writes.length === 0) return;
    this.deps.sqlite.transaction(() => {
      for (const write of writes) write();
    })();
  }

  /** A message's time: now, but always after the conversation's last one (they are shown in this order). */
  private nextMoment(conversation: ConversationRow, now: number): number {
    const at = Math.max(now, conversation.updatedAt + 1);
    conversation.updatedAt = at;
    return at;
  }

  private say(language: Language, messages: Message[]): string {
    return messages.map((said) => sayIn(language, said)).join(' ');
  }

  private async usersLanguage(asker: Asker): Promise<Language | null> {
    const me = await this.call('auth.me', {}, asker);
    return me.ok ? me.data.language : null;
  }

  /** A contract method as the asker: the same role checks, tenant and audit as their own call. */
  private async call<M extends MethodName>(
    name: M,
    input: MethodInput<M>,
    asker: Asker,
  ): Promise<CallResult<MethodOutput<M>>> {
    if (!this.dispatch) throw new Error('the assistant has no dispatch');
    return (await this.dispatch(name, input, asker.call)) as CallResult<MethodOutput<M>>;
  }

  // ── answers ────────────────────────────────────────────────────────────────────────────────────

  private async answer(
    intent: AssistantIntent,
    text: string,
    language: Language,
    page: string | null,
    asker: Asker,
  ): Promise<Answer> {
    const link = routeOf[intent];
    const withLink = (answer: Answer): Answer =>
      link
        ? {
            ...answer,
            links: [...(answer.links ?? []), { kind: 'route', id: link, title: link, route: link }],
          }
        : answer;
    switch (intent) {
      case 'ops.health':
        return withLink(await this.health(asker));
      case 'ops.backups':
        return withLink(await this.backups(asker));
      case 'ops.incidents':
        return withLink(await this.incidents(language, asker));
      case 'ops.agents':
        return withLink(await this.agents(asker));
      case 'ops.runs':
        return withLink(await this.runs(asker));
      case 'ops.conversations':
        return withLink(await this.conversationsToday(asker));
      case 'ops.tickets':
        return withLink(await this.tickets(asker));
      case 'ops.agents.pause':
      case 'ops.agents.resume':
        return this.proposePause(intent === 'ops.agents.pause', text, asker);
      default:
        return this.topic(intent, text, language, page);
    }
  }

  private refusal(error: { code: string; reason?: string; params?: Record<string, unknown> }): Answer {
    if (error.reason === 'platform_admin_only')
      return { messages: [message('assistant.refused.platform_admin')] };
    if (error.reason === 'role_required' && typeof error.params?.role === 'string')
      return { messages: [message('assistant.refused.role', { role: error.params.role })] };
    return { messages: [message('assistant.failed')] };
  }

  private async health(asker: Asker): Promise<Answer> {
    const status = await this.call('guardian.status', {}, asker);
    if (!status.ok) return this.refusal(status.error);
    const { score, checks, openIncidents, pendingApprovals } = status.data;
    const attention = checks.filter((check) => check.status !== 'ok').length;
    const messages: Message[] = [message(`assistant.health.${status.data.status}`, { score })];
    messages.push(
      attention > 0
        ? message('assistant.health.attention', { count: attention })
        : message('assistant.health.all_ok'),
    );
    if (openIncidents > 0) messages.push(message('assistant.incidents.open', { count: openIncidents }));
    return {
      messages,
      facts: { score, status: status.data.status, attention, openIncidents, pendingApprovals },
    };
  }

  private async backups(asker: Asker): Promise<Answer> {
    const list = await this.call('backups.list', {}, asker);
    if (!list.ok) return this.refusal(list.error);
    const last = list.data.backups[0];
    if (!last) return { messages: [message('assistant.backups.none')], facts: { count: 0 } };
    const ageMinutes = Math.max(0, Math.round((this.deps.clock.now() - last.createdAt) / 60_000));
    const messages: Message[] = [
      ageMinutes < 120
        ? message('assistant.backups.last_minutes', { count: ageMinutes })
        : ageMinutes < 48 * 60
          ? message('assistant.backups.last_hours', { count: Math.round(ageMinutes / 60) })
          : message('assistant.backups.last_days', { count: Math.round(ageMinutes / (24 * 60)) }),
      message(
        last.verification.status === 'verified'
          ? 'assistant.backups.verified'
          : 'assistant.backups.unverified',
      ),
    ];
    return {
      messages,
      facts: {
        count: list.data.backups.length,
        lastAt: last.createdAt,
        verified: last.verification.status === 'verified',
        nextAt: list.data.nextScheduledAt,
      },
    };
  }

  private async incidents(language: Language, asker: Asker): Promise<Answer> {
    const list = await this.call('incidents.list', { open: true }, asker);
    if (!list.ok) return this.refusal(list.error);
    const open = list.data.incidents;
    if (open.length === 0) return { messages: [message('assistant.incidents.none')], facts: { open: 0 } };
    const messages: Message[] = [message('assistant.incidents.open', { count: open.length })];
    for (const incident of open.slice(0, 5)) {
      messages.push(
        message('assistant.incidents.item', {
          number: incident.number,
          severity: incident.severity,
          title: incident.titleMessage
            ? sayIn(language, incident.titleMessage, incident.title)
            : incident.title,
        }),
      );
    }
    return {
      messages,
      facts: { open: open.length, worst: [...open].map((incident) => incident.severity).sort()[0] ?? null },
    };
  }

  private async agents(asker: Asker): Promise<Answer> {
    const list = await this.call('agents.list', {}, asker);
    if (!list.ok) return this.refusal(list.error);
    const agents = list.data.agents;
    if (agents.length === 0) return { messages: [message('assistant.agents.none')], facts: { count: 0 } };
    const live = agents.filter((agent) => agent.status === 'active');
    const paused = agents.filter((agent) => agent.status === 'paused');
    const messages: Message[] = [
      message('assistant.agents.summary', { count: agents.length, live: live.length, paused: paused.length }),
    ];
    if (live.length > 0) messages.push(message('assistant.agents.live_names', { names: names(live) }));
    if (paused.length > 0) messages.push(message('assistant.agents.paused_names', { names: names(paused) }));
    return { messages, facts: { count: agents.length, live: live.length, paused: paused.length } };
  }

  private async runs(asker: Asker): Promise<Answer> {
    const from = this.startOfToday();
    let total = 0;
    let failed = 0;
    let before: number | undefined;
    // at most 2,000 of today's runs are counted one by one; beyond that the count says "at least"
    for (let page = 0; page < 10; page++) {
      const list = await this.call('runs.list', { from, limit: 200, ...(before ? { before } : {}) }, asker);
      if (!list.ok) return this.refusal(list.error);
      total += list.data.runs.length;
      failed += list.data.runs.filter((run) => run.status === 'failed').length;
      if (list.data.nextBefore === null) break;
      before = list.data.nextBefore;
    }
    return {
      messages: [
        message('assistant.runs.today', { count: total }),
        message('assistant.runs.failed', { count: failed }),
      ],
      facts: { today: total, failed },
    };
  }

  private async conversationsToday(asker: Asker): Promise<Answer> {
    const stats = await this.call('conversations.stats', { since: this.startOfToday() }, asker);
    if (!stats.ok) return this.refusal(stats.error);
    const { started, answeredWithoutPerson, waitingForPerson } = stats.data;
    const toPerson = Math.max(0, started - answeredWithoutPerson);
    return {
      messages: [
        message('assistant.conversations.today', { count: started }),
        message('assistant.conversations.to_person', { count: toPerson }),
        message('assistant.conversations.waiting', { count: waitingForPerson }),
      ],
      facts: { started, toPerson, waiting: waitingForPerson },
    };
  }

  private async tickets(asker: Asker): Promise<Answer> {
    const counts = await this.call('tickets.counts', {}, asker);
    if (!counts.ok) return this.refusal(counts.error);
    const { open, unassigned, breached, mine } = counts.data;
    const messages: Message[] = [message('assistant.tickets.open', { count: open })];
    if (open > 0) messages.push(message('assistant.tickets.details', { unassigned, breached, mine }));
    return { messages, facts: { open, unassigned, breached, mine } };
  }

  /** "pause the bike agent": which agent, whether the asker may, and a question before doing it. */
  private async proposePause(pause: boolean, text: string, asker: Asker): Promise<Answer> {
    const needed = methods['agents.pause'].access as Role;
    if (!roleAtLeast(asker.session.role, needed))
      return { messages: [message('assistant.refused.role', { role: needed })] };
    const list = await this.call('agents.list', {}, asker);
    if (!list.ok) return this.refusal(list.error);
    const agents = list.data.agents;
    if (agents.length === 0) return { messages: [message('assistant.agents.none')] };
    const candidates = agents.filter((agent) =>
      pause ? agent.status === 'active' : agent.status === 'paused',
    );
    const named = agentNamed(text, agents);
    const agent = named ?? (candidates.length === 1 ? candidates[0]! : null);
    if (!agent) {
      const choices = candidates.length > 0 ? candidates : agents;
      return {
        messages: [message('assistant.agents.which', { names: names(choices) })],
        links: [{ kind: 'route', id: 'agents', title: 'agents', route: 'agents' }],
      };
    }
    if (pause && agent.status === 'paused')
      return { messages: [message('assistant.agents.already_paused', { agent: agent.name })] };
    if (pause && agent.status !== 'active')
      return { messages: [message('assistant.agents.not_live', { agent: agent.name })] };
    if (!pause && agent.status !== 'paused')
      return { messages: [message('assistant.agents.not_paused', { agent: agent.name })] };
    const action: AssistantAction = {
      id: uuidv7(this.deps.clock.now()),
      kind: pause ? 'agents.pause' : 'agents.resume',
      agentId: agent.id,
      agentName: agent.name,
      state: 'pending',
    };
    return {
      messages: [
        message(pause ? 'assistant.confirm.pause' : 'assistant.confirm.resume', { agent: agent.name }),
      ],
      pendingAction: action,
    };
  }

  /** The Connexx seed's categories: a sentence for the topic and the help center's best articles. */
  private topic(intent: AssistantIntent, text: string, language: Language, page: string | null): Answer {
    const help = this.deps.help();
    const links: AssistantLink[] = [];
    if (help && intent !== 'general') {
      for (const hit of help.search(language, text, 3)) {
        links.push({ kind: 'help', id: hit.slug, title: hit.title, route: `help/${hit.slug}` });
      }
      // "what does this page do": the page's own article
      const pageSlug = page ? help.forRoute(page.split(/[/?]/)[0]!) : null;
      const article = pageSlug && intent === 'support' ? help.get(language, pageSlug) : null;
      if (article && !links.some((l) => l.id === article.slug)) {
        links.unshift({
          kind: 'help',
          id: article.slug,
          title: article.title,
          route: `help/${article.slug}`,
        });
      }
    }
    const messages: Message[] = [message(`assistant.topic.${intent as TopicIntent}`)];
    if (links.length > 0) messages.push(message('assistant.help.found', { count: links.length }));
    return { messages, links };
  }

  // ── a person ───────────────────────────────────────────────────────────────────────────────────

  /**
   * A wish for a person, or a question the assistant did not understand: a ticket in the platform's
   * support queue with the conversation attached (one per conversation; later ones point to it).
   */
  private handOff(
    conversation: ConversationRow,
    asker: Asker,
    asked: boolean,
  ): { answer: Answer; opened: { ticketId: string; number: number } | null } {
    const lead = asked ? [] : [message('assistant.handoff.unsure')];
    if (conversation.ticketId) {
      return {
        answer: {
          messages: [...lead, message('assistant.handoff.already')],
          ticketId: conversation.ticketId,
          links: [ticketLink(conversation.ticketId)],
        },
        opened: null,
      };
    }
    const transcript = this.store
      .messages(conversation.tenantId, conversation.id, 50)
      .map((row) => `${row.role === 'user' ? asker.session.name : 'Assistant'}: ${row.text}`)
      .join('\n\n');
    const first = this.store.messages(conversation.tenantId, conversation.id, 200)[0];
    const ticket = this.deps.desk.openPlatformTicket(conversation.tenantId, {
      subject: (first?.text ?? conversation.title).slice(0, 150),
      text: transcript,
      requesterUserId: asker.session.userId,
    });
    this.store.setTicket(conversation.tenantId, conversation.id, ticket.id);
    conversation.ticketId = ticket.id;
    return {
      answer: {
        messages: [...lead, message('assistant.handoff.opened', { number: ticket.number })],
        ticketId: ticket.id,
        links: [ticketLink(ticket.id)],
        facts: { ticketNumber: ticket.number },
      },
      opened: { ticketId: ticket.id, number: ticket.number },
    };
  }

  // ── confirming ─────────────────────────────────────────────────────────────────────────────────

  async confirm(
    input: MethodInput<'assistant.confirm'>,
    asker: Asker,
  ): Promise<MethodOutput<'assistant.confirm'>> {
    const { session } = asker;
    const conversation = this.store.conversation(session.tenantId, session.userId, input.conversationId);
    if (!conversation) throw notFound('That conversation');
    const row = this.store.messageWithAction(session.tenantId, conversation.id, input.actionId);
    if (!row) throw notFound('That action');
    const data = JSON.parse(row.data ?? '{}') as TurnData;
    const action = data.pendingAction;
    if (!action) throw notFound('That action');
    let said: Message;
    if (action.state !== 'pending') {
      // decided already (a second click, another window): said, and nothing is done twice
      said = message('assistant.confirm.already');
    } else if (input.cancel) {
      action.state = 'cancelled';
      said = message('assistant.confirm.cancelled');
    } else {
      const result = await this.call(
        'agents.pause',
        { agentId: action.agentId, paused: action.kind === 'agents.pause' },
        asker,
      );
      if (result.ok) {
        action.state = 'done';
        said = message(
          action.kind === 'agents.pause' ? 'assistant.agents.paused' : 'assistant.agents.resumed',
          {
            agent: action.agentName,
          },
        );
      } else {
        action.state = 'refused';
        said = this.refusal(result.error).messages[0]!;
      }
    }
    this.store.setData(session.tenantId, row.id, JSON.stringify({ ...data, pendingAction: action }));
    const turn = this.keepAnswer(
      conversation,
      { messages: [said] },
      { intent: row.intent, confidence: null, page: null },
      this.deps.clock.now(),
    );
    return { conversationId: conversation.id, action, reply: turn.text, message: said, turn };
  }

  // ── history ────────────────────────────────────────────────────────────────────────────────────

  history(session: ResolvedSession, conversationId?: string): MethodOutput<'assistant.history'> {
    const conversation = conversationId
      ? this.store.conversation(session.tenantId, session.userId, conversationId)
      : (this.store.conversations(session.tenantId, session.userId, 1)[0] ?? null);
    if (conversationId && !conversation) throw notFound('That conversation');
    if (!conversation) return { conversation: null, turns: [] };
    return {
      conversation: conversationOf(conversation),
      turns: this.store.messages(session.tenantId, conversation.id).map(turnOf),
    };
  }

  conversations(session: ResolvedSession, limit: number): AssistantConversation[] {
    return this.store.conversations(session.tenantId, session.userId, limit).map(conversationOf);
  }

  private startOfToday(): number {
    const now = new Date(this.deps.clock.now());
    now.setHours(0, 0, 0, 0);
    const start = now.getTime();
    return Math.max(start, this.deps.clock.now() - dayMs);
  }
}

function ticketLink(ticketId: string): AssistantLink {
  return { kind: 'ticket', id: ticketId, title: ticketId, route: `inbox/${ticketId}` };
}

function names(agents: { name: string }[]): string {
  return agents
    .slice(0, 8)
    .map((agent) => agent.name)
    .join(', ');
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * The agent a sentence names: its full name, or a word of its name (at least 3 letters) inside a
 * word of the sentence ("bike" in "pause the bike agent", "fiets" in "pauzeer de fietsagent").
 */
export function agentNamed<A extends { name: string }>(text: string, agents: A[]): A | null {
  const said = fold(text);
  const full = agents.filter((agent) => said.includes(fold(agent.name)));
  if (full.length === 1) return full[0]!;
  const words = said.match(/[\p{L}\p{N}]+/gu) ?? [];
  const generic = new Set([
    'agent',
    'agents',
    'agenten',
    'bot',
    'bots',
    'the',
    'de',
    'het',
    'den',
    'assistant',
  ]);
  const scored = agents
    .map((agent) => {
      const parts = (fold(agent.name).match(/[\p{L}\p{N}]+/gu) ?? []).filter(
        (part) => part.length >= 3 && !generic.has(part),
      );
      const hits = parts.filter((part) =>
        words.some((word) => word.includes(part) || (part.includes(word) && word.length >= 4)),
      );
      return { agent, hits: hits.length };
    })
    .filter((entry) => entry.hits > 0)
    .sort((a, b) => b.hits - a.hits);
  if (scored.length === 0) return null;
  if (scored.length > 1 && scored[0]!.hits === scored[1]!.hits) return null;
  return scored[0]!.agent;
}

function conversationOf(row: ConversationRow): AssistantConversation {
  return {
    id: row.id,
    language: row.language,
    title: row.title,
    ticketId: row.ticketId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function turnOf(row: MessageRow): AssistantTurn {
  const data = row.data ? (JSON.parse(row.data) as TurnData) : null;
  return {
    id: row.id,
    role: row.role,
    text: row.text,
    messages: data?.messages ?? [],
    intent: row.intent,
    confidence: row.confidence,
    page: row.page,
    facts: data?.facts ?? null,
    pendingAction: data?.pendingAction ?? null,
    ticketId: data?.ticketId ?? null,
    links: data?.links ?? [],
    createdAt: row.createdAt,
  };
}
