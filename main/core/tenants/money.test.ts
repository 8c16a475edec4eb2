import { afterEach, describe, expect, it } from 'vitest';
import { servicesOf } from '../testing/services';
import { createHarness, expectOk, inviteAndAccept, type Harness } from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';
import { moneySetting } from './money';

let h: Harness;
afterEach(() => h?.close());

describe("an organisation's currency", () => {
  it('is US dollars until someone chooses, for every member to read', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    expect(await expectOk(h.core, 'tenants.money', {}, t.bea.call)).toEqual({
      currency: 'USD',
      usdRate: 1,
      setAt: null,
    });
  });

  it('is set by the owner with a rate and the time, in that organisation only, and audited', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    h.clock.advance(60_000);
    const setAt = h.clock.now();
    const saved = await expectOk(h.core, 'tenants.setMoney', { currency: 'NOK', usdRate: 10.85 }, t.bob.call);
    expect(saved).toEqual({ currency: 'NOK', usdRate: 10.85, setAt });
    // the viewer of B sees it; A still counts in dollars
    expect(await expectOk(h.core, 'tenants.money', {}, t.bea.call)).toEqual(saved);
    expect(await expectOk(h.core, 'tenants.money', {}, t.alice.call)).toEqual({
      currency: 'USD',
      usdRate: 1,
      setAt: null,
    });
    const rows = servicesOf(h.core)
      .sqlite.prepare('SELECT tenant_id FROM settings WHERE key = ?')
      .all(moneySetting);
    expect(rows).toEqual([{ tenant_id: t.tenantB }]);

    // a second choice replaces the first (one row), and the audit says from what to what
    h.clock.advance(60_000);
    await expectOk(h.core, 'tenants.setMoney', { currency: 'EUR', usdRate: 0.92 }, t.bob.call);
    expect(
      servicesOf(h.core).sqlite.prepare('SELECT COUNT(*) AS n FROM settings WHERE key = ?').get(moneySetting),
    ).toEqual({ n: 1 });
    const audit = await expectOk(h.core, 'audit.list', { action: 'tenants.setMoney' }, t.bob.call);
    expect(audit.entries.map((e) => e.details)).toEqual([
      { currency: 'EUR', usdRate: 0.92, fromCurrency: 'NOK', fromUsdRate: 10.85 },
      { currency: 'NOK', usdRate: 10.85, fromCurrency: 'USD', fromUsdRate: 1 },
    ]);
    expect(audit.entries[0]).toMatchObject({
      targetType: 'tenant',
      targetId: t.tenantB,
      actorName: expect.any(String),
    });
  });

  it('may be changed by an admin, not by an operator or a viewer', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const admin = await inviteAndAccept(h.core, t.bob, 'ada@beta.test', 'admin');
    const operator = await inviteAndAccept(h.core, t.bob, 'otto@beta.test', 'operator');
    await expectOk(h.core, 'tenants.setMoney', { currency: 'SEK', usdRate: 10.5 }, admin.call);
    for (const who of [operator, t.bea]) {
      expect(
        await h.core.dispatch('tenants.setMoney', { currency: 'DKK', usdRate: 6.9 }, who.call),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await expectOk(h.core, 'tenants.money', {}, operator.call)).currency).toBe('SEK');
  });

  it('refuses a rate that is not a sensible positive decimal, and changes nothing', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const refused = async (input: unknown) => {
      const result = await h.core.dispatch('tenants.setMoney', input as never, t.bob.call);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      return result.ok ? null : result.error;
    };
    for (const usdRate of [0, -1, 1_000_000.5, 2_000_000, 10.1234567, 0.1 + 0.2, 1e-7]) {
      expect(await refused({ currency: 'NOK', usdRate })).toMatchObject({
        code: 'VALIDATION',
        field: 'usdRate',
        reason: 'exchange_rate_invalid',
      });
    }
    // not numbers: Infinity and NaN arrive as null over JSON, strings are not numbers
    for (const usdRate of [Number.POSITIVE_INFINITY, Number.NaN, null, '10.85'])
      expect(await refused({ currency: 'NOK', usdRate })).toMatchObject({
        code: 'VALIDATION',
        field: 'usdRate',
      });
    // another currency needs a rate; dollars are always 1 to 1
    expect(await refused({ currency: 'NOK' })).toMatchObject({
      field: 'usdRate',
      reason: 'exchange_rate_invalid',
    });
    expect(await refused({ currency: 'USD', usdRate: 1.1 })).toMatchObject({
      field: 'usdRate',
      reason: 'usd_rate_is_one',
    });
    expect(await refused({ currency: 'XBT', usdRate: 1 })).toMatchObject({
      code: 'VALIDATION',
      field: 'currency',
    });
    expect(await refused({ currency: 'NOK', usdRate: 10, note: 'x' })).toMatchObject({ code: 'VALIDATION' });
    expect(await expectOk(h.core, 'tenants.money', {}, t.bob.call)).toMatchObject({
      currency: 'USD',
      setAt: null,
    });

    // the edges are allowed
    expect(
      await expectOk(h.core, 'tenants.setMoney', { currency: 'NOK', usdRate: 0.000001 }, t.bob.call),
    ).toMatchObject({ usdRate: 0.000001 });
    expect(
      await expectOk(h.core, 'tenants.setMoney', { currency: 'NOK', usdRate: 1_000_000 }, t.bob.call),
    ).toMatchObject({ usdRate: 1_000_000 });
    expect(await expectOk(h.core, 'tenants.setMoney', { currency: 'USD' }, t.bob.call)).toMatchObject({
      currency: 'USD',
      usdRate: 1,
    });
    expect(
      await expectOk(h.core, 'tenants.setMoney', { currency: 'USD', usdRate: 1 }, t.bob.call),
    ).toMatchObject({ currency: 'USD', usdRate: 1 });
  });

  it('reads a damaged stored value (an imported organisation) as US dollars', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const write = (value: string) =>
      servicesOf(h.core)
        .sqlite.prepare(
          `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (@tenantId, @key, @value, 0)
           ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value`,
        )
        .run({ tenantId: t.tenantB, key: moneySetting, value });
    for (const value of [
      'not json',
      '{"currency":"NOK","usdRate":-3,"setAt":1}',
      '{"currency":"XYZ","usdRate":2,"setAt":1}',
    ]) {
      write(value);
      expect(await expectOk(h.core, 'tenants.money', {}, t.bob.call)).toEqual({
        currency: 'USD',
        usdRate: 1,
        setAt: null,
      });
    }
  });
});
