import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

let h: Harness;
let owner: SignedIn;
let tenantId: string;
const hour = 3_600_000;
const day = 24 * hour;

beforeEach(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  tenantId = owner.me.tenant.id;
});
afterEach(() => h.close());

const insight = () => servicesOf(h.core).insight;
const sqlite = () => servicesOf(h.core).sqlite;

function rollup(name: string, dim: string, value: string) {
  return sqlite()
    .prepare(
      'SELECT sum(count) AS count, sum(total) AS total FROM insight_rollups WHERE tenant_id = ? AND name = ? AND dim = ? AND value = ?',
    )
    .get(tenantId, name, dim, value) as { count: number | null; total: number | null };
}

describe('track()', () => {
  it('writes events, hourly rollups and actor days in batches; a repeated id counts nowhere', () => {
    const t0 = Date.UTC(2026, 10, 20, 10, 15);
    const tracker = insight().tracker;
    tracker.track(tenantId, {
      name: 'run.finished',
      actor: 'agent:1',
      at: t0,
      source: 'chat',
      props: { status: 'succeeded', agent: 'a1', cost: 120 },
      id: 'r1',
    });
    tracker.track(tenantId, {
      name: 'run.finished',
      actor: 'agent:1',
      at: t0 + 1000,
      source: 'chat',
      props: { status: 'failed', agent: 'a1', cost: 30 },
      id: 'r2',
    });
    // the same run announced again: dropped by its id
    tracker.track(tenantId, {
      name: 'run.finished',
      actor: 'agent:1',
      at: t0 + 2000,
      source: 'chat',
      props: { status: 'failed', agent: 'a1', cost: 30 },
      id: 'r2',
    });
    tracker.track(tenantId, {
      name: 'order.created',
      actor: 'c1',
      at: t0 + hour,
      campaign: 'spring',
      props: { value: 40 },
    });
    // nothing is written before the batch is flushed
    expect(sqlite().prepare('SELECT count(*) AS n FROM insight_events').get()).toEqual({ n: 0 });
    tracker.flush();
    expect(
      sqlite().prepare('SELECT count(*) AS n FROM insight_events WHERE tenant_id = ?').get(tenantId),
    ).toEqual({ n: 3 });
    expect(rollup('run.finished', '', '')).toEqual({ count: 2, total: 150 });
    expect(rollup('run.finished', 'status', 'failed')).toEqual({ count: 1, total: 30 });
    expect(rollup('run.finished', 'agent', 'a1')).toEqual({ count: 2, total: 150 });
    expect(rollup('run.finished', 'source', 'chat')).toEqual({ count: 2, total: 150 });
    expect(rollup('order.created', 'campaign', 'spring')).toEqual({ count: 1, total: 40 });
    const hours = sqlite()
      .prepare("SELECT hour FROM insight_rollups WHERE tenant_id = ? AND dim = '' ORDER BY hour")
      .all(tenantId);
    expect(hours).toEqual([{ hour: Date.UTC(2026, 10, 20, 10) }, { hour: Date.UTC(2026, 10, 20, 11) }]);
    const days = sqlite()
      .prepare(
        'SELECT day, actor, first_seen AS firstSeen, events FROM insight_actor_days WHERE tenant_id = ? ORDER BY actor',
      )
      .all(tenantId);
    expect(days).toEqual([
      { day: Date.UTC(2026, 10, 20), actor: 'agent:1', firstSeen: t0, events: 2 },
      { day: Date.UTC(2026, 10, 20), actor: 'c1', firstSeen: t0 + hour, events: 1 },
    ]);
    // a second batch with the same id is a duplicate too, and an actor's first-seen stays the first
    expect(
      tracker.write(tenantId, [
        { name: 'run.finished', actor: 'agent:1', at: t0 + day, id: 'r1' },
        { name: 'x', actor: 'agent:1', at: t0 + day },
      ]),
    ).toEqual({ accepted: 1, duplicates: 1 });
    expect(
      sqlite()
        .prepare('SELECT first_seen AS f FROM insight_actor_days WHERE tenant_id = ? AND day = ?')
        .get(tenantId, Date.UTC(2026, 10, 21)),
    ).toEqual({ f: t0 });
  });

  it('writes what is buffered when the core stops', () => {
    insight().tracker.track(tenantId, { name: 'late.event', actor: 'x' });
    const dataDir = h.dataDir;
    h.core.stop();
    const again = createHarness({ dataDir });
    try {
      const row = servicesOf(again.core)
        .sqlite.prepare("SELECT count(*) AS n FROM insight_events WHERE name = 'late.event'")
        .get();
      expect(row).toEqual({ n: 1 });
    } finally {
      again.core.stop();
    }
    h = createHarness();
  });
});

describe('the feed from the domains', () => {
  it('tracks sign-ins, searches and solved tickets where they happen, once each', async () => {
    const names = () => {
      insight().tracker.flush();
      return sqlite()
        .prepare('SELECT name, actor, props FROM insight_events WHERE tenant_id = ? ORDER BY seq')
        .all(tenantId) as { name: string; actor: string; props: string | null }[];
    };
    await expectOk(
      h.core,
      'auth.login',
      { email: 'owner@pedal.test', password: ownerPassword },
      { transport: 'internal', ip: '127.0.0.1' },
    );
    await expectOk(h.core, 'search.query', { q: 'qqqzzz' }, owner.call);
    const ticket = await expectOk(
      h.core,
      'tickets.create',
      { subject: 'Bell rings', requester: 'ann@example.test' },
      owner.call,
    );
    await expectOk(h.core, 'tickets.update', { ticketId: ticket.id, status: 'solved' }, owner.call);
    // announced again (any later change): still one solved event
    await expectOk(h.core, 'tickets.update', { ticketId: ticket.id, priority: 'high' }, owner.call);
    const events = names();
    expect(events.filter((e) => e.name === 'auth.sign_in')).toEqual([
      { name: 'auth.sign_in', actor: owner.me.user.id, props: JSON.stringify({ method: 'password' }) },
    ]);
    expect(
      events.filter((e) => e.name === 'search.query').map((e) => JSON.parse(e.props!) as unknown),
    ).toEqual([{ zero: true, language: 'en', results: 0 }]);
    expect(events.filter((e) => e.name === 'ticket.solved')).toHaveLength(1);
    expect(rollup('ticket.solved', '', '')).toMatchObject({ count: 1 });
    expect(rollup('search.query', 'zero', 'true')).toMatchObject({ count: 1 });
  });
});

describe('POST /api/v1/events (events.ingest)', () => {
  it('takes a batch with per-item errors and duplicates, and leaves one audit entry', async () => {
    const now = h.clock.now();
    const events = [
      { id: 'e1', name: 'signup', actor: 'u1', at: now - 1000, properties: { plan: 'pro' } },
      { id: 'e2', name: 'signup', actor: 'u2' },
      { id: 'e1', name: 'signup', actor: 'u1' },
      { name: '!!', actor: 'u3' },
      { name: 'signup' },
    ];
    const answer = await expectOk(h.core, 'events.ingest', { events }, owner.call);
    expect(answer).toMatchObject({ accepted: 2, duplicates: 1, rejected: 2 });
    expect(answer.errors).toEqual([
      { at: 3, field: 'name', reason: 'invalid_format' },
      { at: 4, field: 'actor', reason: 'required' },
    ]);
    // the same batch again: all duplicates (the two without an id... one had an id)
    const again = await expectOk(h.core, 'events.ingest', { events: events.slice(0, 1) }, owner.call);
    expect(again).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });
    expect(rollup('signup', '', '')).toEqual({ count: 2, total: 0 });
    const audit = await expectOk(h.core, 'audit.list', { action: 'events.ingest' }, owner.call);
    expect(audit.entries).toHaveLength(2);
    expect(audit.entries[1]!.details).toEqual({ accepted: 2, duplicates: 1, rejected: 2 });
    // more than 1,000 is refused as a whole
    const tooMany = await h.core.dispatch(
      'events.ingest',
      { events: Array.from({ length: 1001 }, () => ({ name: 'a', actor: 'b' })) },
      owner.call,
    );
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'events' } });
    // neither shape, or both
    expect(await h.core.dispatch('events.ingest', {}, owner.call)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('still takes the single-event shape, as an event named by its type', async () => {
    const answer = await expectOk(
      h.core,
      'events.ingest',
      { type: 'order.created', data: { total: 12 } },
      owner.call,
    );
    expect(answer).toMatchObject({
      type: 'order.created',
      id: expect.any(String),
      accepted: 1,
      duplicates: 0,
    });
    const row = sqlite()
      .prepare("SELECT actor, source, props FROM insight_events WHERE name = 'order.created'")
      .get() as { actor: string; source: string; props: string };
    expect(row.actor).toBe(owner.me.user.id);
    expect(row.source).toBe('api');
    expect(JSON.parse(row.props)).toEqual({ total: 12, level: 'info' });
  });
});

describe('queries', () => {
  it('answers a funnel per actor within the window, strict or loose', async () => {
    const t = h.clock.now() - 5 * day;
    const write = (actor: string, list: [string, number][]) =>
      insight().tracker.write(
        tenantId,
        list.map(([name, s]) => ({ name, actor, at: t + s * 1000 })),
      );
    write('a', [
      ['view', 0],
      ['cart', 10],
      ['buy', 20],
    ]);
    write('b', [
      ['view', 0],
      ['buy', 5],
      ['cart', 10],
      ['buy', 20],
    ]);
    write('c', [
      ['view', 0],
      ['cart', 4000],
    ]);
    write('d', [
      ['cart', 0],
      ['buy', 1],
    ]);
    const steps = ['view', 'cart', 'buy'];
    const loose = await expectOk(h.core, 'insight.funnel', { steps, windowSeconds: 3600 }, owner.call);
    expect(loose.steps.map(({ name, count }) => ({ name, count }))).toEqual([
      { name: 'view', count: 3 },
      { name: 'cart', count: 2 },
      { name: 'buy', count: 2 },
    ]);
    expect(loose.steps[1]).toMatchObject({ dropOff: 1 });
    expect(loose.medianSecondsToConvert).toBe(20);
    const strict = await expectOk(
      h.core,
      'insight.funnel',
      { steps, windowSeconds: 3600, order: 'strict' },
      owner.call,
    );
    // b's buy@5 comes between view and cart: b's chain ends at view
    expect(strict.steps.map((s) => s.count)).toEqual([3, 1, 1]);
    const long = await expectOk(h.core, 'insight.funnel', { steps, windowSeconds: 4000 }, owner.call);
    expect(long.steps.map((s) => s.count)).toEqual([3, 3, 2]);
  });

  it('answers the conversations dashboard from the rollups, per channel and language', async () => {
    const t = h.clock.now() - 20 * day;
    const tracker = insight().tracker;
    const conv = (id: string, channel: string, language: string, at: number) =>
      tracker.track(tenantId, {
        name: 'conversation.started',
        actor: id,
        at,
        props: { channel, language },
        id: `c:${id}`,
      });
    conv('1', 'web', 'en', t);
    conv('2', 'web', 'nl', t + day);
    conv('3', 'email', 'nl', t + 2 * day);
    conv('4', 'web', 'en', t + 3 * day);
    tracker.track(tenantId, {
      name: 'conversation.handoff',
      actor: '2',
      at: t + day + 60_000,
      props: { channel: 'web', language: 'nl' },
    });
    tracker.track(tenantId, {
      name: 'ticket.first_response',
      actor: '2',
      at: t + day + 120_000,
      props: { channel: 'web', language: 'nl', seconds: 300 },
    });
    tracker.track(tenantId, {
      name: 'conversation.rated',
      actor: '1',
      at: t + 1000,
      props: { channel: 'web', language: 'en', rating: 'up' },
    });
    tracker.track(tenantId, {
      name: 'conversation.message',
      actor: '1',
      at: t + 500,
      props: { channel: 'web', language: 'en', sentiment: 'negative', intent: 'opening_hours' },
    });
    // raw events are gone (past retention): the dashboard still answers from the rollups
    tracker.flush();
    sqlite().prepare('DELETE FROM insight_events').run();
    const dashboard = await expectOk(h.core, 'insight.conversations', {}, owner.call);
    expect(dashboard.totals).toEqual({
      conversations: 4,
      handoffs: 1,
      containment: 0.75,
      handoffRate: 0.25,
      firstResponseSeconds: 300,
      firstResponses: 1,
      ratingsUp: 1,
      ratingsDown: 0,
    });
    expect(dashboard.byChannel.find((c) => c.channel === 'web')).toMatchObject({
      conversations: 3,
      handoffs: 1,
      ratingsUp: 1,
    });
    expect(dashboard.byLanguage.find((c) => c.language === 'nl')).toMatchObject({
      conversations: 2,
      handoffRate: 0.5,
    });
    expect(dashboard.byChannelLanguage.find((c) => c.channel === 'email')).toMatchObject({
      language: 'nl',
      conversations: 1,
    });
    expect(dashboard.intents).toEqual([{ key: 'opening_hours', count: 1 }]);
    expect(dashboard.days[0]).toMatchObject({ conversations: 1, negative: 1 });
    // whole days are cached; a late event of a cached day is counted at once
    tracker.write(tenantId, [
      {
        name: 'conversation.started',
        actor: '5',
        at: t + 2 * hour,
        props: { channel: 'web', language: 'en' },
      },
    ]);
    const again = await expectOk(h.core, 'insight.conversations', {}, owner.call);
    expect(again.totals.conversations).toBe(5);
    expect(again.days[0]).toMatchObject({ conversations: 2 });
    // a range that starts and ends within days reads those hours from the rollups
    const part = await expectOk(
      h.core,
      'insight.conversations',
      { from: t + day + hour, to: t + 2 * day + hour },
      owner.call,
    );
    expect(part.totals).toMatchObject({ conversations: 1, handoffs: 0 });
    const part2 = await expectOk(
      h.core,
      'insight.conversations',
      { from: t + day, to: t + 3 * day + 1 },
      owner.call,
    );
    expect(part2.totals).toMatchObject({ conversations: 3, handoffs: 1 });
  });

  it('gives the conversations dashboard’s days and intents for a channel and/or language', async () => {
    // two days, worked by hand: day A — web/en (a), email/nb (b), email/nb (c, handed off);
    // day B (two days later) — email/en (d), web/nb (e). One customer message per conversation.
    const dayA = Math.floor((h.clock.now() - 20 * day) / day) * day + 10 * hour;
    const dayB = dayA + 2 * day;
    const tracker = insight().tracker;
    const conv = (
      actor: string,
      channel: string,
      language: string,
      at: number,
      sentiment: string,
      intent: string,
    ) => {
      tracker.track(tenantId, { name: 'conversation.started', actor, at, props: { channel, language } });
      tracker.track(tenantId, {
        name: 'conversation.message',
        actor,
        at: at + 1000,
        props: { channel, language, sentiment, intent },
      });
    };
    conv('a', 'web', 'en', dayA, 'positive', 'opening_hours');
    conv('b', 'email', 'nb', dayA, 'negative', 'refund');
    conv('c', 'email', 'nb', dayA + hour, 'negative', 'refund');
    conv('d', 'email', 'en', dayB, 'neutral', 'refund');
    conv('e', 'web', 'nb', dayB, 'positive', 'opening_hours');
    tracker.track(tenantId, {
      name: 'conversation.handoff',
      actor: 'c',
      at: dayA + 2 * hour,
      props: { channel: 'email', language: 'nb' },
    });
    tracker.flush();
    sqlite().prepare('DELETE FROM insight_events').run(); // the rollups alone answer
    const range = { from: dayA - 10 * day, to: dayB + 10 * day };
    const dayRow = (d: number, values: Record<string, number>) => ({
      day: Math.floor(d / day) * day,
      ...{ conversations: 0, handoffs: 0, positive: 0, neutral: 0, negative: 0 },
      ...values,
    });
    // the unfiltered answer names nothing unfiltered
    const whole = await expectOk(h.core, 'insight.conversations', range, owner.call);
    expect(whole.unfiltered).toBeUndefined();
    expect(whole.days).toEqual([
      dayRow(dayA, { conversations: 3, handoffs: 1, positive: 1, negative: 2 }),
      dayRow(dayB, { conversations: 2, positive: 1, neutral: 1 }),
    ]);
    // e-mail: b, c (handed off) on day A, d on day B; the totals stay whole
    const email = await expectOk(h.core, 'insight.conversations', { ...range, channel: 'email' }, owner.call);
    expect(email.totals).toMatchObject({ conversations: 5, handoffs: 1 });
    expect(email.days.map(({ day: d, conversations, handoffs }) => ({ d, conversations, handoffs }))).toEqual(
      [
        { d: Math.floor(dayA / day) * day, conversations: 2, handoffs: 1 },
        { d: Math.floor(dayB / day) * day, conversations: 1, handoffs: 0 },
      ],
    );
    // messages are rolled up by channel, language, sentiment and intent, not by their pairs: said so
    expect(email.unfiltered).toEqual(['sentiment', 'intents']);
    expect(email.intents).toEqual([
      { key: 'refund', count: 3 },
      { key: 'opening_hours', count: 2 },
    ]);
    // Norwegian: b, c on day A, e on day B
    const nb = await expectOk(h.core, 'insight.conversations', { ...range, language: 'nb' }, owner.call);
    expect(nb.days.map((d) => d.conversations)).toEqual([2, 1]);
    // e-mail in Norwegian (the channel+language pair): b, c on day A, none on day B
    const pair = await expectOk(
      h.core,
      'insight.conversations',
      { ...range, channel: 'email', language: 'nb' },
      owner.call,
    );
    expect(pair.days.map((d) => [d.conversations, d.handoffs])).toEqual([
      [2, 1],
      [0, 0],
    ]);
    expect(pair.unfiltered).toEqual(['sentiment', 'intents']);
    // a channel kind outside the vocabulary is refused
    expect(
      await h.core.dispatch('insight.conversations', { ...range, channel: 'fax' }, owner.call),
    ).toMatchObject({ ok: false });
  });

  it('answers usage from the actors’ days', async () => {
    const today = Date.UTC(2026, 10, 22);
    const tracker = insight().tracker;
    for (let d = 0; d < 30; d++)
      tracker.track(tenantId, { name: 'app.open', actor: 'daily', at: today - d * day + hour });
    tracker.track(tenantId, { name: 'app.open', actor: 'weekly', at: today - 3 * day });
    tracker.track(tenantId, { name: 'app.open', actor: 'monthly', at: today - 20 * day });
    const usage = await expectOk(h.core, 'insight.usage', { to: today + day }, owner.call);
    expect(usage).toMatchObject({ dau: 1, wau: 2, mau: 3 });
    expect(usage.stickiness).toBeCloseTo(32 / 30 / 3, 6);
    expect(usage.features).toEqual([{ key: 'app.open', count: 32 }]);
  });

  it('imports a CSV with a preview and per-line errors', async () => {
    const csv =
      'name,actor,at,plan,seats\norder.created,c1,2026-11-20T10:00:00Z,pro,3\n,c2,,,\norder.created,c3,yesterday,,\n';
    const preview = await expectOk(h.core, 'insight.importPreview', { csv }, owner.call);
    expect(preview.rows).toEqual([
      {
        line: 2,
        name: 'order.created',
        actor: 'c1',
        at: Date.UTC(2026, 10, 20, 10),
        properties: { plan: 'pro', seats: 3 },
      },
    ]);
    expect(preview.errors).toEqual([
      { at: 3, field: 'name', reason: 'required' },
      { at: 4, field: 'at', reason: 'invalid_value' },
    ]);
    const imported = await expectOk(h.core, 'insight.import', { csv }, owner.call);
    expect(imported).toMatchObject({ accepted: 1, duplicates: 0, rejected: 2 });
    const viewer = await inviteAndAccept(h.core, owner, 'vera@pedal.test', 'viewer');
    expect(await h.core.dispatch('insight.import', { csv }, viewer.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('deletes raw events past the retention and keeps the rollups', async () => {
    const now = h.clock.now();
    insight().tracker.write(tenantId, [
      { name: 'old', actor: 'a', at: now - 40 * day },
      { name: 'new', actor: 'a', at: now - day },
    ]);
    await expectOk(h.core, 'insight.saveSettings', { retentionDays: 30 }, owner.call);
    expect(await expectOk(h.core, 'insight.settings', {}, owner.call)).toEqual({ retentionDays: 30 });
    expect(insight().sweep().get(tenantId)).toBe(1);
    expect(sqlite().prepare('SELECT name FROM insight_events').all()).toEqual([{ name: 'new' }]);
    expect(rollup('old', '', '')).toEqual({ count: 1, total: 0 });
  });

  it('answers top and zero-result searches from the search log', async () => {
    await expectOk(h.core, 'search.query', { q: 'zzqx nothing' }, owner.call);
    await expectOk(h.core, 'search.query', { q: 'zzqx nothing' }, owner.call);
    servicesOf(h.core).search.writeSearches();
    const searches = await expectOk(h.core, 'insight.searches', {}, owner.call);
    expect(searches.zeroResults).toEqual([{ query: 'zzqx nothing', count: 2 }]);
    expect(searches.total).toBe(2);
  });
});
