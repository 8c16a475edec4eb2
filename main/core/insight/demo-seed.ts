import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import type { InsightTracker, TrackInput } from './tracker';
import {
  conversationEvents,
  runEvent,
  ticketEvents,
  type ConversationFacts,
  type RunFacts,
  type TicketFacts,
} from './service';

/**
 * The insight history of `mindframe demo` only (issue 17): months of events written in bulk through
 * the tracker's own write path (raw events, hourly rollups and actor days in one transaction per
 * chunk), with the same names, properties and ids the live feed gives (conversationEvents,
 * ticketEvents, runEvent of service.ts), so the dashboards read them like live data; and the
 * insight tables beside events (campaigns, costs, six-sigma processes and measurements, report
 * schedules). The demo's simulation says what happened; this module writes it. Nothing else calls it.
 */

export interface DemoInsightMessage {
  role: string;
  sentiment: string | null;
  intent: string | null;
  createdAt: number;
}

export interface DemoInsightConversation {
  id: string;
  channelKind: string;
  agentId: string | null;
  contact: string | null;
  language: string | null;
  intent: string | null;
  sentiment: string | null;
  rating: 'up' | 'down' | null;
  createdAt: number;
  closedAt: number | null;
  messages: readonly DemoInsightMessage[];
}

/**
 * A conversation's events as the feed heard them while it went on: its start, one message event per
 * message (the conversation's sentiment and intent as they stood then), its rating and its end.
 */
export function demoConversationEvents(c: DemoInsightConversation): TrackInput[] {
  const out = new Map<string, TrackInput>();
  const add = (facts: ConversationFacts) => {
    for (const event of conversationEvents(facts)) if (!out.has(event.id!)) out.set(event.id!, event);
  };
  const base = {
    id: c.id,
    contact: c.contact,
    channelKind: c.channelKind as ConversationFacts['channelKind'],
    language: c.language as ConversationFacts['language'],
    agentId: c.agentId,
    createdAt: c.createdAt,
  };
  let sentiment: string | null = null;
  let intent: string | null = null;
  let personAnswered = false;
  c.messages.forEach((m, i) => {
    if (m.role === 'customer') {
      if (m.sentiment) sentiment = m.sentiment;
      if (m.intent) intent = m.intent;
    }
    if (m.role === 'person') personAnswered = true;
    add({
      ...base,
      updatedAt: m.createdAt,
      closedAt: null,
      messageCount: i + 1,
      sentiment: sentiment as ConversationFacts['sentiment'],
      intent,
      rating: null,
      personAnswered,
    });
  });
  const last = c.messages[c.messages.length - 1]?.createdAt ?? c.createdAt;
  add({
    ...base,
    updatedAt: last,
    closedAt: c.closedAt,
    messageCount: c.messages.length,
    sentiment: (c.sentiment ?? sentiment) as ConversationFacts['sentiment'],
    intent: c.intent ?? intent,
    rating: c.rating,
    personAnswered,
  });
  return [...out.values()];
}

/** The end of a conversation the real path started and the demo closed in bulk (its other events were heard live). */
export function demoClosedEvent(c: {
  id: string;
  channelKind: string;
  agentId: string | null;
  contact: string | null;
  language: string | null;
  createdAt: number;
  closedAt: number;
  personAnswered: boolean;
}): TrackInput[] {
  return conversationEvents({
    ...c,
    channelKind: c.channelKind as ConversationFacts['channelKind'],
    language: c.language as ConversationFacts['language'],
    updatedAt: c.closedAt,
    messageCount: 0,
    sentiment: null,
    intent: null,
    rating: null,
  }).filter((event) => event.name === 'conversation.closed');
}

export interface DemoInsightTicket {
  id: string;
  conversationId: string | null;
  channelKind: string | null;
  language: string | null;
  priority: string;
  requester: string | null;
  createdAt: number;
  firstRespondedAt: number | null;
  solvedAt: number | null;
}

/** A handed-off conversation's ticket: the hand-off, a person's first reply, and its solving (as the feed heard it then). */
export function demoTicketEvents(t: DemoInsightTicket): TrackInput[] {
  return ticketEvents({
    id: t.id,
    requester: t.requester,
    channelKind: t.channelKind as TicketFacts['channelKind'],
    language: t.language as TicketFacts['language'],
    priority: t.priority as TicketFacts['priority'],
    source: 'handoff',
    conversationId: t.conversationId,
    createdAt: t.createdAt,
    status: t.solvedAt !== null ? 'solved' : 'open',
    solvedAt: t.solvedAt,
    sla: { firstRespondedAt: t.firstRespondedAt },
  });
}

/** A finished run with its cost and tokens. */
export function demoRunEvent(r: {
  id: string;
  agentId: string;
  status: string;
  trigger: string;
  costMicros: number;
  tokensIn: number;
  tokensOut: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}): TrackInput {
  return runEvent({
    ...r,
    status: r.status as RunFacts['status'],
    trigger: r.trigger as RunFacts['trigger'],
  });
}

/**
 * Writes a tenant's history of events through the tracker (raw rows, hourly rollups and actor days),
 * oldest first so each actor's first-seen day is right, in chunks of one transaction each. Answers
 * how many were new.
 */
export function writeDemoEvents(tracker: InsightTracker, tenantId: string, events: TrackInput[]): number {
  const sorted = [...events].sort((a, b) => a.at! - b.at!);
  let accepted = 0;
  const chunk = 20_000;
  for (let i = 0; i < sorted.length; i += chunk)
    accepted += tracker.write(tenantId, sorted.slice(i, i + chunk)).accepted;
  return accepted;
}

export interface DemoCampaign {
  name: string;
  channel: string;
  /** Minor units of the tenant's currency. */
  spend: number;
  startsAt: number;
  endsAt: number | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  createdAt: number;
}

export function writeDemoCampaigns(
  sqlite: Database.Database,
  tenantId: string,
  campaigns: readonly DemoCampaign[],
): string[] {
  const insert = sqlite.prepare(
    `INSERT INTO insight_campaigns (id, tenant_id, name, channel, spend, starts_at, ends_at, utm_source,
       utm_medium, utm_campaign, created_at)
     VALUES (@id, @tenantId, @name, @channel, @spend, @startsAt, @endsAt, @utmSource, @utmMedium, @utmCampaign,
       @createdAt)`,
  );
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (const c of campaigns) {
      const id = uuidv7(c.createdAt);
      insert.run({ ...c, id, tenantId });
      ids.push(id);
    }
  })();
  return ids;
}

export interface DemoCost {
  /** First day of the month (UTC). */
  month: number;
  category: string;
  /** Minor units of the installation's currency. */
  amount: number;
  note: string;
}

export function writeDemoCosts(
  sqlite: Database.Database,
  tenantId: string,
  costs: readonly DemoCost[],
): void {
  const insert = sqlite.prepare(
    `INSERT INTO insight_costs (id, tenant_id, month, category, amount, note)
     VALUES (@id, @tenantId, @month, @category, @amount, @note)`,
  );
  sqlite.transaction(() => {
    for (const c of costs) insert.run({ ...c, id: uuidv7(c.month), tenantId });
  })();
}

export interface DemoProcess {
  name: string;
  kind: 'contained' | 'first_response_sla' | 'api_latency' | 'imported';
  unit: string;
  usl: number | null;
  lsl: number | null;
  target: number | null;
  createdAt: number;
  /** The last chart point already signalled (null: none yet, so the next evaluation raises what fires). */
  lastSignalAt: number | null;
  /** An imported process's measurements (kept under its name, as the CSV import keeps them). */
  measurements?: readonly { at: number; value: number }[];
}

export function writeDemoProcesses(
  sqlite: Database.Database,
  tenantId: string,
  processes: readonly DemoProcess[],
): number {
  const insert = sqlite.prepare(
    `INSERT INTO insight_processes (id, tenant_id, name, kind, unit, usl, lsl, target, last_signal_at, created_at)
     VALUES (@id, @tenantId, @name, @kind, @unit, @usl, @lsl, @target, @lastSignalAt, @createdAt)`,
  );
  const measure = sqlite.prepare(
    `INSERT INTO insight_measurements (tenant_id, process, at, value) VALUES (@tenantId, @process, @at, @value)`,
  );
  let measurements = 0;
  sqlite.transaction(() => {
    for (const { measurements: points, ...p } of processes) {
      insert.run({ ...p, id: uuidv7(p.createdAt), tenantId });
      for (const point of points ?? []) {
        measure.run({ tenantId, process: p.name, at: point.at, value: point.value });
        measurements++;
      }
    }
  })();
  return measurements;
}

export interface DemoReportSchedule {
  dashboard: string;
  frequency: 'weekly' | 'monthly';
  recipients: readonly string[];
  filters: Record<string, string | number | boolean>;
  paper: 'a4' | 'letter';
  createdBy: string;
  lastSentAt: number | null;
  nextAt: number;
  createdAt: number;
}

export function writeDemoReports(
  sqlite: Database.Database,
  tenantId: string,
  reports: readonly DemoReportSchedule[],
): void {
  const insert = sqlite.prepare(
    `INSERT INTO insight_reports (id, tenant_id, dashboard, frequency, recipients, filters, paper, created_by,
       last_sent_at, next_at, created_at, enabled)
     VALUES (@id, @tenantId, @dashboard, @frequency, @recipients, @filters, @paper, @createdBy, @lastSentAt,
       @nextAt, @createdAt, 1)`,
  );
  sqlite.transaction(() => {
    for (const r of reports)
      insert.run({
        ...r,
        id: uuidv7(r.createdAt),
        tenantId,
        recipients: JSON.stringify(r.recipients),
        filters: JSON.stringify(r.filters),
      });
  })();
}
