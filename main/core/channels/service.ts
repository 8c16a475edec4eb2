import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, uuidv7, type TenantRows } from '../../../db';
import {
  businessHoursSchema,
  emailSettingsSchema,
  languages,
  type BusinessHours,
  type Channel,
  type ChannelKind,
  type EmailSettings,
  type Language,
} from '../../contract';
import type { MethodInputParsed } from '../context';
import type { Clock } from '../lib/clock';
import { notFound } from '../lib/errors';

/** What channels need to know about agents (the agents domain answers; its tables stay there). */
export interface ChannelAgents {
  /** The agent's name; throws NOT_FOUND when the tenant has no such agent. */
  nameOf(tenantId: string, agentId: string): string;
  /** Names of the tenant's agents by id. */
  names(tenantId: string): Map<string, string>;
}

/**
 * A channel as the public door and the transports see it: with its tenant. `enabled` is the
 * channel's own setting and its organisation being active (a suspended one's channels answer as
 * switched off, and come back as they were on reactivation); `tenantActive` tells which.
 */
export interface ChannelOfTenant extends Channel {
  tenantId: string;
  tenantActive: boolean;
}

type ChannelRow = typeof schema.channels.$inferSelect;

const { channels } = schema;

const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

function parseJson<T>(text: string | null, read: (value: unknown) => T | null): T | null {
  if (text === null) return null;
  try {
    return read(JSON.parse(text));
  } catch {
    return null;
  }
}

function toChannel(row: ChannelRow, agentName: string): Channel {
  return {
    id: row.id,
    agentId: row.agentId,
    agentName,
    kind: row.kind,
    name: row.name,
    publicId: row.publicId,
    allowedOrigins: parseJson(row.allowedOrigins, (v) => (Array.isArray(v) ? v.map(String) : null)) ?? [],
    greeting: row.greeting,
    colour: row.colour,
    logoUrl: row.logoUrl,
    defaultLanguage: isLanguage(row.defaultLanguage) ? row.defaultLanguage : 'en',
    businessHours: parseJson<BusinessHours>(
      row.businessHours,
      (v) => businessHoursSchema.safeParse(v).data ?? null,
    ),
    closedMessage: row.closedMessage,
    voice: row.voice === 1,
    enabled: row.enabled === 1,
    emailSettings: parseJson<EmailSettings>(
      row.emailSettings,
      (v) => emailSettingsSchema.safeParse(v).data ?? null,
    ),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A suspended organisation's channels answer as switched off; their own setting stays as it was. */
function ofTenant(channel: Channel, tenantId: string, tenantActive: boolean): ChannelOfTenant {
  return { ...channel, enabled: channel.enabled && tenantActive, tenantId, tenantActive };
}

/** The public handle of a channel: 128 random bits, url-safe. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}

export type ChannelSaveInput = MethodInputParsed<'channels.save'>;

/**
 * The channels of each tenant (issue 13). Handlers reach a tenant's channels through its TenantRows;
 * the public door finds a channel by its publicId (unique over the installation), which names the
 * tenant, and transports by tenant and id.
 */
export class ChannelsService {
  private readonly byPublic: Database.Statement<
    [string],
    ChannelRow & { tenantId: string; tenantActive: number }
  >;
  private readonly byId: Database.Statement<[string, string], ChannelRow & { tenantActive: number }>;

  constructor(private readonly deps: { sqlite: Database.Database; clock: Clock; agents: ChannelAgents }) {
    const columns = `id, tenant_id AS tenantId, agent_id AS agentId, kind, name, public_id AS publicId,
      allowed_origins AS allowedOrigins, greeting, colour, logo_url AS logoUrl,
      default_language AS defaultLanguage, business_hours AS businessHours, closed_message AS closedMessage,
      voice, enabled, email_settings AS emailSettings, created_at AS createdAt, updated_at AS updatedAt,
      EXISTS (SELECT 1 FROM tenants t WHERE t.id = channels.tenant_id AND t.status = 'active') AS tenantActive`;
    this.byPublic = deps.sqlite.prepare(`SELECT ${columns} FROM channels WHERE public_id = ?`);
    this.byId = deps.sqlite.prepare(`SELECT ${columns} FROM channels WHERE tenant_id = ? AND id = ?`);
  }

  list(rows: TenantRows, agentId?: string): Channel[] {
    const names = this.deps.agents.names(rows.tenantId);
    return rows
      .select(channels, agentId ? eq(channels.agentId, agentId) : undefined)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((row) => toChannel(row, names.get(row.agentId) ?? ''));
  }

  get(rows: TenantRows, channelId: string): Channel {
    const row = rows.first(channels, eq(channels.id, channelId));
    if (!row) throw notFound('That channel');
    return toChannel(row, this.deps.agents.nameOf(rows.tenantId, row.agentId));
  }

  /** Creates (no id) or changes a channel; answers it, and what it was before a change. */
  save(rows: TenantRows, input: ChannelSaveInput): { channel: Channel; before: Channel | null } {
    const agentName = this.deps.agents.nameOf(rows.tenantId, input.agentId);
    const now = this.deps.clock.now();
    const values = {
      agentId: input.agentId,
      kind: input.kind,
      name: input.name,
      allowedOrigins: JSON.stringify(input.allowedOrigins),
      greeting: input.greeting,
      colour: input.colour,
      logoUrl: input.logoUrl,
      defaultLanguage: input.defaultLanguage,
      businessHours: input.businessHours ? JSON.stringify(input.businessHours) : null,
      closedMessage: input.closedMessage,
      voice: input.voice ? 1 : 0,
      enabled: input.enabled ? 1 : 0,
      emailSettings: input.emailSettings ? JSON.stringify(input.emailSettings) : null,
      updatedAt: now,
    };
    if (input.id === undefined) {
      const id = uuidv7(now);
      rows.insert(channels, { id, publicId: newPublicId(), createdAt: now, ...values });
      return { channel: this.get(rows, id), before: null };
    }
    const before = this.get(rows, input.id);
    rows.update(channels, values, eq(channels.id, input.id));
    return { channel: { ...this.get(rows, input.id), agentName }, before };
  }

  delete(rows: TenantRows, channelId: string): Channel {
    const channel = this.get(rows, channelId);
    rows.delete(channels, and(eq(channels.id, channelId)));
    return channel;
  }

  /** The channel behind a public URL, with its tenant; null when there is none. */
  byPublicId(publicId: string): ChannelOfTenant | null {
    const row = this.byPublic.get(publicId);
    if (!row) return null;
    let agentName = '';
    try {
      agentName = this.deps.agents.nameOf(row.tenantId, row.agentId);
    } catch {
      // the agent is gone (its channel goes with it by the foreign key)
    }
    return ofTenant(toChannel(row, agentName), row.tenantId, row.tenantActive === 1);
  }

  /** A channel of a tenant for a transport (e-mail, voice); null when there is none. */
  find(tenantId: string, channelId: string): ChannelOfTenant | null {
    const row = this.byId.get(tenantId, channelId);
    if (!row) return null;
    const channel = toChannel(row, this.deps.agents.names(tenantId).get(row.agentId) ?? '');
    return ofTenant(channel, tenantId, row.tenantActive === 1);
  }

  /** Channel names of a tenant by id (conversation lists). */
  names(tenantId: string): Map<string, { name: string; kind: ChannelKind }> {
    const rows = this.deps.sqlite
      .prepare('SELECT id, name, kind FROM channels WHERE tenant_id = ?')
      .all(tenantId) as { id: string; name: string; kind: ChannelKind }[];
    return new Map(rows.map((row) => [row.id, { name: row.name, kind: row.kind }]));
  }
}

/**
 * For a tenant import: the channel keeps its publicId (its embed code and link go on working on the
 * new installation), unless this installation already has that publicId (a copy beside the
 * original): then it gets a fresh one.
 */
export function importedPublicId(sqlite: Database.Database, publicId: string): string {
  const taken = sqlite.prepare('SELECT 1 FROM channels WHERE public_id = ?').get(publicId) !== undefined;
  return taken ? newPublicId() : publicId;
}

/** Whether `now` falls inside the channel's business hours (no hours: always open). */
export function isOpen(hours: BusinessHours | null, now: number): boolean {
  if (!hours || hours.days.length === 0) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3);
  const time = `${part('hour')}:${part('minute')}`;
  return hours.days.some((span) => span.day === day && span.open <= time && time < span.close);
}
