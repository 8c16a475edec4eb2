import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../core/testing/harness';
import { allowLocal } from '../core/testing/outbound';
import { startHost, startPublicHost, type RunningHost } from './server';

/**
 * Voice through the public API (issue 13, done-when): a WAV spoken by espeak-ng goes to
 * POST /api/public/channels/<publicId>/voice over real HTTP, is transcribed through the tenant's
 * provider with the real `openai` SDK, runs the deployed bike-shop template agent and comes back
 * as a transcript, the agent's reply and that reply spoken. The provider is a local HTTP server
 * speaking OpenAI's transcription (multipart) and speech wire formats: the network boundary is the
 * only fake (its speech is espeak-ng too).
 */

const work = mkdtempSync(join(tmpdir(), 'mindframe-voice-'));

/** Speaks `words` into a WAV file with espeak-ng; the test fails (not skips) without it. */
function speak(words: string, name: string): Buffer {
  const file = join(work, `${name}.wav`);
  try {
    execFileSync('espeak-ng', ['-v', 'en', '-w', file, words], { stdio: 'pipe' });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'espeak-ng is not installed, and the voice test needs it to speak its audio: run `apt-get install -y --no-install-recommends espeak-ng` (.ci/run does).'
        : `espeak-ng failed: ${(error as Error).message}`,
    );
  }
  return readFileSync(file);
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The seconds of a PCM WAV: its data chunk over its byte rate (what a whisper server answers as `duration`). */
function wavSeconds(wav: Buffer): number {
  let at = 12;
  let byteRate = 0;
  while (at + 8 <= wav.length) {
    const id = wav.toString('latin1', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'fmt ') byteRate = wav.readUInt32LE(at + 16);
    if (id === 'data') return size / byteRate;
    at += 8 + size + (size % 2);
  }
  throw new Error('not a WAV');
}

interface SeenTranscription {
  model: string;
  responseFormat: string | null;
  language: string | null;
  fileName: string | null;
  fileType: string | null;
  sha: string;
  authorization: string | undefined;
}

/** Splits a multipart/form-data body into its parts (name, filename, type, bytes). */
function multipart(body: Buffer, contentType: string) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error('no boundary');
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; filename: string | null; type: string | null; data: Buffer }[] = [];
  let at = body.indexOf(marker);
  while (at >= 0) {
    const start = at + marker.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(marker, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    parts.push({
      name: /name="([^"]*)"/.exec(head)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(head)?.[1] ?? null,
      type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? null,
      data: part.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}

const read = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/**
 * A speech server as OpenAI's API has it: POST /v1/audio/transcriptions (multipart: file, model,
 * response_format, language) → { text } or whisper's verbose { text, duration, ... }; POST
 * /v1/audio/speech (JSON: model, input, voice) → audio bytes. It knows what the test's recordings
 * say (by their hash), checks it got a RIFF/WAVE file, and speaks with espeak-ng.
 */
class FakeSpeechServer {
  readonly transcripts = new Map<string, string>();
  readonly transcriptions: SeenTranscription[] = [];
  readonly speeches: { model: string; voice: string; input: string }[] = [];
  /** Answer transcriptions with this status and a body full of the server's own words. */
  failWith: number | null = null;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        ({ status, type, body }) => response.writeHead(status, { 'content-type': type }).end(body),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(
    request: IncomingMessage,
  ): Promise<{ status: number; type: string; body: string | Buffer }> {
    const body = await read(request);
    const json = (status: number, value: unknown) => ({
      status,
      type: 'application/json',
      body: JSON.stringify(value),
    });
    if (request.method === 'POST' && request.url === '/v1/audio/transcriptions') {
      if (this.failWith)
        return json(this.failWith, {
          error: { message: 'SECRET-SERVER-WORDS: model overloaded', type: 'server_error' },
        });
      const parts = multipart(body, String(request.headers['content-type']));
      const field = (name: string) => parts.find((part) => part.name === name)?.data.toString('utf8') ?? null;
      const file = parts.find((part) => part.name === 'file');
      if (!file) return json(400, { error: { message: 'file is required' } });
      const isWav =
        file.data.toString('latin1', 0, 4) === 'RIFF' && file.data.toString('latin1', 8, 12) === 'WAVE';
      if (!isWav) return json(400, { error: { message: 'Invalid file format.' } });
      const seen: SeenTranscription = {
        model: field('model') ?? '',
        responseFormat: field('response_format'),
        language: field('language'),
        fileName: file.filename,
        fileType: file.type,
        sha: sha(file.data),
        authorization: request.headers.authorization,
      };
      this.transcriptions.push(seen);
      const text = this.transcripts.get(seen.sha) ?? '';
      if (seen.responseFormat === 'verbose_json')
        return json(200, {
          task: 'transcribe',
          language: 'english',
          duration: wavSeconds(file.data),
          text,
          segments: [],
        });
      return json(200, { text });
    }
    if (request.method === 'POST' && request.url === '/v1/audio/speech') {
      const input = JSON.parse(body.toString('utf8')) as { model: string; voice: string; input: string };
      this.speeches.push({ model: input.model, voice: input.voice, input: input.input });
      return { status: 200, type: 'audio/wav', body: speak(input.input, `speech-${this.speeches.length}`) };
    }
    return json(404, { error: { message: 'not found' } });
  }
}

let h: Harness;
let owner: SignedIn;
let host: RunningHost;
let fake: FakeSpeechServer;
let baseUrl: string;
let agentId: string;
let publicId: string;
let quietId: string;
let providerId: string;
let openingHours: Buffer;
let saturday: Buffer;

/** The business profile of the shop: what the bike template says its opening hours are. */
const pedalHours = {
  name: 'Pedal & Co',
  openingHours: {
    mon: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    tue: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    wed: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    thu: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    fri: { closed: false, intervals: [{ open: '08:30', close: '18:00' }] },
    sat: { closed: false, intervals: [{ open: '09:00', close: '17:00' }] },
    sun: { closed: true, intervals: [] },
  },
};

beforeAll(async () => {
  openingHours = speak('What are your opening hours?', 'opening-hours');
  saturday = speak('And are you open on Saturday?', 'saturday');
  fake = new FakeSpeechServer();
  fake.transcripts.set(sha(openingHours), ' What are your opening hours?');
  fake.transcripts.set(sha(saturday), 'And are you open on Saturday?');
  baseUrl = await fake.start();

  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  await allowLocal(h.core, owner, baseUrl);
  // the shop's own opening hours, which the bike template answers with (issue 14's business profile)
  await expectOk(h.core, 'profile.save', pedalHours, owner.call);
  const agent = await expectOk(
    h.core,
    'agents.create',
    { templateId: 'bike-shop-repairs', language: 'en' },
    owner.call,
  );
  agentId = agent.id;
  await expectOk(h.core, 'agents.deploy', { agentId }, owner.call);
  const channel = await expectOk(
    h.core,
    'channels.save',
    { agentId, kind: 'web', name: 'Website chat', allowedOrigins: ['https://www.pedal.test'], voice: true },
    owner.call,
  );
  publicId = channel.publicId;
  const quiet = await expectOk(
    h.core,
    'channels.save',
    { agentId, kind: 'web', name: 'Typing only', allowedOrigins: [], voice: false },
    owner.call,
  );
  quietId = quiet.publicId;
  host = await startHost(h.core, { port: 0 });
}, 60_000);

afterAll(async () => {
  await host?.close();
  h?.close();
  await fake?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface VoiceAnswer {
  conversationId: string;
  visitorToken: string;
  transcript: string;
  replies: { text: string; audioUrl?: string }[];
}

async function postVoice(
  audio: Buffer | string,
  options: {
    id?: string;
    type?: string;
    conversationId?: string;
    visitorToken?: string;
    origin?: string;
  } = {},
) {
  const query = new URLSearchParams();
  if (options.conversationId) query.set('conversationId', options.conversationId);
  if (options.visitorToken) query.set('visitorToken', options.visitorToken);
  const response = await fetch(`${host.url}/api/public/channels/${options.id ?? publicId}/voice?${query}`, {
    method: 'POST',
    headers: {
      'content-type': options.type ?? 'audio/wav',
      ...(options.origin ? { origin: options.origin } : {}),
    },
    body: audio,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

async function saveProvider(voice: {
  transcriptionModel: string | null;
  speechModel: string | null;
  speechVoice: string | null;
}) {
  const provider = await expectOk(
    h.core,
    'providers.save',
    {
      ...(providerId ? { id: providerId } : {}),
      kind: 'compatible',
      name: 'Whisper on this computer',
      baseUrl,
      apiKey: 'sk-local-voice-key-123',
      models: ['gpt-4o-mini'],
      voice,
    },
    owner.call,
  );
  providerId = provider.id;
  return provider;
}

describe('voice through the public API', () => {
  it('refuses voice while the business has no transcription provider (reason voice_unavailable)', async () => {
    const answer = await postVoice(openingHours);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: { code: 'CONFLICT', reason: 'voice_unavailable' } });
    expect(fake.transcriptions).toHaveLength(0);
    // a provider for chat only is still no transcription provider
    await saveProvider({ transcriptionModel: null, speechModel: null, speechVoice: null });
    expect((await postVoice(openingHours)).body).toEqual({
      error: { code: 'CONFLICT', reason: 'voice_unavailable' },
    });
  });

  it('turns an espeak-ng WAV into a transcript, a run of the agent and a spoken reply', async () => {
    const provider = await saveProvider({
      transcriptionModel: 'whisper-1',
      speechModel: 'tts-1',
      speechVoice: 'nova',
    });
    expect(provider.voice).toEqual({
      transcriptionModel: 'whisper-1',
      speechModel: 'tts-1',
      speechVoice: 'nova',
    });

    const answer = await postVoice(openingHours, { origin: 'https://www.pedal.test' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://www.pedal.test');
    const body = answer.body as unknown as VoiceAnswer;
    expect(body.transcript).toBe('What are your opening hours?');
    expect(body.visitorToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(body.replies).toHaveLength(1);
    const reply = body.replies[0]!;
    // the bike shop's opening hours, from its knowledge
    expect(reply.text).toMatch(/08:30/);
    expect(reply.text).toMatch(/18:00/);

    // the provider got the very WAV espeak-ng made, as a file for whisper-1, with the key
    expect(fake.transcriptions).toHaveLength(1);
    const seen = fake.transcriptions[0]!;
    expect(seen).toMatchObject({
      model: 'whisper-1',
      responseFormat: 'verbose_json',
      language: null,
      fileName: 'speech.wav',
      fileType: 'audio/wav',
      sha: sha(openingHours),
      authorization: 'Bearer sk-local-voice-key-123',
    });
    // the reply was spoken by the provider's speech model
    expect(fake.speeches).toEqual([{ model: 'tts-1', voice: 'nova', input: reply.text }]);

    // a run of the agent answered, and the conversation keeps the call log
    const items: RunSummary[] = (await expectOk(h.core, 'runs.list', { agentId }, owner.call)).runs;
    expect(items.length).toBe(1);
    expect(items[0]!.status).toBe('succeeded');
    const thread = await expectOk(
      h.core,
      'conversations.get',
      { conversationId: body.conversationId },
      owner.call,
    );
    const [said, answered] = thread.messages;
    expect(said).toMatchObject({
      role: 'customer',
      text: 'What are your opening hours?',
      intent: 'opening_hours',
    });
    expect(said!.sentiment).not.toBeNull();
    const meta = said!.meta as Record<string, unknown>;
    expect(meta).toMatchObject({
      kind: 'voice',
      transcript: 'What are your opening hours?',
      audioType: 'audio/wav',
      audioBytes: openingHours.length,
      transcriptionModel: 'whisper-1',
    });
    expect(meta.durationMs).toBe(Math.round(wavSeconds(openingHours) * 1000));
    expect(meta.durationMs as number).toBeGreaterThan(800);
    expect(answered).toMatchObject({ role: 'agent', text: reply.text, runId: items[0]!.id });

    // the spoken reply: only with the visitor's token, and only once
    expect(reply.audioUrl).toMatch(new RegExp(`^/api/public/channels/${publicId}/audio/[A-Za-z0-9_-]{32}$`));
    const audioUrl = `${host.url}${reply.audioUrl}`;
    expect((await fetch(audioUrl)).status).toBe(404);
    expect((await fetch(audioUrl, { headers: { 'x-visitor-token': 'x'.repeat(32) } })).status).toBe(404);
    const elsewhere = reply.audioUrl!.replace(publicId, quietId);
    expect(
      (await fetch(`${host.url}${elsewhere}`, { headers: { 'x-visitor-token': body.visitorToken } })).status,
    ).toBe(404);
    const spoken = await fetch(audioUrl, { headers: { 'x-visitor-token': body.visitorToken } });
    expect(spoken.status).toBe(200);
    expect(spoken.headers.get('content-type')).toBe('audio/wav');
    expect(spoken.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await spoken.arrayBuffer());
    expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wavSeconds(bytes)).toBeGreaterThan(1);
    const again = await fetch(audioUrl, { headers: { 'x-visitor-token': body.visitorToken } });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: 'NOT_FOUND', reason: 'audio_not_found' } });
  }, 60_000);

  it('continues the visitor’s conversation by voice, with its language as the hint; a stranger gets 404 and nothing is sent out', async () => {
    const first = (await postVoice(openingHours)).body as unknown as VoiceAnswer;
    const before = fake.transcriptions.length;
    const next = await postVoice(saturday, {
      conversationId: first.conversationId,
      visitorToken: first.visitorToken,
    });
    expect(next.status, next.text).toBe(200);
    const body = next.body as unknown as VoiceAnswer;
    expect(body.conversationId).toBe(first.conversationId);
    expect(body.transcript).toBe('And are you open on Saturday?');
    expect(body.replies[0]!.text).toMatch(/09:00/);
    expect(fake.transcriptions.at(-1)!.language).toBe('en');
    expect(fake.transcriptions.length).toBe(before + 1);

    // another visitor's token, or none, for that conversation: as if it did not exist, and no transcription paid for
    for (const visitorToken of [undefined, 'someone-else-entirely-0123456789']) {
      const stranger = await postVoice(saturday, {
        conversationId: first.conversationId,
        ...(visitorToken ? { visitorToken } : {}),
      });
      expect(stranger.status).toBe(404);
      expect(stranger.body).toEqual({ error: { code: 'NOT_FOUND', reason: 'conversation_not_found' } });
    }
    expect(fake.transcriptions.length).toBe(before + 1);
  }, 60_000);

  it('without a speech model the reply has no audioUrl (the browser speaks it)', async () => {
    await saveProvider({ transcriptionModel: 'whisper-1', speechModel: null, speechVoice: null });
    const speeches = fake.speeches.length;
    const answer = await postVoice(openingHours);
    expect(answer.status, answer.text).toBe(200);
    const body = answer.body as unknown as VoiceAnswer;
    expect(body.replies.length).toBeGreaterThan(0);
    expect(body.replies.every((reply) => reply.audioUrl === undefined)).toBe(true);
    expect(fake.speeches.length).toBe(speeches);
  }, 60_000);

  it('takes voice on the public listener of serve --public-port too (a recording above its 64 KB JSON cap)', async () => {
    expect(openingHours.length).toBeGreaterThan(64 * 1024);
    const door = await startPublicHost(h.core, { port: 0 });
    try {
      const response = await fetch(`${door.url}/api/public/channels/${publicId}/voice`, {
        method: 'POST',
        headers: { 'content-type': 'audio/wav' },
        body: openingHours,
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as VoiceAnswer;
      expect(body.transcript).toBe('What are your opening hours?');
      expect(body.replies[0]!.text).toMatch(/08:30/);
    } finally {
      await door.close();
    }
  }, 60_000);

  it('refuses what is not a recording it can use, before any server hears it', async () => {
    const before = fake.transcriptions.length;
    const flac = await postVoice(openingHours, { type: 'audio/flac' });
    expect(flac.status).toBe(415);
    expect(flac.body).toEqual({ error: { code: 'VALIDATION', reason: 'unsupported_media_type' } });
    const notWav = await postVoice(Buffer.from('this is not a wave file at all, only words'), {
      type: 'audio/wav',
    });
    expect(notWav.status).toBe(400);
    expect(notWav.body).toEqual({ error: { code: 'VALIDATION', reason: 'audio_unreadable' } });
    const big = await postVoice(Buffer.concat([openingHours, Buffer.alloc(2 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ error: { code: 'VALIDATION', reason: 'body_too_large' } });
    const off = await postVoice(openingHours, { id: quietId });
    expect(off.status).toBe(409);
    expect(off.body).toEqual({ error: { code: 'CONFLICT', reason: 'voice_off' } });
    expect(fake.transcriptions.length).toBe(before);
  });

  it('says nothing was heard for silence, and never passes on what a failing server wrote', async () => {
    const silence = speak(' ', 'silence');
    const quiet = await postVoice(silence);
    expect(quiet.status).toBe(400);
    expect(quiet.body).toEqual({ error: { code: 'VALIDATION', reason: 'no_speech' } });

    fake.failWith = 500;
    try {
      const failed = await postVoice(openingHours);
      expect(failed.status).toBe(503);
      expect(failed.body).toEqual({ error: { code: 'UNAVAILABLE', reason: 'transcription_failed' } });
      expect(failed.text).not.toContain('SECRET-SERVER-WORDS');
    } finally {
      fake.failWith = null;
    }
  });

  it('stops offering voice when the provider goes (reason voice_unavailable; typing still works)', async () => {
    await expectOk(h.core, 'providers.delete', { providerId }, owner.call);
    const answer = await postVoice(openingHours);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: { code: 'CONFLICT', reason: 'voice_unavailable' } });
    const typed = await fetch(`${host.url}/api/public/channels/${publicId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'What are your opening hours?' }),
    });
    expect(typed.status).toBe(200);
    const replies = ((await typed.json()) as { replies: { text: string }[] }).replies;
    expect(replies[0]!.text).toMatch(/08:30/);
  }, 60_000);
});
