import { Cron } from 'croner';
import type { AuditService } from '../audit/service';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ConversationsService } from './service';

const dayMs = 24 * 60 * 60 * 1000;
/** Conversations deleted per transaction, so a first sweep over years of chats does not hold the database. */
const batch = 500;

/**
 * Retention per tenant: conversations whose last message is older than the tenant's
 * `retentionDays` are deleted with their messages. Swept every hour on the hour (croner, the
 * scheduler the agents' schedules use) and once shortly after start, so a computer that was off
 * catches up; each sweep that deleted anything leaves one audit entry in that tenant.
 */
export class RetentionSweeper {
  private job: Cron | null = null;
  private first: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      conversations: ConversationsService;
      audit: Pick<AuditService, 'append'>;
      clock: Clock;
      logger: Logger;
      atomically<T>(work: () => T): T;
    },
  ) {}

  /** Deletes what is past each tenant's retention; answers how many conversations per tenant. */
  sweep(): Map<string, number> {
    const { conversations, clock, audit } = this.deps;
    const deleted = new Map<string, number>();
    for (const { tenantId, retentionDays } of conversations.retentionPolicies()) {
      const cutoff = clock.now() - retentionDays * dayMs;
      let count = 0;
      for (;;) {
        const ids = conversations.store.olderThan(tenantId, cutoff, batch);
        if (ids.length === 0) break;
        this.deps.atomically(() => {
          for (const id of ids) if (conversations.store.delete(tenantId, id)) count++;
        });
        if (ids.length < batch) break;
      }
      if (count === 0) continue;
      deleted.set(tenantId, count);
      audit.append([
        {
          tenantId,
          actorId: null,
          actorName: 'Mindframe',
          action: 'conversations.retention',
          targetType: 'settings',
          targetId: null,
          details: { deleted: count, retentionDays },
        },
      ]);
    }
    return deleted;
  }

  private safeSweep(): void {
    try {
      const deleted = this.sweep();
      if (deleted.size > 0)
        this.deps.logger.info(
          {
            module: 'conversations',
            tenants: deleted.size,
            deleted: [...deleted.values()].reduce((a, b) => a + b, 0),
          },
          'old conversations deleted (retention)',
        );
    } catch (error) {
      this.deps.logger.error({ module: 'conversations', err: error }, 'conversation retention sweep failed');
    }
  }

  start(): void {
    if (this.job) return;
    this.job = new Cron('7 * * * *', { protect: true, unref: true }, () => this.safeSweep());
    this.first = setTimeout(() => this.safeSweep(), 30_000);
    this.first.unref();
  }

  stop(): void {
    this.job?.stop();
    this.job = null;
    clearTimeout(this.first);
  }
}
