/**
 * Conversations (issue 13): one thread per customer per channel, with its messages (customer,
 * agent, person, system); each agent turn keeps the runId of the run that wrote it.
 *
 * ## The entry point of every channel transport
 *
 * A transport (the website chat's public door, the e-mail channel in ../channels/email/, voice)
 * hands each customer message to one method and sends the answer back its own way:
 *
 *     const result = await services.conversations.receive({
 *       tenantId,                 // the channel's tenant (ChannelOfTenant.tenantId)
 *       channelId,                // the channel's id (not its publicId)
 *       conversationId?,          // continue this conversation (with visitorToken when it has one)
 *       visitorToken?,            // website visitors: proves the conversation is theirs; minted when absent
 *       externalThreadKey?,       // e-mail: the thread's root Message-ID; finds or starts the conversation
 *       contact?,                 // e-mail: the customer's address (shown to the business's people)
 *       text,                     // the message (trimmed; 1..4000 characters)
 *       meta?,                    // kept with the message: voice { transcript, durationMs }, e-mail { messageId } ...
 *       language?,                // the customer chose a language on purpose: re-pins the conversation
 *       onStart?,                 // ({ conversationId, visitorToken }) before the agent answers (streams)
 *       onDelta?,                 // (text) pieces of the reply as the model writes them (streams)
 *     });
 *     // → { conversationId, visitorToken: string | null, status, language,
 *     //     replies: [{ messageId, text, runId }] }
 *
 * It refuses with an AppError (code + reason): NOT_FOUND `channel_not_found` (none, or switched off),
 * NOT_FOUND `conversation_not_found` (not on this channel, or the token does not own it),
 * VALIDATION `empty_message` / `message_too_long`, CONFLICT `agent_unavailable` (the agent is not
 * deployed or is paused; nothing is kept).
 *
 * What it does: finds or starts the conversation; detects its language on the first message
 * (lib/language) and pins it; scores the message's sentiment from a lexicon of its language
 * (sentiment.ts); keeps the message; outside the channel's business hours answers with the closed
 * message and leaves the conversation waiting for a person; otherwise runs the channel's deployed
 * agent (AgentsDomain.startLive, trigger `chat`) with input `{ message, history, data: { conversation:
 * { id, channel, language } } }` — `history` is the last 20 turns (customer → user, agent/person →
 * assistant), which llm nodes read as chat history and templates as {{history}} — and keeps each
 * reply as an agent turn with the run's id. The flow's intent node names the message's intent; a
 * handoff node, or a run that could not answer, moves the conversation to `waiting_for_person`.
 * A handoff node also gives the conversation to a person (`handler = 'person'`) and tells the
 * tickets domain (`TicketsDesk.openFromHandoff`, wired with `useDesk`), which opens a ticket; while
 * a person handles it, a customer's message is kept, no agent runs and the desk hears
 * `customerReplied`, until the ticket hands it back (`setHandler(..., 'agent')`). A person's answer
 * is kept with `addPersonReply`. Messages of one conversation are answered one after another. Each
 * change emits `conversation.changed` to the tenant's people.
 *
 * The website's public door (`Core.publicDoor`, public-door.ts) wraps it for the served host.
 */
export {
  ConversationsService,
  closedMessages,
  detectLanguage,
  hashToken,
  historyTurns,
  maxMessageLength,
  newVisitorToken,
  type ConversationAgents,
  type ConversationChannels,
  type HandoffFacts,
  type TicketsDesk,
  type ReceiveInput,
  type ReceiveResult,
  type ReceivedReply,
} from './service';
export { conversationsHandlers } from './handlers';
export { RetentionSweeper } from './retention';
export {
  createPublicDoor,
  type PublicAnswer,
  type PublicChannel,
  type PublicChannelSettings,
  type PublicConversation,
  type PublicDoor,
  type PublicRefusal,
  type PublicReply,
} from './public-door';
