import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName, Notification, TicketSummary } from '../contract';
import { startHost, type RunningHost } from './server';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../core/testing/harness';
import { servicesOf } from '../core/testing/services';
import { twoTenants } from '../core/testing/tenants-fixture';

/**
 * Tickets (issue 14) on a real core and the real HTTP public door: the bike-shop agent hands a
 * question it cannot answer to a person, the run ends handed over, a ticket opens with a
 * notification; the agent stays quiet while a person handles the conversation; a person's reply
 * reaches the visitor's conversation over the public API; handed back, the agent answers again;
 * SLA breaches warn once; platform tickets reach only the platform admin; another tenant's ticket
 * is not found.
 */

let h: Harness;
let owner: SignedIn;
let operator: SignedIn;
let viewer: SignedIn;
let app: RunningHost;
let publicId: string;
let agentId: string;
const shop = 'https://www.pedal.test';
const seen: { name: EventName; payload: unknown }[] = [];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function http(path: string, init: { body?: unknown; token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { origin: shop };
  if (init.token) headers['x-visitor-token'] = init.token;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.url}/api/public/channels/${publicId}${path}`, {
    method: init.body !== undefined ? 'POST' : 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The visitor writes over HTTP, as the widget does. */
async function write(text: string, visitor?: { conversationId: string; visitorToken: string }) {
  const answer = await http('/messages', {
    body: { text, ...(visitor ? { conversationId: visitor.conversationId } : {}) },
    ...(visitor ? { token: visitor.visitorToken } : {}),
  });
  expect(answer.status).toBe(200);
  return answer.body as { conversationId: string; visitorToken: string; replies: { text: string }[] };
}

const notifications = (event: string) =>
  seen.filter((e) => e.name === 'notification' && (e.payload as Notification).event === event);

async function runsOfAgent(): Promise<number> {
  const { runs } = await expectOk(h.core, 'runs.list', { agentId }, owner.call);
  return runs.length;
}

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  operator = await inviteAndAccept(h.core, owner, 'otto@pedal.test', 'operator');
  viewer = await inviteAndAccept(h.core, owner, 'vera@pedal.test', 'viewer');
  const agent = await expectOk(
    h.core,
    'agents.create',
    { templateId: 'bike-shop-repairs', language: 'en' },
    owner.call,
  );
  agentId = agent.id;
  await expectOk(h.core, 'agents.deploy', { agentId }, owner.call);
  const channel = await expectOk(
    h.core,
    'channels.save',
    { agentId, kind: 'web', name: 'Website chat', allowedOrigins: [shop] },
    owner.call,
  );
  publicId = channel.publicId;
  // the shop wants to hear about hand-offs, replies and missed targets on the desktop
  await expectOk(
    h.core,
    'notify.saveRule',
    {
      name: 'Inbox',
      events: ['ticket.handoff', 'ticket.customer_replied', 'ticket.sla_breach'],
      minSeverity: 'SEV4',
      desktop: true,
    },
    owner.call,
  );
  h.core.events.subscribe(viewer.token, (name, payload) => seen.push({ name, payload }));
  app = await startHost(h.core, { port: 0 });
});

afterAll(async () => {
  await app?.close();
  h?.close();
});

describe('a hand-off reaches a person and the person’s answer reaches the customer', () => {
  let visitor: { conversationId: string; visitorToken: string };
  let ticket: TicketSummary;

  it('opens a ticket when the agent hands over, ends the run handed over and notifies', async () => {
    const answer = await write('Do you sell pizza?');
    visitor = { conversationId: answer.conversationId, visitorToken: answer.visitorToken };
    // the agent still says a colleague will answer
    expect(answer.replies.length).toBeGreaterThan(0);

    const list = await expectOk(h.core, 'tickets.list', {}, viewer.call);
    expect(list.items).toHaveLength(1);
    ticket = list.items[0]!;
    expect(ticket).toMatchObject({
      number: 1,
      kind: 'customer',
      source: 'handoff',
      status: 'new',
      queue: 'support',
      customerMessage: 'Do you sell pizza?',
      subject: 'Do you sell pizza?',
      conversationId: visitor.conversationId,
      channelKind: 'web',
      handler: 'person',
      agentId,
      language: 'en',
      requester: null,
      tenantName: 'Pedal & Co',
    });
    expect(ticket.reason).toContain('Do you sell pizza?');
    expect(ticket.agentName).toBeTruthy();
    expect(ticket.sla.state).toBe('ok');
    expect(ticket.sla.firstResponseDueAt).toBe(ticket.createdAt + 4 * 60 * 60_000);
    expect(list.queues).toEqual(['support']);

    // the run ended visibly handed over, not succeeded
    const run = await expectOk(h.core, 'runs.get', { runId: ticket.runId! }, viewer.call);
    expect(run.run.status).toBe('handed_over');

    // the whole conversation, the agent's turn with its run
    const detail = await expectOk(h.core, 'tickets.get', { ticketId: ticket.id }, viewer.call);
    expect(detail.conversation?.id).toBe(visitor.conversationId);
    expect(detail.messages.map((m) => m.role)).toEqual(['customer', 'agent']);
    expect(detail.messages[1]!.runId).toBe(ticket.runId);
    expect(detail.events.map((e) => e.kind)).toEqual(['opened']);

    const told = notifications('ticket.handoff');
    expect(told).toHaveLength(1);
    expect((told[0]!.payload as Notification).link).toBe(`#/inbox/${ticket.id}`);
    expect((told[0]!.payload as Notification).titleMessage).toMatchObject({
      key: 'notify.ticket.handoff_title',
      params: { number: 1, subject: 'Do you sell pizza?' },
    });
    expect(seen.some((e) => e.name === 'ticket.changed')).toBe(true);
    expect(await expectOk(h.core, 'tickets.counts', {}, operator.call)).toEqual({
      open: 1,
      mine: 0,
      unassigned: 1,
      breached: 0,
    });
  });

  it('keeps the agent quiet while a person handles the conversation', async () => {
    const runsBefore = await runsOfAgent();
    const answer = await write('Hello? Anyone there?', visitor);
    expect(answer.replies).toEqual([]);
    expect(await runsOfAgent()).toBe(runsBefore);
    const detail = await expectOk(h.core, 'tickets.get', { ticketId: ticket.id }, viewer.call);
    expect(detail.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer']);
    expect(detail.events.at(-1)).toMatchObject({
      kind: 'customer_replied',
      data: { text: 'Hello? Anyone there?' },
    });
    expect(notifications('ticket.customer_replied')).toHaveLength(1);
  });

  it('sends a person’s reply to the visitor’s conversation over the public API', async () => {
    // a viewer reads but does not answer
    const byViewer = await h.core.dispatch(
      'tickets.reply',
      { ticketId: ticket.id, text: 'No pizza, sorry!' },
      viewer.call,
    );
    expect(byViewer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await expectOk(
      h.core,
      'tickets.update',
      { ticketId: ticket.id, assigneeId: operator.me.user.id },
      owner.call,
    );
    const replied = await expectOk(
      h.core,
      'tickets.reply',
      { ticketId: ticket.id, text: 'No pizza here, sorry! But we fix bikes fast.' },
      operator.call,
    );
    expect(replied.message).toMatchObject({
      role: 'person',
      text: 'No pizza here, sorry! But we fix bikes fast.',
    });
    expect(replied.ticket).toMatchObject({ status: 'waiting_on_customer', assigneeName: 'otto' });
    expect(replied.ticket.sla.firstRespondedAt).toBe(h.clock.now());

    const thread = await http(`/conversations/${visitor.conversationId}`, { token: visitor.visitorToken });
    expect(thread.status).toBe(200);
    expect(thread.body.handler).toBe('person');
    const messages = thread.body.messages as { role: string; text: string }[];
    expect(messages.at(-1)).toEqual(
      expect.objectContaining({ role: 'person', text: 'No pizza here, sorry! But we fix bikes fast.' }),
    );

    // the customer answers: kept, the ticket is open again and shows it; no agent answers
    const answer = await write('Ok, thanks! Can you fix my brakes?', visitor);
    expect(answer.replies).toEqual([]);
    const after = await expectOk(h.core, 'tickets.get', { ticketId: ticket.id }, operator.call);
    expect(after.ticket.status).toBe('open');
    expect(after.messages.at(-1)).toMatchObject({
      role: 'customer',
      text: 'Ok, thanks! Can you fix my brakes?',
    });
    expect(after.events.map((e) => e.kind)).toEqual([
      'opened',
      'customer_replied',
      'assigned',
      'reply',
      'status',
      'customer_replied',
      'status',
    ]);

    const solved = await expectOk(
      h.core,
      'tickets.update',
      { ticketId: ticket.id, status: 'solved' },
      operator.call,
    );
    expect(solved).toMatchObject({ status: 'solved', solvedAt: h.clock.now() });
    expect(solved.sla.state).toBe('met');
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['tickets.reply', 'tickets.update']),
    );
    // the audit keeps no words of the customer or of the reply
    expect(JSON.stringify(audit.entries)).not.toContain('No pizza here');
  });

  it('hands the conversation back: the agent answers the next message again', async () => {
    const note = await expectOk(
      h.core,
      'tickets.note',
      { ticketId: ticket.id, text: 'Customer wants a brake service.' },
      operator.call,
    );
    expect(note).toMatchObject({ kind: 'note', actorName: 'otto' });
    const back = await expectOk(h.core, 'tickets.handBack', { ticketId: ticket.id }, operator.call);
    expect(back.handler).toBe('agent');
    const runsBefore = await runsOfAgent();
    const answer = await write('When are you open?', visitor);
    expect(answer.replies.length).toBeGreaterThan(0);
    expect(await runsOfAgent()).toBe(runsBefore + 1);
    const thread = await http(`/conversations/${visitor.conversationId}`, { token: visitor.visitorToken });
    expect(thread.body.handler).toBe('agent');
    const detail = await expectOk(h.core, 'tickets.get', { ticketId: ticket.id }, viewer.call);
    expect(detail.events.map((e) => e.kind).slice(-2)).toEqual(['note', 'handed_back']);
  });

  it('refuses a reply where there is no conversation to carry it', async () => {
    const byHand = await expectOk(
      h.core,
      'tickets.create',
      { subject: 'Call back Mr Hansen about his tandem', priority: 'low' },
      operator.call,
    );
    expect(byHand).toMatchObject({ source: 'manual', conversationId: null, handler: null, number: 2 });
    const reply = await h.core.dispatch(
      'tickets.reply',
      { ticketId: byHand.id, text: 'Hello' },
      operator.call,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'ticket_no_conversation' } });
    // a conversation that has an unsolved ticket gets no second one
    const second = await write('Do you sell ice cream?');
    const list = await expectOk(h.core, 'tickets.list', { status: 'new' }, viewer.call);
    const handoff = list.items.find((item) => item.conversationId === second.conversationId)!;
    const again = await h.core.dispatch(
      'tickets.create',
      { subject: 'E-bikes', conversationId: second.conversationId },
      operator.call,
    );
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'conversation_has_ticket', params: { number: handoff.number } },
    });
    // the channel it came in through is gone: nothing can carry a reply
    const other = await expectOk(
      h.core,
      'channels.save',
      { agentId, kind: 'web', name: 'Old landing page', allowedOrigins: [] },
      owner.call,
    );
    const stranded = await h.core.publicDoor.send(other.publicId, { text: 'Do you sell pizza?' });
    if (!stranded.ok) throw new Error(JSON.stringify(stranded.error));
    await expectOk(h.core, 'channels.delete', { channelId: other.id }, owner.call);
    const left = (await expectOk(h.core, 'tickets.list', {}, viewer.call)).items.find(
      (item) => item.conversationId === stranded.data.conversationId,
    );
    expect(left).toBeTruthy();
    const refused = await h.core.dispatch(
      'tickets.reply',
      { ticketId: left!.id, text: 'Hello?' },
      operator.call,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'reply_no_transport' } });
  });
});

describe('SLA', () => {
  it('says due soon at 80 % of the time and warns once when a target is missed', async () => {
    const ticket = await expectOk(
      h.core,
      'tickets.create',
      { subject: 'Wheel came off', priority: 'urgent' },
      operator.call,
    );
    // urgent: first response within 15 minutes, solved within 4 hours
    expect(ticket.sla.firstResponseDueAt).toBe(ticket.createdAt + 15 * 60_000);
    expect(ticket.sla.resolutionDueAt).toBe(ticket.createdAt + 4 * 60 * 60_000);
    const tickets = servicesOf(h.core).tickets;
    h.clock.advance(12 * 60_000);
    expect(tickets.summary(ticket.tenantId, ticket.id).sla.state).toBe('due_soon');
    expect(await tickets.sweepBreaches()).toBe(0);

    const before = notifications('ticket.sla_breach').length;
    h.clock.advance(4 * 60_000);
    expect(await tickets.sweepBreaches()).toBeGreaterThanOrEqual(1);
    expect(await tickets.sweepBreaches()).toBe(0);
    const detail = await expectOk(h.core, 'tickets.get', { ticketId: ticket.id }, viewer.call);
    expect(detail.ticket.sla.state).toBe('breached');
    expect(detail.events.filter((e) => e.kind === 'sla_breach')).toEqual([
      expect.objectContaining({ data: { target: 'first_response', dueAt: ticket.createdAt + 15 * 60_000 } }),
    ]);
    const told = notifications('ticket.sla_breach').slice(before);
    expect(told.filter((e) => (e.payload as Notification).link === `#/inbox/${ticket.id}`)).toHaveLength(1);
    const breached = await expectOk(h.core, 'tickets.list', { view: 'breached' }, viewer.call);
    expect(breached.items.map((item) => item.id)).toContain(ticket.id);
    expect((await expectOk(h.core, 'tickets.counts', {}, viewer.call)).breached).toBeGreaterThanOrEqual(1);

    // the admin's own targets are used for new tickets
    const sla = await expectOk(h.core, 'tickets.sla', {}, viewer.call);
    const saved = await expectOk(
      h.core,
      'tickets.saveSla',
      { targets: { ...sla.targets, high: { firstResponse: 30, resolution: 120 } } },
      owner.call,
    );
    expect(saved.targets.high).toEqual({ firstResponse: 30, resolution: 120 });
    const high = await expectOk(
      h.core,
      'tickets.create',
      { subject: 'Chain snapped', priority: 'high' },
      operator.call,
    );
    expect(high.sla.firstResponseDueAt).toBe(high.createdAt + 30 * 60_000);
    const byOperator = await h.core.dispatch('tickets.saveSla', sla, operator.call);
    expect(byOperator).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('platform tickets and tenants', () => {
  it('shows a tenant’s question to the platform admin only, and another tenant’s ticket is not found', async () => {
    const other = createHarness();
    try {
      const t = await twoTenants(other.core);
      // the platform admin, back in their own organisation, hears of questions to the platform's support
      await expectOk(
        other.core,
        'tenants.switch',
        { tenantId: t.platformAdmin.me.tenant.id },
        t.platformAdmin.call,
      );
      await expectOk(
        other.core,
        'notify.saveRule',
        { name: 'Support', events: ['ticket.handoff'], desktop: true },
        t.platformAdmin.call,
      );
      const heard: Notification[] = [];
      other.core.events.subscribe(t.platformAdmin.token, (name, payload) => {
        if (name === 'notification') heard.push(payload as Notification);
      });
      const question = await expectOk(
        other.core,
        'tickets.create',
        { subject: 'How do I connect my mailbox?', text: 'IMAP keeps failing', kind: 'platform' },
        t.alice.call,
      );
      expect(question).toMatchObject({ kind: 'platform', tenantName: 'Alpha Bikes', status: 'new' });
      await vi.waitFor(() => expect(heard.map((n) => n.link)).toEqual([`#/inbox/${question.id}`]));
      expect(heard[0]!.titleMessage).toMatchObject({
        key: 'notify.ticket.platform_title',
        params: { organisation: 'Alpha Bikes', subject: 'How do I connect my mailbox?' },
      });
      const fromAssistant = servicesOf(other.core).tickets.openPlatformTicket(t.tenantB, {
        subject: 'The assistant could not explain backups',
        text: 'Where are my backups kept?',
        requesterUserId: t.bob.me.user.id,
      });
      expect(fromAssistant).toMatchObject({
        kind: 'platform',
        source: 'assistant',
        tenantName: 'Beta Bakery',
      });
      expect(fromAssistant.requester).toContain('bob@beta.test');

      // the platform admin's queue: every tenant's platform tickets
      const queue = await expectOk(other.core, 'tickets.list', { kind: 'platform' }, t.platformAdmin.call);
      expect(queue.items.map((item) => item.id).sort()).toEqual([question.id, fromAssistant.id].sort());
      const read = await expectOk(other.core, 'tickets.get', { ticketId: question.id }, t.platformAdmin.call);
      expect(read.ticket.subject).toBe('How do I connect my mailbox?');
      const answered = await expectOk(
        other.core,
        'tickets.reply',
        { ticketId: question.id, text: 'Check the port: 993 with TLS.' },
        t.platformAdmin.call,
      );
      expect(answered).toMatchObject({ message: null, ticket: { status: 'waiting_on_customer' } });
      // the platform admin takes it, though not a member of that organisation
      const taken = await expectOk(
        other.core,
        'tickets.update',
        { ticketId: question.id, assigneeId: t.platformAdmin.me.user.id },
        t.platformAdmin.call,
      );
      expect(taken.assigneeId).toBe(t.platformAdmin.me.user.id);

      // a tenant sees its own questions, never another tenant's
      const mine = await expectOk(other.core, 'tickets.list', { kind: 'platform' }, t.bob.call);
      expect(mine.items.map((item) => item.id)).toEqual([fromAssistant.id]);
      for (const [method, input] of [
        ['tickets.get', { ticketId: question.id }],
        ['tickets.update', { ticketId: question.id, status: 'solved' }],
        ['tickets.note', { ticketId: question.id, text: 'peek' }],
      ] as const) {
        const refused = await other.core.dispatch(method, input as never, t.bob.call);
        expect(refused, method).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
      // a customer ticket of A: not found for B's owner, even by its id
      const customer = await expectOk(
        other.core,
        'tickets.create',
        { subject: 'Alpha customer' },
        t.alice.call,
      );
      expect(await other.core.dispatch('tickets.get', { ticketId: customer.id }, t.bob.call)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(
        (await expectOk(other.core, 'tickets.list', {}, t.bob.call)).items.map((item) => item.id),
      ).not.toContain(customer.id);
      // only admins ask the platform
      const bea = await other.core.dispatch(
        'tickets.create',
        { subject: 'Help', kind: 'platform' },
        t.bea.call,
      );
      expect(bea).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      other.close();
    }
  });
});
