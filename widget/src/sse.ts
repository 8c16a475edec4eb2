/** One server-sent event: its name (`message` when the stream names none) and its data lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental parser of a `text/event-stream` body (the WHATWG event-stream format): feed it the
 * decoded text as it arrives, in pieces of any size, and it answers the events completed so far.
 * Lines end in CRLF, LF or CR (a CR at the end of one piece and the LF at the start of the next are one
 * line end); `data:` lines are joined with LF; comments (`:`) and unknown fields are ignored; an event
 * without data is not dispatched.
 */
export class SseParser {
  private buffer = '';
  private lastWasCr = false;
  private name = '';
  private data: string[] = [];

  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let chunk = text;
    if (this.lastWasCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.lastWasCr = false;
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      this.line(this.buffer.slice(start, i), events);
      if (c === '\r') {
        if (i + 1 === this.buffer.length) this.lastWasCr = true;
        else if (this.buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** The end of the stream: an event not closed by a blank line is dropped, as the format says. */
  end(): SseEvent[] {
    this.buffer = '';
    this.name = '';
    this.data = [];
    return [];
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push({ event: this.name || 'message', data: this.data.join('\n') });
      this.name = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.name = value;
    else if (field === 'data') this.data.push(value);
  }
}
