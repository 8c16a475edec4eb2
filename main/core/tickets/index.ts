/**
 * Tickets (issue 14): questions that need a person, and the Inbox's data.
 *
 * - A flow's hand-off step opens a ticket on its conversation: ConversationsService.answer() tells
 *   the desk (`TicketsDesk.openFromHandoff`, this service) after giving the conversation to a person
 *   (`handler = 'person'`); the run ends `handed_over`. While a person handles it, a customer's new
 *   message is kept, the agent does not run, and the desk hears `customerReplied`.
 * - `tickets.reply` keeps a person's message on the conversation and sends it through the
 *   conversation's channel: the website widget shows it at its next look (it looks every 2 s while a
 *   person handles the conversation); an e-mail goes out in the customer's thread (MailReplies, the
 *   e-mail channels' SMTP).
 * - `tickets.handBack` gives the conversation back to the agent.
 * - SLA: first response and resolution targets per priority (settings key `tickets.sla`); a sweep
 *   every minute marks each missed target once, with a timeline entry and a notification.
 * - Platform tickets (`kind: 'platform'`): a tenant's question to the platform's own support, opened
 *   by its admin or by the operator assistant (`openPlatformTicket`); platform admins see them
 *   across tenants.
 */
export { TicketsService, type MailReplies, type TicketActor, type TicketsDeps } from './service';
export { ticketsHandlers } from './handlers';
export { defaultSlaTargets } from './sla';
