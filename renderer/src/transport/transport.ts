import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../contract';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** How the renderer reaches the core; the desktop and the browser each have one implementation. */
export interface Transport {
  /** Resolves with the method's output or rejects with a `CallError`. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to a contract event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
}

/** Methods anyone may call; an UNAUTHENTICATED answer from any other means the session is gone. */
export const publicMethods: ReadonlySet<MethodName> = new Set<MethodName>([
  'setup.status',
  'setup.createOwner',
  'auth.login',
  'auth.acceptInvite',
  'auth.resetAvailable',
  'auth.requestPasswordReset',
  'auth.resetPassword',
]);
