// `npm run bench`: one JSON line per scenario, each with its figure, the baseline measured in the
// same run and the target from the issue. Not a test: numbers depend on the machine.
import { servicesOf } from '../main/core/testing/services';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../main/core';
import { runsPerSecond, runtimeOverheadPerNode, templateMatching } from './bench-agents';
import { designerRender } from './bench-designer';
import { validateLargeFlows } from './bench-validate';
import { guardianCycle } from './bench-guardian';
import { backupThroughput } from './bench-backups';
import { apiHostMode, apiKeyThroughput, serveForApiBench } from './bench-api';
import { firstLoad } from './bench-first-load';
import { channelsHostMode, serveForChannelsBench, webRoundTrip, widgetSizeScenario } from './bench-channels';
import { assistantScenario } from './bench-assistant';
import { demoScenario } from './bench-demo';
import { insightDashboard, insightFunnel, insightIngest } from './bench-insight';
import { entitlementsScenario } from './bench-entitlements';
import { mailRenderScenario } from './bench-mail';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'mindframe.cjs');
const password = 'benchmark password 1234';

/**
 * One JSON line per scenario. A scenario that saw errors (failed or refused requests) measured
 * something other than what it names: it says so, and reports no figure and no verdict.
 */
function emit(line: Record<string, unknown>): void {
  const errors = typeof line.errors === 'number' ? line.errors : 0;
  if (errors > 0) {
    const { scenario, method } = line;
    console.log(
      JSON.stringify({ scenario, ...(method ? { method } : {}), errors, figure: null, meets_target: null }),
    );
    return;
  }
  console.log(JSON.stringify(line));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function timeEach(count: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples;
}

async function dispatchOverhead(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-'));
  const core = createCore({ dataDir });
  const setup = await core.dispatch(
    'setup.createOwner',
    { orgName: 'Bench', name: 'Bench', email: 'bench@bench.test', password },
    { transport: 'internal' },
  );
  if (!setup.ok || setup.sessionChange?.type !== 'set') throw new Error('bench setup failed');
  const call = { transport: 'internal' as const, sessionToken: setup.sessionChange.token };
  const direct = () => servicesOf(core).health.summary();
  const viaDispatch = () => core.dispatch('health.summary', {}, call);
  await timeEach(5000, viaDispatch); // warm up
  await timeEach(5000, direct);
  const dispatched = await timeEach(50_000, viaDispatch);
  const baseline = await timeEach(50_000, direct);
  const overhead = median(dispatched) - median(baseline);
  emit({
    scenario: 'dispatch.overhead',
    method: 'health.summary (authenticated, cached answer)',
    median_us: round(overhead),
    p99_us: round(percentile(dispatched, 99) - median(baseline)),
    dispatch_median_us: round(median(dispatched)),
    baseline_direct_median_us: round(median(baseline)),
    ratio: round(median(dispatched) / Math.max(median(baseline), 0.001)),
    target_us: 20,
    meets_target: overhead < 20,
  });
  core.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

const bareFastify = `
const Fastify = require('fastify');
const app = Fastify({ logger: false });
app.post('/api/call/:method', async () => ({ ok: true, data: {} }));
app.listen({ host: '127.0.0.1', port: 0 }).then(() => console.log('serving on http://127.0.0.1:' + app.server.address().port));
`;

interface LoadResult {
  requestsPerSecond: number;
  errors: number;
}

/** Keep-alive POSTs from `concurrency` loops for `seconds`; counts answers with status 200. */
async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  concurrency = 32,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = '{}';
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': '2', ...headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) done++;
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  agent.destroy();
  return { requestsPerSecond: Math.round((done * 1000) / (Date.now() - started)), errors };
}

async function httpThroughput(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-'));
  const setup = spawn(
    process.execPath,
    [bin, 'setup', '--data-dir', dataDir, '--org', 'Bench', '--email', 'bench@bench.test'],
    {
      stdio: ['pipe', 'ignore', 'inherit'],
    },
  );
  setup.stdin!.end(`${password}\n`);
  await new Promise((resolve) => setup.once('exit', resolve));

  const bare = spawn(process.execPath, ['-e', bareFastify], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const bareUrl = await waitForLine(bare, /serving on (http:\/\/\S+)/);
  // the served host with rate limits out of the way (the default 300 calls a minute per session would
  // be what this measures), in its own process like `mindframe serve`
  const served = spawn(process.execPath, [__filename, apiHostMode, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const servedUrl = await waitForLine(served, /serving on (http:\/\/\S+)/);

  const login = await fetch(`${servedUrl}/api/call/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@bench.test', password }),
  });
  // every cookie the sign-in set (the session's and the device's), as a browser would send them
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');

  await load(`${bareUrl}/api/call/health.summary`, {}, 1);
  await load(`${servedUrl}/api/call/health.summary`, { cookie }, 1);
  const baseline = await load(`${bareUrl}/api/call/health.summary`, {}, 4);
  const ours = await load(`${servedUrl}/api/call/health.summary`, { cookie }, 4);
  emit({
    scenario: 'http.calls_per_second',
    method: 'POST /api/call/health.summary (cookie session, keep-alive, 32 concurrent)',
    requests_per_second: ours.requestsPerSecond,
    baseline_bare_fastify_rps: baseline.requestsPerSecond,
    ratio: round(ours.requestsPerSecond / baseline.requestsPerSecond),
    errors: ours.errors + baseline.errors,
    target_ratio: 0.7,
    meets_target: ours.requestsPerSecond / baseline.requestsPerSecond >= 0.7,
  });
  bare.kill('SIGKILL');
  served.kill('SIGTERM');
  await new Promise((resolve) => served.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

async function timeToFirstAnswer(args: string[], healthPath: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await waitForLine(child, /serving on (http:\/\/\S+)/);
  for (;;) {
    try {
      const response = await fetch(`${url}${healthPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

async function startupTime(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-'));
  const ours: number[] = [];
  const baseline: number[] = [];
  const bareNode = `require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('serving on http://127.0.0.1:' + this.address().port); });`;
  for (let i = 0; i < 7; i++) {
    ours.push(
      await timeToFirstAnswer([bin, 'serve', '--data-dir', dataDir, '--port', '0'], '/api/v1/health'),
    );
    baseline.push(await timeToFirstAnswer(['-e', bareNode], '/'));
  }
  const ms = median(ours);
  emit({
    scenario: 'startup.time_to_health',
    description: 'process start to the first 200 from /api/v1/health (median of 7, existing data folder)',
    median_ms: Math.round(ms),
    baseline_bare_node_http_ms: Math.round(median(baseline)),
    ratio: round(ms / median(baseline)),
    target_ms: 1000,
    meets_target: ms < 1000,
  });
  rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  // `npm run bench -- channels,widget` runs only the scenarios named (comma-separated)
  const only = process.argv[2];
  // the api-key and channel scenarios' hosts: this bundle again, in a child process
  if (only === apiHostMode) return serveForApiBench(process.argv[3]!);
  if (only === channelsHostMode) return serveForChannelsBench(process.argv[3]!);
  const scenarios: Record<string, () => Promise<void>> = {
    dispatch: dispatchOverhead,
    http: httpThroughput,
    startup: startupTime,
    'runtime-node': () => runtimeOverheadPerNode(emit),
    'runtime-rps': () => runsPerSecond(emit),
    match: () => templateMatching(emit),
    designer: () => designerRender(emit),
    validate: async () => validateLargeFlows(emit),
    guardian: () => guardianCycle(emit),
    backup: () => backupThroughput(emit),
    'api-key': () => apiKeyThroughput(emit, __filename),
    'first-load': () => firstLoad(emit),
    channels: () => webRoundTrip(emit, __filename),
    widget: async () => widgetSizeScenario(emit),
    assistant: () => assistantScenario(emit),
    demo: () => demoScenario(emit),
    'insight-ingest': () => insightIngest(emit),
    'insight-dashboard': () => insightDashboard(emit),
    'insight-funnel': () => insightFunnel(emit),
    entitlements: () => entitlementsScenario(emit),
    'mail-render': () => mailRenderScenario(emit),
  };
  const chosen = only ? only.split(',') : Object.keys(scenarios);
  const unknown = chosen.filter((name) => !(name in scenarios));
  if (unknown.length > 0)
    throw new Error(`no such scenario: ${unknown.join(', ')} (known: ${Object.keys(scenarios).join(', ')})`);
  for (const [name, run] of Object.entries(scenarios)) {
    if (chosen.includes(name)) await run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
