import type { CallResult } from './errors';

/** IPC channel names shared by the Electron shell and the preload script. */
export const ipcChannels = { call: 'mindframe:call', event: 'mindframe:event' } as const;

/** What the preload script exposes to the renderer as `window.mindframe`. */
export interface MindframeBridge {
  call(method: string, input: unknown): Promise<CallResult<unknown>>;
  /** Subscribes to a contract event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
