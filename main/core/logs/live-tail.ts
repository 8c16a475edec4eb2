import type { LogLine } from '../../contract';
import type { EventBus } from '../lib/events';

export interface LiveTailOptions {
  /** Events a second at most; a burst of this many passes, the rest is dropped and counted. */
  ratePerSecond?: number;
  /** Milliseconds of a monotonic clock (tests move it by hand). */
  now?: () => number;
}

/**
 * Sends log lines as `log.line` events to the administrators who may see them: a line of a tenant
 * to that tenant's admins and to platform admins, a line without a tenant to platform admins only.
 */
export class LiveTail {
  private readonly rate: number;
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;
  private emitted = 0;
  private dropped = 0;

  constructor(
    private readonly events: EventBus,
    options: LiveTailOptions = {},
  ) {
    this.rate = options.ratePerSecond ?? 50;
    this.now = options.now ?? (() => performance.now());
    this.tokens = this.rate;
    this.refilledAt = this.now();
  }

  /** Sends the line unless the rate is exceeded; answers whether it was sent. */
  push(line: LogLine): boolean {
    const now = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) {
      this.dropped += 1;
      return false;
    }
    this.tokens -= 1;
    this.emitted += 1;
    this.events.emit('log.line', line, { kind: 'admins', tenantId: line.tenantId });
    return true;
  }

  /** Counted when a line could not be sent (over the rate, or logged while one was being sent). */
  drop(): void {
    this.dropped += 1;
  }

  stats(): { emitted: number; dropped: number } {
    return { emitted: this.emitted, dropped: this.dropped };
  }
}
