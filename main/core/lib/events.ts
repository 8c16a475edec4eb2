import type { EventName, EventPayload } from '../../contract';

export type EventRecipients =
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
  /** Who may receive it (the contract's eventAudience then says which roles among them). */
  to: EventRecipients;
}

type Listener = (event: EventEnvelope) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>, to: EventRecipients): void {
    for (const listener of this.listeners) {
      try {
        listener({ name, payload, to });
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
