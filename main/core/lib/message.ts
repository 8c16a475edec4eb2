import type { Message, MessageKey, MessageParams } from '../../contract';

/**
 * A message of the contract's list (messages.ts): what the core says to a person, as a key and
 * parameters the renderer puts in the user's language. A key missing from the list fails the
 * type-check.
 */
export function message(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

/** A message and the same in English, where an English twin is kept (logs, notifications, scripts). */
export interface Said {
  message: Message;
  text: string;
}

export function said(key: MessageKey, params: MessageParams | undefined, text: string): Said {
  return { message: message(key, params), text };
}
