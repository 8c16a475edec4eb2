import { z } from 'zod';
import {
  conversationRatings,
  languages,
  publicIdSchema,
  type ConversationHandler,
  type ConversationRole,
  type ConversationStatus,
  type ErrorCode,
  type Language,
} from '../../contract';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Clock } from '../lib/clock';
import { isOpen, type ChannelOfTenant } from '../channels';
import { hashToken, maxMessageLength, type ConversationsService } from './service';
import { safeEqual } from '../lib/crypto';
import type { TrackPort } from '../insight/tracker';

/** GET /api/public/channels/<publicId>: what the widget shows of its channel. */
export interface PublicChannelSettings {
  publicId: string;
  name: string;
  greeting: string;
  colour: string;
  logoUrl: string | null;
  languages: Language[];
  defaultLanguage: Language;
  voice: boolean;
  /** Inside business hours (or the channel has none). */
  open: boolean;
}

/** A channel as the host needs it: its public settings and the origins its CORS and frame-ancestors allow. */
export interface PublicChannel {
  settings: PublicChannelSettings;
  allowedOrigins: string[];
}

export interface PublicConversation {
  conversationId: string;
  status: ConversationStatus;
  /**
   * Who answers now: the agent, or a person who took the conversation over after a hand-off (the
   * widget then looks every couple of seconds, so a person's reply shows without a reload).
   */
  handler: ConversationHandler;
  language: Language | null;
  messages: { id: string; role: ConversationRole; text: string; at: string }[];
}

export interface PublicReply {
  conversationId: string;
  visitorToken: string;
  status: ConversationStatus;
  replies: { text: string }[];
}

/** A refusal of the public API: `{ "error": { "code", "reason" } }`, never a stack or another conversation's text. */
export interface PublicRefusal {
  code: ErrorCode;
  reason: string;
  /** English, for logs. */
  message: string;
  retryAfterSeconds?: number;
}

export type PublicAnswer<T> = { ok: true; data: T } | { ok: false; error: PublicRefusal };

/**
 * The public door of the channels (website chat) as the host sees it: no session, no tenant given;
 * a channel is found by its publicId and a conversation is visible only with its visitor token.
 * The host adds what HTTP needs (CORS, frame-ancestors, rate limits, size caps).
 */
export interface PublicDoor {
  /** The web channel behind a publicId (enabled), or null. */
  channel(publicId: string): PublicChannel | null;
  /** A visitor's message: validates the body (an unknown JSON value), runs the agent, answers its replies. */
  send(
    publicId: string,
    body: unknown,
    on?: {
      start?(ids: { conversationId: string; visitorToken: string }): void;
      delta?(text: string): void;
    },
  ): Promise<PublicAnswer<PublicReply>>;
  /** The conversation for its visitor; null when the token does not own it (or there is none). */
  conversation(
    publicId: string,
    conversationId: string,
    visitorToken: string | undefined,
  ): PublicConversation | null;
  /** The visitor's thumbs; false when the token does not own the conversation. */
  rate(publicId: string, conversationId: string, body: unknown): PublicAnswer<{ ok: true }>;
}

const visitorTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

/** A UTM tag as the insight events keep it: printable, trimmed, lower-cased, at most 100 characters; blank is none. */
const tagSchema = z
  .string()
  .max(1000)
  .transform((value) =>
    value
      .replace(/[\p{C}]/gu, '')
      .trim()
      .toLowerCase()
      .slice(0, 100),
  )
  .optional();

/**
 * Where the page that opened the widget came from (issue 17, marketing): its utm_* tags and the host
 * of its referrer. Sent with the first message of each page load; unknown fields are dropped.
 */
export const touchSchema = z.object({
  source: tagSchema,
  medium: tagSchema,
  campaign: tagSchema,
  content: tagSchema,
  term: tagSchema,
  referrer: z
    .string()
    .max(253)
    .transform((value) => value.trim().toLowerCase())
    .refine(
      (value) =>
        value === '' || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(value),
    )
    .optional(),
});
export type PageTouch = z.output<typeof touchSchema>;

const messageBody = z.object({
  text: z.string().max(maxMessageLength * 2),
  conversationId: z.uuid().optional(),
  visitorToken: visitorTokenSchema.optional(),
  /** The language the visitor chose in the widget (on purpose): the conversation follows it. */
  language: z.enum(languages).optional(),
  touch: touchSchema.optional(),
});

/** An e-mail address or a phone number (8 digits or more) in a customer's message: a lead. */
const emailPattern = /[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[\p{L}]{2,}/u;
const phonePattern = /(?:\+|\b)\d[\d\s().-]{6,}\d/;
export function contactKindOf(text: string): 'email' | 'phone' | null {
  if (emailPattern.test(text)) return 'email';
  const phone = phonePattern.exec(text)?.[0];
  return phone && phone.replace(/\D/g, '').length >= 8 ? 'phone' : null;
}

const ratingBody = z.object({ visitorToken: visitorTokenSchema, rating: z.enum(conversationRatings) });

const refusal = (code: ErrorCode, reason: string, message: string): { ok: false; error: PublicRefusal } => ({
  ok: false,
  error: { code, reason, message },
});

const invalidBody = refusal('VALIDATION', 'invalid_body', 'The body is not a message.');

export function createPublicDoor(deps: {
  conversations: ConversationsService;
  channels: { byPublicId(publicId: string): ChannelOfTenant | null };
  clock: Clock;
  logger: Logger;
  /** The insight port: the web visitor's touch and lead (issue 17, marketing; see insight/marketing.ts). */
  insight?: TrackPort;
}): PublicDoor {
  const { conversations, channels, clock, logger } = deps;

  /**
   * The visitor's touch (a new conversation always; a continued one when the page had tags) and,
   * the first time a message holds an e-mail address or phone number, their lead. The actor is the
   * conversation, as the insight feed names a web visitor's conversation.
   */
  const trackVisitor = (
    tenantId: string,
    conversationId: string,
    started: boolean,
    touch: PageTouch | undefined,
    text: string,
  ) => {
    if (!deps.insight) return;
    const actor = `conversation:${conversationId}`;
    const tags = Object.fromEntries(
      Object.entries(touch ?? {}).filter(([, value]) => typeof value === 'string' && value !== ''),
    ) as Record<string, string>;
    if (started || Object.keys(tags).length > 0) {
      const { source, campaign, ...props } = tags;
      deps.insight.track(tenantId, {
        name: 'visitor.touch',
        actor,
        session: conversationId,
        source: source ?? null,
        campaign: campaign ?? null,
        props: { channel: 'web', ...props },
      });
    }
    const contact = contactKindOf(text);
    if (contact)
      deps.insight.track(tenantId, {
        name: 'lead',
        actor,
        session: conversationId,
        source: 'web',
        props: { channel: 'web', via: contact },
        id: `mf:lead:${conversationId}`,
      });
  };

  const webChannel = (publicId: string): ChannelOfTenant | null => {
    if (!publicIdSchema.safeParse(publicId).success) return null;
    const channel = channels.byPublicId(publicId);
    return channel && channel.kind === 'web' && channel.enabled ? channel : null;
  };

  /** The conversation if the token owns it (same answer for "not yours" and "none": no existence leak). */
  const owned = (channel: ChannelOfTenant, conversationId: string, token: string | undefined) => {
    if (token === undefined || !visitorTokenSchema.safeParse(token).success) return null;
    if (!z.uuid().safeParse(conversationId).success) return null;
    const row = conversations.store.get(channel.tenantId, conversationId);
    if (!row || row.channelId !== channel.id || row.visitorHash === null) return null;
    return safeEqual(hashToken(token), row.visitorHash) ? row : null;
  };

  return {
    channel(publicId) {
      const channel = webChannel(publicId);
      if (!channel) return null;
      return {
        settings: {
          publicId: channel.publicId,
          name: channel.name,
          greeting: channel.greeting,
          colour: channel.colour,
          logoUrl: channel.logoUrl,
          languages: [...languages],
          defaultLanguage: channel.defaultLanguage,
          voice: channel.voice,
          open: isOpen(channel.businessHours, clock.now()),
        },
        allowedOrigins: channel.allowedOrigins,
      };
    },

    async send(publicId, body, on) {
      const channel = webChannel(publicId);
      if (!channel) return refusal('NOT_FOUND', 'channel_not_found', 'No such channel.');
      const parsed = messageBody.safeParse(body);
      if (!parsed.success) {
        const tooLong = parsed.error.issues.some(
          (issue) => issue.path[0] === 'text' && issue.code === 'too_big',
        );
        return tooLong
          ? refusal('VALIDATION', 'message_too_long', `A message has at most ${maxMessageLength} characters.`)
          : invalidBody;
      }
      const input = parsed.data;
      try {
        const result = await conversations.receive({
          tenantId: channel.tenantId,
          channelId: channel.id,
          text: input.text,
          ...(input.conversationId ? { conversationId: input.conversationId } : {}),
          ...(input.visitorToken ? { visitorToken: input.visitorToken } : {}),
          ...(input.language ? { language: input.language } : {}),
          onStart: (ids) => {
            // the message is taken in: the visitor's touch and lead count from here
            trackVisitor(
              channel.tenantId,
              ids.conversationId,
              !input.conversationId,
              input.touch,
              input.text,
            );
            on?.start?.({ conversationId: ids.conversationId, visitorToken: ids.visitorToken ?? '' });
          },
          ...(on?.delta ? { onDelta: on.delta } : {}),
        });
        return {
          ok: true,
          data: {
            conversationId: result.conversationId,
            visitorToken: result.visitorToken ?? '',
            status: result.status,
            replies: result.replies.map((reply) => ({ text: reply.text })),
          },
        };
      } catch (error) {
        if (error instanceof AppError)
          return refusal(error.code, error.extra.reason ?? 'refused', error.message);
        logger.error({ err: error, module: 'conversations' }, 'a public message failed');
        return refusal('INTERNAL', 'internal', 'Something went wrong.');
      }
    },

    conversation(publicId, conversationId, visitorToken) {
      const channel = webChannel(publicId);
      if (!channel) return null;
      const row = owned(channel, conversationId, visitorToken);
      if (!row) return null;
      return {
        conversationId: row.id,
        status: row.status,
        handler: row.handler,
        language: row.language,
        messages: conversations.store
          .messages(channel.tenantId, row.id)
          // system notes are for the business's people, not the visitor
          .filter((message) => message.role !== 'system')
          .map((message) => ({
            id: message.id,
            role: message.role,
            text: message.text,
            at: new Date(message.createdAt).toISOString(),
          })),
      };
    },

    rate(publicId, conversationId, body) {
      const channel = webChannel(publicId);
      if (!channel) return refusal('NOT_FOUND', 'channel_not_found', 'No such channel.');
      const parsed = ratingBody.safeParse(body);
      if (!parsed.success) return refusal('VALIDATION', 'invalid_body', 'The body is not a rating.');
      const row = owned(channel, conversationId, parsed.data.visitorToken);
      if (!row) return refusal('NOT_FOUND', 'conversation_not_found', 'No such conversation.');
      conversations.rate(channel.tenantId, row.id, parsed.data.rating);
      return { ok: true, data: { ok: true } };
    },
  };
}
