import type { EventName, MethodInput, MethodName, MethodOutput, MindframeBridge } from '../contract';
import { CallError } from './call-error';
import { LocalEvents } from './local-events';
import { publicMethods, type EventListener, type Transport } from './transport';

/** The desktop app: calls and events go through the preload's `window.mindframe` bridge. */
export class IpcTransport implements Transport {
  private readonly local = new LocalEvents();

  constructor(private readonly bridge: MindframeBridge) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    let result;
    try {
      result = await this.bridge.call(method, input ?? {});
    } catch (error) {
      throw new CallError({
        code: 'UNAVAILABLE',
        message: error instanceof Error ? error.message : 'IPC failed',
      });
    }
    if (result.ok) return result.data as MethodOutput<M>;
    if (result.error.code === 'UNAUTHENTICATED' && !publicMethods.has(method)) {
      this.local.emit('session.ended', { reason: 'expired' });
    }
    throw new CallError(result.error);
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    const offBridge = this.bridge.on(event, listener as (payload: unknown) => void);
    const offLocal = this.local.on(event, listener);
    return () => {
      offBridge();
      offLocal();
    };
  }
}
