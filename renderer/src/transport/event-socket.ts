const closedBySession = 4401;
const firstRetryMs = 1_000;
const maxRetryMs = 30_000;

interface EventSocketOptions {
  url: () => string;
  onEvent: (event: string, payload: unknown) => void;
  /** The server closed the socket because the session is over; no reconnect follows. */
  onSessionClosed: (announced: boolean) => void;
}

/** The `/api/events` WebSocket, reconnecting with backoff until the session ends. */
export class EventSocket {
  private socket: WebSocket | null = null;
  private retryMs = firstRetryMs;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: EventSocketOptions) {}

  connect(): void {
    this.disconnect();
    this.open();
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  disconnect(): void {
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000);
    }
  }

  private open(): void {
    const socket = new WebSocket(this.options.url());
    let announcedEnd = false;
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = firstRetryMs;
    };
    socket.onmessage = (message) => {
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(String(message.data)) as typeof parsed;
      } catch {
        return;
      }
      if (typeof parsed.event !== 'string') return;
      if (parsed.event === 'session.ended') announcedEnd = true;
      this.options.onEvent(parsed.event, parsed.payload);
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (close.code === closedBySession) {
        this.options.onSessionClosed(announcedEnd);
        return;
      }
      const jitter = Math.random() * 0.3 * this.retryMs;
      this.retryTimer = setTimeout(() => this.open(), this.retryMs + jitter);
      this.retryMs = Math.min(this.retryMs * 2, maxRetryMs);
    };
  }
}
