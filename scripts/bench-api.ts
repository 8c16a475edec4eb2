// REST API v1 scenario for `npm run bench`: API-key authenticated GET /api/v1/agents under 50
// concurrent clients, against the public GET /api/v1/health in the same run.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyScopes } from '../main/contract';
import { createCore } from '../main/core';
import { startHost } from '../main/host/server';

type Emit = (line: Record<string, unknown>) => void;
const round = (n: number) => Math.round(n * 1000) / 1000;

function load(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration: 5, headers }, (error, result) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

export async function apiKeyThroughput(emit: Emit): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-api-'));
  const core = createCore({ dataDir, secrets: 'file' });
  // the bench measures the API, not the limits: raise them for this run and this key
  const host = await startHost(core, {
    port: 0,
    rateLimits: { perIpPerMinute: 1e9, perKeyPerMinute: 1e9, perSessionPerMinute: 1e9 },
  });
  try {
    const setup = await core.dispatch(
      'setup.createOwner',
      { orgName: 'Bench', name: 'Bench', email: 'bench@bench.test', password: 'benchmark password 1234' },
      { transport: 'internal' },
    );
    if (!setup.ok || setup.sessionChange?.type !== 'set') throw new Error('setup failed');
    const call = { transport: 'internal' as const, sessionToken: setup.sessionChange.token };
    const tenantId = (setup.data as { tenant: { id: string } }).tenant.id;
    for (let i = 0; i < 20; i++) await core.dispatch('agents.create', { name: `Agent ${i}` }, call);
    const { secret } = core.services.apiKeys.create(tenantId, {
      name: 'Bench',
      scopes: [...apiKeyScopes],
      rateLimitPerMinute: 1e9,
      createdBy: null,
    });
    const auth = { authorization: `Bearer ${secret}` };
    await load(`${host.url}/api/v1/agents`, auth); // warm up
    await load(`${host.url}/api/v1/health`, {});
    const health = await load(`${host.url}/api/v1/health`, {});
    const agents = await load(`${host.url}/api/v1/agents`, auth);
    if (agents.non2xx > 0 || health.non2xx > 0)
      throw new Error(`non-2xx answers: agents ${agents.non2xx}, health ${health.non2xx}`);
    const ratio = agents.requests.average / health.requests.average;
    emit({
      scenario: 'rest.api_key_agents_list',
      description:
        'GET /api/v1/agents with an API key (20 agents), 50 concurrent clients, 5 s; baseline GET /api/v1/health',
      requests_per_second: Math.round(agents.requests.average),
      p50_ms: agents.latency.p50,
      p99_ms: agents.latency.p99,
      baseline_health_requests_per_second: Math.round(health.requests.average),
      baseline_health_p99_ms: health.latency.p99,
      ratio: round(ratio),
      target_ratio: 0.7,
      target_p99_ms: 25,
      meets_target: ratio >= 0.7 && agents.latency.p99 < 25,
    });
  } finally {
    await host.close();
    core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
