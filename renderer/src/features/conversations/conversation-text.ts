import type { BadgeTone } from '../../components/Badge';
import type {
  ChannelKind,
  ConversationFilter,
  ConversationStatus,
  ConversationSummary,
  Sentiment,
} from '../../contract';
import { dayEnd, dayStart } from '../runs/run-status';

export const statusTone: Record<ConversationStatus, BadgeTone> = {
  open: 'info',
  waiting_for_person: 'warning',
  closed: 'neutral',
};

export const sentimentTone: Record<Sentiment, BadgeTone> = {
  positive: 'success',
  neutral: 'neutral',
  negative: 'danger',
};

/** The filters as the page keeps them (form values; '' is "any"). */
export interface ConversationFilters {
  /** The agent whose conversations these are (#/conversations?agent=<id>); '' is every agent. */
  agentId: string;
  channelId: string;
  /** Every channel of a kind (#/conversations?kind=email: the Insight drill-down); '' is any kind. */
  channelKind: '' | ChannelKind;
  status: '' | ConversationStatus;
  language: '' | 'en' | 'nl' | 'nb';
  intent: string;
  sentiment: '' | Sentiment;
  rating: '' | 'up' | 'down' | 'none';
  from: string;
  to: string;
}

export const noFilters: ConversationFilters = {
  agentId: '',
  channelId: '',
  channelKind: '',
  status: '',
  language: '',
  intent: '',
  sentiment: '',
  rating: '',
  from: '',
  to: '',
};

/** The filters as the contract takes them (conversations.list and conversations.export). */
export function filterInput(filters: ConversationFilters): ConversationFilter {
  const from = dayStart(filters.from);
  const to = dayEnd(filters.to);
  return {
    ...(filters.agentId ? { agentId: filters.agentId } : {}),
    ...(filters.channelId ? { channelId: filters.channelId } : {}),
    ...(filters.channelKind ? { channelKind: filters.channelKind } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.intent ? { intent: filters.intent } : {}),
    ...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
    ...(filters.rating ? { rating: filters.rating } : {}),
    ...(from !== undefined ? { from } : {}),
    // the list's "to" is exclusive: the whole chosen day counts
    ...(to !== undefined ? { to: to + 1 } : {}),
  };
}

/** Whether a conversation that changed live belongs in the list as it is filtered. */
export function matchesFilters(conversation: ConversationSummary, filters: ConversationFilters): boolean {
  const q = filterInput(filters);
  return (
    (!q.agentId || conversation.agentId === q.agentId) &&
    (!q.channelId || conversation.channelId === q.channelId) &&
    (!q.channelKind || conversation.channelKind === q.channelKind) &&
    (!q.status || conversation.status === q.status) &&
    (!q.language || conversation.language === q.language) &&
    (!q.intent || conversation.intent === q.intent) &&
    (!q.sentiment || conversation.sentiment === q.sentiment) &&
    (!q.rating || (q.rating === 'none' ? conversation.rating === null : conversation.rating === q.rating)) &&
    (q.from === undefined || conversation.updatedAt >= q.from) &&
    (q.to === undefined || conversation.updatedAt < q.to)
  );
}

/** The CSV file's name: the organisation's conversations of today. */
export const csvFileName = (now: number) => `conversations-${new Date(now).toISOString().slice(0, 10)}.csv`;
