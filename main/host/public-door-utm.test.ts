import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowInput } from '../contract';
import { servicesOf } from '../core/internals';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../core/testing/harness';
import { startHost, type RunningHost } from './server';

/**
 * The widget's page touch through the real public door (issue 17, marketing): the utm_* tags and
 * the referrer's host the widget sends with a conversation's first message reach the insight events
 * as `visitor.touch` (trimmed, lower-cased, capped), a message with an e-mail address makes the
 * visitor a lead, and insight.marketing counts them under the campaign whose tags they carry.
 */

const answeringFlow: FlowInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    {
      id: 'llm',
      type: 'llm',
      position: { x: 0, y: 100 },
      data: { systemPrompt: 'You are the assistant of a bike shop.', prompt: '{{message}}' },
    },
    { id: 'reply', type: 'reply', position: { x: 0, y: 200 }, data: { text: '{{answer}}' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'llm' },
    { id: 'e2', source: 'llm', target: 'reply' },
  ],
};

let h: Harness;
let owner: SignedIn;
let app: RunningHost;
let publicId: string;
const shop = 'https://www.pedal.test';

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  const agent = await expectOk(h.core, 'agents.create', { name: 'Shop assistant' }, owner.call);
  await expectOk(h.core, 'agents.saveVersion', { agentId: agent.id, flow: answeringFlow }, owner.call);
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  const channel = await expectOk(
    h.core,
    'channels.save',
    { agentId: agent.id, kind: 'web', name: 'Website chat', allowedOrigins: [shop], greeting: 'Hi!' },
    owner.call,
  );
  publicId = channel.publicId;
  app = await startHost(h.core, { port: 0 });
});

afterAll(async () => {
  await app?.close();
  h?.close();
});

const post = (body: unknown) =>
  fetch(`${app.url}/api/public/channels/${publicId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: shop },
    body: JSON.stringify(body),
  });

interface EventRow {
  name: string;
  actor: string;
  session: string | null;
  source: string | null;
  campaign: string | null;
  props: string | null;
}
const events = (name: string): EventRow[] => {
  servicesOf(h.core).insight.tracker.flush();
  return servicesOf(h.core)
    .sqlite.prepare<[string], EventRow>(
      'SELECT name, actor, session, source, campaign, props FROM insight_events WHERE name = ? ORDER BY seq',
    )
    .all(name);
};

describe("the widget's UTM tags through the public door", () => {
  it('track the touch of a new conversation, and a lead when the visitor leaves an e-mail address', async () => {
    await expectOk(
      h.core,
      'insight.saveCampaign',
      {
        name: 'Spring search',
        channel: 'paid_search',
        spend: 10_000,
        startsAt: h.clock.now() - 86_400_000,
        utmSource: 'google',
        utmCampaign: 'spring',
      },
      owner.call,
    );
    const first = await post({
      text: 'Do you repair e-bikes? Mail me at kari@example.no',
      touch: {
        source: '  Google ',
        medium: 'CPC',
        campaign: 'Spring',
        content: 'x'.repeat(500),
        term: 'e-bike\u0007',
        referrer: 'WWW.Google.com',
        unknown: 'dropped',
      },
    });
    expect(first.status).toBe(200);
    const { conversationId, visitorToken } = (await first.json()) as {
      conversationId: string;
      visitorToken: string;
    };
    const [touch] = events('visitor.touch');
    expect(touch).toMatchObject({
      actor: `conversation:${conversationId}`,
      session: conversationId,
      source: 'google',
      campaign: 'spring',
    });
    const props = JSON.parse(touch!.props!) as Record<string, string>;
    expect(props).toEqual({
      channel: 'web',
      medium: 'cpc',
      content: 'x'.repeat(100),
      term: 'e-bike',
      referrer: 'www.google.com',
    });
    // the lead says how, never the address itself
    const [lead] = events('lead');
    expect(lead).toMatchObject({ actor: `conversation:${conversationId}` });
    expect(lead!.props).not.toContain('kari');
    expect(JSON.parse(lead!.props!)).toMatchObject({ via: 'email' });

    // a later message of the same page load sends no touch: nothing more is tracked
    const again = await post({ text: 'And my number is +47 912 34 567', conversationId, visitorToken });
    expect(again.status).toBe(200);
    expect(events('visitor.touch')).toHaveLength(1);
    expect(events('lead')).toHaveLength(1);

    const result = await expectOk(h.core, 'insight.marketing', { model: 'last_touch' }, owner.call);
    expect(result.funnel).toMatchObject({ visitors: 1, conversations: 1, leads: 1, customers: 0 });
    expect(result.campaigns.find((c) => c.name === 'Spring search')).toMatchObject({
      touches: 1,
      visitors: 1,
      conversations: 1,
      leads: 1,
    });
  });

  it('refuses a touch that is not one, and counts a visit without tags as direct', async () => {
    const bad = await post({ text: 'Hello', touch: { referrer: 'not a host/with a path' } });
    expect(bad.status).toBe(400);
    const tooLong = await post({ text: 'Hello', touch: { campaign: 'x'.repeat(2000) } });
    expect(tooLong.status).toBe(400);
    const plain = await post({ text: 'Hello there', touch: {} });
    expect(plain.status).toBe(200);
    const touches = events('visitor.touch');
    expect(touches).toHaveLength(2);
    expect(touches[1]).toMatchObject({ source: null, campaign: null });
    const result = await expectOk(h.core, 'insight.marketing', { model: 'linear' }, owner.call);
    expect(result.channels.find((c) => c.channel === 'direct')).toMatchObject({ touches: 1, visitors: 1 });
  });
});
