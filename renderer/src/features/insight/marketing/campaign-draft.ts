import type { MethodInput, MethodOutput } from '../../../contract';

export type InsightCampaign = MethodOutput<'insight.campaigns'>['campaigns'][number];
export type CampaignInput = MethodInput<'insight.saveCampaign'>;

/** The campaign dialog's fields as typed (dates as yyyy-mm-dd, UTC; spend in major units). */
export interface CampaignDraft {
  name: string;
  channel: string;
  spend: string;
  startsAt: string;
  endsAt: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
}
export type CampaignField = keyof CampaignDraft;
export type CampaignProblem =
  | 'nameRequired'
  | 'channelRequired'
  | 'channelInvalid'
  | 'spendInvalid'
  | 'startRequired'
  | 'endBeforeStart'
  | 'tooLong';

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayOf = (value: string): number | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
};

export function draftOf(campaign: InsightCampaign | null, now: number): CampaignDraft {
  return {
    name: campaign?.name ?? '',
    channel: campaign?.channel ?? '',
    spend: campaign ? (campaign.spend / 100).toFixed(2) : '',
    startsAt: isoDay(campaign?.startsAt ?? now),
    // the end day is shown as the last day the campaign runs
    endsAt: campaign?.endsAt != null ? isoDay(campaign.endsAt - dayMs + 1) : '',
    utmSource: campaign?.utmSource ?? '',
    utmMedium: campaign?.utmMedium ?? '',
    utmCampaign: campaign?.utmCampaign ?? '',
  };
}

/**
 * The draft checked as the core checks it: a name and a channel, a spend of 0 or more (a decimal
 * comma or point, two decimals at most), a start day, an end day on or after it (the campaign runs
 * to the end of that day). UTM tags are kept trimmed and lower-cased (the core does the same).
 */
export function checkDraft(
  draft: CampaignDraft,
):
  | { ok: true; input: CampaignInput }
  | { ok: false; problems: Partial<Record<CampaignField, CampaignProblem>> } {
  const problems: Partial<Record<CampaignField, CampaignProblem>> = {};
  const name = draft.name.trim();
  const channel = draft.channel.trim().toLowerCase();
  if (!name) problems.name = 'nameRequired';
  else if (name.length > 120) problems.name = 'tooLong';
  if (!channel) problems.channel = 'channelRequired';
  else if (channel.length > 60 || !/^[\p{L}\p{N}_ .-]+$/u.test(channel)) problems.channel = 'channelInvalid';
  const spendText = draft.spend.trim().replace(/\s/g, '').replace(',', '.');
  const spend = /^\d+(\.\d{1,2})?$/.test(spendText) ? Math.round(Number(spendText) * 100) : NaN;
  if (!Number.isFinite(spend) || spend > 1e12) problems.spend = 'spendInvalid';
  const startsAt = dayOf(draft.startsAt);
  if (startsAt === null) problems.startsAt = 'startRequired';
  const end = draft.endsAt.trim() ? dayOf(draft.endsAt) : null;
  const endsAt = end === null ? null : end + dayMs - 1;
  if (draft.endsAt.trim() && (end === null || (startsAt !== null && end < startsAt)))
    problems.endsAt = 'endBeforeStart';
  for (const field of ['utmSource', 'utmMedium', 'utmCampaign'] as const)
    if (draft[field].trim().length > 100) problems[field] = 'tooLong';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const tag = (value: string) => value.trim().toLowerCase() || null;
  return {
    ok: true,
    input: {
      name,
      channel,
      spend,
      startsAt: startsAt!,
      endsAt,
      utmSource: tag(draft.utmSource),
      utmMedium: tag(draft.utmMedium),
      utmCampaign: tag(draft.utmCampaign),
    },
  };
}
