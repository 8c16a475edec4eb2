import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { MethodOutput } from '../../contract';
import {
  customerEvents,
  leadEvent,
  minorValueOf,
  touchEvent,
  type CampaignRow,
  type ConversionRow,
  type MarketingData,
  type TouchRow,
} from './marketing';

export type InsightCampaign = MethodOutput<'insight.saveCampaign'>;

export interface CampaignInput {
  id?: string | undefined;
  name: string;
  channel: string;
  spend: number;
  startsAt: number;
  endsAt?: number | null | undefined;
  utmSource?: string | null | undefined;
  utmMedium?: string | null | undefined;
  utmCampaign?: string | null | undefined;
}

/** Sources the events API and the CSV import give an event that names none. */
const ingestDefaults = new Set(['api', 'import']);

const columns = `id, name, channel, spend, starts_at AS startsAt, ends_at AS endsAt, utm_source AS utmSource,
  utm_medium AS utmMedium, utm_campaign AS utmCampaign, created_at AS createdAt`;

/**
 * The event reads: one name's time range of one tenant, through insight_events_funnel (tenant, name,
 * at, actor). INDEXED BY: the plan may not wander to the (tenant, at) index for a wide range.
 */
export const eventSql = {
  touches: `SELECT actor, at, source, campaign, props FROM insight_events INDEXED BY insight_events_funnel
      WHERE tenant_id = @tenantId AND name = '${touchEvent}' AND at >= @from AND at < @to ORDER BY at`,
  actors: `SELECT DISTINCT actor FROM insight_events INDEXED BY insight_events_funnel
      WHERE tenant_id = @tenantId AND name = @name AND at >= @from AND at < @to`,
  conversions: `SELECT actor, at, props FROM insight_events INDEXED BY insight_events_funnel
      WHERE tenant_id = @tenantId AND name = @name AND at >= @from AND at < @to`,
};

/**
 * The marketing section's reads and writes, every statement bound to one tenant. Events are read by
 * name and time through insight_events_funnel (tenant, name, at, actor): a range of one event name
 * is an index range, never a scan of the tenant's events.
 */
export function marketingQueries(sqlite: Database.Database) {
  const list = sqlite.prepare<{ tenantId: string }, InsightCampaign>(
    `SELECT ${columns} FROM insight_campaigns WHERE tenant_id = @tenantId ORDER BY starts_at DESC, name`,
  );
  const byId = sqlite.prepare<{ tenantId: string; id: string }, InsightCampaign>(
    `SELECT ${columns} FROM insight_campaigns WHERE tenant_id = @tenantId AND id = @id`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO insight_campaigns (id, tenant_id, name, channel, spend, starts_at, ends_at, utm_source, utm_medium, utm_campaign, created_at)
     VALUES (@id, @tenantId, @name, @channel, @spend, @startsAt, @endsAt, @utmSource, @utmMedium, @utmCampaign, @now)`,
  );
  const update = sqlite.prepare(
    `UPDATE insight_campaigns SET name = @name, channel = @channel, spend = @spend, starts_at = @startsAt,
       ends_at = @endsAt, utm_source = @utmSource, utm_medium = @utmMedium, utm_campaign = @utmCampaign
     WHERE tenant_id = @tenantId AND id = @id`,
  );
  const remove = sqlite.prepare('DELETE FROM insight_campaigns WHERE tenant_id = @tenantId AND id = @id');
  const touches = sqlite.prepare<
    { tenantId: string; from: number; to: number },
    { actor: string; at: number; source: string | null; campaign: string | null; props: string | null }
  >(eventSql.touches);
  const actors = sqlite.prepare<
    { tenantId: string; name: string; from: number; to: number },
    { actor: string }
  >(eventSql.actors);
  const conversions = sqlite.prepare<
    { tenantId: string; name: string; from: number; to: number },
    { actor: string; at: number; props: string | null }
  >(eventSql.conversions);

  const propsOf = (text: string | null): Record<string, unknown> => {
    if (!text) return {};
    try {
      const value = JSON.parse(text) as unknown;
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const textOf = (value: unknown): string | null =>
    typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null;

  return {
    campaigns(tenantId: string): InsightCampaign[] {
      return list.all({ tenantId });
    },
    campaign(tenantId: string, id: string): InsightCampaign | null {
      return byId.get({ tenantId, id }) ?? null;
    },
    /** Adds or changes a campaign; null when the id is not one of the tenant's. */
    saveCampaign(tenantId: string, input: CampaignInput, now: number): InsightCampaign | null {
      const row = {
        tenantId,
        id: input.id ?? randomUUID(),
        name: input.name,
        channel: input.channel,
        spend: input.spend,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        utmSource: input.utmSource ?? null,
        utmMedium: input.utmMedium ?? null,
        utmCampaign: input.utmCampaign ?? null,
        now,
      };
      if (input.id) {
        if (update.run(row).changes === 0) return null;
      } else insert.run(row);
      return byId.get({ tenantId, id: row.id }) ?? null;
    },
    deleteCampaign(tenantId: string, id: string): boolean {
      return remove.run({ tenantId, id }).changes > 0;
    },

    /** What the figures need: campaigns, touches from `touchesFrom`, the chain's actors, the conversions of the range. */
    data(tenantId: string, range: { touchesFrom: number; from: number; to: number }): MarketingData {
      const campaigns: CampaignRow[] = list.all({ tenantId });
      const touchRows: TouchRow[] = touches
        .all({ tenantId, from: range.touchesFrom, to: range.to })
        .map((row) => {
          const props = propsOf(row.props);
          return {
            actor: row.actor,
            at: row.at,
            // the ingest's own defaults (a touch sent without a source) are no utm_source
            source: ingestDefaults.has(row.source ?? '') ? null : textOf(row.source),
            campaign: textOf(row.campaign),
            medium: textOf(props.medium),
            referrer: textOf(props.referrer),
          };
        });
      const actorsOf = (name: string) =>
        new Set(actors.all({ tenantId, name, from: range.touchesFrom, to: range.to }).map((r) => r.actor));
      const conversionRows: ConversionRow[] = [];
      for (const name of customerEvents)
        for (const row of conversions.all({ tenantId, name, from: range.from, to: range.to }))
          conversionRows.push({
            actor: row.actor,
            at: row.at,
            value: minorValueOf(propsOf(row.props).value),
          });
      conversionRows.sort((a, b) => a.at - b.at);
      return {
        campaigns,
        touches: touchRows,
        conversationActors: actorsOf('conversation.started'),
        leadActors: actorsOf(leadEvent),
        conversions: conversionRows,
      };
    },
  };
}
