import { SseParser } from './sse';
import type { TextKey } from './texts';
import type { PageTouch } from './touch';

/** GET /api/public/channels/<publicId>: the channel as its widget shows it. */
export interface ChannelSettings {
  publicId: string;
  name: string;
  greeting: string;
  colour: string;
  logoUrl: string | null;
  languages: string[];
  defaultLanguage: string;
  voice: boolean;
  open: boolean;
}

export type Role = 'customer' | 'agent' | 'person' | 'system';

export interface ConversationMessage {
  id: string;
  role: Role;
  text: string;
  at: string;
}

export interface Conversation {
  conversationId: string;
  status: string;
  /** Who answers now: the agent, or a person who took the conversation over (their replies come in by polling). */
  handler?: 'agent' | 'person';
  language: string;
  messages: ConversationMessage[];
}

export interface Reply {
  text: string;
  audioUrl?: string;
}

export interface VoiceAnswer {
  conversationId: string;
  visitorToken: string;
  transcript: string;
  replies: Reply[];
}

/** What went wrong with a call, as the visitor is told: the text's key. */
export class ApiError extends Error {
  constructor(
    readonly problem: TextKey,
    readonly reason?: string,
    readonly status?: number,
  ) {
    super(reason ?? problem);
  }
}

/** The longest message the public API takes. */
export const maxMessageLength = 4000;

/**
 * The sentence for a failed call: from the HTTP status and the error's code and reason (the public
 * API's `{ error: { code, reason } }`, or an SSE `error` event's `{ reason }`), or a network failure.
 */
export function problemOf(failure: {
  network?: boolean;
  status?: number;
  code?: string;
  reason?: string;
  voice?: boolean;
}): TextKey {
  const reason = failure.reason ?? '';
  if (failure.network) return 'offline';
  if (reason === 'voice_unavailable') return 'voiceUnavailable';
  if (failure.status === 429 || failure.code === 'RATE_LIMITED' || reason.includes('rate_limit'))
    return 'rateLimited';
  if (failure.status === 413 || /too_(long|large|big)/.test(reason))
    return failure.voice ? 'voiceTooLong' : 'tooLong';
  if (reason.includes('no_speech') || reason.includes('empty_transcript')) return 'voiceNotHeard';
  if (failure.status === 404 || failure.code === 'NOT_FOUND') return 'unavailable';
  return 'failed';
}

export interface StreamHandlers {
  start(ids: { conversationId: string; visitorToken: string }): void;
  delta(text: string): void;
  reply(text: string): void;
}

/** The public channel API of one channel, called without cookies from any page. */
export class ChannelApi {
  private readonly base: string;

  constructor(origin: string, publicId: string) {
    this.base = `${origin}/api/public/channels/${encodeURIComponent(publicId)}`;
  }

  private async call(path: string, init: RequestInit = {}, voice = false): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(this.base + path, { ...init, credentials: 'omit', mode: 'cors' });
    } catch {
      throw new ApiError('offline');
    }
    if (!response.ok) {
      let error: { code?: string; reason?: string } = {};
      try {
        error = ((await response.json()) as { error?: typeof error }).error ?? {};
      } catch {
        // not a JSON error: the status says enough
      }
      throw new ApiError(
        problemOf({ status: response.status, ...error, voice }),
        error.reason,
        response.status,
      );
    }
    return response;
  }

  private static json(body: unknown): RequestInit {
    return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }

  async settings(): Promise<ChannelSettings> {
    return (await this.call('')).json() as Promise<ChannelSettings>;
  }

  /** The conversation, or null when this token does not (or no longer) own it. */
  async conversation(conversationId: string, visitorToken: string): Promise<Conversation | null> {
    try {
      const response = await this.call(`/conversations/${encodeURIComponent(conversationId)}`, {
        headers: { 'x-visitor-token': visitorToken },
      });
      return (await response.json()) as Conversation;
    } catch (error) {
      if (error instanceof ApiError && error.problem === 'unavailable') return null;
      throw error;
    }
  }

  async rate(conversationId: string, visitorToken: string, rating: 'up' | 'down'): Promise<void> {
    await this.call(
      `/conversations/${encodeURIComponent(conversationId)}/rating`,
      ChannelApi.json({ visitorToken, rating }),
    );
  }

  /**
   * Sends a message and hands the answer to `on` as it comes: through the streaming variant, read with
   * fetch and a ReadableStream; through the plain POST when the server has no streaming variant.
   */
  async send(
    body: {
      text: string;
      conversationId?: string;
      visitorToken?: string;
      language?: string;
      touch?: PageTouch;
    },
    on: StreamHandlers,
  ): Promise<void> {
    let response: Response;
    try {
      response = await this.call('/messages/stream', {
        ...ChannelApi.json(body),
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      });
    } catch (error) {
      // 404/405/501 without a reason: nothing was taken in, and this server answers only the plain POST
      if (!(error instanceof ApiError) || ![404, 405, 501].includes(error.status ?? 0) || error.reason)
        throw error;
      response = await this.call('/messages', ChannelApi.json(body));
    }
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const answer = (await response.json()) as {
        conversationId: string;
        visitorToken: string;
        replies: Reply[];
      };
      on.start(answer);
      for (const reply of answer.replies ?? []) on.reply(reply.text);
      return;
    }
    await readEvents(response, on);
  }

  async voice(audio: Blob, ids: { conversationId?: string; visitorToken?: string }): Promise<VoiceAnswer> {
    const query = new URLSearchParams();
    if (ids.conversationId) query.set('conversationId', ids.conversationId);
    if (ids.visitorToken) query.set('visitorToken', ids.visitorToken);
    const response = await this.call(
      `/voice?${query}`,
      { method: 'POST', headers: { 'content-type': audio.type || 'audio/webm' }, body: audio },
      true,
    );
    return response.json() as Promise<VoiceAnswer>;
  }
}

/** Reads an event stream to its `done` (or its end), handing each event to `on`. */
async function readEvents(response: Response, on: StreamHandlers): Promise<void> {
  const parser = new SseParser();
  let finished = false;
  let heard = false;
  const handle = (text: string) => {
    for (const { event, data } of parser.push(text)) {
      let value: { text?: string; reason?: string; conversationId?: string; visitorToken?: string } = {};
      try {
        value = JSON.parse(data) as typeof value;
      } catch {
        continue;
      }
      if (event === 'start' && value.conversationId && value.visitorToken)
        on.start({ conversationId: value.conversationId, visitorToken: value.visitorToken });
      else if (event === 'delta' && typeof value.text === 'string') on.delta(value.text);
      else if (event === 'reply' && typeof value.text === 'string') on.reply(value.text);
      else if (event === 'error') throw new ApiError(problemOf({ reason: value.reason }), value.reason);
      else if (event === 'done') finished = true;
      heard ||= event === 'delta' || event === 'reply';
    }
  };
  const decoder = new TextDecoder();
  if (!response.body) handle(await response.text());
  else {
    const reader = response.body.getReader();
    try {
      while (!finished) {
        const { value, done } = await reader.read();
        if (done) break;
        handle(decoder.decode(value, { stream: true }));
      }
      handle(decoder.decode());
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (!heard) throw new ApiError('offline');
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }
  if (!finished && !heard) throw new ApiError('failed');
}
