import { ipcMain } from 'electron';
import { ipcChannels } from '../contract';
import type { IpcCallHandler } from './ipc-call';
import type { SessionRegistry } from './session-registry';

/** The one IPC channel into the core, plus event forwarding back to the calling web contents. */
export function registerCoreIpc(handleCall: IpcCallHandler, sessions: SessionRegistry): () => void {
  const watched = new Set<number>();
  ipcMain.handle(ipcChannels.call, (event, method: unknown, input: unknown) => {
    const contents = event.sender;
    const contentsId = contents.id;
    if (!watched.has(contentsId)) {
      watched.add(contentsId);
      contents.once('destroyed', () => {
        watched.delete(contentsId);
        sessions.forget(contentsId);
      });
    }
    return handleCall(
      {
        contentsId,
        frameUrl: event.senderFrame?.url ?? null,
        forward: (name, payload) => {
          if (!contents.isDestroyed()) contents.send(ipcChannels.event, { event: name, payload });
        },
      },
      method,
      input,
    );
  });
  return () => ipcMain.removeHandler(ipcChannels.call);
}
