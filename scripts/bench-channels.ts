// Channel scenarios for `npm run bench` (issue 13):
//   channels.web_round_trip  a website-chat message over the public door, 100 conversations at once,
//                            against agents.run over the REST API with an API key in the same run
//   widget.size              dist/widget/widget.js brotli- and gzip-compressed, against 30 KB
import { servicesOf } from '../main/core/testing/services';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, createFileLogger } from '../main/core';
import { startHost } from '../main/host/server';
import { waitForUrl } from './bench-api';
import { widgetBudget, widgetSize } from './build-widget.mjs';

type Emit = (line: Record<string, unknown>) => void;

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');
const password = 'benchmark password 1234';

/** The argument that makes the bench bundle serve a data folder for the channel scenario. */
export const channelsHostMode = 'channels-host';

const conversations = 100;
/** Rounds of the measure, each channel then REST or the other way round; their samples are pooled. */
const rounds = 2;
/** Conversations sent one after another (no other load): what one message costs on its own. */
const alone = 10;
/** The p99 of a website-chat message the issue asks for, in ms. */
const targetP99Ms = 50;
/** The page the widget would be embedded in: an allowed origin of the channel. */
const shopOrigin = 'https://www.pedal-bench.test';

/** What a customer writes, one message after another (the offline model answers every language). */
const scripts: readonly (readonly string[])[] = [
  [
    'Hi, when are you open?',
    'And on Saturday?',
    'How much does a tune-up cost?',
    'Can I book a repair for my e-bike?',
    'Thanks!',
  ],
  [
    'Hoi, wanneer zijn jullie open?',
    'En op zaterdag?',
    'Wat kost een onderhoudsbeurt?',
    'Kan ik een reparatie voor mijn e-bike boeken?',
    'Bedankt!',
  ],
  [
    'Hei, når har dere åpent?',
    'Og på lørdag?',
    'Hva koster en service?',
    'Kan jeg bestille reparasjon av elsykkelen min?',
    'Takk!',
  ],
];
const messagesPerConversation = scripts[0]!.length;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/**
 * The child: the served host on `dataDir` as `mindframe serve` runs it (started core, file log, the
 * default of 4 concurrent runs per tenant, the widget build), in its own process so the 100 clients
 * do not share its event loop. Rate limits are raised out of the way: the public door limits per IP
 * (120 a minute), per visitor token (20) and per channel (600), and every bench client comes from
 * 127.0.0.1 on one channel, so with the defaults this would measure 429s within the first second.
 * The host's `publicRateLimits` option raises all three (one visitor per conversation alone would
 * not: the IP and channel limits still apply, and the proxy-trust option exists only on the public
 * listener of `--public-port` and moves only the IP limit). `rateLimits` and the key's own limit do
 * the same for the REST side.
 */
export async function serveForChannelsBench(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, secrets: 'file', logger: createFileLogger(dataDir) });
  core.start();
  const host = await startHost(core, {
    port: 0,
    widgetDir: join(dist, 'widget'),
    rateLimits: { perIpPerMinute: 1e9, perKeyPerMinute: 1e9, perSessionPerMinute: 1e9 },
    publicRateLimits: { perIpPerMinute: 1e9, perVisitorPerMinute: 1e9, perChannelPerMinute: 1e9 },
  });
  console.log(`Mindframe is serving on ${host.url}`);
  process.on('SIGTERM', () => {
    void host.close().finally(() => {
      core.stop();
      process.exit(0);
    });
  });
}

interface Prepared {
  agentId: string;
  publicId: string;
  secret: string;
}

/** An owner, the bike-shop template deployed, its web channel and an API key, made through the core. */
async function prepare(dataDir: string): Promise<Prepared> {
  const core = createCore({ dataDir, secrets: 'file' });
  try {
    const setup = await core.dispatch(
      'setup.createOwner',
      { orgName: 'Pedal Bench', name: 'Bench', email: 'bench@bench.test', password },
      { transport: 'internal' },
    );
    if (!setup.ok || setup.sessionChange?.type !== 'set') throw new Error('setup failed');
    const call = { transport: 'internal' as const, sessionToken: setup.sessionChange.token };
    const tenantId = (setup.data as { tenant: { id: string } }).tenant.id;
    const must = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await core.dispatch(method, input, call);
      if (!result.ok) throw new Error(`${method} refused: ${result.error.message}`);
      return result.data as T;
    };
    const agent = await must<{ id: string }>('agents.create', {
      templateId: 'bike-shop-repairs',
      language: 'en',
    });
    await must('agents.deploy', { agentId: agent.id });
    const channel = await must<{ publicId: string }>('channels.save', {
      agentId: agent.id,
      kind: 'web',
      name: 'Website chat',
      allowedOrigins: [shopOrigin],
    });
    const { secret } = servicesOf(core).apiKeys.create(tenantId, {
      name: 'Bench',
      scopes: ['agents:run'],
      rateLimitPerMinute: 1e9,
      createdBy: null,
    });
    return { agentId: agent.id, publicId: channel.publicId, secret };
  } finally {
    core.stop();
  }
}

interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

/** One JSON POST over a keep-alive connection; the time from sending to the whole answer read. */
function post(agent: Agent, url: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(text)),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // not JSON: counted as a wrong answer by the caller
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** Samples of one side, and what went wrong (each kind counted). */
interface Measure {
  samples: number[];
  wallMs: number;
  errors: Map<string, number>;
}

function newMeasure(): Measure {
  return { samples: [], wallMs: 0, errors: new Map() };
}

function fail(measure: Measure, what: string): void {
  measure.errors.set(what, (measure.errors.get(what) ?? 0) + 1);
}

const errorCount = (measure: Measure) => [...measure.errors.values()].reduce((a, b) => a + b, 0);

/** A refusal's `reason` (both doors answer `{ error: { code, reason } }`), for the error list. */
function reasonOf(body: unknown): string {
  const error = (body as { error?: { reason?: unknown; code?: unknown } } | null)?.error;
  return String(error?.reason ?? error?.code ?? 'no reason');
}

/**
 * `count` conversations at once over the public door, each sending its script in sequence: the
 * first message opens the conversation, later ones carry its id and the visitor token, as the widget
 * does. A non-200, an answer without ids or replies, or a conversation that changes id is an error.
 */
async function chat(url: string, publicId: string, count: number, measure: Measure): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const endpoint = `${url}/api/public/channels/${publicId}/messages`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const script = scripts[index % scripts.length]!;
      let conversationId: string | undefined;
      let visitorToken: string | undefined;
      for (const text of script) {
        let answer: Answer;
        try {
          answer = await post(
            agent,
            endpoint,
            { text, ...(conversationId ? { conversationId, visitorToken } : {}) },
            { origin: shopOrigin },
          );
        } catch (error) {
          fail(measure, `connection: ${(error as Error).message}`);
          return;
        }
        if (answer.status !== 200) {
          fail(measure, `status ${answer.status} (${reasonOf(answer.body)})`);
          return; // the rest of this conversation would not be the conversation it names
        }
        const body = answer.body as { conversationId?: unknown; visitorToken?: unknown; replies?: unknown };
        const replies = Array.isArray(body?.replies) ? (body.replies as { text?: unknown }[]) : [];
        if (
          typeof body?.conversationId !== 'string' ||
          typeof body.visitorToken !== 'string' ||
          replies.length === 0 ||
          replies.some((reply) => typeof reply.text !== 'string' || reply.text.length === 0)
        ) {
          fail(measure, 'answer without conversationId, visitorToken or replies');
          return;
        }
        if (conversationId !== undefined && body.conversationId !== conversationId) {
          fail(measure, 'a later message landed in another conversation');
          return;
        }
        conversationId = body.conversationId;
        visitorToken = body.visitorToken;
        measure.samples.push(answer.ms);
      }
    }),
  );
  measure.wallMs += performance.now() - started;
  agent.destroy();
}

/**
 * The same load as `chat` on `POST /api/v1/agents/{id}/runs` with the API key and `wait: true`: a
 * run of the same deployed agent, answered when it ends. Anything but 200 with a succeeded run is an
 * error.
 */
async function restRuns(
  url: string,
  agentId: string,
  secret: string,
  count: number,
  measure: Measure,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const endpoint = `${url}/api/v1/agents/${agentId}/runs`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      for (const message of scripts[index % scripts.length]!) {
        let answer: Answer;
        try {
          answer = await post(
            agent,
            endpoint,
            { message, wait: true },
            { authorization: `Bearer ${secret}` },
          );
        } catch (error) {
          fail(measure, `connection: ${(error as Error).message}`);
          return;
        }
        if (answer.status !== 200) {
          fail(measure, `status ${answer.status} (${reasonOf(answer.body)})`);
          return;
        }
        const status = (answer.body as { data?: { status?: unknown } } | null)?.data?.status;
        if (status !== 'succeeded') {
          fail(measure, `run ${String(status)}`);
          return;
        }
        measure.samples.push(answer.ms);
      }
    }),
  );
  measure.wallMs += performance.now() - started;
  agent.destroy();
}

function report(name: string, measure: Measure): void {
  if (measure.errors.size === 0) return;
  const lines = [...measure.errors].map(([what, n]) => `${n} × ${what}`);
  console.error(`channels.web_round_trip: ${name} saw errors:\n  ${lines.join('\n  ')}`);
}

export async function webRoundTrip(emit: Emit, benchScript: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mindframe-bench-channels-'));
  let child: ChildProcess | undefined;
  try {
    const { agentId, publicId, secret } = await prepare(dataDir);
    // MINDFRAME_BENCH_HOST_NODE_ARGS="--cpu-prof" profiles the host (as in the api-key scenario)
    const nodeArgs = (process.env.MINDFRAME_BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean);
    child = spawn(process.execPath, [...nodeArgs, benchScript, channelsHostMode, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await waitForUrl(child);
    // warm up both routes (JIT, statement caches, the key and channel lookups) before measuring
    const warmChannel = newMeasure();
    const warmRest = newMeasure();
    await chat(url, publicId, 20, warmChannel);
    await restRuns(url, agentId, secret, 20, warmRest);
    // one conversation at a time: the round trip without a queue in front of it
    const channelAlone = newMeasure();
    const restAlone = newMeasure();
    for (let i = 0; i < alone; i++) {
      await chat(url, publicId, 1, channelAlone);
      await restRuns(url, agentId, secret, 1, restAlone);
    }
    const channel = newMeasure();
    const rest = newMeasure();
    for (let i = 0; i < rounds; i++) {
      // alternate the order so neither side always runs on a warmer process or a smaller database
      if (i % 2 === 0) {
        await chat(url, publicId, conversations, channel);
        await restRuns(url, agentId, secret, conversations, rest);
      } else {
        await restRuns(url, agentId, secret, conversations, rest);
        await chat(url, publicId, conversations, channel);
      }
    }
    for (const [name, measure] of [
      ['warm-up web channel', warmChannel],
      ['warm-up REST agents.run', warmRest],
      ['web channel, one conversation at a time', channelAlone],
      ['REST agents.run, one client at a time', restAlone],
      ['web channel', channel],
      ['REST agents.run', rest],
    ] as const)
      report(name, measure);
    const errors = [warmChannel, warmRest, channelAlone, restAlone, channel, rest]
      .map(errorCount)
      .reduce((a, b) => a + b, 0);
    const p50 = percentile(channel.samples, 50);
    const p99 = percentile(channel.samples, 99);
    const restP50 = percentile(rest.samples, 50);
    const restP99 = percentile(rest.samples, 99);
    emit({
      scenario: 'channels.web_round_trip',
      method: `POST /api/public/channels/<publicId>/messages (bike-shop template, offline model), ${conversations} concurrent conversations × ${messagesPerConversation} messages in sequence (en/nl/nb), ${rounds} rounds pooled, keep-alive, host in its own process; baseline POST /api/v1/agents/<id>/runs {message, wait: true} with an API key, same load`,
      messages: channel.samples.length,
      p50_ms: round(p50),
      p99_ms: round(p99),
      messages_per_second: Math.round((channel.samples.length * 1000) / channel.wallMs),
      baseline_rest_agents_run_p50_ms: round(restP50),
      baseline_rest_agents_run_p99_ms: round(restP99),
      baseline_rest_runs_per_second: Math.round((rest.samples.length * 1000) / rest.wallMs),
      ratio_p50: round(p50 / restP50),
      ratio: round(p99 / restP99),
      one_at_a_time_p50_ms: round(percentile(channelAlone.samples, 50)),
      baseline_rest_one_at_a_time_p50_ms: round(percentile(restAlone.samples, 50)),
      errors,
      target_p99_ms: targetP99Ms,
      meets_target: p99 < targetP99Ms,
      verdict: `${p99 < targetP99Ms ? 'met' : 'not met'}: p99 ${round(p99)} ms (target < ${targetP99Ms} ms)`,
    });
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The built widget.js compressed as the host sends it (the build's .br and .gz siblings). */
export function widgetSizeScenario(emit: Emit): void {
  let size: { raw: number; brotli: number; gzip: number };
  try {
    size = widgetSize(dist);
  } catch (error) {
    console.error(`widget.size: no built widget (${(error as Error).message}); run node scripts/build.mjs`);
    emit({ scenario: 'widget.size', errors: 1 });
    return;
  }
  const kb = (bytes: number) => round(bytes / 1024, 1);
  emit({
    scenario: 'widget.size',
    description: 'dist/widget/widget.js as the host sends it: brotli (best quality) and gzip (level 9)',
    raw_bytes: size.raw,
    brotli_bytes: size.brotli,
    gzip_bytes: size.gzip,
    brotli_kb: kb(size.brotli),
    gzip_kb: kb(size.gzip),
    ratio_brotli_to_raw: round(size.brotli / size.raw, 3),
    target_bytes: widgetBudget,
    meets_target: size.brotli <= widgetBudget,
    gzip_meets_target: size.gzip <= widgetBudget,
    verdict: `${size.brotli <= widgetBudget ? 'met' : 'not met'}: ${kb(size.brotli)} KB brotli, ${kb(size.gzip)} KB gzip (target ≤ ${kb(widgetBudget)} KB)`,
  });
}
