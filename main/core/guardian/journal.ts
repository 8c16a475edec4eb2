import type { EventBus } from '../lib/events';
import type { Said } from '../lib/message';
import type { Notifier, NotifyMessage } from '../notify/types';
import { publicAction, type StoredAction } from './actions-store';
import type { GuardianAudit, GuardianIncidents } from './ports';

/** Who decides about or acts on a Guardian action. */
export interface Actor {
  id: string | null;
  name: string;
  isPlatformAdmin: boolean;
}

/** The Guardian itself, acting on its own. */
export const guardianActor: Actor = { id: null, name: 'Guardian', isPlatformAdmin: true };

/** What else a step of an action leaves behind, after its audit entry. */
export interface Followup {
  /** A line on the action's incident timeline, when the action has an incident, written by `by`. */
  note?: { says: Said; by: Actor };
  /** Announce the action as it is now to the tenant's sessions (guardian.action). */
  emit?: boolean;
  /** Tell people; the tenant's notification rules decide who and how. Not waited for. */
  notify?: NotifyMessage;
}

export interface JournalDeps {
  audit: GuardianAudit;
  incidents: Pick<GuardianIncidents, 'note'>;
  events: EventBus;
  notifier: Notifier;
}

/**
 * The trail every step of a Guardian action leaves, always in this order: the audit entry, the
 * note on the action's incident, the event to the tenant's sessions, the notification.
 */
export class GuardianJournal {
  constructor(private readonly deps: JournalDeps) {}

  /** The audit entry of a step (target: the action). */
  audit(
    tenantId: string,
    actor: Actor,
    auditAction: string,
    action: StoredAction,
    details: Record<string, unknown>,
  ): void {
    this.deps.audit.append([
      {
        tenantId,
        actorId: actor.id,
        actorName: actor.name,
        action: auditAction,
        targetType: 'guardian_action',
        targetId: action.id,
        details,
      },
    ]);
  }

  /** What follows the audit entry: the incident note, the event, the notification. */
  follow(tenantId: string, action: StoredAction, followup: Followup): void {
    if (followup.note && action.incidentId)
      this.deps.incidents.note(
        tenantId,
        action.incidentId,
        followup.note.says,
        followup.note.by,
        'guardian',
        action.id,
      );
    if (followup.emit) this.emit(tenantId, action);
    if (followup.notify) void this.deps.notifier.notify(tenantId, followup.notify);
  }

  /** The audit entry and what follows it. */
  record(
    tenantId: string,
    action: StoredAction,
    entry: { actor: Actor; audit: string; details: Record<string, unknown> } & Followup,
  ): void {
    this.audit(tenantId, entry.actor, entry.audit, action, entry.details);
    this.follow(tenantId, action, entry);
  }

  emit(tenantId: string, action: StoredAction): void {
    this.deps.events.emit('guardian.action', publicAction(action), { kind: 'tenant', tenantId });
  }
}
