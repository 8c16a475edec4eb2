import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { servicesOf } from '../testing/services';

// insight.eventNames through the real dispatch on a real database: what the funnel and retention
// builders offer to pick from.
let h: Harness;
let owner: SignedIn;
const hour = 3_600_000;

beforeEach(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
});
afterEach(() => h.close());

const tracker = () => servicesOf(h.core).insight.tracker;

describe('insight.eventNames', () => {
  it("lists the tenant's event names, most seen first, with counts, last hour and rolled-up properties", async () => {
    const t0 = Date.UTC(2026, 9, 1, 10, 20);
    const tenantId = owner.me.tenant.id;
    for (let i = 0; i < 3; i++)
      tracker().track(tenantId, {
        name: 'conversation.started',
        actor: `v${i}`,
        at: t0 + i * hour,
        props: { channel: 'web', language: 'nl' },
      });
    tracker().track(tenantId, { name: 'order.created', actor: 'v1', at: t0 + 30 * hour, source: 'shop' });
    tracker().track(tenantId, { name: 'order.created', actor: 'v2', at: t0 + 5 * hour, campaign: 'spring' });
    tracker().track(tenantId, { name: 'auth.sign_in', actor: 'u1', at: t0, props: { method: 'password' } });
    // not flushed on purpose: the method counts what is buffered too

    const viewer = await inviteAndAccept(h.core, owner, 'vera@pedal.test', 'viewer');
    const { items } = await expectOk(h.core, 'insight.eventNames', {}, viewer.call);
    const own = items.filter((item) =>
      ['conversation.started', 'order.created', 'auth.sign_in'].includes(item.name),
    );
    expect(own).toEqual([
      {
        name: 'conversation.started',
        count: 3,
        lastAt: Date.UTC(2026, 9, 1, 12),
        properties: ['channel', 'language'],
      },
      // source and campaign rows are not counted twice: only the total rows (dim '') are read
      { name: 'order.created', count: 2, lastAt: Date.UTC(2026, 9, 2, 16), properties: [] },
      { name: 'auth.sign_in', count: 1, lastAt: Date.UTC(2026, 9, 1, 10), properties: ['method'] },
    ]);
    // most seen first over everything the tenant has (sign-ins of the setup included)
    const counts = items.map((item) => item.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("never shows another tenant's names", async () => {
    const other = await setupOwnerOfSecondTenant();
    tracker().track(other, { name: 'beta.secret_event', actor: 'b1', at: Date.UTC(2026, 9, 1) });
    tracker().track(owner.me.tenant.id, { name: 'alpha.event', actor: 'a1', at: Date.UTC(2026, 9, 1) });
    const { items } = await expectOk(h.core, 'insight.eventNames', {}, owner.call);
    const names = items.map((item) => item.name);
    expect(names).toContain('alpha.event');
    expect(names).not.toContain('beta.secret_event');
  });
});

async function setupOwnerOfSecondTenant(): Promise<string> {
  const created = await expectOk(h.core, 'tenants.create', { name: 'Beta Bakery' }, owner.call);
  return created.id;
}
