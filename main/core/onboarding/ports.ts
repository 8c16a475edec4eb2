import type Database from 'better-sqlite3';
import { tenantRows, type AppDb } from '../../../db';
import type { AgentsDomain } from '../agents/domain';
import type { BackupService } from '../backups/backup-service';
import type { ChannelsService } from '../channels/service';
import type { ProfileService } from '../profile/profile-service';
import type { OnboardingFacts } from './onboarding-service';

/** The details that say how customers reach the business (one of them, beside its name). */
const contactDetails = ['phone', 'email', 'website', 'bookingLink'] as const;

/** What onboarding reads, from the domains that own it (composition: handlers.ts). */
export function onboardingFacts(deps: {
  sqlite: Database.Database;
  system: AppDb;
  profile: ProfileService;
  agents: AgentsDomain;
  channels: ChannelsService;
  backups: BackupService;
}): OnboardingFacts {
  const { sqlite, system, profile, agents, channels, backups } = deps;
  // memberships are identity: every domain may read them
  const members = sqlite.prepare<[{ tenantId: string }], { n: number }>(
    `SELECT count(*) AS n FROM memberships WHERE tenant_id = @tenantId AND status IN ('invited', 'active')`,
  );
  return {
    profileReady(tenantId) {
      const { filled } = profile.get(tenantId);
      return filled.includes('name') && contactDetails.some((detail) => filled.includes(detail));
    },
    providerTested: (tenantId) =>
      agents.providers.list(tenantId).some((provider) => provider.lastTest?.ok === true),
    agentLive: (tenantId) =>
      agents.records
        .list(tenantId, {})
        .some((agent) => agent.deployedVersion !== null && agent.status === 'active'),
    channelOn: (tenantId) => channels.list(tenantRows(system, tenantId)).some((channel) => channel.enabled),
    async backupsSafe() {
      // the default folder sits in the data folder, on the same disk: one failure loses both
      const settings = backups.settings();
      if (settings.folder === backups.defaults().folder) return false;
      if (settings.schedule.enabled) return true;
      try {
        return (await backups.list()).length > 0;
      } catch {
        // a folder that cannot be read has no backup to show
        return false;
      }
    },
    teamInvited: (tenantId) => (members.get({ tenantId })?.n ?? 0) >= 2,
  };
}
