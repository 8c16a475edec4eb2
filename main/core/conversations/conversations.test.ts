import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowInput, RunSummary } from '../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { servicesOf } from '../testing/services';
import { RetentionSweeper } from './retention';
import { csvCell } from './csv';

let h: Harness;
let owner: SignedIn;
let viewer: SignedIn;
let bikeAgentId: string;
let publicId: string;
let channelId: string;

const dayMs = 24 * 60 * 60 * 1000;

async function send(body: Record<string, unknown>, channel = publicId) {
  const answer = await h.core.publicDoor.send(channel, body);
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data;
}

/** The business profile of the shop: what the bike template says its opening hours are. */
const pedalHours = {
  name: 'Pedal & Co',
  openingHours: {
    mon: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    tue: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    wed: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    thu: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    fri: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    sat: { closed: false, intervals: [{ open: '09:00', close: '17:00' }] },
    sun: { closed: true, intervals: [] },
  },
};

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  viewer = await inviteAndAccept(h.core, owner, 'vera@pedal.test', 'viewer');
  // the shop's own opening hours, which the bike template answers with (issue 14's business profile)
  await expectOk(h.core, 'profile.save', pedalHours, owner.call);
  const agent = await expectOk(
    h.core,
    'agents.create',
    { templateId: 'bike-shop-repairs', language: 'en' },
    owner.call,
  );
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  bikeAgentId = agent.id;
  const channel = await expectOk(
    h.core,
    'channels.save',
    {
      agentId: agent.id,
      kind: 'web',
      name: 'Website chat',
      allowedOrigins: ['https://www.pedal.test/'],
      greeting: 'Hi! Ask me about repairs.',
    },
    owner.call,
  );
  publicId = channel.publicId;
  channelId = channel.id;
});
afterAll(() => h?.close());

describe('channels', () => {
  it('saves a web channel with a public id and normalised origins, and lists it with its agent', async () => {
    const { items } = await expectOk(h.core, 'channels.list', {}, viewer.call);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: channelId,
      kind: 'web',
      name: 'Website chat',
      allowedOrigins: ['https://www.pedal.test'],
      greeting: 'Hi! Ask me about repairs.',
      voice: false,
      enabled: true,
    });
    expect(items[0]!.agentName).toBeTruthy();
    expect(items[0]!.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(h.core.publicDoor.channel(publicId)).toMatchObject({
      settings: { publicId, name: 'Website chat', languages: ['en', 'nl', 'nb'], open: true },
      allowedOrigins: ['https://www.pedal.test'],
    });
  });

  it('refuses an origin with a path, and a viewer', async () => {
    const withPath = await h.core.dispatch(
      'channels.save',
      { agentId: bikeAgentId, kind: 'web', name: 'X', allowedOrigins: ['https://x.test/page'] },
      owner.call,
    );
    expect(withPath).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const byViewer = await h.core.dispatch(
      'channels.save',
      { agentId: bikeAgentId, kind: 'web', name: 'X', allowedOrigins: [] },
      viewer.call,
    );
    expect(byViewer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('records readable audit entries for a channel created, changed and deleted', async () => {
    const extra = await expectOk(
      h.core,
      'channels.save',
      { agentId: bikeAgentId, kind: 'email', name: 'Mailbox', allowedOrigins: [] },
      owner.call,
    );
    await expectOk(
      h.core,
      'channels.save',
      { id: extra.id, agentId: bikeAgentId, kind: 'email', name: 'Workshop mailbox', allowedOrigins: [] },
      owner.call,
    );
    await expectOk(h.core, 'channels.delete', { channelId: extra.id }, owner.call);
    const { entries } = await expectOk(h.core, 'audit.list', {}, owner.call);
    const actions = entries.filter((e) => e.targetId === extra.id).map((e) => [e.action, e.details.name]);
    expect(actions).toEqual([
      ['channels.delete', 'Workshop mailbox'],
      ['channels.update', 'Workshop mailbox'],
      ['channels.create', 'Mailbox'],
    ]);
    // an e-mail channel is not served by the website's public door
    expect(h.core.publicDoor.channel(extra.publicId)).toBeNull();
  });
});

describe('a conversation on the website chat', () => {
  let first: Awaited<ReturnType<typeof send>>;

  it('answers from the deployed agent, pins the language and links the turn to its run', async () => {
    first = await send({ text: 'What time do you open on Saturday?' });
    expect(first.visitorToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(first.replies.map((r) => r.text).join(' ')).toContain('09:00');
    const thread = await expectOk(
      h.core,
      'conversations.get',
      { conversationId: first.conversationId },
      viewer.call,
    );
    expect(thread.conversation).toMatchObject({
      channelId,
      channelName: 'Website chat',
      channelKind: 'web',
      status: 'open',
      language: 'en',
      intent: 'opening_hours',
      messageCount: 2,
      personAnswered: false,
    });
    const [customer, agent] = thread.messages;
    expect(customer).toMatchObject({
      role: 'customer',
      intent: 'opening_hours',
      sentiment: 'neutral',
      runId: null,
    });
    expect(agent).toMatchObject({ role: 'agent', language: 'en' });
    const { run } = await expectOk(h.core, 'runs.get', { runId: agent!.runId! }, viewer.call);
    expect(run).toMatchObject({ agentId: bikeAgentId, trigger: 'chat', status: 'succeeded' });
    expect(run.replies.join(' ')).toBe(agent!.text);
  });

  it('gives the flow the conversation so far as its history ("and on Sunday?")', async () => {
    const next = await send({
      text: 'and on Sunday?',
      conversationId: first.conversationId,
      visitorToken: first.visitorToken,
    });
    expect(next.conversationId).toBe(first.conversationId);
    const thread = await expectOk(
      h.core,
      'conversations.get',
      { conversationId: first.conversationId },
      owner.call,
    );
    const last = thread.messages.at(-1)!;
    const { run } = (await expectOk(h.core, 'runs.get', { runId: last.runId! }, owner.call)) as {
      run: RunSummary;
    };
    expect(run.input.message).toBe('and on Sunday?');
    expect(run.input.history).toEqual([
      { role: 'user', text: 'What time do you open on Saturday?' },
      { role: 'assistant', text: thread.messages[1]!.text },
    ]);
    expect(run.input.data).toMatchObject({
      conversation: { id: first.conversationId, channel: 'web', language: 'en' },
    });
  });

  it('keeps the first language when a later message is short and unclear, and follows a chosen one', async () => {
    const nl = await send({ text: 'Wat kost een onderhoudsbeurt bij jullie?' });
    expect(
      (await expectOk(h.core, 'conversations.get', { conversationId: nl.conversationId }, owner.call))
        .conversation.language,
    ).toBe('nl');
    await send({ text: 'ok, super!', conversationId: nl.conversationId, visitorToken: nl.visitorToken });
    await send({
      text: 'Top, heel fijn, bedankt!',
      conversationId: nl.conversationId,
      visitorToken: nl.visitorToken,
    });
    const after = await expectOk(
      h.core,
      'conversations.get',
      { conversationId: nl.conversationId },
      owner.call,
    );
    expect(after.conversation.language).toBe('nl');
    expect(after.messages.filter((m) => m.role === 'customer').map((m) => m.sentiment)).toEqual([
      'neutral',
      'positive',
      'positive',
    ]);
    await send({
      text: 'Hei',
      conversationId: nl.conversationId,
      visitorToken: nl.visitorToken,
      language: 'nb',
    });
    expect(
      (await expectOk(h.core, 'conversations.get', { conversationId: nl.conversationId }, owner.call))
        .conversation.language,
    ).toBe('nb');
  });

  it('shows a visitor only their own conversation', async () => {
    const mine = h.core.publicDoor.conversation(publicId, first.conversationId, first.visitorToken);
    expect(mine?.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer', 'agent']);
    const stranger = await send({ text: 'Hello there' });
    expect(h.core.publicDoor.conversation(publicId, first.conversationId, stranger.visitorToken)).toBeNull();
    const hijack = await h.core.publicDoor.send(publicId, {
      text: 'tell me everything',
      conversationId: first.conversationId,
      visitorToken: stranger.visitorToken,
    });
    expect(hijack).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', reason: 'conversation_not_found' },
    });
    expect(JSON.stringify(hijack)).not.toContain('Saturday');
  });

  it('takes a rating, moves through the statuses and tells the tenant live', async () => {
    const seen: string[] = [];
    const off = h.core.events.subscribe(viewer.token, (name, payload) => {
      if (name === 'conversation.changed')
        seen.push((payload as { conversation: { status: string } }).conversation.status);
    });
    expect(
      h.core.publicDoor.rate(publicId, first.conversationId, {
        visitorToken: first.visitorToken,
        rating: 'up',
      }),
    ).toEqual({
      ok: true,
      data: { ok: true },
    });
    for (const status of ['waiting_for_person', 'closed', 'open'] as const)
      await expectOk(
        h.core,
        'conversations.setStatus',
        { conversationId: first.conversationId, status },
        owner.call,
      );
    off?.();
    expect(seen).toEqual(['open', 'waiting_for_person', 'closed', 'open']);
    const refused = await h.core.dispatch(
      'conversations.setStatus',
      { conversationId: first.conversationId, status: 'closed' },
      viewer.call,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { entries } = await expectOk(
      h.core,
      'audit.list',
      { action: 'conversations.setStatus' },
      owner.call,
    );
    expect(entries[0]?.details).toMatchObject({ from: 'closed', to: 'open' });
  });

  it('filters the list by channel, status, language, intent, sentiment, rating and date', async () => {
    const all = await expectOk(h.core, 'conversations.list', {}, viewer.call);
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const byIntent = await expectOk(h.core, 'conversations.list', { intent: 'opening_hours' }, viewer.call);
    expect(byIntent.items.map((c) => c.id)).toContain(first.conversationId);
    expect(
      (await expectOk(h.core, 'conversations.list', { rating: 'up' }, viewer.call)).items.map((c) => c.id),
    ).toEqual([first.conversationId]);
    expect(
      (await expectOk(h.core, 'conversations.list', { language: 'nb' }, viewer.call)).items,
    ).toHaveLength(1);
    expect((await expectOk(h.core, 'conversations.list', { channelId }, viewer.call)).items).toHaveLength(
      all.items.length,
    );
    expect(
      (await expectOk(h.core, 'conversations.list', { status: 'closed' }, viewer.call)).items,
    ).toHaveLength(0);
    expect(
      (await expectOk(h.core, 'conversations.list', { from: h.clock.now() + 1 }, viewer.call)).items,
    ).toHaveLength(0);
    const page = await expectOk(h.core, 'conversations.list', { limit: 1 }, viewer.call);
    expect(page.items).toHaveLength(1);
    expect(page.nextBefore).not.toBeNull();
    const stats = await expectOk(
      h.core,
      'conversations.stats',
      { since: h.clock.now() - dayMs },
      viewer.call,
    );
    expect(stats).toMatchObject({ started: all.items.length, rated: 1, averageRating: 1 });
    expect(stats.answeredWithoutPerson).toBeGreaterThan(0);
  });

  it('filters the list by channel kind, as insight counts channels (a deleted channel’s too)', async () => {
    const mailbox = await expectOk(
      h.core,
      'channels.save',
      { agentId: bikeAgentId, kind: 'email', name: 'Service mailbox', allowedOrigins: [] },
      owner.call,
    );
    const mail = await servicesOf(h.core).conversations.receive({
      tenantId: owner.me.tenant.id,
      channelId: mailbox.id,
      text: 'Can you true my rear wheel this week?',
      externalThreadKey: '<kind-filter@mail.pedal.test>',
      contact: 'rider@example.net',
    });
    const all = (await expectOk(h.core, 'conversations.list', { limit: 200 }, viewer.call)).items;
    const email = (
      await expectOk(h.core, 'conversations.list', { channelKind: 'email', limit: 200 }, viewer.call)
    ).items;
    expect(email.map((c) => [c.id, c.channelKind, c.contact])).toEqual([
      [mail.conversationId, 'email', 'rider@example.net'],
    ]);
    const web = (
      await expectOk(h.core, 'conversations.list', { channelKind: 'web', limit: 200 }, viewer.call)
    ).items;
    expect(web).toHaveLength(all.length - 1);
    expect(web.every((c) => c.channelKind === 'web')).toBe(true);
    // with the other filters
    expect(
      (await expectOk(h.core, 'conversations.list', { channelKind: 'email', status: 'closed' }, viewer.call))
        .items,
    ).toHaveLength(0);
    // the channel deleted: its conversations are still e-mail conversations
    await expectOk(h.core, 'channels.delete', { channelId: mailbox.id }, owner.call);
    expect(
      (await expectOk(h.core, 'conversations.list', { channelKind: 'email' }, viewer.call)).items.map(
        (c) => c.id,
      ),
    ).toEqual([mail.conversationId]);
    expect(await h.core.dispatch('conversations.list', { channelKind: 'fax' }, viewer.call)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    // newest first through the (tenant, updated_at) index; channel_kind is checked on the rows it walks
    const plan = servicesOf(h.core)
      .sqlite.prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM conversations WHERE tenant_id = @tenantId AND channel_kind = @kind
          ORDER BY updated_at DESC, id DESC LIMIT 51`,
      )
      .all({ tenantId: owner.me.tenant.id, kind: 'email' }) as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX conversations_tenant_idx/);
  });

  it('exports CSV for admins, a line per message, safe against spreadsheet formulas', async () => {
    await send({ text: '=HYPERLINK("http://evil.test","click")' });
    const exported = await expectOk(h.core, 'conversations.export', {}, owner.call);
    const lines = exported.csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'conversation_id,channel,agent,status,language,rating,contact,started_at,message_id,at,role,intent,sentiment,run_id,text',
    );
    expect(lines).toHaveLength(exported.messages + 1);
    expect(exported.csv).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(await h.core.dispatch('conversations.export', {}, viewer.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('when the agent cannot answer', () => {
  it('refuses while the agent is paused, keeping nothing', async () => {
    const before = (await expectOk(h.core, 'conversations.list', {}, owner.call)).items.length;
    await expectOk(h.core, 'agents.pause', { agentId: bikeAgentId, paused: true }, owner.call);
    const answer = await h.core.publicDoor.send(publicId, { text: 'Anyone there?' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'agent_unavailable' } });
    await expectOk(h.core, 'agents.pause', { agentId: bikeAgentId, paused: false }, owner.call);
    expect((await expectOk(h.core, 'conversations.list', {}, owner.call)).items).toHaveLength(before);
  });

  it("outside business hours says so in the customer's language and waits for a person", async () => {
    // the harness's clock is a Sunday, 09:00 UTC
    const closed = await expectOk(
      h.core,
      'channels.save',
      {
        agentId: bikeAgentId,
        kind: 'web',
        name: 'Weekday chat',
        allowedOrigins: [],
        businessHours: {
          timezone: 'Europe/Amsterdam',
          days: [{ day: 'mon', open: '09:00', close: '17:00' }],
        },
      },
      owner.call,
    );
    expect(h.core.publicDoor.channel(closed.publicId)?.settings.open).toBe(false);
    const answer = await send({ text: 'Kunnen jullie morgen mijn fiets repareren?' }, closed.publicId);
    expect(answer.status).toBe('waiting_for_person');
    expect(answer.replies[0]!.text).toContain('gesloten');
  });

  it('moves a conversation whose flow hands off to a person to waiting_for_person', async () => {
    const agent = await expectOk(h.core, 'agents.create', { name: 'Hand-off desk' }, owner.call);
    const flow: FlowInput = {
      schemaVersion: 1,
      nodes: [
        { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
        { id: 'handoff', type: 'handoff', position: { x: 0, y: 100 }, data: {} },
        {
          id: 'reply',
          type: 'reply',
          position: { x: 0, y: 200 },
          data: { text: 'A colleague will answer you soon.' },
        },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'handoff' },
        { id: 'e2', source: 'handoff', target: 'reply' },
      ],
    };
    await expectOk(h.core, 'agents.saveVersion', { agentId: agent.id, flow }, owner.call);
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
    const desk = await expectOk(
      h.core,
      'channels.save',
      { agentId: agent.id, kind: 'web', name: 'Desk', allowedOrigins: [] },
      owner.call,
    );
    const answer = await send({ text: 'I want to talk to a human' }, desk.publicId);
    expect(answer).toMatchObject({
      status: 'waiting_for_person',
      replies: [{ text: 'A colleague will answer you soon.' }],
    });
  });
});

describe('deleting conversations', () => {
  it('deletes one on request (GDPR) with its messages; the audit keeps no words of it', async () => {
    const gone = await send({ text: 'Please forget me, my name is Gerrit Jansen' });
    await expectOk(h.core, 'conversations.delete', { conversationId: gone.conversationId }, owner.call);
    expect(
      await h.core.dispatch('conversations.get', { conversationId: gone.conversationId }, owner.call),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const left = servicesOf(h.core)
      .sqlite.prepare('SELECT count(*) AS n FROM conversation_messages WHERE conversation_id = ?')
      .get(gone.conversationId) as { n: number };
    expect(left.n).toBe(0);
    const { entries } = await expectOk(h.core, 'audit.list', { action: 'conversations.delete' }, owner.call);
    expect(entries[0]).toMatchObject({ targetType: 'conversation', targetId: gone.conversationId });
    expect(JSON.stringify(entries)).not.toContain('Gerrit');
    expect(h.core.publicDoor.conversation(publicId, gone.conversationId, gone.visitorToken)).toBeNull();
  });

  it('deletes conversations older than the retention of their tenant, on the sweep', async () => {
    const old = await send({ text: 'An old question about tyres' });
    h.clock.advance(40 * dayMs);
    const fresh = await send({ text: 'A new question about tyres' });
    // the sessions ran out over those days: the owner signs in again
    const login = await h.core.dispatch(
      'auth.login',
      { email: 'owner@pedal.test', password: ownerPassword },
      { transport: 'internal' },
    );
    if (!login.ok || login.sessionChange?.type !== 'set') throw new Error(JSON.stringify(login));
    const call = { transport: 'internal' as const, sessionToken: login.sessionChange.token };
    await expectOk(h.core, 'conversations.saveSettings', { retentionDays: 30 }, call);
    expect(await expectOk(h.core, 'conversations.settings', {}, call)).toEqual({ retentionDays: 30 });
    const services = servicesOf(h.core);
    const sweeper = new RetentionSweeper({
      conversations: services.conversations,
      audit: services.audit,
      clock: h.clock,
      logger: services.logger,
      atomically: (work) => services.sqlite.transaction(work)(),
    });
    const deleted = sweeper.sweep();
    expect([...deleted.values()][0]).toBeGreaterThanOrEqual(1);
    const ids = (await expectOk(h.core, 'conversations.list', { limit: 200 }, call)).items.map((c) => c.id);
    expect(ids).toContain(fresh.conversationId);
    expect(ids).not.toContain(old.conversationId);
    const { entries } = await expectOk(h.core, 'audit.list', { action: 'conversations.retention' }, call);
    expect(entries[0]?.details).toMatchObject({ retentionDays: 30 });
    expect(sweeper.sweep().size).toBe(0);
  });
});
