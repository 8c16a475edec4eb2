import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, type Harness } from '../core/testing/harness';
import { twoTenants } from '../core/testing/tenants-fixture';
import { startHost, type RunningHost } from './server';

// The insight calculations over REST API v1, as an outside check calls them with an API key
// (scope analytics:read), and over the app's own door (POST /api/call/<method>).
let h: Harness;
let host: RunningHost;
afterEach(async () => {
  await host?.close();
  h?.close();
});

async function post(path: string, key: string, body: unknown) {
  const response = await fetch(`${host.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('insight calculations over REST API v1', () => {
  it('answers a key with analytics:read, refuses bad input with a reason, and a key without the scope', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    const t = await twoTenants(h.core);
    const { secret } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Checks', scopes: ['analytics:read'] },
      t.alice.call,
    );

    const sigma = await post('/api/v1/insight/sigma', secret, {
      defects: 6_210,
      units: 1_000_000,
      opportunitiesPerUnit: 1,
    });
    expect(sigma.status, JSON.stringify(sigma.body)).toBe(200);
    expect(sigma.body).toMatchObject({ ok: true, data: { dpmo: 6_210, convention: 'one_tailed' } });
    expect((sigma.body.data as { sigmaLevel: number }).sigmaLevel).toBeCloseTo(4, 3);

    const chart = await post('/api/v1/insight/control-chart', secret, {
      values: [0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.4, 0.2],
      rules: 'western_electric',
      center: 0,
      sigma: 1,
    });
    expect(chart.body).toMatchObject({
      ok: true,
      data: { center: 0, ucl: 3, lcl: -3, signals: [{ rule: 'we4', index: 7 }] },
    });

    const capability = await post('/api/v1/insight/capability', secret, {
      usl: 62,
      lsl: 38,
      mean: 59,
      sigma: 2,
    });
    expect(capability.body).toMatchObject({ ok: true, data: { cp: 2, cpk: 0.5 } });

    const attribution = await post('/api/v1/insight/attribution', secret, {
      touches: [
        { channel: 'display', at: 0 },
        { channel: 'search', at: 7 * 86_400_000 },
      ],
      conversion: { at: 8 * 86_400_000, value: 90 },
      model: 'time_decay',
    });
    expect(attribution.body).toMatchObject({
      ok: true,
      data: {
        credits: [
          { channel: 'display', value: 30 },
          { channel: 'search', value: 60 },
        ],
      },
    });

    const reversed = await post('/api/v1/insight/capability', secret, {
      usl: 1,
      lsl: 2,
      mean: 1.5,
      sigma: 1,
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', reason: 'spec_limits_reversed', field: 'usl' },
    });

    const other = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Runs only', scopes: ['runs:read'] },
      t.alice.call,
    );
    const refused = await post('/api/v1/insight/sigma', other.secret, {
      defects: 1,
      units: 1,
      opportunitiesPerUnit: 1,
    });
    expect(refused.status).toBe(403);
  });
});
