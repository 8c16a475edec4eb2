import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, messageSchema, timestampSchema } from '../common';
import { languages } from '../vocabulary';

/**
 * The operator assistant (issue 15): a chat panel for everyone signed in. It classifies a question
 * offline (NLP.js, corpora in assets/assistant), answers from live facts through the contract with
 * the caller's own permissions, asks before it changes anything, and hands a question it cannot
 * answer (or a wish to talk to a person) to the platform's support as a ticket.
 */
export const assistantIntents = [
  'product',
  'pricing',
  'support',
  'feature_request',
  'billing',
  'account',
  'general',
  'troubleshooting',
  'demo',
  'integration',
  'security',
  'custom_solution',
  'ops.health',
  'ops.backups',
  'ops.incidents',
  'ops.agents',
  'ops.runs',
  'ops.conversations',
  'ops.tickets',
  'ops.agents.pause',
  'ops.agents.resume',
  'handoff',
] as const;
export type AssistantIntent = (typeof assistantIntents)[number];

export const assistantActionKinds = ['agents.pause', 'agents.resume'] as const;
export const assistantActionStates = ['pending', 'done', 'refused', 'cancelled'] as const;

export const assistantActionSchema = z.object({
  id: idSchema,
  kind: z.enum(assistantActionKinds),
  agentId: idSchema,
  agentName: z.string(),
  state: z.enum(assistantActionStates),
});
export type AssistantAction = z.infer<typeof assistantActionSchema>;

/** A figure behind an answer (a score, a count, a time), for the panel to show beside the sentence. */
export const assistantFactsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

export const assistantLinkSchema = z.object({
  /** 'help': a help article (slug in `id`); 'route': a page of the app; 'ticket': the ticket opened. */
  kind: z.enum(['help', 'route', 'ticket']),
  id: z.string(),
  title: z.string(),
  /** The hash route to open (without '#/'). */
  route: z.string(),
});
export type AssistantLink = z.infer<typeof assistantLinkSchema>;

export const assistantTurnSchema = z.object({
  id: idSchema,
  role: z.enum(['user', 'assistant']),
  /** What the user typed, or the assistant's reply in the conversation's language. */
  text: z.string(),
  /** The assistant's reply as messages (the renderer says them in the language shown). */
  messages: z.array(messageSchema),
  intent: z.string().nullable(),
  confidence: z.number().nullable(),
  page: z.string().nullable(),
  facts: assistantFactsSchema.nullable(),
  pendingAction: assistantActionSchema.nullable(),
  ticketId: idSchema.nullable(),
  links: z.array(assistantLinkSchema),
  createdAt: timestampSchema,
});
export type AssistantTurn = z.infer<typeof assistantTurnSchema>;

export const assistantConversationSchema = z.object({
  id: idSchema,
  language: z.enum(languages),
  title: z.string(),
  ticketId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type AssistantConversation = z.infer<typeof assistantConversationSchema>;

export const assistantAnswerSchema = z.object({
  conversationId: idSchema,
  /** The intent understood (one of `assistantIntents`). */
  intent: z.enum(assistantIntents),
  /** 0..1: how sure the classifier was. */
  confidence: z.number().min(0).max(1),
  /** The reply in the conversation's language (pinned at its start). */
  reply: z.string(),
  /** The conversation's language. */
  language: z.enum(languages),
  /** The reply's first sentence as a message; `messages` has every sentence. */
  message: messageSchema,
  messages: z.array(messageSchema),
  facts: assistantFactsSchema.nullable(),
  /** Something that would change data, waiting for `assistant.confirm`. */
  pendingAction: assistantActionSchema.nullable(),
  /** The support ticket the question was handed to. */
  ticketId: idSchema.nullable(),
  links: z.array(assistantLinkSchema),
  turn: assistantTurnSchema,
});
export type AssistantAnswer = z.infer<typeof assistantAnswerSchema>;

export const assistantMethods = {
  'assistant.ask': defineMethod({
    access: 'user',
    mutation: true,
    summary:
      "Ask the operator assistant: answered from live facts with the caller's permissions, in the conversation's language.",
    input: z
      .object({
        text: z.string().trim().min(1).max(1000),
        conversationId: idSchema.optional(),
        /** The UI's current language; otherwise the user's own. Pinned when a conversation starts. */
        language: z.enum(languages).optional(),
        /** The page the user is on (hash route without '#/'). */
        page: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: assistantAnswerSchema,
  }),
  'assistant.confirm': defineMethod({
    access: 'user',
    mutation: true,
    summary: 'Carry out (or cancel) an action the assistant proposed, as the caller.',
    input: z
      .object({ conversationId: idSchema, actionId: idSchema, cancel: z.boolean().default(false) })
      .strict(),
    output: z.object({
      conversationId: idSchema,
      action: assistantActionSchema,
      reply: z.string(),
      message: messageSchema,
      turn: assistantTurnSchema,
    }),
  }),
  'assistant.history': defineMethod({
    access: 'user',
    mutation: false,
    summary: "One of the caller's own conversations with the assistant (default: the latest).",
    input: z.object({ conversationId: idSchema.optional() }).strict(),
    output: z.object({
      conversation: assistantConversationSchema.nullable(),
      turns: z.array(assistantTurnSchema),
    }),
  }),
  'assistant.conversations': defineMethod({
    access: 'user',
    mutation: false,
    summary: "The caller's own conversations with the assistant, latest first.",
    input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.object({ conversations: z.array(assistantConversationSchema) }),
  }),
};
