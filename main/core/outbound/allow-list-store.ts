import type Database from 'better-sqlite3';
import type { OutboundAllowed } from '../../contract';
import type { Clock } from '../lib/clock';
import { AppError, notFound } from '../lib/errors';
import { parseHostPort, type OutboundAllowList } from '../lib/outbound-guard';

/** Stored installation-wide (not per tenant) beside the other installation facts. */
const storeKey = 'outbound.allowList';

/**
 * The installation's outbound allow-list: exact host:ports on this machine or a private network
 * that providers, webhooks, SMTP and flow HTTP nodes may reach. Read on every check (one indexed
 * row), so a removal counts for the next request and a restored backup brings its own list.
 */
export class OutboundAllowListStore implements OutboundAllowList {
  private readonly read;
  private readonly write;

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
  ) {
    this.read = sqlite.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?');
    this.write = sqlite.prepare<[string, string]>(
      'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  list(): OutboundAllowed[] {
    const row = this.read.get(storeKey);
    if (!row) return [];
    try {
      const parsed = JSON.parse(row.value) as unknown;
      return Array.isArray(parsed)
        ? parsed.filter(
            (entry): entry is OutboundAllowed =>
              typeof entry === 'object' &&
              entry !== null &&
              typeof (entry as OutboundAllowed).hostPort === 'string' &&
              typeof (entry as OutboundAllowed).addedAt === 'number',
          )
        : [];
    } catch {
      return [];
    }
  }

  allows(hostPort: string): boolean {
    return this.list().some((entry) => entry.hostPort === hostPort);
  }

  /** Adds `host:port` in its canonical spelling (127.1:80 is 127.0.0.1:80); adding twice is a no-op. */
  allow(hostPort: string, addedBy: string | null): OutboundAllowed {
    const parsed = parseHostPort(hostPort);
    if (!parsed)
      throw new AppError('VALIDATION', 'Write it as host:port, e.g. 127.0.0.1:11434.', {
        field: 'hostPort',
        reason: 'invalid_host_port',
      });
    const entries = this.list();
    const existing = entries.find((entry) => entry.hostPort === parsed.key);
    if (existing) return existing;
    const entry: OutboundAllowed = { hostPort: parsed.key, addedAt: this.clock.now(), addedBy };
    this.write.run(storeKey, JSON.stringify([...entries, entry]));
    return entry;
  }

  remove(hostPort: string): OutboundAllowed {
    const key = parseHostPort(hostPort)?.key ?? hostPort.trim();
    const entries = this.list();
    const found = entries.find((entry) => entry.hostPort === key);
    if (!found) throw notFound('That allowed address');
    this.write.run(storeKey, JSON.stringify(entries.filter((entry) => entry.hostPort !== key)));
    return found;
  }
}
