import type { EventName, EventPayload } from '../contract';
import type { EventListener } from './transport';

/** Listener registry shared by both transports, also used to raise events the renderer infers itself. */
export class LocalEvents {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    this.listeners.set(event, set);
    return () => set.delete(wrapped);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitUnknown(event, payload);
  }

  emitUnknown(event: string, payload: unknown): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`listener for ${event} failed`, error);
      }
    }
  }
}
