import type { BadgeTone } from '../../components/Badge';
import type {
  ConversationMessage,
  MethodInput,
  MethodOutput,
  TicketPriority,
  TicketStatus,
  TicketView,
} from '../../contract';

export type TicketSummary = MethodOutput<'tickets.get'>['ticket'];
export type TicketEvent = MethodOutput<'tickets.get'>['events'][number];
export type TicketDetail = MethodOutput<'tickets.get'>;

export const ticketStatusTone: Record<TicketStatus, BadgeTone> = {
  new: 'accent',
  open: 'info',
  waiting_on_customer: 'warning',
  solved: 'success',
  closed: 'neutral',
};

export const ticketPriorityTone: Record<TicketPriority, BadgeTone> = {
  low: 'neutral',
  normal: 'neutral',
  high: 'warning',
  urgent: 'danger',
};

export const isTicketActive = (status: TicketStatus): boolean => status !== 'solved' && status !== 'closed';

/** The list's filters as the page keeps them ('' is any; status 'active' is "not solved or closed"). */
export interface TicketFilters {
  view: TicketView;
  status: 'active' | '' | TicketStatus;
  queue: string;
  priority: '' | TicketPriority;
}

export const defaultTicketFilters: TicketFilters = { view: 'all', status: 'active', queue: '', priority: '' };

/** The filters as `tickets.list` takes them. */
export function ticketQuery(filters: TicketFilters): MethodInput<'tickets.list'> {
  return {
    view: filters.view,
    ...(filters.status === 'active' ? { active: true } : filters.status ? { status: filters.status } : {}),
    ...(filters.queue ? { queue: filters.queue } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    limit: 100,
  };
}

/** Whether a ticket that changed live belongs in the list as it is filtered (`me`: the signed-in user). */
export function ticketMatches(ticket: TicketSummary, filters: TicketFilters, me: string | null): boolean {
  if (filters.view === 'mine' && (me === null || ticket.assigneeId !== me)) return false;
  if (filters.view === 'unassigned' && ticket.assigneeId !== null) return false;
  if (filters.view === 'breached' && ticket.sla.state !== 'breached') return false;
  if (
    filters.status === 'active'
      ? !isTicketActive(ticket.status)
      : filters.status && ticket.status !== filters.status
  )
    return false;
  if (filters.queue && ticket.queue !== filters.queue) return false;
  if (filters.priority && ticket.priority !== filters.priority) return false;
  return true;
}

/** Puts a changed ticket where it belongs: latest activity first, or out when it no longer matches. */
export function placeTicket(
  items: readonly TicketSummary[],
  ticket: TicketSummary,
  belongs: boolean,
): TicketSummary[] {
  const others = items.filter((item) => item.id !== ticket.id);
  if (!belongs) return others;
  const at = others.findIndex((item) => item.updatedAt <= ticket.updatedAt);
  return at === -1 ? [...others, ticket] : [...others.slice(0, at), ticket, ...others.slice(at)];
}

/** The ticket `step` places after (1) or before (-1) `currentId` in the list; null at either end. */
export function neighbour(
  items: readonly Pick<TicketSummary, 'id'>[],
  currentId: string | undefined,
  step: 1 | -1,
): string | null {
  if (items.length === 0) return null;
  const at = currentId === undefined ? -1 : items.findIndex((item) => item.id === currentId);
  if (at === -1) return step === 1 ? items[0]!.id : items.at(-1)!.id;
  return items[at + step]?.id ?? null;
}

export type TicketSlaView =
  | { kind: 'none' }
  | { kind: 'met' }
  | { kind: 'due'; target: 'first_response' | 'resolution'; inMs: number; soon: boolean }
  | { kind: 'breached'; target: 'first_response' | 'resolution'; agoMs: number };

/**
 * What the SLA says now, with the time: the first response counts until a person answered, then the
 * resolution. The core's `state` decides (due soon, breached); the times come from the due dates.
 */
export function ticketSla(ticket: Pick<TicketSummary, 'sla' | 'status'>, now: number): TicketSlaView {
  const { sla } = ticket;
  if (sla.state === 'met') return { kind: 'met' };
  if (sla.state === 'none' || !isTicketActive(ticket.status)) return { kind: 'none' };
  const firstPending = sla.firstRespondedAt === null && sla.firstResponseDueAt !== null;
  if (sla.state === 'breached') {
    // the first response was missed when nobody answered in time; otherwise the resolution
    const missedFirst =
      sla.firstResponseDueAt !== null &&
      (sla.firstRespondedAt === null
        ? now > sla.firstResponseDueAt
        : sla.firstRespondedAt > sla.firstResponseDueAt) &&
      (sla.resolutionDueAt === null || now <= sla.resolutionDueAt);
    const target = missedFirst ? 'first_response' : 'resolution';
    const dueAt = (target === 'first_response' ? sla.firstResponseDueAt : sla.resolutionDueAt) ?? now;
    return { kind: 'breached', target, agoMs: Math.max(0, now - dueAt) };
  }
  const target = firstPending ? 'first_response' : 'resolution';
  const dueAt = target === 'first_response' ? sla.firstResponseDueAt : sla.resolutionDueAt;
  if (dueAt === null) return { kind: 'none' };
  return { kind: 'due', target, inMs: Math.max(0, dueAt - now), soon: sla.state === 'due_soon' };
}

export const slaViewTone = (view: TicketSlaView): BadgeTone =>
  view.kind === 'breached'
    ? 'danger'
    : view.kind === 'met'
      ? 'success'
      : view.kind === 'due' && view.soon
        ? 'warning'
        : 'neutral';

/** The customer's latest message in a conversation (what suggested answers search for). */
export function lastCustomerText(messages: readonly Pick<ConversationMessage, 'role' | 'text'>[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role === 'customer' && message.text.trim()) return message.text.trim();
  }
  return '';
}

/** A search snippet as text to insert: without the match marks and the cut-off dots. */
export const snippetText = (snippet: string): string =>
  snippet
    .replace(/[[\]]/g, '')
    .replace(/^…\s*|\s*…$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The text of a search for suggested answers: the customer's words, kept within the search's limit. */
export const suggestionQuery = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 500);

/** Whether a key press is typing (in a field, an editable area or a select): shortcuts stay quiet then. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as { tagName?: unknown }).tagName !== 'string') return false;
  const element = target as unknown as { tagName: string; isContentEditable?: boolean; type?: string };
  const tag = element.tagName.toLowerCase();
  if (element.isContentEditable) return true;
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes((element.type ?? 'text').toLowerCase());
}

/** The Inbox's single-key shortcuts (with the help's wording key). */
export const shortcutKeys = ['j', 'k', 'r', 'n', 'a', 's'] as const;
export type ShortcutKey = (typeof shortcutKeys)[number];
