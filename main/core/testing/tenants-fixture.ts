import type { Core } from '../index';
import { expectOk, inviteAndAccept, setupOwner, type SignedIn } from './harness';

export interface TwoTenants {
  platformAdmin: SignedIn;
  /** Owner of tenant A only (not a platform admin). */
  alice: SignedIn;
  /** Owner of tenant B only. */
  bob: SignedIn;
  /** A viewer in tenant B. */
  bea: SignedIn;
  tenantA: string;
  tenantB: string;
}

/** A platform admin's installation with two customer tenants, each with its own owner. */
export async function twoTenants(core: Core): Promise<TwoTenants> {
  const platformAdmin = await setupOwner(core, 'Platform', 'admin@platform.test');
  const a = await expectOk(core, 'tenants.create', { name: 'Alpha Bikes' }, platformAdmin.call);
  const b = await expectOk(core, 'tenants.create', { name: 'Beta Bakery' }, platformAdmin.call);
  await expectOk(core, 'tenants.switch', { tenantId: a.id }, platformAdmin.call);
  const alice = await inviteAndAccept(core, platformAdmin, 'alice@alpha.test', 'owner');
  await expectOk(core, 'tenants.switch', { tenantId: b.id }, platformAdmin.call);
  const bob = await inviteAndAccept(core, platformAdmin, 'bob@beta.test', 'owner');
  const bea = await inviteAndAccept(core, bob, 'bea@beta.test', 'viewer');
  return { platformAdmin, alice, bob, bea, tenantA: a.id, tenantB: b.id };
}
