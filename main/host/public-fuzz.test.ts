import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness } from '../core/testing/harness';
import { tinyFlow } from '../core/testing/valid-inputs';
import { startPublicHost, type RunningHost } from './server';

/**
 * 10,000 random bodies at the public message endpoint (issue 13): the answer is a 4xx refusal, or
 * 200 for a body that is a message; never a 5xx; and never a word of another visitor's conversation,
 * though many bodies name that conversation's id with tokens of their own.
 */

const total = 10_000;
const concurrency = 16;

/**
 * The data lives in memory (/dev/shm where there is one): this test is about what the door answers,
 * not about the disk, and 10,000 synced commits would make it slow.
 */
const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'mindframe-fuzz-'));

let h: Harness;
let door: RunningHost;
let publicId: string;
let secret: { conversationId: string; visitorToken: string };
const secretText = 'Secret-7Q9X: my address is Storgata 12, 0155 Oslo';

beforeAll(async () => {
  h = createHarness({ dataDir });
  const owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  const agent = await expectOk(h.core, 'agents.create', { name: 'Echo' }, owner.call);
  await expectOk(h.core, 'agents.saveVersion', { agentId: agent.id, flow: tinyFlow }, owner.call);
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  const channel = await expectOk(
    h.core,
    'channels.save',
    { agentId: agent.id, kind: 'web', name: 'Website chat', allowedOrigins: ['https://www.pedal.test'] },
    owner.call,
  );
  publicId = channel.publicId;
  // the generous limits let every body through to the endpoint (the limits have tests of their own)
  door = await startPublicHost(h.core, {
    port: 0,
    rateLimits: { perIpPerMinute: 1e9, perVisitorPerMinute: 1e9, perChannelPerMinute: 1e9 },
  });
  const planted = await h.core.publicDoor.send(publicId, { text: secretText });
  if (!planted.ok) throw new Error(JSON.stringify(planted.error));
  secret = { conversationId: planted.data.conversationId, visitorToken: planted.data.visitorToken };
});

afterAll(async () => {
  await door?.close();
  h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

type Rng = ReturnType<typeof random>;

const alphabet =
  'abcdefghijklmnopqrstuvwxyzæøåÆØÅ0123456789 .,!?\'"\\/{}[]<>:;=+-_@#$%^&*()\n\t\u0000\u202e😀𝄞';

function junkString(rng: Rng, max: number): string {
  const length = rng.int(max + 1);
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[rng.int(alphabet.length)] ?? 'x';
  return text;
}

function junkValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return rng.pick([0, -1, 1e308, -0, 4000, 4001, Number.MAX_SAFE_INTEGER, 3.14]);
    case 3:
      return junkString(rng, 60);
    case 4:
      return rng.pick(['', ' ', '__proto__', 'constructor', secret.conversationId, 'undefined']);
    case 5:
      return Array.from({ length: rng.int(5) }, () => junkValue(rng, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--)
        object[
          rng.pick(['text', 'conversationId', 'visitorToken', 'language', '__proto__', junkString(rng, 8)])
        ] = junkValue(rng, depth + 1);
      return object;
    }
  }
}

const uuid = (rng: Rng) =>
  [8, 4, 4, 4, 12]
    .map((n) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(16)]).join(''))
    .join('-');

interface Case {
  body: string;
  contentType: string;
  /** Built to be a valid new message: must be answered 200. */
  valid: boolean;
}

function fuzzCase(rng: Rng): Case {
  const json = 'application/json';
  // one in ten is a valid message (each runs the agent and writes to the disk); the rest probe the edges
  const kind = rng.int(20);
  switch (kind >= 18 ? 9 : kind % 9) {
    case 0:
      return { body: JSON.stringify(junkValue(rng)), contentType: json, valid: false };
    case 1: {
      // broken JSON, deep nesting, or another content type
      const choice = rng.int(4);
      if (choice === 0) return { body: junkString(rng, 200), contentType: json, valid: false };
      if (choice === 1) return { body: `${'['.repeat(rng.int(5000))}1`, contentType: json, valid: false };
      if (choice === 2)
        return {
          body: junkString(rng, 200),
          contentType: rng.pick([
            'text/plain',
            'application/xml',
            'audio/wav',
            'multipart/form-data',
            'application/x-www-form-urlencoded',
          ]),
          valid: false,
        };
      return { body: '', contentType: json, valid: false };
    }
    case 2: {
      // another visitor's conversation named with a token that is not theirs
      const token = rng.pick([
        junkString(rng, 40),
        'A'.repeat(32),
        secret.visitorToken.slice(0, -1) + 'x',
        uuid(rng),
      ]);
      return {
        body: JSON.stringify({
          text: rng.pick(['show me the history', 'repeat what I said', junkString(rng, 100)]) + ' ',
          conversationId: secret.conversationId,
          visitorToken: token,
        }),
        contentType: json,
        valid: false,
      };
    }
    case 3:
      // the right conversation without a token
      return {
        body: JSON.stringify({ text: 'and then?', conversationId: secret.conversationId }),
        contentType: json,
        valid: false,
      };
    case 4:
      // a message of every kind of length
      return {
        body: JSON.stringify({ text: 'x'.repeat(rng.pick([0, 1, 3999, 4000, 4001, 8000, 9000])) }),
        contentType: json,
        valid: false,
      };
    case 5:
      return {
        body: JSON.stringify({
          text: junkValue(rng),
          conversationId: junkValue(rng),
          visitorToken: junkValue(rng),
          language: junkValue(rng),
        }),
        contentType: json,
        valid: false,
      };
    case 6:
      return {
        body: JSON.stringify({ text: 'hi', conversationId: uuid(rng), visitorToken: 'B'.repeat(32) }),
        contentType: json,
        valid: false,
      };
    case 7:
    case 8:
      return {
        body: JSON.stringify(junkValue(rng)),
        contentType: rng.pick([json, 'application/json; charset=utf-8']),
        valid: false,
      };
    default: {
      // a valid new message: visible text, maybe a token and a language of its own
      const text = `${rng.pick(['Hei', 'Hallo', 'Hello', 'Når åpner dere?', 'Wat kost een band?'])} ${junkString(rng, 200)}`;
      const body: Record<string, unknown> = { text };
      if (rng.next() < 0.3)
        body.visitorToken = Array.from({ length: 32 }, () => 'abcXYZ019_-'[rng.int(11)]).join('');
      if (rng.next() < 0.2) body.language = rng.pick(['en', 'nl', 'nb']);
      return { body: JSON.stringify(body), contentType: json, valid: true };
    }
  }
}

/** One POST over a kept-alive connection: its status and body. */
function post(
  agent: Agent,
  url: string,
  contentType: string,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the public message endpoint under random bodies', () => {
  it(`answers ${total} random bodies with 4xx or 200, never 5xx, and never another conversation's text`, async () => {
    const rng = random(20261207);
    const cases = Array.from({ length: total }, () => fuzzCase(rng));
    const counts = new Map<number, number>();
    const problems: string[] = [];
    let index = 0;
    const url = `${door.url}/api/public/channels/${publicId}/messages`;
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const worker = async () => {
      while (index < cases.length) {
        const item = cases[index++]!;
        const response = await post(agent, url, item.contentType, item.body);
        const { text } = response;
        counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
        const where = `${response.status} for ${item.body.slice(0, 120)}`;
        if (response.status >= 500) problems.push(`5xx: ${where} → ${text.slice(0, 200)}`);
        else if (response.status !== 200 && (response.status < 400 || response.status >= 500))
          problems.push(`odd status: ${where}`);
        if (item.valid && response.status !== 200)
          problems.push(`valid body refused: ${where} → ${text.slice(0, 200)}`);
        if (text.includes('Secret-7Q9X') || text.includes('Storgata')) problems.push(`leak: ${where}`);
        if (text.includes('"stack"') || text.includes('    at ')) problems.push(`stack: ${where}`);
        if (response.status === 200) {
          const answer = JSON.parse(text) as { conversationId?: unknown; replies?: unknown };
          if (answer.conversationId === secret.conversationId)
            problems.push(`answered in another's conversation: ${where}`);
          if (!Array.isArray(answer.replies)) problems.push(`200 without replies: ${where}`);
        } else if (!/^\{"error":\{"code":"[A-Z_]+","reason":"[a-z_]+"\}\}$/.test(text)) {
          problems.push(`refusal not in the public error form: ${where} → ${text.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    agent.destroy();
    expect(problems.slice(0, 20)).toEqual([]);
    const answered = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(answered).toBe(total);
    // the mix reached both sides: plenty of messages answered and plenty refused
    expect(counts.get(200) ?? 0).toBeGreaterThan(total * 0.1);
    expect(answered - (counts.get(200) ?? 0)).toBeGreaterThan(total * 0.7);
    // and the planted conversation is as it was: only its own two messages
    const own = h.core.publicDoor.conversation(publicId, secret.conversationId, secret.visitorToken);
    expect(own?.messages.map((m) => m.text)).toEqual([secretText, `Hello ${secretText}`]);
    // about 10 s on a quiet two-core machine; the limit leaves room for a busy one
  }, 120_000);
});
