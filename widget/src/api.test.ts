import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ChannelApi, problemOf } from './api';

// The widget's API client against a real HTTP server that speaks the public channel API (the network
// is the only thing in between): streaming, the plain fallback, and what each failure is called.

type Route = (request: IncomingMessage, body: string, response: ServerResponse) => void | Promise<void>;
const routes = new Map<string, Route>();
const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
let origin = '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sse = (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  return (event: string, data: unknown) =>
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
};
const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    seen.push({ url: request.url ?? '', headers: request.headers, body });
    const route = routes.get(`${request.method} ${(request.url ?? '').split('?')[0]}`);
    if (route) await route(request, body, response);
    else json(response, 404, { error: { code: 'NOT_FOUND' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const base = '/api/public/channels/shop';
const record = () => {
  const calls: string[] = [];
  return {
    calls,
    on: {
      start: (ids: { conversationId: string; visitorToken: string }) =>
        calls.push(`start ${ids.conversationId} ${ids.visitorToken}`),
      delta: (text: string) => calls.push(`delta ${text}`),
      reply: (text: string) => calls.push(`reply ${text}`),
    },
  };
};

describe('the public channel API client', () => {
  it('hands on each piece of a reply as soon as the server writes it', async () => {
    routes.clear();
    let firstPieceSeen = () => {};
    const seenFirst = new Promise<void>((resolve) => (firstPieceSeen = resolve));
    routes.set(`POST ${base}/messages/stream`, async (_request, _body, response) => {
      const send = sse(response);
      send('start', { conversationId: 'c1', visitorToken: 't1' });
      send('delta', { text: 'We ' });
      // the rest only once the client has shown the first piece: a client that waited for the whole
      // answer would hear "(too late)" here
      const inTime = await Promise.race([seenFirst.then(() => true), sleep(3000).then(() => false)]);
      if (!inTime) send('delta', { text: '(too late) ' });
      for (const piece of ['open at ', '9 on Saturday.']) {
        send('delta', { text: piece });
        await sleep(10);
      }
      send('reply', { text: 'We open at 9 on Saturday.' });
      send('done', {});
      response.end();
    });
    const { calls, on } = record();
    await new ChannelApi(origin, 'shop').send(
      { text: 'And on Saturday?', conversationId: 'c1', visitorToken: 't1' },
      {
        ...on,
        delta: (text) => {
          on.delta(text);
          firstPieceSeen();
        },
      },
    );
    expect(calls).toEqual([
      'start c1 t1',
      'delta We ',
      'delta open at ',
      'delta 9 on Saturday.',
      'reply We open at 9 on Saturday.',
    ]);
    const request = seen.at(-1)!;
    expect(JSON.parse(request.body)).toEqual({
      text: 'And on Saturday?',
      conversationId: 'c1',
      visitorToken: 't1',
    });
    expect(request.headers.accept).toBe('text/event-stream');
    expect(request.headers.cookie).toBeUndefined();
  });

  it('uses the plain POST when the server has no streaming variant', async () => {
    routes.clear();
    routes.set(`POST ${base}/messages`, (_request, _body, response) =>
      json(response, 200, {
        conversationId: 'c2',
        visitorToken: 't2',
        replies: [{ text: 'Hi!' }, { text: 'Anything else?' }],
      }),
    );
    const { calls, on } = record();
    await new ChannelApi(origin, 'shop').send({ text: 'Hello' }, on);
    expect(calls).toEqual(['start c2 t2', 'reply Hi!', 'reply Anything else?']);
    expect(seen.slice(-2).map((r) => r.url)).toEqual([`${base}/messages/stream`, `${base}/messages`]);
  });

  it('says what went wrong: rate limits, too long, an error event, a cut stream, no network', async () => {
    const api = new ChannelApi(origin, 'shop');
    const problem = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      return (error as ApiError).problem;
    };
    const { on } = record();
    routes.clear();
    routes.set(`POST ${base}/messages/stream`, (_q, _b, response) =>
      json(response, 429, { error: { code: 'RATE_LIMITED', reason: 'rate_limited' } }),
    );
    expect(await problem(api.send({ text: 'x' }, on))).toBe('rateLimited');
    routes.set(`POST ${base}/messages/stream`, (_q, _b, response) =>
      json(response, 400, { error: { code: 'VALIDATION', reason: 'message_too_long' } }),
    );
    expect(await problem(api.send({ text: 'x' }, on))).toBe('tooLong');
    routes.set(`POST ${base}/messages/stream`, (_q, _b, response) => {
      const send = sse(response);
      send('start', { conversationId: 'c', visitorToken: 't' });
      send('error', { reason: 'rate_limited' });
      response.end();
    });
    expect(await problem(api.send({ text: 'x' }, on))).toBe('rateLimited');
    routes.set(`POST ${base}/messages/stream`, (_q, _b, response) => {
      sse(response)('start', { conversationId: 'c', visitorToken: 't' });
      response.end();
    });
    expect(await problem(api.send({ text: 'x' }, on))).toBe('failed');
    routes.set(`POST ${base}/messages/stream`, (_q, _b, response) =>
      json(response, 500, { error: { code: 'INTERNAL' } }),
    );
    expect(await problem(api.send({ text: 'x' }, on))).toBe('failed');
    // a 500 is not "no streaming variant": the message is not sent a second time
    expect(seen.at(-1)!.url).toBe(`${base}/messages/stream`);
    expect(await problem(new ChannelApi('http://127.0.0.1:9', 'shop').settings())).toBe('offline');
  });

  it('restores a conversation with the visitor token, and answers null when the token does not own it', async () => {
    routes.clear();
    routes.set(`GET ${base}/conversations/c1`, (request, _body, response) =>
      request.headers['x-visitor-token'] === 't1'
        ? json(response, 200, { conversationId: 'c1', status: 'open', language: 'nb', messages: [] })
        : json(response, 404, { error: { code: 'NOT_FOUND' } }),
    );
    const api = new ChannelApi(origin, 'shop');
    expect(await api.conversation('c1', 't1')).toMatchObject({ conversationId: 'c1', language: 'nb' });
    expect(await api.conversation('c1', 'someone-else')).toBeNull();
  });

  it('sends audio for a voice turn, and says when the business has no voice', async () => {
    routes.clear();
    routes.set(`POST ${base}/voice`, (request, body, response) =>
      request.headers['content-type'] === 'audio/webm' && body === 'RIFF'
        ? json(response, 400, { error: { code: 'UNAVAILABLE', reason: 'voice_unavailable' } })
        : json(response, 400, { error: { code: 'VALIDATION' } }),
    );
    const error = await new ChannelApi(origin, 'shop')
      .voice(new Blob(['RIFF'], { type: 'audio/webm' }), { conversationId: 'c1', visitorToken: 't1' })
      .catch((e: unknown) => e);
    expect((error as ApiError).problem).toBe('voiceUnavailable');
    expect(seen.at(-1)!.url).toBe(`${base}/voice?conversationId=c1&visitorToken=t1`);
  });
});

describe('problemOf', () => {
  it('names each failure the visitor can be told about', () => {
    expect(problemOf({ network: true })).toBe('offline');
    expect(problemOf({ status: 429 })).toBe('rateLimited');
    expect(problemOf({ status: 413 })).toBe('tooLong');
    expect(problemOf({ status: 413, voice: true })).toBe('voiceTooLong');
    expect(problemOf({ status: 400, reason: 'audio_too_large', voice: true })).toBe('voiceTooLong');
    expect(problemOf({ status: 400, reason: 'voice_unavailable' })).toBe('voiceUnavailable');
    expect(problemOf({ status: 404, code: 'NOT_FOUND' })).toBe('unavailable');
    expect(problemOf({ status: 500, code: 'INTERNAL' })).toBe('failed');
  });
});
