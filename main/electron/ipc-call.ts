import type { CallResult } from '../contract';
import type { Core } from '../core';
import { isAppUrl } from './app-origin';
import type { ForwardEvent, SessionRegistry } from './session-registry';

/** The web contents an IPC call came from, as far as the call handler needs it. */
export interface IpcSender {
  contentsId: number;
  /** URL of the frame that sent the call; null when the frame is already gone. */
  frameUrl: string | null;
  forward: ForwardEvent;
}

export type IpcCallHandler = (
  sender: IpcSender,
  method: unknown,
  input: unknown,
) => Promise<CallResult<unknown>>;

/**
 * The body of the one `ipcMain.handle`: only the app's own pages may call, the session token is
 * looked up here and never leaves the main process (the answer carries no `sessionChange`).
 */
export function createIpcCallHandler(
  dispatch: Core['dispatch'],
  sessions: SessionRegistry,
  onRefused: (frameUrl: string | null) => void = () => undefined,
): IpcCallHandler {
  return async (sender, method, input) => {
    if (!isAppUrl(sender.frameUrl)) {
      onRefused(sender.frameUrl);
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only the Mindframe window may call the core.' },
      };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'VALIDATION', message: 'The method name must be a string.' } };
    }
    const result = await dispatch(method, input ?? {}, {
      transport: 'ipc',
      sessionToken: sessions.tokenFor(sender.contentsId),
    });
    sessions.apply(sender.contentsId, result.sessionChange, sender.forward);
    return result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error };
  };
}
