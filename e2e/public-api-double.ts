import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

// A small HTTP server that speaks the agreed public channel API (/tmp/work/public-api.md, the
// contract of issue 13) and serves the built widget (dist/widget), for driving the widget in a real
// browser where the served host cannot make the answer needed (a rate limit, voice, a stream held
// open). CORS only for the channel's allowed origins, as the real public door.

export interface DoubleChannel {
  publicId: string;
  name: string;
  greeting: string;
  colour: string;
  logoUrl: string | null;
  languages: string[];
  defaultLanguage: string;
  voice: boolean;
  open: boolean;
  allowedOrigins: string[];
}

interface DoubleConversation {
  id: string;
  publicId: string;
  visitorToken: string;
  language: string;
  status: 'open' | 'waiting_for_person' | 'closed';
  rating: 'up' | 'down' | null;
  messages: { id: string; role: 'customer' | 'agent' | 'person'; text: string; at: string }[];
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** A JSON body as text ('' for others). */
  body: string;
}

export interface PublicApiDouble {
  url: string;
  channels: Map<string, DoubleChannel>;
  conversations: Map<string, DoubleConversation>;
  seen: SeenRequest[];
  /** Answers the next message posts with 429 RATE_LIMITED while set. */
  rateLimited: boolean;
  /** While set, a stream stops after its first piece until `release()` is called. */
  holdStreams: boolean;
  release(): void;
  /** What the voice endpoint answers: a transcript, or voice switched off for the business. */
  voice: { transcript: string } | 'unavailable';
  /** The agent's answer to a customer's text; null: it could not answer (the conversation waits for a person). */
  answer(text: string, language: string): string | null;
  close(): Promise<void>;
}

const root = join(__dirname, '..');

/** Very rough: Norwegian and Dutch words give the language, else English. */
function detect(text: string): string {
  if (/\b(hei|jeg|og|på|hva|når|sykkel|åpent|har|dere)\b/i.test(text)) return 'nb';
  if (/\b(hoi|ik|wat|wanneer|fiets|jullie|zaterdag)\b/i.test(text)) return 'nl';
  return 'en';
}

const answers: Record<string, string> = {
  en: 'We are open Monday to Saturday from 9 to 17. On Saturday we close at 15.',
  nl: 'We zijn open van maandag tot zaterdag van 9 tot 17 uur. Op zaterdag sluiten we om 15 uur.',
  nb: 'Vi har åpent mandag til lørdag fra 9 til 17. På lørdag stenger vi klokka 15.',
};

/** The double's agent: the opening hours, in the conversation's language. */
export const answerOf = (_text: string, language: string): string | null => answers[language] ?? answers.en!;

export async function startPublicApiDouble(channels: DoubleChannel[]): Promise<PublicApiDouble> {
  let releaseHeld: () => void = () => {};
  let held = new Promise<void>((resolve) => (releaseHeld = resolve));
  const double: PublicApiDouble = {
    url: '',
    channels: new Map(channels.map((channel) => [channel.publicId, channel])),
    conversations: new Map(),
    seen: [],
    rateLimited: false,
    holdStreams: false,
    release() {
      releaseHeld();
      held = new Promise<void>((resolve) => (releaseHeld = resolve));
    },
    voice: 'unavailable',
    answer: answerOf,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(JSON.stringify(body));
  };
  const problem = (response: ServerResponse, status: number, code: string, reason: string) =>
    json(response, status, { error: { code, reason } });

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://double');
    const path = url.pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const isJson = String(request.headers['content-type'] ?? '').startsWith('application/json');
    double.seen.push({
      method: request.method ?? '',
      path,
      headers: request.headers,
      body: isJson ? raw.toString() : '',
    });

    if (request.method === 'GET' && path === '/widget.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return response.end(readFileSync(join(root, 'dist', 'widget', 'widget.js')));
    }
    if (request.method === 'GET' && /^\/c\/[^/]+\/?$/.test(path)) {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; frame-ancestors 'none'",
      });
      return response.end(readFileSync(join(root, 'dist', 'widget', 'chat.html')));
    }
    if (request.method === 'GET' && path === '/logo.svg') {
      response.writeHead(200, { 'content-type': 'image/svg+xml', 'access-control-allow-origin': '*' });
      return response.end(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" fill="#1b1b1b"/><circle cx="12" cy="24" r="6" fill="none" stroke="#ffd200" stroke-width="3"/><circle cx="28" cy="24" r="6" fill="none" stroke="#ffd200" stroke-width="3"/><path d="M12 24l6-10h8l2 10" fill="none" stroke="#ffd200" stroke-width="3"/></svg>',
      );
    }

    const match = /^\/api\/public\/channels\/([^/]+)(\/.*)?$/.exec(path);
    const channel = match ? double.channels.get(decodeURIComponent(match[1]!)) : undefined;
    // the hosted chat page (/c/<publicId>) calls from the server's own origin
    const origin = request.headers.origin === double.url ? undefined : request.headers.origin;
    if (origin && channel && channel.allowedOrigins.includes(origin)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
    }
    if (request.method === 'OPTIONS') {
      if (!origin || !channel || !channel.allowedOrigins.includes(origin))
        return problem(response, 403, 'FORBIDDEN', 'origin_not_allowed');
      response.writeHead(204, {
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, x-visitor-token, accept',
        'access-control-max-age': '600',
      });
      return response.end();
    }
    if (!match || !channel) return problem(response, 404, 'NOT_FOUND', 'not_found');
    if (origin && !channel.allowedOrigins.includes(origin))
      return problem(response, 403, 'FORBIDDEN', 'origin_not_allowed');
    const rest = match[2] ?? '';

    if (request.method === 'GET' && rest === '') {
      const { allowedOrigins: _hidden, ...settings } = channel;
      return json(response, 200, settings);
    }

    const owned = (id: string | null | undefined, token: string | null | undefined) => {
      const conversation = id ? double.conversations.get(id) : undefined;
      return conversation && conversation.publicId === channel.publicId && conversation.visitorToken === token
        ? conversation
        : undefined;
    };
    const conversationFor = (id?: string, token?: string, firstText = '') => {
      if (id) return owned(id, token);
      const conversation: DoubleConversation = {
        id: randomUUID(),
        publicId: channel.publicId,
        visitorToken: token && token.length >= 22 ? token : randomBytes(18).toString('base64url'),
        language: detect(firstText),
        status: 'open',
        rating: null,
        messages: [],
      };
      double.conversations.set(conversation.id, conversation);
      return conversation;
    };
    const now = () => new Date().toISOString();

    const conversationPath = /^\/conversations\/([^/]+)(\/rating)?$/.exec(rest);
    if (request.method === 'GET' && conversationPath && !conversationPath[2]) {
      const conversation = owned(
        decodeURIComponent(conversationPath[1]!),
        request.headers['x-visitor-token'] as string,
      );
      if (!conversation) return problem(response, 404, 'NOT_FOUND', 'not_found');
      return json(response, 200, {
        conversationId: conversation.id,
        status: conversation.status,
        language: conversation.language,
        messages: conversation.messages,
      });
    }
    if (request.method === 'POST' && conversationPath?.[2]) {
      const body = JSON.parse(raw.toString() || '{}') as { visitorToken?: string; rating?: string };
      const conversation = owned(decodeURIComponent(conversationPath[1]!), body.visitorToken);
      if (!conversation) return problem(response, 404, 'NOT_FOUND', 'not_found');
      if (body.rating !== 'up' && body.rating !== 'down')
        return problem(response, 400, 'VALIDATION', 'invalid_value');
      conversation.rating = body.rating;
      return json(response, 200, { ok: true });
    }

    if (request.method === 'POST' && (rest === '/messages' || rest === '/messages/stream')) {
      let body: { text?: unknown; conversationId?: string; visitorToken?: string };
      try {
        body = JSON.parse(raw.toString()) as typeof body;
      } catch {
        return problem(response, 400, 'VALIDATION', 'invalid_json');
      }
      if (typeof body.text !== 'string' || !body.text.trim())
        return problem(response, 400, 'VALIDATION', 'empty_message');
      if (body.text.length > 4000) return problem(response, 400, 'VALIDATION', 'message_too_long');
      if (double.rateLimited) return problem(response, 429, 'RATE_LIMITED', 'rate_limited');
      const conversation = conversationFor(body.conversationId, body.visitorToken, body.text);
      if (!conversation) return problem(response, 404, 'NOT_FOUND', 'not_found');
      conversation.messages.push({ id: randomUUID(), role: 'customer', text: body.text, at: now() });
      const reply = double.answer(body.text, conversation.language);
      if (reply === null) conversation.status = 'waiting_for_person';
      else conversation.messages.push({ id: randomUUID(), role: 'agent', text: reply, at: now() });
      const ids = { conversationId: conversation.id, visitorToken: conversation.visitorToken };
      const replies = reply === null ? [] : [{ text: reply }];
      if (rest === '/messages') return json(response, 200, { ...ids, status: conversation.status, replies });
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
      });
      const send = (event: string, data: unknown) =>
        response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send('start', ids);
      const words = reply === null ? [] : reply.split(/(?<= )/);
      for (const [i, word] of words.entries()) {
        send('delta', { text: word });
        if (i === 0 && double.holdStreams) await held;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      if (reply !== null) send('reply', { text: reply });
      send('done', {});
      return response.end();
    }

    if (request.method === 'POST' && rest === '/voice') {
      if (double.voice === 'unavailable') return problem(response, 400, 'UNAVAILABLE', 'voice_unavailable');
      if (raw.length === 0) return problem(response, 400, 'VALIDATION', 'empty_audio');
      const conversation = conversationFor(
        url.searchParams.get('conversationId') ?? undefined,
        url.searchParams.get('visitorToken') ?? undefined,
        double.voice.transcript,
      );
      if (!conversation) return problem(response, 404, 'NOT_FOUND', 'not_found');
      const reply = double.answer(double.voice.transcript, conversation.language) ?? '';
      conversation.messages.push(
        { id: randomUUID(), role: 'customer', text: double.voice.transcript, at: now() },
        { id: randomUUID(), role: 'agent', text: reply, at: now() },
      );
      return json(response, 200, {
        conversationId: conversation.id,
        visitorToken: conversation.visitorToken,
        transcript: double.voice.transcript,
        replies: [{ text: reply }],
      });
    }
    return problem(response, 404, 'NOT_FOUND', 'not_found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}

/**
 * A plain page of some business's website on its own origin (`localhost`, while the API is on
 * `127.0.0.1`: another site), embedding the widget of `publicId` from `apiOrigin`. Its CSP allows no
 * inline script or style, and its own styles would wreck a widget that shared them.
 */
export async function startEmbedSite(options: {
  apiOrigin: () => string;
  publicId: () => string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url === '/site.css') {
      response.writeHead(200, { 'content-type': 'text/css' });
      return response.end(
        '*{font-family:Georgia,serif!important;letter-spacing:.2em}body{margin:0;font-size:22px;color:#552;background:#fbf7ee}' +
          'button{background:lime!important;border:6px dashed purple!important;border-radius:0!important;width:300px}' +
          'div,p,section,form,textarea{border:3px solid orange;margin:12px;padding:20px;color:red}h1,h2{font-size:60px}' +
          'main{max-width:900px;margin:40px auto;padding:0 24px}',
      );
    }
    const api = options.apiOrigin();
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src 'self' ${api}; connect-src ${api}; img-src 'self' data: ${api}; style-src 'self'`,
    });
    response.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sykkelverksted Nord — bikes and repairs</title><link rel="stylesheet" href="/site.css"></head>
<body><main>
<h1>Sykkelverksted Nord</h1>
<p>Repairs, service and city bikes since 1994. Drop by the workshop or ask us anything in the chat.</p>
<p><a href="/prices">Prices</a> · <a href="/contact">Contact</a></p>
<button type="button" id="site-button">A button of the site</button>
</main>
<script src="${api}/widget.js" data-channel="${options.publicId()}" async></script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
