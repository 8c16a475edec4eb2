import type { CallResult, MindframeBridge } from '../main/contract';
import { createAllowList } from './allow-list';

/** The part of Electron's ipcRenderer the bridge uses (a fake in tests). */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

export interface BridgeNames {
  methods: readonly string[];
  events: readonly string[];
  channels: { readonly call: string; readonly event: string };
}

type Report = (message: string, error: unknown) => void;

const reportToConsole: Report = (message, error) => console.error(`[mindframe] ${message}`, error);

/**
 * `window.mindframe`: calls only the contract's methods and delivers only the contract's events.
 * Answers are CallResults on every path, the same shapes the HTTP transport gets, so the renderer
 * never has to know which host it runs on.
 */
export function createBridge(
  ipc: RendererIpc,
  names: BridgeNames,
  report: Report = reportToConsole,
): MindframeBridge {
  const methods = createAllowList(names.methods);
  const events = createAllowList(names.events);
  const listeners = new Map<string, Set<{ listener: (payload: unknown) => void }>>();

  // one IPC listener for all events; the event object (with its sender) never reaches the page
  ipc.on(names.channels.event, (_event, message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!events.has(event)) return;
    for (const entry of [...(listeners.get(event) ?? [])]) {
      try {
        entry.listener(payload);
      } catch (error) {
        report(`a listener for ${event} threw`, error);
      }
    }
  });

  return {
    async call(method: string, input: unknown): Promise<CallResult<unknown>> {
      if (!methods.has(method)) {
        return {
          ok: false,
          error: { code: 'NOT_FOUND', message: `Unknown method: ${String(method).slice(0, 80)}` },
        };
      }
      try {
        return (await ipc.invoke(names.channels.call, method, input)) as CallResult<unknown>;
      } catch (error) {
        report(`${method} could not be delivered`, error);
        return {
          ok: false,
          error: {
            code: 'UNAVAILABLE',
            message: 'The call could not reach Mindframe. Restart the app if this keeps happening.',
          },
        };
      }
    },

    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!events.has(event) || typeof listener !== 'function') return () => undefined;
      const entry = { listener };
      const set = listeners.get(event) ?? new Set();
      set.add(entry);
      listeners.set(event, set);
      return () => {
        set.delete(entry);
      };
    },
  };
}
