import { z } from 'zod';
import { publicIdSchema, type ErrorCode, type Language } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { PublicAnswer, PublicConversation, PublicRefusal } from '../../conversations/public-door';
import type { ReceiveInput, ReceiveResult } from '../../conversations/service';
import type { ChannelOfTenant } from '../service';
import { audioDurationMs, looksLike, maxVoiceBytes, voiceAudioType } from './audio';
import { ClipStore, type Clip, type ClipStoreOptions } from './clips';

/**
 * The tenant's voice provider as the voice channel uses it (the agents domain answers it from the
 * first provider with a transcription model; see agents/providers/provider-voices.ts).
 */
export interface VoiceProvider {
  /** The transcription model's name (kept in the call log). */
  transcriptionModel: string;
  /** Speech to text; throws on any failure (the reason is logged, never shown). */
  transcribe(input: {
    audio: Buffer;
    mimeType: string;
    language?: Language;
    signal: AbortSignal;
  }): Promise<{ text: string; durationMs: number | null }>;
  /** Text to speech; null when the provider has no speech model (the browser speaks instead). */
  speak: ((input: { text: string; signal: AbortSignal }) => Promise<Clip>) | null;
}

export interface VoiceProviders {
  /** The tenant's voice provider, or null when it has none. */
  find(tenantId: string): VoiceProvider | null;
}

/** A voice turn as the public door hands it in. */
export interface VoiceRequest {
  audio: Buffer;
  /** The request's Content-Type. */
  contentType: string | undefined;
  conversationId?: string | undefined;
  visitorToken?: string | undefined;
}

export interface PublicVoiceReply {
  conversationId: string;
  visitorToken: string;
  /** What the customer said, as the transcription server heard it. */
  transcript: string;
  /** Each reply with its spoken audio's address when the provider speaks (fetched once, with the visitor token). */
  replies: { text: string; audioUrl?: string }[];
}

/**
 * Voice on the channels' public door (issue 13, part 5): a recording in, the transcript, the
 * agent's replies and (when the provider has a speech model) their audio out. The host adds what
 * HTTP needs (CORS, rate limits, the body cap) and serves the audio at `audioPath`.
 */
export interface PublicVoiceDoor {
  voice(publicId: string, request: VoiceRequest): Promise<PublicAnswer<PublicVoiceReply>>;
  /** A spoken reply, once, for the visitor it was made for; null otherwise. */
  audio(publicId: string, clipId: string, visitorToken: string | undefined): Clip | null;
}

/** Where a spoken reply is fetched (relative to the door's origin). */
export const audioPath = (publicId: string, clipId: string): string =>
  `/api/public/channels/${encodeURIComponent(publicId)}/audio/${encodeURIComponent(clipId)}`;

const visitorTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);
const clipIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const transcribeTimeoutMs = 60_000;
const speakTimeoutMs = 60_000;
/** Replies spoken at most per turn (an agent rarely sends more than one or two). */
const maxSpokenReplies = 4;

const refusal = (code: ErrorCode, reason: string, message: string): { ok: false; error: PublicRefusal } => ({
  ok: false,
  error: { code, reason, message },
});

/** A failure's kind for the log: the provider's reason and status, never what its server wrote. */
function logged(error: unknown): Record<string, unknown> {
  const failure = error as { name?: unknown; reason?: unknown; status?: unknown };
  return {
    failure: typeof failure?.name === 'string' ? failure.name : 'Error',
    reason: typeof failure?.reason === 'string' ? failure.reason : null,
    status: typeof failure?.status === 'number' ? failure.status : null,
  };
}

export function createPublicVoiceDoor(deps: {
  channels: { byPublicId(publicId: string): ChannelOfTenant | null };
  providers: VoiceProviders;
  /** The visitor's own conversation (the website's public door); null when the token does not own it. */
  conversation(
    publicId: string,
    conversationId: string,
    visitorToken: string | undefined,
  ): PublicConversation | null;
  /** ConversationsService.receive: the one entry point of every channel transport. */
  receive(input: ReceiveInput): Promise<ReceiveResult>;
  logger: Logger;
  clips?: Partial<ClipStoreOptions>;
}): PublicVoiceDoor {
  const { channels, providers, logger } = deps;
  const clips = new ClipStore(deps.clips);

  const webChannel = (publicId: string): ChannelOfTenant | null => {
    if (!publicIdSchema.safeParse(publicId).success) return null;
    const channel = channels.byPublicId(publicId);
    return channel && channel.kind === 'web' && channel.enabled ? channel : null;
  };

  return {
    async voice(publicId, request) {
      const channel = webChannel(publicId);
      if (!channel) return refusal('NOT_FOUND', 'channel_not_found', 'No such channel.');
      const provider = providers.find(channel.tenantId);
      if (!provider)
        return refusal('CONFLICT', 'voice_unavailable', 'The business has no transcription provider.');
      if (!channel.voice) return refusal('CONFLICT', 'voice_off', 'Voice is switched off on this channel.');

      const { conversationId, visitorToken } = request;
      if (visitorToken !== undefined && !visitorTokenSchema.safeParse(visitorToken).success)
        return refusal('VALIDATION', 'invalid_body', 'That is not a visitor token.');
      // the conversation is the visitor's before anything is sent to a server (and paid for)
      let language: Language | undefined;
      if (conversationId !== undefined) {
        const owned = deps.conversation(publicId, conversationId, visitorToken);
        if (!owned) return refusal('NOT_FOUND', 'conversation_not_found', 'No such conversation.');
        language = owned.language ?? undefined;
      }

      const mimeType = voiceAudioType(request.contentType);
      if (!mimeType)
        return refusal('VALIDATION', 'unsupported_media_type', 'Send webm, ogg, wav, mp3 or mp4 audio.');
      if (request.audio.length > maxVoiceBytes)
        return refusal('VALIDATION', 'body_too_large', 'A recording is at most 2 MB.');
      if (request.audio.length < 16) return refusal('VALIDATION', 'no_speech', 'The recording is empty.');
      if (!looksLike(request.audio, mimeType))
        return refusal('VALIDATION', 'audio_unreadable', `The body is not ${mimeType}.`);

      let transcript: { text: string; durationMs: number | null };
      try {
        transcript = await provider.transcribe({
          audio: request.audio,
          mimeType,
          ...(language ? { language } : {}),
          signal: AbortSignal.timeout(transcribeTimeoutMs),
        });
      } catch (error) {
        logger.warn(
          { module: 'voice', channelId: channel.id, ...logged(error) },
          'the transcription provider could not transcribe a recording',
        );
        return refusal('UNAVAILABLE', 'transcription_failed', 'The recording could not be transcribed.');
      }
      const text = transcript.text.replace(/\s+/g, ' ').trim();
      if (!text) return refusal('VALIDATION', 'no_speech', 'No speech was heard.');

      let result: ReceiveResult;
      try {
        result = await deps.receive({
          tenantId: channel.tenantId,
          channelId: channel.id,
          ...(conversationId ? { conversationId } : {}),
          ...(visitorToken ? { visitorToken } : {}),
          text,
          // the call log: what was heard, how long it was, in what; intent and sentiment are the message's own
          meta: {
            kind: 'voice',
            transcript: text,
            durationMs: transcript.durationMs ?? audioDurationMs(request.audio, mimeType),
            audioType: mimeType,
            audioBytes: request.audio.length,
            transcriptionModel: provider.transcriptionModel,
          },
        });
      } catch (error) {
        if (error instanceof AppError)
          return refusal(error.code, error.extra.reason ?? 'refused', error.message);
        logger.error({ err: error, module: 'voice' }, 'a voice turn failed');
        return refusal('INTERNAL', 'internal', 'Something went wrong.');
      }
      const token = result.visitorToken ?? visitorToken ?? '';

      const replies: PublicVoiceReply['replies'] = [];
      for (const [index, reply] of result.replies.entries()) {
        if (!provider.speak || !token || index >= maxSpokenReplies) {
          replies.push({ text: reply.text });
          continue;
        }
        try {
          const clip = await provider.speak({
            text: reply.text,
            signal: AbortSignal.timeout(speakTimeoutMs),
          });
          replies.push({ text: reply.text, audioUrl: audioPath(publicId, clips.put(publicId, token, clip)) });
        } catch (error) {
          // the widget speaks it with the browser's own voice
          logger.warn(
            { module: 'voice', channelId: channel.id, ...logged(error) },
            'the speech provider could not speak a reply',
          );
          replies.push({ text: reply.text });
        }
      }
      return {
        ok: true,
        data: { conversationId: result.conversationId, visitorToken: token, transcript: text, replies },
      };
    },

    audio(publicId, clipId, visitorToken) {
      if (!clipIdSchema.safeParse(clipId).success) return null;
      if (visitorToken !== undefined && !visitorTokenSchema.safeParse(visitorToken).success) return null;
      return clips.take(publicId, clipId, visitorToken);
    },
  };
}
