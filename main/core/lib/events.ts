import type { EventName, EventPayload } from '../../contract';

export type EventScope =
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'session'; sessionId: string }
  | { kind: 'installation' }
  /**
   * Administrators: platform admins always; with a tenantId also sessions bound to that tenant whose
   * role meets the event's audience (contract `eventAudience`). For the live log tail and the like.
   */
  | { kind: 'admins'; tenantId: string | null };

export interface EventEnvelope {
  name: EventName;
  payload: unknown;
  scope: EventScope;
}

type Listener = (event: EventEnvelope) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>, scope: EventScope): void {
    for (const listener of this.listeners) {
      try {
        listener({ name, payload, scope });
      } catch {
        // one broken subscriber must not stop delivery to the others
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
