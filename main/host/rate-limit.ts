/**
 * In-memory rate limiting with GCRA (the generic cell rate algorithm): one number per caller (the
 * theoretical arrival time), so it is O(1) in time and memory per request and needs no timers.
 */

export interface RateLimitConfig {
  /** Requests a minute per API key (a key may carry its own limit). */
  perKeyPerMinute: number;
  /** Requests a minute per signed-in session. */
  perSessionPerMinute: number;
  /** Requests a minute per IP address without a key or session. */
  perIpPerMinute: number;
  /** How much of a minute's allowance may arrive at once, as a fraction of the per-minute rate. */
  burstFraction: number;
}

export const defaultRateLimits: RateLimitConfig = {
  perKeyPerMinute: 600,
  perSessionPerMinute: 300,
  perIpPerMinute: 120,
  burstFraction: 1 / 2,
};

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const minuteMs = 60_000;
const maxBuckets = 100_000;

export class RateLimiter {
  /** bucket → theoretical arrival time (ms) */
  private readonly tat = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one request from `bucket`, allowing `perMinute` with a burst of `burst` requests. */
  take(bucket: string, perMinute: number, burst: number): RateDecision {
    const now = this.now();
    const interval = minuteMs / perMinute;
    const tolerance = interval * Math.max(0, Math.floor(burst) - 1);
    const tat = Math.max(this.tat.get(bucket) ?? now, now);
    const allowAt = tat - tolerance;
    if (now < allowAt) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((allowAt - now) / 1000)) };
    }
    if (this.tat.size >= maxBuckets && !this.tat.has(bucket)) this.sweep(now);
    this.tat.set(bucket, tat + interval);
    return { allowed: true };
  }

  /** Forgets callers whose allowance is whole again (their entry says nothing any more). */
  private sweep(now: number): void {
    for (const [bucket, tat] of this.tat) if (tat <= now) this.tat.delete(bucket);
    if (this.tat.size >= maxBuckets) this.tat.clear();
  }
}

/**
 * Requests per minute per key against the key's own running average; a minute far above it is a
 * spike worth a security signal (a leaked key, a runaway integration).
 */
export class UsageBaseline {
  private readonly minutes = new Map<string, { minute: number; count: number; average: number | null }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly factor = 10,
    private readonly floor = 100,
  ) {}

  /** Counts one request; answers the count and baseline the first time a minute crosses the line. */
  count(key: string): { count: number; baseline: number } | null {
    const minute = Math.floor(this.now() / minuteMs);
    let entry = this.minutes.get(key);
    if (!entry) {
      entry = { minute, count: 0, average: null };
      this.minutes.set(key, entry);
    }
    if (entry.minute !== minute) {
      // the minutes in between had no requests
      const idle = Math.min(minute - entry.minute - 1, 60);
      let average = entry.average === null ? entry.count : entry.average * 0.9 + entry.count * 0.1;
      for (let i = 0; i < idle; i++) average *= 0.9;
      entry.average = average;
      entry.minute = minute;
      entry.count = 0;
    }
    entry.count += 1;
    const baseline = entry.average;
    if (baseline === null) return null;
    const line = Math.max(this.floor, baseline * this.factor);
    return entry.count === Math.ceil(line + 1) ? { count: entry.count, baseline } : null;
  }
}
