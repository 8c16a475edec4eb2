import type { Message, MessageKey, MessageParams } from '../../contract';
import { sayIn } from './catalogue';

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

/**
 * A message with its English: the catalogue's English sentence, so the words live in one place;
 * `text` only where the English must say more than the screens (a detail kept for the log).
 */
export function said(key: MessageKey, params?: MessageParams, text?: string): Said {
  const made = message(key, params);
  return { message: made, text: text ?? sayIn('en', made) };
}

/** The English of a message, for logs, webhooks and scripts. */
export const english = (made: Message): string => sayIn('en', made);

/**
 * An error a person is told about as a message (`said`); its `message` is the English, for logs.
 * E.g. why a Guardian action could not be applied.
 */
export class SaidError extends Error {
  constructor(readonly said: Said) {
    super(said.text);
    this.name = 'SaidError';
  }
}

/**
 * A message that says another one in a frame ("The Guardian proposes: <inner>"): the inner key goes
 * in the `inner` parameter and its parameters beside it; the catalogue's sentence nests it with
 * `$t(messages.{{inner}})`. `params` must not reuse a name of the inner message's parameters.
 */
export function framed(key: MessageKey, inner: Message, params: MessageParams = {}): Message {
  return message(key, { ...inner.params, ...params, inner: inner.key });
}
