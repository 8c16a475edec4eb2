import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import {
  incidentAttachmentSchema,
  legacyMessage,
  type Incident,
  type IncidentAttachment,
  type IncidentStatus,
  type Message,
  type Severity,
  type TimelineEntry,
} from '../../contract';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import { AppError, notFound } from '../lib/errors';
import { framed, message, type Said } from '../lib/message';
import type { Notifier } from '../notify/types';
import { dueDates, slaMinutes } from './sla';

/** An incident's title as a message: the core's words, or a person's own as they wrote them. */
const titleOf = (incident: Incident): Message => incident.titleMessage ?? legacyMessage(incident.title);

interface IncidentRow {
  id: string;
  tenant_id: string;
  number: number;
  title: string;
  description: string;
  title_message: string | null;
  description_message: string | null;
  severity: Severity;
  status: IncidentStatus;
  source: 'manual' | 'guardian' | 'security';
  dedupe_key: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: number;
  acknowledged_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  ack_due_at: number;
  resolve_due_at: number;
  escalation_level: number;
  postmortem: string | null;
}

/** A message column: JSON of { key, params }, or null. */
const storedMessage = (json: string | null): Message | null => (json ? (JSON.parse(json) as Message) : null);

/** An attachment as stored: validated against the contract (a bad one is a bug of the caller). */
function storedAttachment(attachment: IncidentAttachment): string {
  return JSON.stringify(incidentAttachmentSchema.parse(attachment));
}

const order: IncidentStatus[] = ['open', 'acknowledged', 'mitigated', 'resolved', 'closed'];
const select = `SELECT i.*, u.name AS assignee_name FROM incidents i LEFT JOIN users u ON u.id = i.assignee_id`;

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    titleMessage: storedMessage(row.title_message),
    descriptionMessage: storedMessage(row.description_message),
    severity: row.severity,
    status: row.status,
    source: row.source,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    createdAt: row.created_at,
    acknowledgedAt: row.acknowledged_at,
    mitigatedAt: row.mitigated_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    ackDueAt: row.ack_due_at,
    resolveDueAt: row.resolve_due_at,
    escalationLevel: row.escalation_level,
    postmortem: row.postmortem ? (JSON.parse(row.postmortem) as Incident['postmortem']) : null,
  };
}

export interface Actor {
  name: string;
}

/** "SEV2: <the core's title>" on the timeline, as a message framing the title's. */
function framedOpened(severity: Severity, title: Message): Message {
  return framed('incidents.timeline.opened_framed', title, { severity });
}

/**
 * Incidents and their timelines: SLA due dates from the severity, a forward-only status path
 * (a resolved incident may be reopened), escalation along the tenant's list when an SLA is breached.
 */
export class IncidentsService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly notifier: Notifier,
  ) {}

  private row(tenantId: string, incidentId: string): IncidentRow {
    const row = this.sqlite
      .prepare(`${select} WHERE i.tenant_id = ? AND i.id = ?`)
      .get(tenantId, incidentId) as IncidentRow | undefined;
    if (!row) throw notFound('That incident');
    return row;
  }

  get(tenantId: string, incidentId: string): Incident {
    return toIncident(this.row(tenantId, incidentId));
  }

  list(
    tenantId: string,
    filter: { status?: IncidentStatus; severity?: Severity; open?: boolean; q?: string },
  ): Incident[] {
    const clauses = ['i.tenant_id = @tenantId'];
    const params: Record<string, unknown> = { tenantId };
    if (filter.status) {
      clauses.push('i.status = @status');
      params.status = filter.status;
    }
    if (filter.severity) {
      clauses.push('i.severity = @severity');
      params.severity = filter.severity;
    }
    if (filter.open === true) clauses.push("i.status NOT IN ('resolved', 'closed')");
    if (filter.open === false) clauses.push("i.status IN ('resolved', 'closed')");
    if (filter.q) {
      clauses.push("(i.title LIKE @q ESCAPE '\\' OR i.description LIKE @q ESCAPE '\\')");
      params.q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    return (
      this.sqlite
        .prepare(`${select} WHERE ${clauses.join(' AND ')} ORDER BY i.created_at DESC LIMIT 500`)
        .all(params) as IncidentRow[]
    ).map(toIncident);
  }

  timeline(tenantId: string, incidentId: string): TimelineEntry[] {
    this.row(tenantId, incidentId);
    return (
      this.sqlite
        .prepare('SELECT * FROM incident_events WHERE tenant_id = ? AND incident_id = ? ORDER BY at, id')
        .all(tenantId, incidentId) as {
        id: string;
        at: number;
        kind: TimelineEntry['kind'];
        actor_name: string;
        text: string;
        message: string | null;
        guardian_action_id: string | null;
      }[]
    ).map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      actorName: r.actor_name,
      text: r.text,
      message: storedMessage(r.message),
      guardianActionId: r.guardian_action_id,
    }));
  }

  addEntry(tenantId: string, incidentId: string, entry: Omit<TimelineEntry, 'id' | 'at'>): TimelineEntry {
    const at = this.clock.now();
    const id = uuidv7(at);
    this.sqlite
      .prepare(
        'INSERT INTO incident_events (id, tenant_id, incident_id, at, kind, actor_name, text, message, guardian_action_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        tenantId,
        incidentId,
        at,
        entry.kind,
        entry.actorName,
        entry.text,
        entry.message ? JSON.stringify(entry.message) : null,
        entry.guardianActionId,
      );
    return { id, at, ...entry };
  }

  private changed(tenantId: string, incidentId: string): Incident {
    const incident = this.get(tenantId, incidentId);
    this.events.emit('incident.changed', incident, { kind: 'tenant', tenantId });
    return incident;
  }

  private assertMember(tenantId: string, userId: string): void {
    const member = this.sqlite
      .prepare("SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ? AND status = 'active'")
      .get(tenantId, userId);
    if (!member)
      throw new AppError('VALIDATION', 'The assignee must be an active member of this organisation.', {
        field: 'assigneeId',
        reason: 'assignee_not_member',
      });
  }

  create(
    tenantId: string,
    input: {
      title: string;
      description: string;
      /** The title and description as messages, when the core wrote them (Guardian, security). */
      titleMessage?: Message;
      descriptionMessage?: Message;
      severity: Severity;
      assigneeId?: string | null;
      source: 'manual' | 'guardian' | 'security';
      dedupeKey?: string;
      /** What the signal attaches to be drawn on the incident (validated; never secrets). */
      attachment?: IncidentAttachment;
    },
    actor: Actor,
  ): Incident {
    const attachment = input.attachment ? storedAttachment(input.attachment) : null;
    if (input.assigneeId) this.assertMember(tenantId, input.assigneeId);
    const now = this.clock.now();
    const id = uuidv7(now);
    const due = dueDates(input.severity, now);
    this.sqlite.transaction(() => {
      const number =
        ((
          this.sqlite.prepare('SELECT max(number) AS n FROM incidents WHERE tenant_id = ?').get(tenantId) as {
            n: number | null;
          }
        ).n ?? 0) + 1;
      this.sqlite
        .prepare(
          `INSERT INTO incidents (id, tenant_id, number, title, description, title_message, description_message, severity, status, source, dedupe_key, assignee_id, created_at, ack_due_at, resolve_due_at, attachment)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          tenantId,
          number,
          input.title,
          input.description,
          input.titleMessage ? JSON.stringify(input.titleMessage) : null,
          input.descriptionMessage ? JSON.stringify(input.descriptionMessage) : null,
          input.severity,
          input.source,
          input.dedupeKey ?? null,
          input.assigneeId ?? null,
          now,
          due.ackDueAt,
          due.resolveDueAt,
          attachment,
        );
      this.addEntry(tenantId, id, {
        kind: 'opened',
        actorName: actor.name,
        text: `${input.severity}: ${input.title}`,
        message: input.titleMessage
          ? framedOpened(input.severity, input.titleMessage)
          : message('incidents.timeline.opened', { severity: input.severity, title: input.title }),
        guardianActionId: null,
      });
    })();
    const incident = this.changed(tenantId, id);
    void this.notifier.notify(tenantId, {
      event: 'incident.opened',
      severity: incident.severity,
      title: `Incident #${incident.number}: ${incident.title}`,
      body: input.description || incident.title,
      titleMessage: titleOf(incident),
      bodyMessages: [
        message('notify.incident.opened', { number: incident.number }),
        ...(incident.descriptionMessage
          ? [incident.descriptionMessage]
          : input.description
            ? [legacyMessage(input.description)]
            : []),
      ],
      link: `#/incidents/${incident.id}`,
    });
    return incident;
  }

  /** What a signal attached to the incident (the latest), if anything readable. */
  attachment(tenantId: string, incidentId: string): IncidentAttachment | undefined {
    const row = this.sqlite
      .prepare('SELECT attachment FROM incidents WHERE tenant_id = @tenantId AND id = @incidentId')
      .get({ tenantId, incidentId }) as { attachment: string | null } | undefined;
    if (!row) throw notFound('That incident');
    if (!row.attachment) return undefined;
    try {
      const parsed = incidentAttachmentSchema.safeParse(JSON.parse(row.attachment));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Replaces what a signal attached to an open incident with a newer one (e.g. the newer chart). */
  setAttachment(tenantId: string, incidentId: string, attachment: IncidentAttachment): void {
    this.row(tenantId, incidentId);
    this.sqlite
      .prepare(
        'UPDATE incidents SET attachment = @attachment WHERE tenant_id = @tenantId AND id = @incidentId',
      )
      .run({ attachment: storedAttachment(attachment), tenantId, incidentId });
  }

  /** The open Guardian incident for a check and target, if any. */
  openByDedupe(tenantId: string, dedupeKey: string): Incident | null {
    const row = this.sqlite
      .prepare(
        `${select} WHERE i.tenant_id = ? AND i.dedupe_key = ? AND i.status NOT IN ('resolved', 'closed') ORDER BY i.created_at DESC LIMIT 1`,
      )
      .get(tenantId, dedupeKey) as IncidentRow | undefined;
    return row ? toIncident(row) : null;
  }

  /** How many of the tenant's incidents are not resolved or closed yet. */
  openCount(tenantId: string): number {
    return (
      this.sqlite
        .prepare(
          "SELECT count(*) AS n FROM incidents WHERE tenant_id = ? AND status NOT IN ('resolved', 'closed')",
        )
        .get(tenantId) as { n: number }
    ).n;
  }

  update(
    tenantId: string,
    incidentId: string,
    changes: { status?: IncidentStatus; severity?: Severity; assigneeId?: string | null; title?: string },
    actor: Actor,
  ): Incident {
    const row = this.row(tenantId, incidentId);
    const now = this.clock.now();
    this.sqlite.transaction(() => {
      if (changes.status && changes.status !== row.status) {
        const from = order.indexOf(row.status);
        const to = order.indexOf(changes.status);
        const reopening = changes.status === 'open' && row.status === 'resolved';
        if (to < from && !reopening) {
          throw new AppError(
            'CONFLICT',
            `An incident that is ${row.status} cannot go back to ${changes.status}.`,
            {
              field: 'status',
              reason: 'incident_status_backwards',
              params: { from: row.status, to: changes.status },
            },
          );
        }
        const stamp: Partial<Record<IncidentStatus, string>> = {
          acknowledged: 'acknowledged_at',
          mitigated: 'mitigated_at',
          resolved: 'resolved_at',
          closed: 'closed_at',
        };
        const sets = ['status = @status'];
        // moving past a stage also stamps the stages skipped on the way
        for (const status of order.slice(from + 1, to + 1))
          if (stamp[status]) sets.push(`${stamp[status]} = coalesce(${stamp[status]}, @now)`);
        if (reopening) sets.push('resolved_at = NULL');
        this.sqlite
          .prepare(`UPDATE incidents SET ${sets.join(', ')} WHERE tenant_id = @tenantId AND id = @id`)
          .run({ status: changes.status, now, tenantId, id: incidentId });
        this.addEntry(tenantId, incidentId, {
          kind: 'status',
          actorName: actor.name,
          text: `${row.status} → ${changes.status}`,
          message: message('incidents.timeline.status', { from: row.status, to: changes.status }),
          guardianActionId: null,
        });
      }
      if (changes.severity && changes.severity !== row.severity) {
        const due = dueDates(changes.severity, row.created_at);
        this.sqlite
          .prepare(
            'UPDATE incidents SET severity = ?, ack_due_at = ?, resolve_due_at = ? WHERE tenant_id = ? AND id = ?',
          )
          .run(changes.severity, due.ackDueAt, due.resolveDueAt, tenantId, incidentId);
        this.addEntry(tenantId, incidentId, {
          kind: 'severity',
          actorName: actor.name,
          text: `${row.severity} → ${changes.severity}`,
          message: message('incidents.timeline.severity', { from: row.severity, to: changes.severity }),
          guardianActionId: null,
        });
      }
      if (changes.assigneeId !== undefined && changes.assigneeId !== row.assignee_id) {
        if (changes.assigneeId) this.assertMember(tenantId, changes.assigneeId);
        this.sqlite
          .prepare('UPDATE incidents SET assignee_id = ? WHERE tenant_id = ? AND id = ?')
          .run(changes.assigneeId, tenantId, incidentId);
        const name = changes.assigneeId
          ? (
              this.sqlite.prepare('SELECT name FROM users WHERE id = ?').get(changes.assigneeId) as {
                name: string;
              }
            ).name
          : null;
        this.addEntry(tenantId, incidentId, {
          kind: 'assigned',
          actorName: actor.name,
          text: `Assigned to ${name ?? 'nobody'}`,
          message:
            name === null
              ? message('incidents.timeline.unassigned')
              : message('incidents.timeline.assigned', { name }),
          guardianActionId: null,
        });
      }
      if (changes.title && changes.title !== row.title) {
        // a person's title: the core's message for it no longer applies
        this.sqlite
          .prepare('UPDATE incidents SET title = ?, title_message = NULL WHERE tenant_id = ? AND id = ?')
          .run(changes.title, tenantId, incidentId);
      }
    })();
    const incident = this.changed(tenantId, incidentId);
    if (changes.status === 'resolved' && row.status !== 'resolved') {
      void this.notifier.notify(tenantId, {
        event: 'incident.resolved',
        severity: incident.severity,
        title: `Resolved: incident #${incident.number} ${incident.title}`,
        body: `Resolved by ${actor.name}.`,
        titleMessage: titleOf(incident),
        bodyMessages: [message('notify.incident.resolved', { number: incident.number, name: actor.name })],
        link: `#/incidents/${incident.id}`,
      });
    }
    return incident;
  }

  /** A line on the timeline: a person's note as written, or what the core says (a message and its English). */
  note(
    tenantId: string,
    incidentId: string,
    text: string | Said,
    actor: Actor,
    kind: TimelineEntry['kind'] = 'note',
    guardianActionId: string | null = null,
  ): TimelineEntry {
    this.row(tenantId, incidentId);
    const entry = this.addEntry(tenantId, incidentId, {
      kind,
      actorName: actor.name,
      text: typeof text === 'string' ? text : text.text,
      message: typeof text === 'string' ? null : text.message,
      guardianActionId,
    });
    this.changed(tenantId, incidentId);
    return entry;
  }

  postmortem(
    tenantId: string,
    incidentId: string,
    postmortem: NonNullable<Incident['postmortem']>,
    actor: Actor,
  ): Incident {
    const row = this.row(tenantId, incidentId);
    if (row.status !== 'resolved' && row.status !== 'closed') {
      throw new AppError('CONFLICT', 'A post-mortem is written once the incident is resolved.', {
        reason: 'postmortem_before_resolved',
      });
    }
    this.sqlite
      .prepare('UPDATE incidents SET postmortem = ? WHERE tenant_id = ? AND id = ?')
      .run(JSON.stringify(postmortem), tenantId, incidentId);
    this.addEntry(tenantId, incidentId, {
      kind: 'postmortem',
      actorName: actor.name,
      text: postmortem.summary.slice(0, 200),
      message: null,
      guardianActionId: null,
    });
    return this.changed(tenantId, incidentId);
  }

  escalationList(tenantId: string): { userId: string; name: string; email: string }[] {
    const row = this.sqlite
      .prepare("SELECT value FROM settings WHERE tenant_id = ? AND key = 'incidents.escalation'")
      .get(tenantId) as { value: string } | undefined;
    const ids = row ? (JSON.parse(row.value) as string[]) : [];
    const people = this.sqlite
      .prepare(
        `SELECT u.id AS userId, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.tenant_id = ? AND m.status = 'active'`,
      )
      .all(tenantId) as { userId: string; name: string; email: string }[];
    const byId = new Map(people.map((p) => [p.userId, p]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  setEscalationList(tenantId: string, userIds: string[]): { userId: string; name: string; email: string }[] {
    for (const id of userIds) this.assertMember(tenantId, id);
    this.sqlite
      .prepare(
        `INSERT INTO settings (tenant_id, key, value, updated_at) VALUES (?, 'incidents.escalation', ?, ?)
         ON CONFLICT(tenant_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(tenantId, JSON.stringify([...new Set(userIds)]), this.clock.now());
    return this.escalationList(tenantId);
  }

  /**
   * SLA breaches: an incident not acknowledged (or not resolved) by its due time goes to the next
   * person on the escalation list, one step per SLA period, with a timeline entry and an e-mail.
   */
  async escalateBreaches(tenantId: string): Promise<number> {
    const now = this.clock.now();
    const rows = this.sqlite
      .prepare(`${select} WHERE i.tenant_id = ? AND i.status IN ('open', 'acknowledged', 'mitigated')`)
      .all(tenantId) as IncidentRow[];
    const people = this.escalationList(tenantId);
    let escalated = 0;
    for (const row of rows) {
      const unacknowledged = row.status === 'open';
      const due = unacknowledged ? row.ack_due_at : row.resolve_due_at;
      const period =
        (unacknowledged ? slaMinutes[row.severity].acknowledge : slaMinutes[row.severity].resolve) * 60_000;
      const nextAt = due + row.escalation_level * period;
      if (now < nextAt || row.escalation_level >= people.length) continue;
      const person = people[row.escalation_level]!;
      this.sqlite
        .prepare(
          'UPDATE incidents SET escalation_level = escalation_level + 1 WHERE tenant_id = ? AND id = ?',
        )
        .run(tenantId, row.id);
      const what = unacknowledged ? 'not acknowledged' : 'not resolved';
      this.addEntry(tenantId, row.id, {
        kind: 'escalated',
        actorName: 'Guardian',
        text: `SLA breached (${what} in time): escalated to ${person.name}`,
        message: message(
          unacknowledged
            ? 'incidents.timeline.escalated_unacknowledged'
            : 'incidents.timeline.escalated_unresolved',
          { name: person.name },
        ),
        guardianActionId: null,
      });
      const incident = this.changed(tenantId, row.id);
      escalated++;
      await this.notifier.notify(
        tenantId,
        {
          event: 'incident.escalated',
          severity: incident.severity,
          title: `Escalated: incident #${incident.number} ${incident.title}`,
          body: `Incident #${incident.number} "${incident.title}" (${incident.severity}) was ${what} within its SLA. You are next on the escalation list.`,
          titleMessage: titleOf(incident),
          bodyMessages: [
            message(
              unacknowledged
                ? 'notify.incident.escalated_unacknowledged'
                : 'notify.incident.escalated_unresolved',
              { number: incident.number, severity: incident.severity },
            ),
          ],
          link: `#/incidents/${incident.id}`,
        },
        { directEmails: [person.email] },
      );
    }
    return escalated;
  }
}
