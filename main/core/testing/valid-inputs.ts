import type { FlowInput, MethodInput, MethodName } from '../../contract';

export interface FixtureIds {
  tenantId: string;
  userId: string;
  agentId?: string;
  versionId?: string;
  runId?: string;
  providerId?: string;
  docId?: string;
  incidentId?: string;
  actionId?: string;
  ruleId?: string;
  exportId?: string;
  sessionId?: string;
  apiKeyId?: string;
  channelId?: string;
  conversationId?: string;
}

const nowhere = '01a20125-33c1-7000-8000-000000000000';

export const tinyFlow: FlowInput = {
  schemaVersion: 1,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'reply', type: 'reply', position: { x: 0, y: 140 }, data: { text: 'Hello {{message}}' } },
  ],
  edges: [{ id: 'e1', source: 'trigger', target: 'reply' }],
};

/** One well-formed input per contract method, pointing at the given ids; a new method must add one. */
export function validInputs(ids: FixtureIds): { [M in MethodName]: MethodInput<M> } {
  const agentId = ids.agentId ?? nowhere;
  const versionId = ids.versionId ?? nowhere;
  return {
    'setup.status': {},
    'setup.createOwner': {
      orgName: 'Other',
      name: 'Other',
      email: 'other@other.test',
      password: 'a long enough password',
    },
    'setup.publicListener': {},
    'setup.savePublicListener': { enabled: true, port: 8080, host: '127.0.0.1', publicUrl: null },
    'auth.login': { email: 'someone@acme.test', password: 'whatever password' },
    'auth.acceptInvite': { token: 'x'.repeat(43), password: 'a long enough password' },
    'auth.logout': {},
    'auth.me': {},
    'auth.setLanguage': { language: 'nb' },
    'auth.logoutEverywhere': {},
    'auth.changePassword': {
      currentPassword: 'whatever password',
      newPassword: 'a long enough password',
      endOtherSessions: false,
    },
    'auth.updateProfile': { name: 'Probe Person' },
    'auth.resetAvailable': {},
    'auth.requestPasswordReset': { email: 'someone@acme.test' },
    'auth.resetPassword': { token: 'x'.repeat(43), newPassword: 'a long enough password' },
    'tenants.list': {},
    'tenants.create': { name: 'New Org' },
    'tenants.switch': { tenantId: ids.tenantId },
    'tenants.money': {},
    'tenants.setMoney': { currency: 'NOK', usdRate: 10.85 },
    'tenants.rename': { tenantId: ids.tenantId, name: 'Renamed Org' },
    'tenants.suspend': { tenantId: ids.tenantId },
    'tenants.reactivate': { tenantId: ids.tenantId },
    'tenants.delete': { tenantId: ids.tenantId, confirmName: 'Renamed Org' },
    'users.list': {},
    'users.invite': { email: 'invitee@acme.test', role: 'viewer' },
    'users.setRole': { userId: ids.userId, role: 'operator' },
    'users.disable': { userId: ids.userId, disabled: true },
    'users.remove': { userId: ids.userId },
    'users.issueResetLink': { userId: ids.userId },
    'audit.list': {},
    'audit.verify': {},
    'health.summary': {},
    'templates.list': {},
    'templates.get': { templateId: 'bike-shop' },
    'templates.match': { need: 'answer questions about bike repairs' },
    'agents.list': {},
    'agents.create': { name: 'Probe agent' },
    'agents.get': { agentId },
    'agents.updateSettings': { agentId, name: 'Renamed' },
    'agents.saveVersion': { agentId, flow: tinyFlow },
    'agents.versions': { agentId },
    'agents.version': { agentId, versionId },
    'agents.diff': { agentId, fromVersionId: versionId, toVersionId: versionId },
    'agents.restoreVersion': { agentId, versionId },
    'agents.validate': { flow: tinyFlow, agentId },
    'agents.deploy': { agentId },
    'agents.pause': { agentId, paused: true },
    'agents.run': { agentId, input: { message: 'hi' }, draft: tinyFlow },
    'agents.cancelRun': { runId: ids.runId ?? nowhere },
    'runs.list': { agentId },
    'runs.get': { runId: ids.runId ?? nowhere },
    'runs.decide': { runId: ids.runId ?? nowhere, approved: true },
    'runs.costs': {},
    'providers.list': {},
    'providers.save': { id: ids.providerId ?? nowhere, kind: 'ollama', name: 'Probe', models: ['llama3'] },
    'providers.test': { providerId: ids.providerId ?? nowhere },
    'providers.delete': { providerId: ids.providerId ?? nowhere },
    'knowledge.add': { title: 'Probe', body: 'Probe text' },
    'knowledge.list': {},
    'knowledge.search': { q: 'croissant' },
    'knowledge.delete': { docId: ids.docId ?? nowhere },
    'guardian.status': {},
    'guardian.history': { range: '7d' },
    'guardian.runChecks': {},
    'guardian.actions': {},
    'guardian.approve': { actionId: ids.actionId ?? nowhere },
    'guardian.reject': { actionId: ids.actionId ?? nowhere },
    'guardian.rollback': { actionId: ids.actionId ?? nowhere },
    'guardian.autonomy': {},
    'guardian.setAutonomy': { strategy: 'pause_agent', mode: 'automatic' },
    'incidents.list': {},
    'incidents.get': { incidentId: ids.incidentId ?? nowhere },
    'incidents.create': { title: 'Probe incident', severity: 'SEV3' },
    'incidents.update': { incidentId: ids.incidentId ?? nowhere, status: 'acknowledged' },
    'incidents.addNote': { incidentId: ids.incidentId ?? nowhere, text: 'probe note' },
    'incidents.postmortem': {
      incidentId: ids.incidentId ?? nowhere,
      postmortem: { summary: 'probe', impact: '', rootCause: '', actions: [] },
    },
    'incidents.escalation': {},
    'incidents.setEscalation': { userIds: [ids.userId] },
    'notify.rules': {},
    'notify.saveRule': { id: ids.ruleId ?? nowhere, name: 'Probe rule', events: ['incident.opened'] },
    'notify.deleteRule': { ruleId: ids.ruleId ?? nowhere },
    'notify.saveQuietHours': { enabled: true, start: '22:00', end: '07:00', timezone: 'Europe/Oslo' },
    'notify.saveSmtp': { host: 'smtp.probe.test', port: 587, from: 'probe@probe.test' },
    'notify.test': { channel: 'desktop', ruleId: ids.ruleId ?? nowhere },
    'logs.query': {},
    'errors.list': {},
    'backups.list': {},
    'backups.create': {},
    'backups.verify': { file: 'nothing-here.mfbackup' },
    'backups.restore': { file: 'nothing-here.mfbackup' },
    'backups.settings': {},
    'backups.saveSettings': {
      folder: '/tmp/mindframe-backups-valid-input',
      schedule: { enabled: true, everyHours: 6, dailyAt: '02:30' },
      retention: { keepLast: 10, daily: 7, weekly: 4, monthly: 12 },
      encryption: false,
    },
    'backups.previewRetention': { retention: { keepLast: 10, daily: 7, weekly: 4, monthly: 12 } },
    'backups.exportKey': { password: 'whatever password' },
    'tenants.export': {},
    'tenants.exportChunk': { exportId: ids.exportId ?? '0'.repeat(32), offset: 0 },
    'tenants.importChunk': { offset: 0, data: '' },
    'tenants.import': { importId: '0'.repeat(32) },
    'security.events': {},
    'security.settings': {},
    'security.saveSettings': { requireTwoFactor: false },
    'sessions.list': { userId: ids.userId },
    'sessions.revoke': { sessionId: ids.sessionId ?? nowhere },
    'apiKeys.list': {},
    'apiKeys.create': { name: 'Probe key', scopes: ['agents:read'] },
    'apiKeys.rotate': { keyId: ids.apiKeyId ?? nowhere },
    'apiKeys.revoke': { keyId: ids.apiKeyId ?? nowhere },
    'analytics.summary': {},
    'events.ingest': { type: 'probe.sent', data: { n: 1 } },
    'auth.totpBegin': {},
    'auth.totpConfirm': { code: '123456' },
    'auth.totpDisable': { password: 'whatever password', code: '123456' },
    'auth.recoveryCodes': { password: 'whatever password', code: '123456' },
    'auth.twoFactorStatus': {},
    'users.resetTwoFactor': { userId: ids.userId },
    'secrets.status': {},
    'outbound.allowList': {},
    'outbound.allow': { hostPort: '127.0.0.1:11434' },
    'outbound.remove': { hostPort: '127.0.0.1:11434' },
    'channels.list': {},
    'channels.save': {
      id: ids.channelId ?? nowhere,
      agentId,
      kind: 'web',
      name: 'Probe chat',
      allowedOrigins: ['https://probe.test'],
    },
    'channels.delete': { channelId: ids.channelId ?? nowhere },
    'conversations.list': {},
    'conversations.get': { conversationId: ids.conversationId ?? nowhere },
    'conversations.setStatus': { conversationId: ids.conversationId ?? nowhere, status: 'closed' },
    'conversations.delete': { conversationId: ids.conversationId ?? nowhere },
    'conversations.export': {},
    'conversations.stats': { since: 0 },
    'conversations.settings': {},
    'conversations.saveSettings': { retentionDays: 365 },
  };
}
