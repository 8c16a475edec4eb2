import { describe, expect, it } from 'vitest';
import {
  defaultTicketFilters,
  isTyping,
  lastCustomerText,
  neighbour,
  placeTicket,
  snippetText,
  ticketMatches,
  ticketQuery,
  ticketSla,
  type TicketSummary,
} from './ticket-meta';

const minute = 60_000;
const now = 1_800_000_000_000;

function ticket(patch: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id: 't1',
    number: 1,
    kind: 'customer',
    source: 'handoff',
    status: 'new',
    priority: 'normal',
    queue: 'support',
    subject: 'Do you sell pizza?',
    reason: '',
    customerMessage: 'Do you sell pizza?',
    intent: null,
    sentiment: null,
    language: 'en',
    requester: null,
    tenantId: 'tenant',
    tenantName: 'Sykkelverksted Nord',
    assigneeId: null,
    assigneeName: null,
    tags: [],
    conversationId: 'c1',
    channelKind: 'web',
    handler: 'person',
    agentId: null,
    agentName: null,
    runId: null,
    sla: {
      firstResponseDueAt: now + 30 * minute,
      resolutionDueAt: now + 8 * 60 * minute,
      firstRespondedAt: null,
      state: 'ok',
    },
    createdAt: now - 5 * minute,
    updatedAt: now - 5 * minute,
    solvedAt: null,
    ...patch,
  };
}

describe('the list query and live placement', () => {
  it('asks for unsolved tickets by default, and for a status, queue and priority when chosen', () => {
    expect(ticketQuery(defaultTicketFilters)).toEqual({ view: 'all', active: true, limit: 100 });
    expect(ticketQuery({ view: 'mine', status: 'solved', queue: 'sales', priority: 'urgent' })).toEqual({
      view: 'mine',
      status: 'solved',
      queue: 'sales',
      priority: 'urgent',
      limit: 100,
    });
    expect(ticketQuery({ ...defaultTicketFilters, status: '' })).toEqual({ view: 'all', limit: 100 });
  });

  it('keeps a changed ticket only where it belongs', () => {
    const mine = ticket({ assigneeId: 'me' });
    expect(ticketMatches(mine, { ...defaultTicketFilters, view: 'mine' }, 'me')).toBe(true);
    expect(ticketMatches(mine, { ...defaultTicketFilters, view: 'unassigned' }, 'me')).toBe(false);
    expect(ticketMatches(ticket({ status: 'solved' }), defaultTicketFilters, 'me')).toBe(false);
    expect(ticketMatches(ticket({ status: 'solved' }), { ...defaultTicketFilters, status: '' }, 'me')).toBe(
      true,
    );
    expect(ticketMatches(ticket(), { ...defaultTicketFilters, view: 'breached' }, 'me')).toBe(false);
    expect(ticketMatches(ticket(), { ...defaultTicketFilters, queue: 'sales' }, 'me')).toBe(false);
  });

  it('puts a changed ticket by its latest activity, or takes it out', () => {
    const a = ticket({ id: 'a', updatedAt: 3 });
    const b = ticket({ id: 'b', updatedAt: 2 });
    const c = ticket({ id: 'c', updatedAt: 1 });
    expect(placeTicket([a, b, c], { ...c, updatedAt: 4 }, true).map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(placeTicket([a, b], c, true).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(placeTicket([a, b, c], b, false).map((x) => x.id)).toEqual(['a', 'c']);
  });

  it('finds the next and previous ticket for j and k', () => {
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(neighbour(items, undefined, 1)).toBe('a');
    expect(neighbour(items, undefined, -1)).toBe('c');
    expect(neighbour(items, 'a', 1)).toBe('b');
    expect(neighbour(items, 'b', -1)).toBe('a');
    expect(neighbour(items, 'c', 1)).toBeNull();
    expect(neighbour([], 'c', 1)).toBeNull();
  });
});

describe('the SLA with its time', () => {
  it('counts the first reply until a person answered, then the resolution', () => {
    expect(ticketSla(ticket(), now)).toEqual({
      kind: 'due',
      target: 'first_response',
      inMs: 30 * minute,
      soon: false,
    });
    const answered = ticket({
      sla: { ...ticket().sla, firstRespondedAt: now - minute, state: 'due_soon' },
    });
    expect(ticketSla(answered, now)).toEqual({
      kind: 'due',
      target: 'resolution',
      inMs: 480 * minute,
      soon: true,
    });
  });

  it('says which target was missed and how long ago', () => {
    const late = ticket({
      sla: {
        firstResponseDueAt: now - 10 * minute,
        resolutionDueAt: now + 60 * minute,
        firstRespondedAt: null,
        state: 'breached',
      },
    });
    expect(ticketSla(late, now)).toEqual({ kind: 'breached', target: 'first_response', agoMs: 10 * minute });
    const unsolved = ticket({
      sla: {
        firstResponseDueAt: now - 100 * minute,
        resolutionDueAt: now - 5 * minute,
        firstRespondedAt: now - 110 * minute,
        state: 'breached',
      },
    });
    expect(ticketSla(unsolved, now)).toEqual({ kind: 'breached', target: 'resolution', agoMs: 5 * minute });
  });

  it('shows nothing for a ticket without targets or one that is done, and "met" when met', () => {
    expect(ticketSla(ticket({ sla: { ...ticket().sla, state: 'none' } }), now)).toEqual({ kind: 'none' });
    expect(ticketSla(ticket({ status: 'closed' }), now)).toEqual({ kind: 'none' });
    expect(ticketSla(ticket({ status: 'solved', sla: { ...ticket().sla, state: 'met' } }), now)).toEqual({
      kind: 'met',
    });
  });
});

describe('suggested answers and shortcuts', () => {
  it('searches with the customer’s latest words and inserts a snippet without its marks', () => {
    expect(
      lastCustomerText([
        { role: 'customer', text: 'Do you sell pizza?' },
        { role: 'agent', text: 'A colleague will answer.' },
        { role: 'customer', text: '  And helmets? ' },
        { role: 'person', text: 'Yes.' },
      ]),
    ).toBe('And helmets?');
    expect(lastCustomerText([{ role: 'agent', text: 'Hi' }])).toBe('');
    expect(snippetText('… a [tyre] repair costs  25 …')).toBe('a tyre repair costs 25');
  });

  it('stays quiet while someone types in a field', () => {
    expect(isTyping({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTyping({ tagName: 'SELECT' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'A' } as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
