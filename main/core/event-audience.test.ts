import { servicesOf } from './testing/services';
import { afterEach, describe, expect, it } from 'vitest';
import { events, type EventName } from '../contract';
import type { EventRecipients } from './lib/events';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from './testing/harness';

/**
 * Every event type against every role: who receives what, written out by hand (not derived from the
 * contract's table), so a wrong entry in `eventAudience` or a delivery that skips it fails here.
 */
const roleNames = ['viewer', 'operator', 'admin', 'owner', 'platformAdmin', 'otherTenantOwner'] as const;
type Who = (typeof roleNames)[number];

const tenantMembers: Who[] = ['viewer', 'operator', 'admin', 'owner', 'platformAdmin'];
const adminsAndUp: Who[] = ['admin', 'owner', 'platformAdmin'];

/** For each event: the scope it is emitted with in the test, and who must receive it. */
const expected: Record<
  EventName,
  { scope: 'tenant' | 'installation' | 'admins' | 'adminsGlobal' | 'session'; receivers: Who[] }
> = {
  'health.updated': { scope: 'installation', receivers: [...tenantMembers, 'otherTenantOwner'] },
  'audit.appended': { scope: 'tenant', receivers: adminsAndUp },
  'members.changed': { scope: 'tenant', receivers: tenantMembers },
  'session.ended': { scope: 'session', receivers: ['viewer'] },
  'run.step': { scope: 'tenant', receivers: tenantMembers },
  'run.delta': { scope: 'tenant', receivers: tenantMembers },
  'run.finished': { scope: 'tenant', receivers: tenantMembers },
  'guardian.status': { scope: 'tenant', receivers: tenantMembers },
  'guardian.action': { scope: 'tenant', receivers: tenantMembers },
  'incident.changed': { scope: 'tenant', receivers: tenantMembers },
  notification: { scope: 'tenant', receivers: tenantMembers },
  'log.line': { scope: 'admins', receivers: adminsAndUp },
  'backup.progress': { scope: 'adminsGlobal', receivers: ['platformAdmin'] },
  'backup.finished': { scope: 'adminsGlobal', receivers: ['platformAdmin'] },
  'security.event': { scope: 'admins', receivers: adminsAndUp },
  'tenant.transfer': { scope: 'session', receivers: ['viewer'] },
  'conversation.changed': { scope: 'tenant', receivers: tenantMembers },
  'ticket.changed': { scope: 'tenant', receivers: tenantMembers },
  // the organisation's plan, subscription or usage level changed: its members' banners and billing page
  'billing.changed': { scope: 'tenant', receivers: tenantMembers },
  'brand.changed': { scope: 'installation', receivers: [...tenantMembers, 'otherTenantOwner'] },
};

let harness: Harness | undefined;
afterEach(() => harness?.close());

async function people(h: Harness): Promise<{ signedIn: Record<Who, SignedIn>; tenantId: string }> {
  const platformAdmin = await setupOwner(h.core, 'Platform', 'admin@platform.test');
  const tenant = await expectOk(h.core, 'tenants.create', { name: 'Alpha Bikes' }, platformAdmin.call);
  const other = await expectOk(h.core, 'tenants.create', { name: 'Beta Bakery' }, platformAdmin.call);
  await expectOk(h.core, 'tenants.switch', { tenantId: other.id }, platformAdmin.call);
  const otherTenantOwner = await inviteAndAccept(h.core, platformAdmin, 'bob@beta.test', 'owner');
  await expectOk(h.core, 'tenants.switch', { tenantId: tenant.id }, platformAdmin.call);
  const owner = await inviteAndAccept(h.core, platformAdmin, 'olga@alpha.test', 'owner');
  const admin = await inviteAndAccept(h.core, owner, 'adam@alpha.test', 'admin');
  const operator = await inviteAndAccept(h.core, owner, 'otto@alpha.test', 'operator');
  const viewer = await inviteAndAccept(h.core, owner, 'vera@alpha.test', 'viewer');
  return {
    signedIn: { viewer, operator, admin, owner, platformAdmin, otherTenantOwner },
    tenantId: tenant.id,
  };
}

describe('event audiences', () => {
  it('delivers each event type only to the roles that may read the same data', async () => {
    harness = createHarness();
    const { core } = harness;
    const { signedIn, tenantId } = await people(harness);
    const received: Record<Who, EventName[]> = Object.fromEntries(roleNames.map((who) => [who, []])) as never;
    for (const who of roleNames) {
      core.events.subscribe(signedIn[who].token, (name) => received[who].push(name));
    }
    const viewerSession = servicesOf(core).sessions.resolve(signedIn.viewer.token)!.id;
    for (const name of Object.keys(events) as EventName[]) {
      for (const who of roleNames) received[who].length = 0;
      const kind = expected[name].scope;
      const scope: EventRecipients =
        kind === 'tenant'
          ? { kind: 'tenant', tenantId }
          : kind === 'admins'
            ? { kind: 'admins', tenantId }
            : kind === 'adminsGlobal'
              ? { kind: 'admins', tenantId: null }
              : kind === 'session'
                ? { kind: 'session', sessionId: viewerSession }
                : { kind: 'installation' };
      servicesOf(core).events.emit(name, {} as never, scope);
      const receivers = roleNames.filter((who) => received[who].includes(name));
      expect({ event: name, receivers }).toEqual({ event: name, receivers: expected[name].receivers });
    }
  });

  it('keeps the audit trail from a viewer while an admin watches it live, and follows a role change at once', async () => {
    harness = createHarness();
    const { core } = harness;
    const { signedIn } = await people(harness);
    const seen = { viewer: 0, admin: 0 };
    core.events.subscribe(signedIn.viewer.token, (name) => name === 'audit.appended' && seen.viewer++);
    core.events.subscribe(signedIn.admin.token, (name) => name === 'audit.appended' && seen.admin++);
    await expectOk(core, 'users.invite', { email: 'new@alpha.test', role: 'viewer' }, signedIn.owner.call);
    expect(seen.admin).toBeGreaterThan(0);
    expect(seen.viewer).toBe(0);

    // promoted to admin: the same subscription now carries the audit trail
    await expectOk(
      core,
      'users.setRole',
      { userId: signedIn.viewer.me.user.id, role: 'admin' },
      signedIn.owner.call,
    );
    await expectOk(core, 'users.invite', { email: 'other@alpha.test', role: 'viewer' }, signedIn.owner.call);
    expect(seen.viewer).toBeGreaterThan(0);
  });

  it('still tells a session that it ended', async () => {
    harness = createHarness();
    const { core } = harness;
    const { signedIn } = await people(harness);
    const ended: string[] = [];
    core.events.subscribe(signedIn.viewer.token, (name) => name === 'session.ended' && ended.push(name));
    await expectOk(
      core,
      'users.disable',
      { userId: signedIn.viewer.me.user.id, disabled: true },
      signedIn.owner.call,
    );
    expect(ended).toEqual(['session.ended']);
  });
});
