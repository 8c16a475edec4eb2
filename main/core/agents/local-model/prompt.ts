import type { ChatMessage } from '../models/types';

/**
 * How the offline model reads its prompt.
 *
 * A line that starts with a marker word and a colon opens a section; the section runs to the next
 * marker (text after the colon on the marker line belongs to it). Markers, in any of the three
 * languages and any letter case:
 *
 *   Context:  (Kontekst, Knowledge, Kennis, Kunnskap)  facts the answer may use (knowledge.text)
 *   Question: (Vraag, Spørsmål)                        what the customer asked ({{message}})
 *   Topic:    (Onderwerp, Emne)                         optional keywords that steer which facts are picked
 *   Reply:                                              a fixed message to send, one line per language:
 *                                                       "en: …", "nl: …", "nb: …" (the question's language
 *                                                       is picked; a real model reads it as an instruction)
 *
 * Knowledge documents may hold FAQ lines such as "Question: …", so only the LAST question marker opens
 * the question; earlier ones are plain text of the section they are in.
 *
 * The system prompt and the last user message are both read. The question is the user message's
 * Question section, else its text outside any section, else the system prompt's Question section.
 * The context is every Context section of both. With no Context section, the results of a
 * `search_knowledge` tool call (tool messages after the last user message) are the context.
 *
 * A template's llm node therefore looks like:
 *
 *   systemPrompt: "You are the assistant of … Answer only from the context …"
 *   prompt:       "Context:\n{{knowledge.text}}\n\nQuestion:\n{{message}}"
 */

export interface ParsedPrompt {
  context: string;
  question: string;
  topic: string;
  /** Lines of the Reply section ("en: …"), empty when there is none. */
  reply: string;
  /** Text of tool results (search_knowledge) after the last user message, joined. */
  toolContext: string;
  /** Whether a tool result already follows the last user message. */
  hasToolResult: boolean;
}

type Section = 'context' | 'question' | 'topic' | 'reply';

const markerWords: Record<Section, string[]> = {
  context: ['context', 'kontekst', 'knowledge', 'kennis', 'kunnskap'],
  question: ['question', 'vraag', 'spørsmål', 'sporsmal'],
  topic: ['topic', 'onderwerp', 'emne'],
  reply: ['reply'],
};

const markerLine = new RegExp(`^\\s*(${Object.values(markerWords).flat().join('|')})\\s*:\\s?(.*)$`, 'iu');

function sectionOf(word: string): Section {
  const lower = word.toLowerCase();
  return (
    (Object.keys(markerWords) as Section[]).find((section) => markerWords[section].includes(lower)) ??
    'context'
  );
}

interface Sections {
  free: string;
  context: string;
  question: string;
  topic: string;
  reply: string;
}

export function splitSections(text: string): Sections {
  const lines = text.split(/\r?\n/);
  const matches = lines.map((line) => markerLine.exec(line));
  let lastQuestion = -1;
  matches.forEach((match, index) => {
    if (match && sectionOf(match[1] as string) === 'question') lastQuestion = index;
  });
  const parts: Record<Section | 'free', string[]> = {
    free: [],
    context: [],
    question: [],
    topic: [],
    reply: [],
  };
  let current: Section | 'free' = 'free';
  lines.forEach((line, index) => {
    const match = matches[index];
    const section = match ? sectionOf(match[1] as string) : null;
    if (match && section && (section !== 'question' || index === lastQuestion)) {
      current = section;
      if (match[2]?.trim()) parts[current].push(match[2]);
      return;
    }
    parts[current].push(line);
  });
  const join = (list: string[]): string => list.join('\n').trim();
  return {
    free: join(parts.free),
    context: join(parts.context),
    question: join(parts.question),
    topic: join(parts.topic),
    reply: join(parts.reply),
  };
}

function toolText(content: string): string {
  try {
    const parsed = JSON.parse(content) as unknown;
    if (Array.isArray(parsed)) {
      return parsed
        .map((item) => {
          if (typeof item === 'string') return item;
          const record = (item ?? {}) as { title?: unknown; text?: unknown; body?: unknown };
          const title = typeof record.title === 'string' ? record.title : '';
          const body =
            typeof record.text === 'string'
              ? record.text
              : typeof record.body === 'string'
                ? record.body
                : '';
          return [title, body].filter(Boolean).join('\n');
        })
        .join('\n\n');
    }
  } catch {
    // not JSON: the text itself
  }
  return content;
}

export function parsePrompt(messages: readonly ChatMessage[]): ParsedPrompt {
  const system = messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n');
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (message.role === 'user') lastUser = index;
  });
  const user = lastUser >= 0 ? (messages[lastUser] as ChatMessage).content : '';
  const tools = messages.slice(lastUser + 1).filter((message) => message.role === 'tool');

  const fromSystem = splitSections(system);
  const fromUser = splitSections(user);
  return {
    context: [fromSystem.context, fromUser.context].filter(Boolean).join('\n\n'),
    question: fromUser.question || fromUser.free || fromSystem.question,
    topic: fromUser.topic || fromSystem.topic,
    reply: fromUser.reply || fromSystem.reply,
    toolContext: tools.map((message) => toolText(message.content)).join('\n\n'),
    hasToolResult: tools.length > 0,
  };
}
