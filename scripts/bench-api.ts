// REST API v1 scenario for `npm run bench`: API-key authenticated GET /api/v1/agents under 50
// concurrent clients, against the public GET /api/v1/health in the same run. The host runs in a
// child process (as `mindframe serve` does), so autocannon does not share its event loop.
import { servicesOf } from '../main/core/testing/services';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyScopes } from '../main/contract';
import { createCore, createFileLogger } from '../main/core';
import { startHost } from '../main/host/server';

type Emit = (line: Record<string, unknown>) => void;
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The argument that makes the bench bundle serve a data folder instead of measuring. */
export const apiHostMode = 'api-key-host';
const seconds = Number(process.env.MINDFRAME_BENCH_SECONDS ?? 5);
const rounds = Number(process.env.MINDFRAME_BENCH_ROUNDS ?? 3);

function load(url: string, headers: Record<string, string>, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration, headers }, (error, result) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

/**
 * The child: `mindframe serve` on `dataDir` (file log, started core), with rate limits raised so
 * the bench measures the API and not the limits. Prints the same "serving on URL" line.
 */
export async function serveForApiBench(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, secrets: 'file', logger: createFileLogger(dataDir) });
  core.start();
  const host = await startHost(core, {
    port: 0,
    rateLimits: { perIpPerMinute: 1e9, perKeyPerMinute: 1e9, perSessionPerMinute: 1e9 },
  });
  console.log(`Mindframe is serving on ${host.url}`);
  process.on('SIGTERM', () => {
    void host.close().finally(() => {
      core.stop();
      process.exit(0);
    });
  });
}

/** An owner, 20 agents and an all-scopes API key in `dataDir`, made through the core and closed again. */
async function prepare(dataDir: string): Promise<string> {
  const core = createCore({ dataDir, secrets: 'file' });
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
    return servicesOf(core).apiKeys.create(tenantId, {
      name: 'Bench',
      scopes: [...apiKeyScopes],
      rateLimitPerMinute: 1e9,
      createdBy: null,
    }).secret;
  } finally {
    core.stop();
  }
}

/** The URL a bench host child process prints once it serves. */
export function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => reject(new Error(`bench host exited with ${code}`)));
  });
}

export async function apiKeyThroughput(emit: Emit, benchScript: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-api-'));
  let child: ChildProcess | undefined;
  try {
    const secret = await prepare(dataDir);
    // MINDFRAME_BENCH_HOST_NODE_ARGS="--cpu-prof" profiles the host
    const nodeArgs = (process.env.MINDFRAME_BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean);
    child = spawn(process.execPath, [...nodeArgs, benchScript, apiHostMode, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await waitForUrl(child);
    const auth = { authorization: `Bearer ${secret}` };
    // warm up both routes (JIT, statement caches, key cache) before measuring
    await load(`${url}/api/v1/agents`, auth, 3);
    await load(`${url}/api/v1/health`, {}, 2);
    for (let i = 0; i < rounds; i++) {
      // alternate the order so neither route always runs on a warmer process
      const first = i % 2 === 0;
      const a = first ? await load(`${url}/api/v1/health`, {}, seconds) : undefined;
      const agents = await load(`${url}/api/v1/agents`, auth, seconds);
      const health = a ?? (await load(`${url}/api/v1/health`, {}, seconds));
      if (agents.non2xx > 0 || health.non2xx > 0 || agents.errors > 0 || health.errors > 0)
        throw new Error(
          `failed answers: agents ${agents.non2xx}/${agents.errors}, health ${health.non2xx}/${health.errors}`,
        );
      const ratio = agents.requests.average / health.requests.average;
      emit({
        scenario: 'rest.api_key_agents_list',
        round: i + 1,
        description: `GET /api/v1/agents with an API key (20 agents), 50 concurrent clients, ${seconds} s, host in its own process; baseline GET /api/v1/health`,
        requests_per_second: Math.round(agents.requests.average),
        p50_ms: agents.latency.p50,
        p99_ms: agents.latency.p99,
        baseline_health_requests_per_second: Math.round(health.requests.average),
        baseline_health_p50_ms: health.latency.p50,
        baseline_health_p99_ms: health.latency.p99,
        ratio: round(ratio),
        target_ratio: 0.7,
        target_p99_ms: 25,
        meets_target: ratio >= 0.7 && agents.latency.p99 < 25,
      });
    }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
