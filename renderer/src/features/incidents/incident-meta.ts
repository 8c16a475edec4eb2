import type { BadgeTone } from '../../components/Badge';
import {
  incidentStatuses,
  severities,
  type Incident,
  type IncidentStatus,
  type Severity,
  type TimelineEntry,
} from '../../contract';

/** SEV1 red … SEV4 grey. */
export const severityTone: Record<Severity, BadgeTone> = {
  SEV1: 'danger',
  SEV2: 'warning',
  SEV3: 'info',
  SEV4: 'neutral',
};

export const incidentStatusTone: Record<IncidentStatus, BadgeTone> = {
  open: 'danger',
  acknowledged: 'warning',
  mitigated: 'info',
  resolved: 'success',
  closed: 'neutral',
};

/** 0 for SEV1 (most severe) up to 3 for SEV4. */
export const severityRank = (severity: Severity): number => severities.indexOf(severity);

/** Sorts most severe first. */
export const compareSeverity = (a: Severity, b: Severity): number => severityRank(a) - severityRank(b);

/** Whether `severity` is as severe as `minimum` or more (SEV1 is at least SEV3). */
export const atLeastAsSevere = (severity: Severity, minimum: Severity): boolean =>
  severityRank(severity) <= severityRank(minimum);

export const statusRank = (status: IncidentStatus): number => incidentStatuses.indexOf(status);

export const isIncidentOpen = (status: IncidentStatus): boolean =>
  status !== 'resolved' && status !== 'closed';

/** Open first, then most severe, then oldest: the order in which incidents want attention. */
export function compareIncidents(a: Incident, b: Incident): number {
  const openA = isIncidentOpen(a.status) ? 0 : 1;
  const openB = isIncidentOpen(b.status) ? 0 : 1;
  if (openA !== openB) return openA - openB;
  if (openA === 0) return compareSeverity(a.severity, b.severity) || a.createdAt - b.createdAt;
  return b.createdAt - a.createdAt;
}

/**
 * The statuses an incident can move on to from where it is: forward only, and "closed" only once it is
 * resolved. The first one is the usual next step.
 */
export function nextStatuses(status: IncidentStatus): IncidentStatus[] {
  if (status === 'closed') return [];
  if (status === 'resolved') return ['closed'];
  return incidentStatuses.filter((s) => statusRank(s) > statusRank(status) && s !== 'closed');
}

/** A post-mortem can be written once the incident is resolved. */
export const canWritePostmortem = (status: IncidentStatus): boolean =>
  status === 'resolved' || status === 'closed';

export type SlaState =
  | { kind: 'ackDue'; inMs: number }
  | { kind: 'resolveDue'; inMs: number }
  | { kind: 'breached'; what: 'acknowledge' | 'resolve'; agoMs: number }
  | { kind: 'met' }
  | { kind: 'missed'; what: 'acknowledge' | 'resolve' };

type SlaFields = Pick<
  Incident,
  'status' | 'ackDueAt' | 'resolveDueAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt' | 'closedAt'
>;

/**
 * Where an incident stands against its SLA: what is due next and in how long, or that a due time has
 * passed. A resolved incident either met both deadlines or missed one.
 */
export function slaState(incident: SlaFields, now: number): SlaState {
  const acknowledgedAt =
    incident.acknowledgedAt ?? incident.mitigatedAt ?? incident.resolvedAt ?? incident.closedAt ?? null;
  if (!isIncidentOpen(incident.status)) {
    const resolvedAt = incident.resolvedAt ?? incident.closedAt ?? now;
    if (acknowledgedAt !== null && acknowledgedAt > incident.ackDueAt)
      return { kind: 'missed', what: 'acknowledge' };
    if (resolvedAt > incident.resolveDueAt) return { kind: 'missed', what: 'resolve' };
    return { kind: 'met' };
  }
  if (incident.status === 'open' && acknowledgedAt === null) {
    if (now > incident.ackDueAt)
      return { kind: 'breached', what: 'acknowledge', agoMs: now - incident.ackDueAt };
    return { kind: 'ackDue', inMs: incident.ackDueAt - now };
  }
  if (now > incident.resolveDueAt)
    return { kind: 'breached', what: 'resolve', agoMs: now - incident.resolveDueAt };
  return { kind: 'resolveDue', inMs: incident.resolveDueAt - now };
}

export const slaTone = (state: SlaState): BadgeTone =>
  state.kind === 'breached' || state.kind === 'missed'
    ? 'danger'
    : state.kind === 'met'
      ? 'success'
      : state.inMs < 15 * 60_000
        ? 'warning'
        : 'neutral';

/**
 * A span of time as people say it: "12 min", "2 h 5 min", "3 d 4 h", in the locale's digits and unit
 * words. Rounds up to whole minutes, so "due in 0 min" never shows while time is left.
 */
export function formatSpan(ms: number, locale: string): string {
  const unit = (value: number, name: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours === 0 ? unit(days, 'day') : `${unit(days, 'day')} ${unit(restHours, 'hour')}`;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The SLA state in words: "Acknowledge due in 12 min", "SLA breached", "SLA met". */
export function slaText(t: Translate, state: SlaState, locale: string): string {
  switch (state.kind) {
    case 'ackDue':
      return t('incidents.sla.ackDue', { time: formatSpan(state.inMs, locale) });
    case 'resolveDue':
      return t('incidents.sla.resolveDue', { time: formatSpan(state.inMs, locale) });
    case 'breached':
      return t(state.what === 'acknowledge' ? 'incidents.sla.ackBreached' : 'incidents.sla.resolveBreached', {
        time: formatSpan(state.agoMs, locale),
      });
    case 'met':
      return t('incidents.sla.met');
    case 'missed':
      return t(state.what === 'acknowledge' ? 'incidents.sla.ackMissed' : 'incidents.sla.resolveMissed');
  }
}

export interface TimelineDay {
  /** Local midnight of the day. */
  day: number;
  entries: TimelineEntry[];
}

/** The timeline in order of time (oldest first, ties by id), grouped by local day. */
export function groupTimeline(entries: readonly TimelineEntry[]): TimelineDay[] {
  const sorted = [...entries].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const days: TimelineDay[] = [];
  for (const entry of sorted) {
    const date = new Date(entry.at);
    const day = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
    const last = days.at(-1);
    if (last && last.day === day) last.entries.push(entry);
    else days.push({ day, entries: [entry] });
  }
  return days;
}

/** Post-mortem action items as typed: one per line, blanks dropped. */
export function cleanActionItems(items: readonly string[]): string[] {
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}
