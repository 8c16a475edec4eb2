import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from '../../../db';
import {
  languages,
  type ChannelKind,
  type ConversationFilter,
  type ConversationHandler,
  type ConversationMessage,
  type ConversationRating,
  type ConversationSettings,
  type ConversationStatus,
  type ConversationSummary,
  type Language,
  type RunInput,
  type RunStep,
  type RunSummary,
  type Sentiment,
} from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { Logger } from '../lib/logger';
import { AppError, notFound } from '../lib/errors';
import { safeEqual } from '../lib/crypto';
import { guessLanguage } from '../lib/language';
import { sayIn } from '../lib/catalogue';
import { isOpen, type ChannelOfTenant } from '../channels';
import { SentimentLexicons } from './sentiment';
import { ConversationStore, type ConversationRow } from './store';

/** What conversations need of agents (the agents domain answers; its tables stay there). */
export interface ConversationAgents {
  /** Whether the agent answers now: deployed and active. */
  isLive(tenantId: string, agentId: string): boolean;
  names(tenantId: string): Map<string, string>;
  /** Starts a run of the agent's deployed version (AgentsDomain.startLive). */
  startLive(tenantId: string, agentId: string, input: RunInput): RunSummary;
  /** Resolves when the run no longer runs (finished, or waiting for a person's approval). */
  wait(tenantId: string, runId: string): Promise<RunSummary>;
  steps(tenantId: string, runId: string): RunStep[];
}

/**
 * What conversations need of the organisation's plan (the billing domain answers): room for a new
 * conversation and for a run this period, and counting a conversation begun.
 */
export interface ConversationPlan {
  /** Room for one more conversation this period; false also tells the owners (once per period). */
  roomForConversation(tenantId: string): boolean;
  /** Room for one more run (and tokens) this period; false also tells the owners. */
  roomForRun(tenantId: string): boolean;
  conversationStarted(tenantId: string): void;
}

/** What conversations need of channels (the channels domain answers). */
export interface ConversationChannels {
  find(tenantId: string, channelId: string): ChannelOfTenant | null;
  names(tenantId: string): Map<string, { name: string; kind: ChannelOfTenant['kind'] }>;
}

/** A run's hand-off step as the tickets domain takes it (TicketsDesk.openFromHandoff). */
export interface HandoffFacts {
  tenantId: string;
  conversationId: string;
  channelKind: ChannelKind;
  runId: string;
  agentId: string;
  /** The step's queue and its rendered reason. */
  queue: string;
  reason: string;
  /** The customer's message the run answered. */
  customerMessage: string;
  intent: string | null;
  sentiment: Sentiment | null;
  language: Language;
  /** Who the customer is as the transport knows them (an e-mail address); null for a website visitor. */
  requester: string | null;
}

/**
 * What conversations tell the tickets domain (it answers; its tables stay there). While a person
 * handles a conversation (after a hand-off, until handed back) the agent stays quiet in it.
 */
export interface TicketsDesk {
  /** A run's hand-off step succeeded: a ticket opens (the conversation is a person's already). */
  openFromHandoff(facts: HandoffFacts): void;
  /** The customer wrote while a person handles the conversation (the message is kept; no agent ran). */
  customerReplied(tenantId: string, conversationId: string, message: { id: string; text: string }): void;
}

/**
 * A customer's message as a transport hands it in (website chat, e-mail, voice). See index.ts.
 */
export interface ReceiveInput {
  tenantId: string;
  channelId: string;
  /** Continue this conversation. A conversation that has a visitor token needs that token too. */
  conversationId?: string;
  /**
   * The website visitor's token (the widget keeps it). Proves a conversation is theirs; a new
   * conversation without one gets a new token (answered as `visitorToken`).
   */
  visitorToken?: string;
  /** A transport's key of the thread (an e-mail thread's root Message-ID): finds or starts it. */
  externalThreadKey?: string;
  /** Who the customer is as the transport knows them (an e-mail address). */
  contact?: string;
  text: string;
  /** Transport details kept with the customer's message (voice: transcript, durationMs; e-mail: messageId). */
  meta?: Record<string, unknown>;
  /** A language the customer chose on purpose: the conversation is pinned to it from now on. */
  language?: Language;
  /** Called once the conversation is known, before the agent answers (a stream's start event). */
  onStart?(started: { conversationId: string; visitorToken: string | null }): void;
  /** Pieces of the agent's reply as the model writes them (streaming). */
  onDelta?(text: string): void;
}

export interface ReceivedReply {
  messageId: string;
  text: string;
  /** The run that answered (null for the out-of-hours answer, which needs no run). */
  runId: string | null;
}

export interface ReceiveResult {
  conversationId: string;
  /** The visitor token of the conversation (new or as sent); null for transports without one. */
  visitorToken: string | null;
  status: ConversationStatus;
  language: Language;
  replies: ReceivedReply[];
}

/** The longest customer message taken in. */
export const maxMessageLength = 4000;
/** Turns of the conversation the flow sees as `history` (the schema takes at most 50). */
export const historyTurns = 20;
/** How long a customer waits for the agent's answer at most. */
const answerTimeoutMs = 150_000;
const retentionKey = 'conversations.retention';

/** What the agent says outside business hours when the channel has no text of its own. */
export const closedMessages: Record<Language, string> = {
  en: "We're closed right now. Leave your message here and we'll get back to you when we're open.",
  nl: 'We zijn nu gesloten. Laat hier je bericht achter, dan komen we bij je terug zodra we open zijn.',
  nb: 'Vi har stengt nå. Legg igjen en melding her, så tar vi kontakt når vi har åpent igjen.',
};

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
/** A visitor token: 192 random bits, url-safe. */
export const newVisitorToken = (): string => randomBytes(24).toString('base64url');

/** The language of a first message: detected; for a text too short to decide, the one it leans to; else the fallback. */
export function detectLanguage(text: string, fallback: Language): Language {
  const guess = guessLanguage(text);
  if (guess.language) return guess.language;
  const ranked = [...languages].sort((a, b) => guess.scores[b] - guess.scores[a]);
  const [first, second] = ranked as [Language, Language];
  return guess.scores[first] > 0 && guess.scores[first] > guess.scores[second] ? first : fallback;
}

/**
 * Conversations (issue 13): one thread per customer per channel. Every transport hands a customer's
 * message to `receive`, which keeps it, runs the channel's deployed agent with the conversation so
 * far and keeps the agent's turns with their runId. Reads for the app go through the handlers.
 */
export class ConversationsService {
  readonly store: ConversationStore;
  private readonly lexicons = new SentimentLexicons();
  /** Messages of one conversation are answered one after another (the history must be whole). */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** The tickets domain, once the composition has made it (hand-offs, a customer writing to a person). */
  private desk: TicketsDesk | null = null;

  constructor(
    private readonly deps: {
      sqlite: Database.Database;
      clock: Clock;
      logger: Logger;
      events: EventBus;
      agents: ConversationAgents;
      channels: ConversationChannels;
      /** The organisation's plan (limits per period); none: no limits (tests of conversations alone). */
      plan?: ConversationPlan;
    },
  ) {
    this.store = new ConversationStore(deps.sqlite);
  }

  /** Connects the tickets domain (the composition calls this once both exist). */
  useDesk(desk: TicketsDesk): void {
    this.desk = desk;
  }

  /**
   * The one entry point of every channel transport: a customer's message in, the agent's replies out.
   * Refusals are AppErrors with a reason: NOT_FOUND `channel_not_found` (no such channel, or it is
   * switched off), NOT_FOUND `conversation_not_found` (no such conversation on this channel, or the
   * visitor token does not own it), VALIDATION `empty_message` / `message_too_long`, CONFLICT
   * `agent_unavailable` (the agent is not deployed or is paused: nothing is kept).
   */
  async receive(input: ReceiveInput): Promise<ReceiveResult> {
    const text = input.text.trim();
    if (!text)
      throw new AppError('VALIDATION', 'The message is empty.', { field: 'text', reason: 'empty_message' });
    if (text.length > maxMessageLength)
      throw new AppError('VALIDATION', `A message has at most ${maxMessageLength} characters.`, {
        field: 'text',
        reason: 'message_too_long',
        params: { max: maxMessageLength },
      });
    const channel = this.deps.channels.find(input.tenantId, input.channelId);
    if (!channel || !channel.enabled)
      throw new AppError('NOT_FOUND', 'That channel was not found.', { reason: 'channel_not_found' });
    // an existing conversation is checked before anything else, so a stranger learns nothing more
    const existing = input.conversationId
      ? this.owned(channel, input.conversationId, input.visitorToken)
      : null;
    const queueKey =
      existing?.id ?? (input.externalThreadKey ? `${channel.id}:${input.externalThreadKey}` : null);
    if (!queueKey) return this.answer(channel, input, text, null);
    const previous = this.queues.get(queueKey) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => this.answer(channel, input, text, existing));
    this.queues.set(queueKey, turn);
    try {
      return await turn;
    } finally {
      if (this.queues.get(queueKey) === turn) this.queues.delete(queueKey);
    }
  }

  /** The conversation if it is on this channel and the token (when it has one) owns it; else NOT_FOUND. */
  private owned(channel: ChannelOfTenant, conversationId: string, visitorToken?: string): ConversationRow {
    const row = this.store.get(channel.tenantId, conversationId);
    const tokenOk =
      row !== undefined &&
      (row.visitorHash === null ||
        (visitorToken !== undefined && safeEqual(hashToken(visitorToken), row.visitorHash)));
    if (!row || row.channelId !== channel.id || !tokenOk)
      throw new AppError('NOT_FOUND', 'That conversation was not found.', {
        reason: 'conversation_not_found',
      });
    return row;
  }

  private async answer(
    channel: ChannelOfTenant,
    input: ReceiveInput,
    text: string,
    found: ConversationRow | null,
  ): Promise<ReceiveResult> {
    const { clock, agents } = this.deps;
    const tenantId = channel.tenantId;
    const open = isOpen(channel.businessHours, clock.now());
    const existing =
      found ??
      (input.externalThreadKey
        ? (this.store.byExternalKey(tenantId, channel.id, input.externalThreadKey) ?? null)
        : null);
    // a person handles it (after a hand-off): the message is kept for them and the agent stays quiet
    const personHandles = existing?.handler === 'person';
    if (open && !personHandles && !agents.isLive(tenantId, channel.agentId))
      throw new AppError('CONFLICT', 'The agent of this channel is not live.', {
        reason: 'agent_unavailable',
      });
    // the language is detected on the first message and pinned; the customer changes it only on purpose
    const language: Language =
      input.language ?? existing?.language ?? detectLanguage(text, channel.defaultLanguage);
    // the tone in the message's own language when it says clearly which ("ok, super!" in a Dutch thread)
    const tone = await this.lexicons.analyze(text, guessLanguage(text).language ?? language);
    let visitorToken: string | null = input.visitorToken ?? null;
    if (!existing && channel.kind === 'web' && visitorToken === null) visitorToken = newVisitorToken();
    const customerMessageId = uuidv7(clock.now());
    // the plan's room this period: a new conversation past the limit, or a run past it, is kept for
    // a person and the customer is told kindly (the owners hear of it through the plan's notice)
    const plan = this.deps.plan;
    const overPlan =
      plan !== undefined &&
      open &&
      !personHandles &&
      ((!existing && !plan.roomForConversation(tenantId)) || !plan.roomForRun(tenantId));

    // the customer's message and what it changes commit together, in one write to the disk
    const taken = this.atomically(() => {
      const now = clock.now();
      let conversation = existing;
      if (!conversation) {
        const id = uuidv7(now);
        this.store.create({
          id,
          tenantId,
          channelId: channel.id,
          channelKind: channel.kind,
          channelName: channel.name,
          agentId: channel.agentId,
          visitorHash: visitorToken === null ? null : hashToken(visitorToken),
          externalKey: input.externalThreadKey ?? null,
          contact: input.contact ?? null,
          language,
          now,
        });
        conversation = this.store.get(tenantId, id)!;
        if (!overPlan) plan?.conversationStarted(tenantId);
      }
      const conversationId = conversation.id;
      if (language !== conversation.language) this.store.setLanguage(tenantId, conversationId, language);
      if (conversation.status === 'closed') this.store.setStatus(tenantId, conversationId, 'open', now);
      const history = this.store.recentTurns(tenantId, conversationId, historyTurns).map((turn) => ({
        role: turn.role === 'customer' ? ('user' as const) : ('assistant' as const),
        text: turn.text.slice(0, 20_000),
      }));
      this.store.addMessage({
        id: customerMessageId,
        tenantId,
        conversationId,
        role: 'customer',
        text,
        runId: null,
        authorId: null,
        intent: null,
        sentiment: tone.sentiment,
        sentimentScore: tone.score,
        language,
        meta: input.meta ?? null,
        createdAt: now,
      });
      this.store.setFacts(tenantId, conversationId, { intent: null, sentiment: tone.sentiment });
      if (personHandles) {
        this.store.setStatus(tenantId, conversationId, 'waiting_for_person', now);
        return { conversationId, history, closedReply: null };
      }
      if (open && !overPlan) return { conversationId, history, closedReply: null };
      // outside business hours (or past the plan's limit) the agent says so and the message waits for a person
      const reply = overPlan
        ? sayIn(language, { key: 'conversations.plan_limit_reply' })
        : channel.closedMessage || closedMessages[language];
      const messageId = this.addTurn(
        tenantId,
        conversationId,
        'agent',
        reply,
        null,
        language,
        overPlan ? { planLimit: true } : { closed: true },
      );
      this.store.setStatus(tenantId, conversationId, 'waiting_for_person', now);
      return { conversationId, history, closedReply: { messageId, text: reply, runId: null } };
    });
    const { conversationId, history } = taken;
    input.onStart?.({ conversationId, visitorToken });
    this.changed(tenantId, conversationId);
    if (personHandles) {
      this.tellDesk(() =>
        this.desk?.customerReplied(tenantId, conversationId, { id: customerMessageId, text }),
      );
      return { conversationId, visitorToken, status: 'waiting_for_person', language, replies: [] };
    }
    if (taken.closedReply)
      return {
        conversationId,
        visitorToken,
        status: 'waiting_for_person',
        language,
        replies: [taken.closedReply],
      };

    const run = await this.runAgent(channel, conversationId, text, history, language, input.onDelta);
    const steps = run ? agents.steps(tenantId, run.id) : [];
    let handoff: HandoffFacts | null = null;
    const { status, replies } = this.atomically(() => {
      const replies: ReceivedReply[] = [];
      let status: ConversationStatus = this.store.get(tenantId, conversationId)?.status ?? 'open';
      if (run) {
        const intentStep = steps.find((step) => step.nodeType === 'intent' && step.status === 'ok');
        const intent = (intentStep?.output as { name?: unknown } | null | undefined)?.name;
        if (typeof intent === 'string' && intent) {
          this.store.setMessageIntent(tenantId, customerMessageId, intent);
          this.store.setFacts(tenantId, conversationId, { intent, sentiment: null });
        }
        for (const reply of run.replies) {
          const messageId = this.addTurn(tenantId, conversationId, 'agent', reply, run.id, language, null);
          replies.push({ messageId, text: reply, runId: run.id });
        }
        const handoffStep = steps.find((step) => step.nodeType === 'handoff' && step.status === 'ok');
        if (handoffStep) {
          status = 'waiting_for_person';
          // a person takes over: the agent stays quiet here until the ticket hands it back
          this.store.setHandler(tenantId, conversationId, 'person', null);
          const step = (handoffStep.output ?? {}) as { queue?: unknown; reason?: unknown };
          const conversation = this.store.get(tenantId, conversationId);
          handoff = {
            tenantId,
            conversationId,
            channelKind: channel.kind,
            runId: run.id,
            agentId: channel.agentId,
            queue: typeof step.queue === 'string' && step.queue.trim() ? step.queue.trim() : 'support',
            reason: typeof step.reason === 'string' ? step.reason : '',
            customerMessage: text,
            intent: typeof intent === 'string' && intent ? intent : null,
            sentiment: tone.sentiment,
            language,
            requester: conversation?.contact ?? null,
          };
        }
        if (run.status !== 'succeeded' && run.status !== 'handed_over' && replies.length === 0) {
          // the agent could not answer: a person should; the trace says why
          this.addTurn(tenantId, conversationId, 'system', 'agent_failed', run.id, language, {
            event: 'agent_failed',
            runStatus: run.status,
          });
          status = 'waiting_for_person';
        }
      } else {
        this.addTurn(tenantId, conversationId, 'system', 'agent_failed', null, language, {
          event: 'agent_failed',
        });
        status = 'waiting_for_person';
      }
      if (status === 'waiting_for_person')
        this.store.setStatus(tenantId, conversationId, status, clock.now());
      return { status, replies };
    });
    this.changed(tenantId, conversationId);
    const facts = handoff as HandoffFacts | null;
    if (facts) this.tellDesk(() => this.desk?.openFromHandoff(facts));
    return { conversationId, visitorToken, status, language, replies };
  }

  /** The tickets domain's part never takes the customer's answer down with it (it is logged). */
  private tellDesk(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.deps.logger.error({ err: error, module: 'conversations' }, 'the ticket could not be updated');
    }
  }

  /** Who answers the conversation now (null: no such conversation). */
  handlerOf(tenantId: string, conversationId: string): ConversationHandler | null {
    return this.store.get(tenantId, conversationId)?.handler ?? null;
  }

  /**
   * Gives the conversation to a person (the agent stays quiet in it) or back to its agent; a
   * conversation handed back is open again.
   */
  setHandler(
    tenantId: string,
    conversationId: string,
    handler: ConversationHandler,
    personId: string | null,
  ): void {
    const row = this.store.get(tenantId, conversationId);
    if (!row) throw notFound('That conversation');
    this.store.setHandler(tenantId, conversationId, handler, handler === 'person' ? personId : null);
    if (handler === 'agent' && row.status === 'waiting_for_person')
      this.store.setStatus(tenantId, conversationId, 'open', this.deps.clock.now());
    this.changed(tenantId, conversationId);
  }

  /**
   * A person's answer to the customer, kept on the conversation (the transport sent it, or the
   * widget shows it at its next look). The conversation is a person's and open again.
   */
  addPersonReply(
    tenantId: string,
    conversationId: string,
    reply: { text: string; authorId: string; meta: Record<string, unknown> | null },
  ): ConversationMessage {
    const row = this.store.get(tenantId, conversationId);
    if (!row) throw notFound('That conversation');
    const now = this.deps.clock.now();
    const id = uuidv7(now);
    this.atomically(() => {
      this.store.addMessage({
        id,
        tenantId,
        conversationId,
        role: 'person',
        text: reply.text,
        runId: null,
        authorId: reply.authorId,
        intent: null,
        sentiment: null,
        sentimentScore: null,
        language: row.language,
        meta: reply.meta,
        createdAt: now,
      });
      this.store.setHandler(tenantId, conversationId, 'person', reply.authorId);
      if (row.status !== 'open') this.store.setStatus(tenantId, conversationId, 'open', now);
    });
    this.changed(tenantId, conversationId);
    return this.store.message(tenantId, id)!;
  }

  /** The customer's latest message (an e-mail reply answers it in its thread). */
  lastCustomerMessage(tenantId: string, conversationId: string): ConversationMessage | null {
    return this.store.lastCustomerMessage(tenantId, conversationId) ?? null;
  }

  /** Where the conversation came in: its channel (null when it was deleted), kind, contact and thread key. */
  transportOf(
    tenantId: string,
    conversationId: string,
  ): {
    channelId: string | null;
    channelKind: ChannelKind;
    contact: string | null;
    externalKey: string | null;
  } | null {
    const row = this.store.get(tenantId, conversationId);
    return row
      ? {
          channelId: row.channelId,
          channelKind: row.channelKind,
          contact: row.contact,
          externalKey: row.externalKey,
        }
      : null;
  }

  /** Runs `work` in one transaction (one commit, one sync to the disk). */
  private atomically<T>(work: () => T): T {
    return this.deps.sqlite.transaction(work)();
  }

  private addTurn(
    tenantId: string,
    conversationId: string,
    role: 'agent' | 'system',
    text: string,
    runId: string | null,
    language: Language,
    meta: Record<string, unknown> | null,
  ): string {
    const id = uuidv7(this.deps.clock.now());
    this.store.addMessage({
      id,
      tenantId,
      conversationId,
      role,
      text,
      runId,
      authorId: null,
      intent: null,
      sentiment: null,
      sentimentScore: null,
      language,
      meta,
      createdAt: this.deps.clock.now(),
    });
    return id;
  }

  /** Runs the channel's deployed agent on the message with the conversation so far; null when it could not start. */
  private async runAgent(
    channel: ChannelOfTenant,
    conversationId: string,
    message: string,
    history: { role: 'user' | 'assistant'; text: string }[],
    language: Language,
    onDelta?: (text: string) => void,
  ): Promise<RunSummary | null> {
    const { agents, events, logger } = this.deps;
    const tenantId = channel.tenantId;
    let runId: string | null = null;
    const unsubscribe = onDelta
      ? events.subscribe((event) => {
          if (event.name !== 'run.delta') return;
          const payload = event.payload as { runId: string; text: string };
          if (payload.runId === runId) onDelta(payload.text);
        })
      : () => undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const started = agents.startLive(tenantId, channel.agentId, {
        message,
        history,
        data: { conversation: { id: conversationId, channel: channel.kind, language } },
      });
      runId = started.id;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), answerTimeoutMs);
        timer.unref();
      });
      return (await Promise.race([agents.wait(tenantId, started.id), timeout])) ?? started;
    } catch (error) {
      logger.warn({ err: error, module: 'conversations', conversationId }, 'the agent could not answer');
      return null;
    } finally {
      clearTimeout(timer);
      unsubscribe();
    }
  }

  /** Tells the tenant's people the conversation changed (its list row and thread update live). */
  changed(tenantId: string, conversationId: string): void {
    const summary = this.summary(tenantId, conversationId);
    if (summary)
      this.deps.events.emit(
        'conversation.changed',
        { conversation: summary, deleted: false },
        { kind: 'tenant', tenantId },
      );
  }

  private summarize(
    row: ConversationRow,
    agents: Map<string, string>,
    channels: Map<string, { name: string }>,
  ): ConversationSummary {
    return {
      id: row.id,
      channelId: row.channelId,
      channelName: (row.channelId ? channels.get(row.channelId)?.name : undefined) ?? row.channelName,
      channelKind: row.channelKind,
      agentId: row.agentId,
      agentName: row.agentId ? (agents.get(row.agentId) ?? null) : null,
      status: row.status,
      language: row.language,
      intent: row.intent,
      sentiment: row.sentiment,
      rating: row.rating,
      contact: row.contact,
      preview: row.preview,
      messageCount: row.messageCount,
      personAnswered: row.personAnswered === 1,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      closedAt: row.closedAt,
    };
  }

  summary(tenantId: string, conversationId: string): ConversationSummary | null {
    const row = this.store.get(tenantId, conversationId);
    if (!row) return null;
    return this.summarize(row, this.deps.agents.names(tenantId), this.deps.channels.names(tenantId));
  }

  list(
    tenantId: string,
    filter: ConversationFilter & { before?: number },
    limit: number | null,
  ): ConversationSummary[] {
    const agents = this.deps.agents.names(tenantId);
    const channels = this.deps.channels.names(tenantId);
    return this.store.list(tenantId, filter, limit).map((row) => this.summarize(row, agents, channels));
  }

  get(
    tenantId: string,
    conversationId: string,
  ): { conversation: ConversationSummary; messages: ConversationMessage[] } {
    const conversation = this.summary(tenantId, conversationId);
    if (!conversation) throw notFound('That conversation');
    return { conversation, messages: this.store.messages(tenantId, conversationId) };
  }

  setStatus(
    tenantId: string,
    conversationId: string,
    status: ConversationStatus,
  ): { before: ConversationSummary; after: ConversationSummary } {
    const before = this.summary(tenantId, conversationId);
    if (!before) throw notFound('That conversation');
    this.store.setStatus(tenantId, conversationId, status, this.deps.clock.now());
    this.changed(tenantId, conversationId);
    return { before, after: this.summary(tenantId, conversationId)! };
  }

  /** The customer's thumbs (the public door checks the visitor owns the conversation). */
  rate(tenantId: string, conversationId: string, rating: ConversationRating): void {
    this.store.setRating(tenantId, conversationId, rating);
    this.changed(tenantId, conversationId);
  }

  /** Deletes a conversation and its messages (GDPR); answers what it was, or throws NOT_FOUND. */
  delete(tenantId: string, conversationId: string): ConversationSummary {
    const summary = this.summary(tenantId, conversationId);
    if (!summary || !this.store.delete(tenantId, conversationId)) throw notFound('That conversation');
    this.deps.events.emit(
      'conversation.changed',
      { conversation: summary, deleted: true },
      { kind: 'tenant', tenantId },
    );
    return summary;
  }

  settings(tenantId: string): ConversationSettings {
    const row = this.deps.sqlite
      .prepare<{ tenantId: string; key: string }, { value: string }>(
        'SELECT value FROM settings WHERE tenant_id = @tenantId AND key = @key',
      )
      .get({ tenantId, key: retentionKey });
    const days = row ? (JSON.parse(row.value) as { retentionDays?: unknown }).retentionDays : null;
    return { retentionDays: typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : null };
  }

  saveSettings(tenantId: string, settings: ConversationSettings): ConversationSettings {
    this.deps.sqlite
      .prepare(
        `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (@tenantId, @key, @value, @now)
         ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run({ tenantId, key: retentionKey, value: JSON.stringify(settings), now: this.deps.clock.now() });
    return this.settings(tenantId);
  }

  /** Tenants that keep conversations for a limited time, with that time in days. */
  retentionPolicies(): { tenantId: string; retentionDays: number }[] {
    const rows = this.deps.sqlite
      .prepare<{ key: string }, { tenantId: string; value: string }>(
        'SELECT tenant_id AS tenantId, value FROM settings WHERE key = @key',
      )
      .all({ key: retentionKey });
    return rows.flatMap((row) => {
      const days = this.settings(row.tenantId).retentionDays;
      return days === null ? [] : [{ tenantId: row.tenantId, retentionDays: days }];
    });
  }
}
