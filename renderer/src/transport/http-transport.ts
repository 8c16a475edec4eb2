import type { ContractError, EventName, MethodInput, MethodName, MethodOutput } from '../contract';
import { CallError } from './call-error';
import { EventSocket } from './event-socket';
import { LocalEvents } from './local-events';
import { publicMethods, type EventListener, type Transport } from './transport';

const csrfStorageKey = 'mindframe.csrfToken';
const sessionEndingMethods: ReadonlySet<MethodName> = new Set<MethodName>([
  'auth.logout',
  'auth.logoutEverywhere',
]);

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(csrfStorageKey);
  } catch {
    return null;
  }
}

function storeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(csrfStorageKey, token);
    else sessionStorage.removeItem(csrfStorageKey);
  } catch {
    // storage can be unavailable (private mode); the token then lives in memory only
  }
}

function csrfTokenIn(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('csrfToken' in data)) return null;
  return typeof data.csrfToken === 'string' ? data.csrfToken : null;
}

function isContractError(value: unknown): value is ContractError {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string';
}

/**
 * The browser: `POST /api/call/<method>` with the session cookie and CSRF header, and the
 * `/api/events` WebSocket. The CSRF token comes with every answer that describes the session.
 */
export class HttpTransport implements Transport {
  private readonly local = new LocalEvents();
  private csrfToken = readStoredToken();
  private readonly socket = new EventSocket({
    url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`,
    onEvent: (event, payload) => {
      if (event === 'session.ended') this.forgetSession();
      this.local.emitUnknown(event, payload);
    },
    onSessionClosed: (announced) => {
      const hadSession = this.csrfToken !== null;
      this.forgetSession();
      if (!announced && hadSession) this.local.emit('session.ended', { reason: 'expired' });
    },
  });

  constructor() {
    if (this.csrfToken) this.socket.connect();
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(`/api/call/${method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch {
      throw new CallError({ code: 'UNAVAILABLE', message: 'The Mindframe server could not be reached.' });
    }
    const body = (await response.json().catch(() => null)) as {
      ok?: boolean;
      data?: unknown;
      error?: unknown;
    } | null;
    if (body?.ok === true) {
      this.noteSuccess(method, body.data);
      return body.data as MethodOutput<M>;
    }
    const error: ContractError = isContractError(body?.error)
      ? body.error
      : { code: response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', message: `HTTP ${response.status}` };
    if (error.code === 'UNAUTHENTICATED' && !publicMethods.has(method) && this.csrfToken) {
      this.forgetSession();
      this.local.emit('session.ended', { reason: 'expired' });
    }
    throw new CallError(error);
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    return this.local.on(event, listener);
  }

  private noteSuccess(method: MethodName, data: unknown): void {
    if (sessionEndingMethods.has(method)) {
      this.forgetSession();
      return;
    }
    const token = csrfTokenIn(data);
    if (!token) return;
    const changed = token !== this.csrfToken;
    this.csrfToken = token;
    storeToken(token);
    if (changed || !this.socket.connected) this.socket.connect();
  }

  private forgetSession(): void {
    this.csrfToken = null;
    storeToken(null);
    this.socket.disconnect();
  }
}
