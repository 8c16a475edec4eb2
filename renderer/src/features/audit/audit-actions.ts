import type { BadgeTone } from '../../components/Badge';

/**
 * Audit actions the core records today, each with a name and a sentence in every language (an action
 * of a newer core is shown as "Other change", its recorded details one click away).
 */
export const knownAuditActions = [
  'setup.createOwner',
  'setup.savePublicListener',
  'brand.save',
  'brand.reset',
  'profile.save',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.logout_everywhere',
  'auth.setLanguage',
  'users.invite',
  'users.invite_accepted',
  'users.setRole',
  'users.disable',
  'users.enable',
  'auth.two_factor_setup_started',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_codes_replaced',
  'users.two_factor_reset',
  'security.saveSettings',
  'sessions.revoke',
  'apiKeys.create',
  'apiKeys.rotate',
  'apiKeys.revoke',
  'events.ingest',
  'insight.import',
  'insight.saveSettings',
  'insight.saveCost',
  'insight.deleteCost',
  'insight.saveReport',
  'insight.deleteReport',
  'insight.sendReportNow',
  'insight.saveProcess',
  'insight.deleteProcess',
  'insight.importMeasurements',
  'insight.saveCampaign',
  'insight.deleteCampaign',
  'tenants.create',
  'tenants.switch',
  'tenants.setMoney',
  'tenants.export',
  'tenants.importUpload',
  'tenants.import',
  'backups.create',
  'backups.verify',
  'backups.restore',
  'backups.saveSettings',
  'backups.exportKey',
  'backups.exportKey.denied',
  'agents.create',
  'agents.saveVersion',
  'agents.restoreVersion',
  'agents.deploy',
  'agents.updateSettings',
  'agents.pause',
  'agents.resume',
  'agents.run',
  'agents.cancelRun',
  'runs.approve',
  'runs.reject',
  'providers.create',
  'providers.update',
  'providers.delete',
  'providers.test',
  'outbound.allow',
  'outbound.remove',
  'knowledge.add',
  'knowledge.delete',
  'knowledge.update',
  'knowledge.restoreVersion',
  'knowledge.import',
  'knowledge.createCollection',
  'knowledge.updateCollection',
  'knowledge.deleteCollection',
  'agents.setKnowledge',
  'notify.createRule',
  'notify.updateRule',
  'notify.deleteRule',
  'notify.saveQuietHours',
  'notify.saveSmtp',
  'notify.test',
  'incidents.create',
  'incidents.opened',
  'incidents.update',
  'incidents.addNote',
  'incidents.setEscalation',
  'incidents.postmortem',
  'guardian.runChecks',
  'guardian.setAutonomy',
  'guardian.proposed',
  'guardian.approved',
  'guardian.rejected',
  'guardian.applied',
  'guardian.failed',
  'guardian.rolled_back',
  'guardian.probe_succeeded',
  'channels.create',
  'channels.update',
  'channels.delete',
  'conversations.setStatus',
  'conversations.delete',
  'conversations.export',
  'conversations.saveSettings',
  'conversations.retention',
  'tickets.create',
  'tickets.update',
  'tickets.reply',
  'tickets.note',
  'tickets.handBack',
  'tickets.saveSla',
  'assistant.handoff',
  'auth.password_change_failed',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.profile_updated',
  'users.remove',
  'users.issueResetLink',
  'tenants.rename',
  'tenants.suspend',
  'tenants.reactivate',
  'tenants.delete',
  'demo.reset',
  'demo.build',
  'billing.saveSettings',
  'billing.syncPlans',
  'billing.syncNow',
  'billing.checkout',
  'billing.portal',
  'billing.cancel',
  'billing.savePlan',
  'billing.archivePlan',
  'billing.assignPlan',
] as const;

/** Kinds of audit targets the core names; others are shown as "Other". */
export const knownTargetTypes = [
  'user',
  'events',
  'tenant',
  'session',
  'api_key',
  'agent',
  'run',
  'backup',
  'event',
  'guardian_action',
  'incident',
  'installation',
  'knowledge',
  'knowledge_collection',
  'provider',
  'settings',
  'upload',
  'channel',
  'conversation',
  'notifyRule',
  'ticket',
  'business_profile',
  'plan',
  'subscription',
  'cost',
  'report',
  'process',
  'campaign',
] as const;

export type KnownTargetType = (typeof knownTargetTypes)[number];

export const isKnownTargetType = (type: string): type is KnownTargetType =>
  (knownTargetTypes as readonly string[]).includes(type);

export type KnownAuditAction = (typeof knownAuditActions)[number];

export const isKnownAction = (action: string): action is KnownAuditAction =>
  (knownAuditActions as readonly string[]).includes(action);

/** i18next treats dots as nesting, so action names become keys with underscores. */
export const actionKey = (action: KnownAuditAction) => action.replaceAll('.', '_') as ActionKey;

type Underscored<S extends string> = S extends `${infer H}.${infer R}` ? `${H}_${Underscored<R>}` : S;
type ActionKey = { [A in KnownAuditAction]: Underscored<A> }[KnownAuditAction];

export function actionTone(action: string): BadgeTone {
  if (
    action === 'auth.login_failed' ||
    action === 'auth.two_factor_disabled' ||
    action === 'backups.exportKey.denied' ||
    action === 'guardian.failed'
  )
    return 'danger';
  if (
    action === 'users.disable' ||
    action === 'users.two_factor_reset' ||
    action === 'sessions.revoke' ||
    action === 'apiKeys.revoke' ||
    action === 'backups.restore' ||
    action === 'tenants.import' ||
    action === 'channels.delete' ||
    action === 'conversations.delete' ||
    action === 'conversations.retention'
  )
    return 'warning';
  if (action.startsWith('auth.two_factor') || action.startsWith('security.') || action.startsWith('apiKeys.'))
    return 'accent';
  if (action.startsWith('users.')) return 'accent';
  if (action.startsWith('tenants.') || action.startsWith('setup.')) return 'info';
  return 'neutral';
}
