import type { ConversationMessage, ConversationSummary } from '../../contract';

const header = [
  'conversation_id',
  'channel',
  'agent',
  'status',
  'language',
  'rating',
  'contact',
  'started_at',
  'message_id',
  'at',
  'role',
  'intent',
  'sentiment',
  'run_id',
  'text',
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell that a
 * spreadsheet would read as a formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe,
 * so a customer's message cannot run in the reader's spreadsheet.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The conversations and their messages as CSV: one line per message, the conversation's facts on each. */
export function conversationsCsv(
  conversations: { conversation: ConversationSummary; messages: ConversationMessage[] }[],
): string {
  const lines = [header.join(',')];
  for (const { conversation: c, messages } of conversations) {
    for (const m of messages) {
      lines.push(
        [
          c.id,
          c.channelName,
          c.agentName,
          c.status,
          c.language,
          c.rating,
          c.contact,
          iso(c.createdAt),
          m.id,
          iso(m.createdAt),
          m.role,
          m.intent,
          m.sentiment,
          m.runId,
          m.text,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
