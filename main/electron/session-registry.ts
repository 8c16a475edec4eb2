import type { EventName } from '../contract';
import type { DispatchResult } from '../core';

export type SessionChange = NonNullable<DispatchResult['sessionChange']>;
export type ForwardEvent = (event: EventName, payload: unknown) => void;
/** `Core.subscribe`: null when the token does not name a live session. */
export type SubscribeToSession = (token: string, listener: ForwardEvent) => (() => void) | null;

interface Entry {
  token: string;
  unsubscribe: (() => void) | null;
}

/**
 * The session token of each window's web contents, kept in the main process so the renderer never
 * holds one: the desktop counterpart of the served host's HttpOnly cookie.
 */
export class SessionRegistry {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly subscribe: SubscribeToSession) {}

  get size(): number {
    return this.entries.size;
  }

  tokenFor(contentsId: number): string | null {
    return this.entries.get(contentsId)?.token ?? null;
  }

  /** Applies a dispatch result's session change and (re)subscribes the contents to its events. */
  apply(contentsId: number, change: SessionChange | undefined, forward: ForwardEvent): void {
    if (!change) return;
    this.forget(contentsId);
    if (change.type === 'clear') return;
    const entry: Entry = { token: change.token, unsubscribe: null };
    this.entries.set(contentsId, entry);
    entry.unsubscribe = this.subscribe(change.token, (event, payload) => {
      forward(event, payload);
      // revoked elsewhere (logout everywhere, member disabled): the token is dead, drop it
      if (event === 'session.ended' && this.entries.get(contentsId) === entry) this.forget(contentsId);
    });
  }

  forget(contentsId: number): void {
    const entry = this.entries.get(contentsId);
    if (!entry) return;
    this.entries.delete(contentsId);
    entry.unsubscribe?.();
  }

  forgetAll(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
  }
}
