import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, type Harness } from '../core/testing/harness';
import { servicesOf } from '../core/testing/services';
import { twoTenants } from '../core/testing/tenants-fixture';
import { startHost, type RunningHost } from './server';

// An API v1 request of a key counts for insight once it is answered, with its duration: the
// six-sigma "API latency" process charts the day's 95th percentile of these against its USL.
let h: Harness;
let host: RunningHost;
afterEach(async () => {
  await host?.close();
  h?.close();
});

describe('API latency as an insight event', () => {
  it('tracks each answered request of a key once, with its ms and status, in the key’s organisation', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    const t = await twoTenants(h.core);
    const { secret, key } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Checks', scopes: ['analytics:read'] },
      t.alice.call,
    );
    for (const defects of [1, 2, 3]) {
      const response = await fetch(`${host.url}/api/v1/insight/sigma`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ defects, units: 100, opportunitiesPerUnit: 1 }),
      });
      expect(response.status).toBe(200);
    }
    const services = servicesOf(h.core);
    services.insight.tracker.flush();
    const rows = services.sqlite
      .prepare("SELECT tenant_id AS tenantId, actor, props FROM insight_events WHERE name = 'api.call'")
      .all() as { tenantId: string; actor: string; props: string }[];
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.tenantId).toBe(t.alice.me.tenant.id);
      expect(row.actor).toBe(`key:${key.id}`);
      const props = JSON.parse(row.props) as { ms: number; status: number; key: string };
      expect(props.status).toBe(200);
      expect(props.key).toBe(key.id);
      expect(props.ms).toBeGreaterThan(0);
      expect(props.ms).toBeLessThan(10_000);
    }
  });
});
