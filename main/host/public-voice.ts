import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core, PublicRefusal } from '../core';

/**
 * Voice on the channels' public door (issue 13, part 5), registered inside the public door's scope
 * (public-door.ts), so it has the same CORS, per-IP limit, channel check and error format:
 *
 *   POST /api/public/channels/:publicId/voice?conversationId=&visitorToken=   raw audio (audio/*), ≤ 2 MB
 *        → { conversationId, visitorToken, transcript, replies: [{ text, audioUrl? }] }
 *   GET  /api/public/channels/:publicId/audio/:clipId                          a spoken reply, once
 *        (the visitor token in x-visitor-token, or ?visitorToken=)
 *
 * The visitor token may come in the query (the agreed API: the body is the audio) or the
 * x-visitor-token header. A voice turn counts against the visitor's and the channel's allowance
 * like a typed message.
 */

export interface PublicVoiceHelpers {
  /** The visitor's and the channel's allowance for a message; the retry time in seconds when refused. */
  allowance(request: FastifyRequest, publicId: string, visitorToken: unknown): number | null;
  /** The public API's error answer. */
  sendError(
    reply: FastifyReply,
    error: Pick<PublicRefusal, 'code' | 'reason'> & { retryAfterSeconds?: number },
    status?: number,
  ): FastifyReply;
  /** The body cap of a recording. */
  bodyLimit: number;
}

type VoiceParams = { publicId: string };
type AudioParams = { publicId: string; clipId: string };

/** A query or header value that is a non-empty string of sane length, else undefined. */
function text(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' && first.length > 0 && first.length <= 200 ? first : undefined;
}

const statusOfReason: Record<string, number> = { unsupported_media_type: 415, body_too_large: 413 };

export function registerPublicVoice(scope: FastifyInstance, core: Core, helpers: PublicVoiceHelpers): void {
  const { publicDoor } = core;
  const base = '/api/public/channels/:publicId';

  scope.post<{ Params: VoiceParams }>(
    `${base}/voice`,
    { bodyLimit: helpers.bodyLimit },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const visitorToken = text(query.visitorToken) ?? text(request.headers['x-visitor-token']);
      const conversationId = text(query.conversationId);
      const retry = helpers.allowance(request, request.params.publicId, visitorToken);
      if (retry !== null)
        return helpers.sendError(reply, {
          code: 'RATE_LIMITED',
          reason: 'rate_limited',
          retryAfterSeconds: retry,
        });
      // the audio parser hands the body over as it is; anything else (JSON, a form) is not a recording
      const audio = Buffer.isBuffer(request.body) ? request.body : null;
      if (!audio)
        return helpers.sendError(reply, { code: 'VALIDATION', reason: 'unsupported_media_type' }, 415);
      const answer = await publicDoor.voice(request.params.publicId, {
        audio,
        contentType: request.headers['content-type'],
        conversationId,
        visitorToken,
      });
      if (!answer.ok) return helpers.sendError(reply, answer.error, statusOfReason[answer.error.reason]);
      return reply.send(answer.data);
    },
  );

  scope.get<{ Params: AudioParams }>(`${base}/audio/:clipId`, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const visitorToken = text(request.headers['x-visitor-token']) ?? text(query.visitorToken);
    const clip = publicDoor.audio(request.params.publicId, request.params.clipId, visitorToken);
    // not there, not any more, or not this visitor's: the same answer
    if (!clip) return helpers.sendError(reply, { code: 'NOT_FOUND', reason: 'audio_not_found' });
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Length', String(clip.audio.length))
      .type(clip.mimeType)
      .send(clip.audio);
  });
}
