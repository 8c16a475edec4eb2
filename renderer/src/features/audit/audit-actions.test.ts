import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { languages, type AuditEntry } from '../../contract';
import { addFormatters } from '../../i18n/formatters';
import { isKnownAction, isKnownTargetType, knownAuditActions, type KnownAuditAction } from './audit-actions';
import { auditText, type AuditText } from './audit-text';

const core = import.meta.glob<string>(['/main/core/**/*.ts', '!/main/core/**/*.test.ts'], {
  eager: true,
  query: '?raw',
  import: 'default',
});
const contractMethods = import.meta.glob<string>('/main/contract/methods/*.ts', {
  eager: true,
  query: '?raw',
  import: 'default',
});

/**
 * Action names the core writes literally: `action: 'x.y'`, `action: c ? 'x.y' : 'x.z'`, the Guardian
 * journal's `audit: 'x.y'` and `journal.audit(tenant, actor, 'x.y', ...)`.
 */
function coreActions(): Set<string> {
  const found = new Set<string>();
  for (const text of Object.values(core)) {
    for (const m of text.matchAll(/\b(?:action|audit): '([a-zA-Z]\w*(?:\.\w+)+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\baction: [\w.!]+ \? '([\w.]+)' : '([\w.]+)'/g)) {
      found.add(m[1]!);
      found.add(m[2]!);
    }
    for (const m of text.matchAll(/\.audit\(\s*\w+,\s*[^,]+,\s*'([\w.]+)'/g)) found.add(m[1]!);
  }
  return found;
}

/** The contract's mutations: dispatch audits each under its own name unless the handler wrote an entry. */
function mutations(): string[] {
  const names: string[] = [];
  for (const text of Object.values(contractMethods)) {
    const starts = [...text.matchAll(/'([a-zA-Z]+\.[a-zA-Z]+)': defineMethod\(\{/g)];
    starts.forEach((start, i) => {
      const body = text.slice(start.index, starts[i + 1]?.index ?? text.length);
      if (/\bmutation: true\b/.test(body)) names.push(start[1]!);
    });
  }
  return names;
}

/** Mutations whose handlers always write their own entries, under these names. */
const auditedAs: Record<string, KnownAuditAction[]> = {
  'auth.acceptInvite': ['users.invite_accepted'],
  'auth.logoutEverywhere': ['auth.logout_everywhere'],
  'auth.totpBegin': ['auth.two_factor_setup_started'],
  'auth.totpConfirm': ['auth.two_factor_enabled'],
  'auth.totpDisable': ['auth.two_factor_disabled'],
  'auth.recoveryCodes': ['auth.recovery_codes_replaced'],
  'users.resetTwoFactor': ['users.two_factor_reset'],
  'runs.decide': ['runs.approve', 'runs.reject'],
  'providers.save': ['providers.create', 'providers.update'],
  'notify.saveRule': ['notify.createRule', 'notify.updateRule'],
  'guardian.approve': ['guardian.approved', 'guardian.applied', 'guardian.failed'],
  'guardian.reject': ['guardian.rejected'],
  'guardian.rollback': ['guardian.rolled_back'],
  'tenants.importChunk': ['tenants.importUpload'],
  'channels.save': ['channels.create', 'channels.update'],
  'auth.changePassword': ['auth.password_changed', 'auth.password_change_failed'],
  'auth.updateProfile': ['auth.profile_updated'],
  'auth.requestPasswordReset': ['auth.password_reset_requested'],
  'auth.resetPassword': ['auth.password_reset'],
  'assistant.ask': ['assistant.handoff'],
};

/**
 * Mutations that change nothing people audit under their own name (each marks the call audited):
 * what they lead to is audited where it happens.
 */
const notAudited: Record<string, string> = {
  'assistant.confirm':
    'the confirmed action runs through dispatch as the user and is audited under its own name',
  'onboarding.skip': 'a checklist mark; the steps themselves are audited where they happen',
  'onboarding.confirm': 'a checklist mark; the steps themselves are audited where they happen',
  'onboarding.resume': 'a checklist mark',
  'onboarding.dismiss': 'a checklist mark',
  'search.opened': 'which search result was opened: the search log, not a change',
};

describe('audit actions', () => {
  it('every action the core writes has a name and a sentence in the UI', () => {
    const actions = coreActions();
    expect(actions.size).toBeGreaterThan(60);
    expect([...actions].filter((action) => !isKnownAction(action)).sort()).toEqual([]);
  });

  it('every mutation is known by its own name or by the names its handler writes', () => {
    const written = coreActions();
    const methods = mutations();
    expect(methods.length).toBeGreaterThan(60);
    expect(
      methods.filter((method) => !isKnownAction(method) && !auditedAs[method] && !notAudited[method]),
    ).toEqual([]);
    for (const method of Object.keys(notAudited)) expect(methods, method).toContain(method);
    for (const [method, actions] of Object.entries(auditedAs)) {
      expect(methods, method).toContain(method);
      for (const action of actions) expect(written, `${method} → ${action}`).toContain(action);
    }
  });

  it('every target type the core writes has a name in the UI', () => {
    const types = new Set<string>();
    for (const text of Object.values(core)) {
      for (const m of text.matchAll(/\btargetType: '([a-zA-Z_]+)'/g)) types.add(m[1]!);
    }
    expect(types.size).toBeGreaterThan(5);
    expect([...types].filter((type) => !isKnownTargetType(type)).sort()).toEqual([]);
  });
});

// ── The sentences ────────────────────────────────────────────────────────────────────────────────

const bundles = import.meta.glob<Record<string, unknown>>('/renderer/src/i18n/*.json', {
  eager: true,
  import: 'default',
});
const locales: Record<string, string> = { en: 'en-GB', nl: 'nl-NL', nb: 'nb-NO' };
const at = Date.UTC(2026, 11, 7, 9, 30);
const message = (key: string, params: Record<string, string | number> = {}) => ({ key, params });

/** Details as the core records them, one sample per action. */
const samples: Record<KnownAuditAction, Record<string, unknown>> = {
  'setup.createOwner': { organisation: 'Sykkelverksted Nord', owner: 'owner@shop.test' },
  'brand.save': {
    before: { productName: 'Mindframe Control Center', primaryColor: '#4f46e5', logoBytes: null },
    after: { productName: 'Nordlys Assist', primaryColor: '#0f766e', logoBytes: 2048 },
  },
  'brand.reset': { before: { productName: 'Nordlys Assist', primaryColor: '#0f766e', logoBytes: null } },
  'setup.savePublicListener': {
    before: { enabled: false, port: 8080, host: '127.0.0.1', publicUrl: null },
    after: { enabled: true, port: 8080, host: '0.0.0.0', publicUrl: 'https://chat.sykkelnord.nu' },
    publicOrigin: 'https://chat.sykkelnord.nu',
    problem: null,
  },
  'profile.save': { name: 'Sykkelverksted Nord', changed: ['phone', 'openingHours'] },
  'auth.login': { secondFactor: 'backup_code', backupCodesLeft: 7 },
  'auth.login_failed': {},
  'auth.logout': {},
  'auth.logout_everywhere': { sessions: 3 },
  'auth.setLanguage': { input: { language: 'nb' } },
  'users.invite': { email: 'kari@shop.test', role: 'operator' },
  'users.invite_accepted': { role: 'viewer' },
  'users.setRole': { email: 'kari@shop.test', from: 'viewer', to: 'admin' },
  'users.disable': { email: 'kari@shop.test' },
  'users.enable': { email: 'kari@shop.test' },
  'auth.two_factor_setup_started': {},
  'auth.two_factor_enabled': {},
  'auth.two_factor_disabled': {},
  'auth.recovery_codes_replaced': {},
  'users.two_factor_reset': { email: 'kari@shop.test', sessionsEnded: 2 },
  'security.saveSettings': { requireTwoFactor: true, ipAllowList: '192.168.1.0/24, 10.0.0.5' },
  'sessions.revoke': { userId: 'u1', own: false, name: 'Kari Nordmann' },
  'apiKeys.create': { name: 'Zapier', scopes: ['agents:run', 'runs:read'], expiresAt: at },
  'apiKeys.rotate': { name: 'Zapier', scopes: ['agents:run'], expiresAt: null, graceUntil: at },
  'apiKeys.revoke': { name: 'Zapier', scopes: ['agents:run'], expiresAt: null },
  'events.ingest': { type: 'bestilling.betalt' },
  'insight.import': { accepted: 1180, duplicates: 12, rejected: 3 },
  'insight.saveSettings': { retentionDays: { from: 400, to: 180 } },
  'insight.saveCost': { created: true, month: '2026-09', category: 'hosting', amount: 4900, currency: 'EUR' },
  'insight.deleteCost': { month: '2026-09', category: 'hosting', amount: 4900, currency: 'EUR' },
  'insight.saveReport': {
    created: true,
    dashboard: 'conversations',
    frequency: 'weekly',
    recipients: 2,
    paper: 'a4',
    enabled: true,
  },
  'insight.deleteReport': {
    dashboard: 'usage',
    frequency: 'monthly',
    recipients: 1,
    paper: 'letter',
    enabled: true,
  },
  'insight.sendReportNow': { dashboard: 'conversations', sent: 2, failed: 0, error: null },
  'insight.saveProcess': {
    name: 'Reparatietijd',
    kind: 'imported',
    created: true,
    usl: 120,
    lsl: null,
    target: 60,
    unit: 'min',
    rules: 'nelson',
  },
  'insight.deleteProcess': { name: 'Reparatietijd', kind: 'imported' },
  'insight.importMeasurements': { processes: ['Reparatietijd'], accepted: 40, duplicates: 2, rejected: 1 },
  'insight.saveCampaign': {
    created: true,
    name: 'Vårkampanje',
    channel: 'paid_search',
    spend: 250000,
    currency: 'NOK',
    startsAt: at,
    endsAt: null,
    utmCampaign: 'spring',
  },
  'insight.deleteCampaign': {
    name: 'Vårkampanje',
    channel: 'paid_search',
    spend: 250000,
    currency: 'NOK',
    startsAt: at,
    endsAt: at,
    utmCampaign: 'spring',
  },
  'tenants.create': { name: 'Verksted Sør', plan: 'pro' },
  'tenants.switch': { name: 'Verksted Sør' },
  'tenants.setMoney': { currency: 'NOK', usdRate: 10.85, fromCurrency: 'USD', fromUsdRate: 1 },
  'tenants.export': { fileName: 'verksted.mfexport', bytes: 48_213, sha256: 'ab12', counts: { agents: 2 } },
  'tenants.importUpload': {},
  'tenants.import': {
    name: 'Verksted Sør',
    source: { name: 'Verksted', exportedAt: at, appVersion: '1.0.0', auditChainVerified: true },
    counts: { agents: 2 },
    invitedAgain: 3,
  },
  'backups.create': { bytes: 27_824, encrypted: false, verification: 'verified' },
  'backups.verify': { status: 'verified', reason: null },
  'backups.restore': { backupCreatedAt: at, preRestoreBackup: 'pre-restore.mfbackup', migrated: true },
  'backups.saveSettings': {
    before: {
      folder: '/srv/backups',
      schedule: { enabled: true, everyHours: 6, dailyAt: '02:30' },
      retention: { keepLast: 5, daily: 7, weekly: 4, monthly: 6 },
      encryption: false,
    },
    after: {
      folder: '/mnt/disk2/kopier',
      schedule: { enabled: true, everyHours: 12, dailyAt: '03:00' },
      retention: { keepLast: 3, daily: 7, weekly: 4, monthly: 12 },
      encryption: true,
    },
    deleted: ['a.mfbackup', 'b.mfbackup'],
  },
  'backups.exportKey': { keyId: 'k-3f9a' },
  'backups.exportKey.denied': {},
  'agents.create': {
    name: 'Verkstedhjelp',
    template: 'bike-shop-repairs',
    templateName: { en: 'Bike shop repairs', nl: 'Fietsenmaker', nb: 'Sykkelverksted' },
  },
  'agents.saveVersion': { name: 'Verkstedhjelp', version: 3, note: 'Ny hilsen' },
  'agents.restoreVersion': { name: 'Verkstedhjelp', from: 2, to: 4 },
  'agents.deploy': { name: 'Verkstedhjelp', version: 4 },
  'agents.updateSettings': {
    name: 'Verkstedhjelp',
    primaryModel: { providerId: 'local', model: 'mindframe-local' },
    fallbackModels: [],
    budget: { maxTokens: 100_000, maxCostMicros: 500_000 },
  },
  'agents.pause': { name: 'Verkstedhjelp' },
  'agents.resume': { name: 'Verkstedhjelp' },
  'agents.run': { agent: 'Verkstedhjelp', test: true },
  'agents.cancelRun': { agent: 'Verkstedhjelp' },
  'runs.approve': { agent: 'Verkstedhjelp', comment: 'Ok', step: 'n3', prompt: 'Refundere?' },
  'runs.reject': { agent: 'Verkstedhjelp', comment: '', step: 'n3', prompt: 'Refundere?' },
  'providers.create': {
    kind: 'ollama',
    name: 'Lokal Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    models: ['llama3', 'qwen2'],
    keyChanged: true,
  },
  'providers.update': {
    kind: 'openai',
    name: 'OpenAI',
    baseUrl: null,
    models: ['gpt-4o'],
    keyChanged: false,
  },
  'providers.delete': { name: 'OpenAI' },
  'providers.test': { name: 'OpenAI', ok: false },
  'outbound.allow': { hostPort: '127.0.0.1:11434' },
  'outbound.remove': { hostPort: '127.0.0.1:11434' },
  'knowledge.add': { title: 'Åpningstider', bytes: 1_840 },
  'knowledge.delete': { title: 'Åpningstider' },
  'knowledge.update': { title: 'Åpningstider', version: 3, bytes: 120 },
  'knowledge.restoreVersion': { title: 'Åpningstider', restored: 1, version: 4 },
  'knowledge.import': { kind: 'pdf', source: 'garanti.pdf', docs: 2, skippedLines: 0 },
  'knowledge.createCollection': { name: 'Verksted' },
  'knowledge.updateCollection': { name: 'Verksted' },
  'knowledge.deleteCollection': { name: 'Verksted', movedDocs: 4 },
  'agents.setKnowledge': { collections: 2 },
  'notify.createRule': {
    name: 'Vakt',
    events: ['incident.opened', 'incident.resolved'],
    minSeverity: 'SEV2',
    desktop: true,
    emails: ['vakt@shop.test'],
    webhook: null,
    webhookSigned: false,
    signingKeyChanged: false,
    enabled: true,
  },
  'notify.updateRule': {
    name: 'Vakt',
    events: ['incident.opened'],
    minSeverity: 'SEV4',
    desktop: false,
    emails: [],
    webhook: 'https://hooks.example/…',
    webhookSigned: true,
    signingKeyChanged: true,
    enabled: false,
  },
  'notify.deleteRule': { name: 'Vakt' },
  'notify.saveQuietHours': { enabled: true, start: '22:00', end: '07:00', timezone: 'Europe/Oslo' },
  'notify.saveSmtp': {
    host: 'smtp.shop.test',
    port: 587,
    secure: false,
    user: 'post',
    from: 'post@shop.test',
    credentialChanged: true,
  },
  'notify.test': { channel: 'desktop', to: null, ok: true },
  'incidents.create': { title: 'Kassen svarer ikke', severity: 'SEV2' },
  'incidents.opened': { check: 'agent_error_rate', severity: 'SEV2' },
  'incidents.update': {
    status: 'resolved',
    from: 'acknowledged',
    severity: 'SEV3',
    fromSeverity: 'SEV2',
    assigneeId: 'u1',
    assignee: 'Kari Nordmann',
    title: 'Kassen svarer ikke',
    previousTitle: 'Kassen',
  },
  'incidents.addNote': { title: 'Kassen svarer ikke' },
  'incidents.setEscalation': { people: ['kari@shop.test', 'ola@shop.test'] },
  'incidents.postmortem': {
    title: 'The agent error rate is too high',
    titleMessage: message('guardian.agents.error_rate', {
      failed: 4,
      count: 10,
      agent: 'Verkstedhjelp',
      minutes: 15,
      percent: 40,
    }),
  },
  'guardian.runChecks': { score: 87 },
  'guardian.setAutonomy': { strategy: 'pause_agent', mode: 'automatic', maxPerHour: 2 },
  'guardian.proposed': {
    strategy: 'pause_agent',
    target: 'Verkstedhjelp',
    mode: 'ask',
    reason: 'The database file is 41 kB.',
    reasonMessage: message('guardian.database_size', { mib: 0.04 }),
  },
  'guardian.approved': { strategy: 'pause_agent', target: 'Verkstedhjelp', comment: 'Gjør det' },
  'guardian.rejected': { strategy: 'pause_agent', target: 'Verkstedhjelp', comment: '' },
  'guardian.applied': {
    strategy: 'pause_agent',
    target: 'Verkstedhjelp',
    outcome: 'Paused.',
    outcomeMessage: message('guardian.outcome.probe_failed', { agent: 'Verkstedhjelp' }),
  },
  'guardian.failed': { strategy: 'database_maintenance', outcome: 'disk full' },
  'guardian.rolled_back': { strategy: 'pause_agent', target: 'Verkstedhjelp', comment: 'Tilbake' },
  'guardian.probe_succeeded': { agent: 'Verkstedhjelp', run: 'r1' },
  'channels.create': { name: 'Nettside', kind: 'web', agent: 'Verkstedhjelp', allowedOrigins: [] },
  'channels.update': { name: 'Nettside', kind: 'web', agent: 'Verkstedhjelp', allowedOrigins: [] },
  'channels.delete': { name: 'E-post', kind: 'email', agent: 'Verkstedhjelp' },
  'conversations.setStatus': { from: 'open', to: 'waiting_for_person', channel: 'Nettside' },
  'conversations.delete': { channel: 'Nettside', messages: 12, startedAt: at },
  'conversations.export': { conversations: 4, messages: 1_250, filters: {} },
  'conversations.saveSettings': { from: null, to: 90 },
  'conversations.retention': { deleted: 3, retentionDays: 90 },
  'tickets.create': { number: 12, subject: 'Selger dere pizza?', kind: 'customer' },
  'tickets.update': {
    number: 12,
    subject: 'Selger dere pizza?',
    kind: 'customer',
    from: 'new',
    to: 'waiting_on_customer',
    fromPriority: 'normal',
    priority: 'high',
    assignee: 'Kari Nordmann',
    queue: 'verksted',
    tags: ['pizza', 'spørsmål'],
  },
  'tickets.reply': { number: 12, subject: 'Selger dere pizza?', kind: 'customer', channel: 'email' },
  'tickets.note': { number: 12, subject: 'Selger dere pizza?', kind: 'customer' },
  'tickets.handBack': { number: 12, subject: 'Selger dere pizza?', kind: 'customer' },
  'assistant.handoff': { number: 7, conversationId: '01900000-0000-7000-8000-000000000001' },
  'auth.password_change_failed': { reason: 'wrong_current_password' },
  'auth.password_changed': { otherSessionsEnded: 2 },
  'auth.password_reset_requested': {},
  'auth.password_reset': { sessionsEnded: 3 },
  'auth.profile_updated': { from: 'Kari', to: 'Kari Nordmann' },
  'users.remove': { email: 'kari@shop.test', name: 'Kari Nordmann', role: 'operator' },
  'users.issueResetLink': { email: 'kari@shop.test', expiresAt: at + 30 * 60_000 },
  'tenants.rename': { from: 'Verksted Sør', to: 'Sykkelverksted Sør' },
  'tenants.suspend': { name: 'Verksted Sør' },
  'tenants.reactivate': { name: 'Verksted Sør' },
  'tenants.delete': { name: 'Verksted Sør', slug: 'verksted-sor', members: 4 },
  'demo.reset': { seed: 42, days: 180, preRestore: 'before-restore.mfbackup' },
  'demo.build': { seed: 42, days: 180, ms: 31_000 },
  'billing.saveSettings': {
    changed: ['enabled', 'graceDays'],
    stripeKey: 'set',
    keyHint: 'rk_test_…4242',
    testMode: true,
    webhookSecret: 'set',
  },
  'billing.syncPlans': { created: 9, linked: 0, updated: 1 },
  'billing.syncNow': { received: 12, applied: 3 },
  'billing.checkout': { plan: 'pro', interval: 'year' },
  'billing.portal': {},
  'billing.cancel': { atPeriodEnd: true },
  'billing.savePlan': { plan: 'Growth', created: true, priceMonthly: 4900, priceYearly: 49000 },
  'billing.archivePlan': { plan: 'Growth', archived: true },
  'billing.assignPlan': { name: 'Verksted Sør', from: 'own_use', to: 'pro' },
  'tickets.saveSla': {
    from: {},
    to: {
      low: { firstResponse: 480, resolution: 4320 },
      normal: { firstResponse: 240, resolution: 1440 },
      high: { firstResponse: 60, resolution: 480 },
      urgent: { firstResponse: 15, resolution: 240 },
    },
  },
};

/** Actions whose name (and actor and target) say everything: their sentence may be empty. */
const saidByTheirName = new Set<string>([
  'auth.logout',
  'auth.two_factor_setup_started',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_codes_replaced',
  'tenants.importUpload',
  'auth.password_reset_requested',
  'billing.portal',
]);

/**
 * Words only English writes (" is ", " in ", " of ", " was " are Dutch too; " for ", " at ", " to ",
 * " by ", " time " are Norwegian; Dutch says "runs" and "model").
 */
const englishWords = [
  'the',
  'not',
  'has',
  'have',
  'been',
  'with',
  'after',
  'from',
  'this',
  'that',
  'will',
  'are',
  'were',
  'and',
  'or',
  'an',
  'no',
  'on',
  'off',
  'again',
  'longer',
  'every',
  'only',
  'may',
  'must',
  'left',
  'made',
  'changed',
  'deleted',
  'stopped',
  'started',
  'encrypted',
  'verified',
  'failed',
  'works',
  'backup',
  'backups',
  'session',
  'sessions',
  'member',
  'members',
  'password',
  'key',
  'version',
  'draft',
  'template',
  'fallback',
  'models',
  'connection',
  'events',
  'event',
  'hours',
  'hour',
  'days',
  'weekly',
  'monthly',
  'daily',
  'most',
  'recent',
  'folder',
  'severity',
  'assigned',
  'renamed',
  'order',
  'nobody',
  'nowhere',
  'times',
  'language',
  'comment',
  'step',
  'check',
  'score',
  'out',
  'expires',
  'sender',
  'new',
  'old',
];

const englishIn = (text: string) => {
  const padded = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, ' ')} `;
  return englishWords.filter((word) => padded.includes(` ${word} `));
};

const entryOf = (action: string, details: Record<string, unknown>, targetType: string | null = null) =>
  ({
    id: 1,
    seq: 1,
    at,
    actorId: 'u0',
    actorName: 'Olivia Owner',
    action,
    targetType,
    targetId: targetType ? '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' : null,
    details,
    ip: '127.0.0.1',
  }) as unknown as AuditEntry;

let say: Record<string, AuditText>;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: Object.fromEntries(
      languages.map((language) => [
        language,
        { translation: bundles[`/renderer/src/i18n/${language}.json`] ?? {} },
      ]),
    ),
    lng: 'en',
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  addFormatters(i18n);
  say = Object.fromEntries(
    languages.map((language) => [
      language,
      auditText({
        t: i18n.getFixedT(language),
        i18n,
        language,
        locale: locales[language]!,
        memberName: () => undefined,
        tenantName: () => undefined,
      }),
    ]),
  );
});

describe('audit sentences', () => {
  it('have a sample for every action the app knows', () => {
    expect(knownAuditActions.filter((action) => !(action in samples))).toEqual([]);
  });

  for (const language of languages) {
    it(`say every action in ${language}, with no placeholder, key or raw value left`, () => {
      const problems: string[] = [];
      for (const action of knownAuditActions) {
        const entry = entryOf(action, samples[action]);
        const sentence = say[language]!.details(entry);
        const label = say[language]!.action(entry);
        if (sentence === '' && !saidByTheirName.has(action)) problems.push(`${action}: no sentence`);
        for (const text of [sentence, label]) {
          if (/\{\{|\}\}|audit\.|messages\.|undefined|NaN|\[object|: (true|false|null)\b/.test(text))
            problems.push(`${action}: ${text}`);
          if (language !== 'en' && englishIn(text).length > 0)
            problems.push(`${action}: English (${englishIn(text).join(', ')}): ${text}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('says sizes, dates and numbers in the regional format', () => {
    const backup = entryOf('backups.create', samples['backups.create'], 'backup');
    expect(say.en!.details(backup)).toBe('27.2 kB, not encrypted; verified');
    expect(say.nb!.details(backup)).toBe('27,2 kB, ikke kryptert; kontrollert');
    const exported = entryOf('conversations.export', samples['conversations.export']);
    expect(say.nl!.details(exported)).toBe('4 gesprekken, 1.250 berichten');
    const rotated = entryOf('apiKeys.rotate', samples['apiKeys.rotate']);
    expect(say.nb!.details(rotated)).toBe('Zapier: den gamle nøkkelen virker til 7. des. 2026, 09:30');
  });

  it('says what changed in words, never a secret or an id', () => {
    const settings = say.en!.details(entryOf('backups.saveSettings', samples['backups.saveSettings']));
    expect(settings).toBe(
      'A backup every 12 hours and daily at 03:00; keep the 3 most recent, and daily ones for 7 days, ' +
        'weekly for 4 weeks, monthly for 12 months; folder /mnt/disk2/kopier; encryption on; ' +
        '2 old backups deleted',
    );
    expect(say.nb!.details(entryOf('guardian.setAutonomy', samples['guardian.setAutonomy']))).toBe(
      'Sett agenten på pause: automatisk, høyst 2 ganger i timen',
    );
    expect(say.nl!.details(entryOf('incidents.update', samples['incidents.update']))).toBe(
      '‘Kassen svarer ikke’: status van bevestigd naar opgelost; ernst van SEV2 · Groot naar ' +
        'SEV3 · Klein; toegewezen aan Kari Nordmann; hernoemd van ‘Kassen’',
    );
    const smtp = say.en!.details(entryOf('notify.saveSmtp', samples['notify.saveSmtp']));
    expect(smtp).toBe('smtp.shop.test:587, sender post@shop.test; new password');
  });

  it('names targets by the name they had when the entry was written', () => {
    const pause = entryOf('agents.pause', { name: 'Verkstedhjelp' }, 'agent');
    expect(say.nb!.target(pause)).toBe('Agent: Verkstedhjelp');
    expect(say.nb!.details(pause)).toBe('Ingen nye kjøringer av Verkstedhjelp før agenten gjenopptas');
    // an entry from before names were kept
    const old = entryOf('agents.pause', {}, 'agent');
    expect(say.nb!.target(old)).toBe('Agent 2e3f4a5b');
    expect(say.nb!.details(old)).toBe('Ingen nye kjøringer av denne agenten før agenten gjenopptas');
    const note = entryOf('incidents.postmortem', samples['incidents.postmortem'], 'incident');
    expect(say.nl!.target(note)).not.toContain('The agent');
    expect(say.en!.target(entryOf('providers.delete', { name: 'OpenAI' }, 'provider'))).toBe(
      'Provider: OpenAI',
    );
    expect(say.en!.target(entryOf('knowledge.delete', { title: 'Hours' }, 'knowledge'))).toBe(
      'Knowledge: Hours',
    );
    expect(say.en!.target(entryOf('notify.deleteRule', { name: 'On call' }, 'notifyRule'))).toBe(
      'Notification rule: On call',
    );
  });

  it('says an action of a newer core in a neutral sentence, never as key: value', () => {
    const newer = entryOf('robots.calibrate', { arm: 'left', torque: 12 }, 'agent');
    for (const language of languages) {
      const sentence = say[language]!.details(newer);
      expect(sentence).not.toMatch(/arm|torque|left|12/);
      expect(say[language]!.action(newer)).not.toContain('robots');
    }
    expect(say.en!.details(newer)).toBe('Changed: agent');
    expect(say.en!.action(newer)).toBe('Other change');
    expect(say.nb!.details(entryOf('robots.calibrate', { name: 'Arm' }, 'agent'))).toBe('Endret Arm');
    expect(say.nl!.details(entryOf('robots.calibrate', {}))).toBe('Er is iets gewijzigd');
  });
});
