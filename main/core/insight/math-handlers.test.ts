import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';

// The calculation methods through the real dispatch: a signed-in viewer may call them; the
// contract refuses bad input with a reason the app can say. The figures themselves are tested
// against their published sources in math/*.test.ts.
let h: Harness;
let viewer: SignedIn;
beforeAll(async () => {
  h = createHarness();
  const owner = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@shop.test');
  viewer = await inviteAndAccept(h.core, owner, 'vera@shop.test', 'viewer');
});
afterAll(() => h?.close());

const refusal = async (method: Parameters<Harness['core']['dispatch']>[0], input: unknown) => {
  const answer = await h.core.dispatch(method, input, viewer.call);
  expect(answer.ok, JSON.stringify(answer)).toBe(false);
  return (answer as { error: { code: string; reason?: string; field?: string } }).error;
};

describe('insight calculation methods', () => {
  it('answers a viewer with the figures, in the shapes outside checks rely on', async () => {
    const sigma = await expectOk(
      h.core,
      'insight.sigma',
      { defects: 66_807, units: 1e6, opportunitiesPerUnit: 1 },
      viewer.call,
    );
    expect(sigma).toMatchObject({
      dpmo: 66_807,
      yieldPercent: expect.closeTo(93.3193, 4),
      convention: 'one_tailed',
    });
    expect(sigma.sigmaLevel!).toBeCloseTo(3, 3);

    const cap = await expectOk(
      h.core,
      'insight.capability',
      { usl: 62, lsl: 38, mean: 53, sigma: 2 },
      viewer.call,
    );
    expect(cap).toEqual({ cp: 2, cpk: 1.5, mean: 53, sigma: 2 });

    const chart = await expectOk(
      h.core,
      'insight.controlChart',
      { values: [0, 2.5, 0, 2.1, 3, 3.01], rules: 'western_electric', center: 0, sigma: 1 },
      viewer.call,
    );
    expect(chart).toMatchObject({ center: 0, ucl: 3, lcl: -3 });
    expect(chart.signals).toEqual([
      { rule: 'we2', index: 3 },
      // 3 is on the limit (not beyond); 3.01 is beyond, and completes four of five beyond 1σ
      { rule: 'we1', index: 5 },
      { rule: 'we3', index: 5 },
    ]);

    const day = 86_400_000;
    const at = Date.UTC(2026, 11, 1);
    const attribution = await expectOk(
      h.core,
      'insight.attribution',
      {
        touches: [
          { channel: 'email', at: at - 2 * day },
          { channel: 'search', at: at - 20 * day },
          { channel: 'social', at: at - 10 * day },
        ],
        conversion: { at, value: 250 },
        model: 'position_based',
      },
      viewer.call,
    );
    expect(attribution.credits).toEqual([
      { channel: 'search', at: at - 20 * day, value: 100 },
      { channel: 'social', at: at - 10 * day, value: 50 },
      { channel: 'email', at: at - 2 * day, value: 100 },
    ]);
  });

  it('refuses input it cannot calculate with, naming the field and the reason', async () => {
    expect(await refusal('insight.capability', { usl: 38, lsl: 62, mean: 50, sigma: 2 })).toMatchObject({
      code: 'VALIDATION',
      field: 'usl',
      reason: 'spec_limits_reversed',
    });
    expect(await refusal('insight.capability', { usl: 62, lsl: 38, values: [50] })).toMatchObject({
      field: 'values',
      reason: 'capability_needs_values',
    });
    expect(await refusal('insight.sigma', { defects: 11, units: 5, opportunitiesPerUnit: 2 })).toMatchObject({
      field: 'defects',
      reason: 'defects_exceed_opportunities',
    });
    expect(await refusal('insight.sigma', { defects: 1, units: 0, opportunitiesPerUnit: 2 })).toMatchObject({
      field: 'units',
      reason: 'too_small_exclusive',
    });
    expect(
      await refusal('insight.sigma', { defects: Number.NaN, units: 1, opportunitiesPerUnit: 1 }),
    ).toMatchObject({
      field: 'defects',
      reason: 'invalid_value',
    });
    expect(
      await refusal('insight.controlChart', { values: [1, Number.POSITIVE_INFINITY], rules: 'nelson' }),
    ).toMatchObject({ field: 'values.1', reason: 'invalid_value' });
    expect(await refusal('insight.controlChart', { values: [1], rules: 'nelson' })).toMatchObject({
      field: 'values',
      reason: 'too_few',
    });
    expect(
      await refusal('insight.controlChart', { values: new Array<number>(100_001).fill(1), rules: 'nelson' }),
    ).toMatchObject({ field: 'values', reason: 'too_many' });
    const touches = Array.from({ length: 1_001 }, (_, i) => ({ channel: 'search', at: i }));
    expect(
      await refusal('insight.attribution', { touches, conversion: { at: 2_000, value: 1 }, model: 'linear' }),
    ).toMatchObject({ field: 'touches', reason: 'too_many' });
    expect(
      await refusal('insight.attribution', {
        touches: [],
        conversion: { at: 1, value: 1 },
        model: 'data_driven',
      }),
    ).toMatchObject({ field: 'model', reason: 'invalid_value' });
  });

  it('forecasts with 80 % and 95 % prediction intervals, and refuses too short a history', async () => {
    const values = Array.from({ length: 12 }, (_, t) => 1_000 + 50 * t);
    const answer = await expectOk(h.core, 'insight.forecast', { values, horizon: 3 }, viewer.call);
    expect(answer.method).toBe('holt');
    expect(answer.points.map((p) => Math.round(p.mean))).toEqual([1_600, 1_650, 1_700]);
    for (const p of answer.points) {
      expect(p.lower95).toBeLessThanOrEqual(p.lower80);
      expect(p.upper95).toBeGreaterThanOrEqual(p.upper80);
    }
    expect(await refusal('insight.forecast', { values: [1, 2, 3, 4], horizon: 3 })).toMatchObject({
      field: 'values',
      reason: 'too_few',
    });
    expect(await refusal('insight.forecast', { values, horizon: 25 })).toMatchObject({
      field: 'horizon',
      reason: 'too_big',
    });
  });

  it('refuses a caller who is not signed in', async () => {
    const answer = await h.core.dispatch(
      'insight.sigma',
      { defects: 1, units: 1, opportunitiesPerUnit: 1 },
      { transport: 'internal' },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
