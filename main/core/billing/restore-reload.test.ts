import { afterEach, expect, it } from 'vitest';
import { servicesOf } from '../testing/services';
import { createHarness, expectOk, setupOwner, type Harness } from '../testing/harness';

let h: Harness;
afterEach(() => h?.close());

it('after a restore, the billing settings, the plan in force and the brand are those of the backup', async () => {
  h = createHarness();
  const owner = await setupOwner(h.core);
  const services = servicesOf(h.core);
  const { tenantId } = await expectOk(h.core, 'billing.subscription', {}, owner.call);

  // the backup: billing off, the organisation on Own use, the product's own brand
  const backup = await expectOk(h.core, 'backups.create', {}, owner.call);
  expect(backup.verification.status).toBe('verified');

  // then: billing on with Starter as default, the organisation on Starter, a brand of its own
  services.billing.settings.update({ enabled: true, defaultPlan: 'starter', graceDays: 3 });
  await expectOk(h.core, 'billing.assignPlan', { tenantId, planKey: 'starter' }, owner.call);
  await expectOk(
    h.core,
    'brand.save',
    {
      productName: 'Nordlys Assist',
      logo: null,
      primaryColor: '#0f766e',
      supportEmail: '',
      mailFromName: '',
      mailFromAddress: '',
    },
    owner.call,
  );
  expect((await expectOk(h.core, 'billing.subscription', {}, owner.call)).effectivePlanKey).toBe('starter');

  await expectOk(h.core, 'backups.restore', { file: backup.file }, owner.call);

  expect(services.billing.settings.get()).toMatchObject({
    enabled: false,
    defaultPlan: 'own_use',
    graceDays: 7,
  });
  const after = await expectOk(h.core, 'billing.subscription', {}, owner.call);
  expect(after).toMatchObject({ planKey: 'own_use', effectivePlanKey: 'own_use', billingEnabled: false });
  expect(await expectOk(h.core, 'brand.get', {}, owner.call)).toMatchObject({ isDefault: true });
});
