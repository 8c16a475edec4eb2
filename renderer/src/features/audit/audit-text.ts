import type { TFunction, i18n as I18n } from 'i18next';
import { messageText } from '../../i18n/message';
import { currencyName, formatCost, formatRate, usDollars } from '../../i18n/money';
import { formatBytes } from '../../lib/bytes';
import {
  apiKeyScopes,
  autonomyModes,
  channelKinds,
  checkIds,
  conversationStatuses,
  currencies,
  incidentStatuses,
  languages,
  notifyChannels,
  severities,
  strategies,
  ticketPriorities,
  ticketStatuses,
  type AuditEntry,
  type Message,
} from '../../contract';
import { isRole } from '../../lib/roles';
import { planNameOf } from '../billing/billing-meta';
import { scopeKey } from '../api-keys/api-key-meta';
import { localized } from '../marketplace/categories';
import { actionKey, isKnownAction, isKnownTargetType, type KnownAuditAction } from './audit-actions';

type Details = AuditEntry['details'];

/** Whether a recorded detail is one of a contract value list (details are stored as unknown). */
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A message the core recorded beside its English (`reasonMessage`, `outcomeMessage`, `titleMessage`). */
const isMessage = (value: unknown): value is Message =>
  isRecord(value) && typeof value.key === 'string' && (value.params === undefined || isRecord(value.params));

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(text).filter((item) => item !== '') : [];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the sentences need: the catalogue, the regional format, and names the app already knows. */
export interface AuditTextDeps {
  t: TFunction;
  i18n: Pick<I18n, 'exists'>;
  /** The UI language (en, nl, nb). */
  language: string;
  /** The user's regional format, for numbers, sizes, dates and money. */
  locale: string;
  /** A member's current name, for entries that recorded only an id. */
  memberName(userId: string): string | undefined;
  /** An organisation's current name, for entries that recorded only an id. */
  tenantName(tenantId: string): string | undefined;
}

/**
 * Audit entries in words, in the user's language: the action's name (`action`), what it was done to
 * (`target`, by the name it had when it was recorded) and a sentence with what matters about it
 * (`details`). The recorded details themselves stay one click away in the audit table.
 */
export function auditText(deps: AuditTextDeps) {
  const { t, locale, language } = deps;
  /** A catalogue sentence, with numbers and dates in the regional format. */
  const say = (key: string, params: Record<string, unknown> = {}) => t(key, { ...params, locale });
  const d_ = (key: string, params?: Record<string, unknown>) => say(`audit.details.${key}`, params);
  /** A report's dashboard by its view's title (`usage` is the overview). */
  const reportDashboard = (value: unknown) =>
    t(`insight.titles.${text(value) === 'usage' ? 'overview' : text(value)}`);

  const number = new Intl.NumberFormat(locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const when = (value: unknown) => (num(value) === null ? '' : dateTime.format(num(value)!));
  const bytes = (value: unknown) => formatBytes(num(value) ?? 0, locale);
  /** Parts of a sentence joined with semicolons. */
  const parts = (items: string[]) => items.filter((item) => item !== '').join('; ');
  /** The same, starting with a capital: for parts that are phrases of the catalogue ("encryption on"). */
  const changed = (items: string[]) => {
    const joined = parts(items);
    return joined.charAt(0).toLocaleUpperCase(locale) + joined.slice(1);
  };
  /** A lower-case start, for a label used inside a sentence ("Resolved" → "resolved"). */
  const lower = (value: string) => value.charAt(0).toLocaleLowerCase(locale) + value.slice(1);
  /** Free text a person wrote (a title, a note, a comment), in the language's quotation marks. */
  const quote = (value: unknown) => (text(value) ? d_('quoted', { text: text(value) }) : '');
  const said = (message: unknown) =>
    isMessage(message) ? messageText(deps.i18n, t, message, undefined, locale) : '';
  /** A name the entry recorded, or "this agent" (entries written before names were kept). */
  const nameOr = (value: unknown, thing: 'agent' | 'provider' | 'document' | 'incident') =>
    text(value) || d_(`this.${thing}`);

  const role = (value: unknown) => (isRole(value) ? t(`roles.${value}`) : text(value));
  const severity = (value: unknown) =>
    isOneOf(severities, value) ? t(`incidents.severityNames.${value}`) : text(value);
  const incidentStatus = (value: unknown) =>
    isOneOf(incidentStatuses, value) ? lower(t(`incidents.status.${value}`)) : text(value);
  const strategy = (value: unknown) =>
    isOneOf(strategies, value) ? t(`guardian.strategies.${value}.name`) : text(value);
  /** An amount in minor units of a currency the audit recorded ("€ 49,00"); the bare number otherwise. */
  const minorAmount = (amount: unknown, currency: unknown) => {
    const value = num(amount);
    if (value === null) return '';
    return isOneOf(currencies, currency)
      ? new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value / 100)
      : String(value);
  };
  /** A campaign's name, channel, dates and spend (insight.saveCampaign / deleteCampaign). */
  const campaignParams = (d: Details) => {
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const from = num(d.startsAt) === null ? '' : day.format(num(d.startsAt)!);
    const to = num(d.endsAt) === null ? '' : day.format(num(d.endsAt)!);
    return {
      name: text(d.name),
      channel: text(d.channel),
      dates: to ? d_('campaignDates', { from, to }) : d_('campaignFrom', { from }),
      amount: minorAmount(d.spend, d.currency),
    };
  };
  /** "norske kroner (1 USD = 10,85 kr)", or "US dollar": a currency the audit recorded. */
  const money = (currency: unknown, usdRate: unknown) =>
    !isOneOf(currencies, currency)
      ? text(currency)
      : currency === 'USD' || typeof usdRate !== 'number' || !(usdRate > 0)
        ? currencyName(currency, locale)
        : d_('moneyRate', {
            currency: currencyName(currency, locale),
            rate: formatRate({ currency, usdRate }, locale),
          });
  /** An incident's title: the core's message when the core wrote it, else as a person wrote it. */
  const incidentTitle = (d: Details) => quote(said(d.titleMessage) || text(d.title)) || d_('this.incident');
  /** "Pause the agent for Front desk": a Guardian action. */
  const guardianPlan = (d: Details) =>
    text(d.target)
      ? d_('guardianPlan', { strategy: strategy(d.strategy), target: text(d.target) })
      : strategy(d.strategy);
  const withComment = (sentence: string, comment: unknown) =>
    text(comment) ? d_('withComment', { text: sentence, comment: text(comment) }) : sentence;
  const withOutcome = (sentence: string, outcome: unknown) =>
    said(outcome) ? `${sentence}: ${said(outcome)}` : sentence;

  function apiKey(d: Details): string {
    const scopes = strings(d.scopes).map((scope) =>
      isOneOf(apiKeyScopes, scope) ? lower(t(`apiKeys.scopes.${scopeKey(scope)}`)) : scope,
    );
    const expiry =
      num(d.expiresAt) === null ? d_('apiKeyNoExpiry') : d_('apiKeyExpires', { date: when(d.expiresAt) });
    return parts([d_('apiKey', { name: text(d.name), scopes: and.format(scopes) }), expiry]);
  }

  function backupSettings(d: Details): string {
    const before = isRecord(d.before) ? d.before : {};
    const after = isRecord(d.after) ? d.after : {};
    const changes: string[] = [];
    if (!same(before.schedule, after.schedule) && isRecord(after.schedule)) {
      const schedule = after.schedule;
      const every = num(schedule.everyHours) ?? 0;
      changes.push(
        schedule.enabled === false
          ? d_('scheduleOff')
          : and.format([
              ...(every > 0 ? [d_('scheduleEvery', { count: every })] : []),
              ...(text(schedule.dailyAt) ? [d_('scheduleDaily', { time: text(schedule.dailyAt) })] : []),
            ]),
      );
    }
    if (!same(before.retention, after.retention) && isRecord(after.retention)) {
      const r = after.retention;
      changes.push(
        d_('retentionPolicy', {
          keepLast: num(r.keepLast) ?? 0,
          daily: num(r.daily) ?? 0,
          weekly: num(r.weekly) ?? 0,
          monthly: num(r.monthly) ?? 0,
        }),
      );
    }
    if (!same(before.folder, after.folder) && text(after.folder))
      changes.push(d_('backupFolder', { folder: text(after.folder) }));
    if (!same(before.encryption, after.encryption))
      changes.push(d_(after.encryption ? 'encryptionOn' : 'encryptionOff'));
    const deleted = strings(d.deleted).length;
    if (deleted > 0) changes.push(d_('oldBackupsDeleted', { count: deleted }));
    return changes.length > 0 ? changed(changes) : d_('noChange');
  }

  function agentSettings(d: Details): string {
    const changes: string[] = [];
    if (isRecord(d.primaryModel)) changes.push(d_('model', { model: text(d.primaryModel.model) }));
    if (Array.isArray(d.fallbackModels))
      changes.push(
        d.fallbackModels.length === 0
          ? d_('noFallbackModels')
          : d_('fallbackModels', {
              models: and.format(d.fallbackModels.map((ref) => (isRecord(ref) ? text(ref.model) : ''))),
            }),
      );
    if (isRecord(d.budget))
      changes.push(
        d_('budget', {
          tokens: number.format(num(d.budget.maxTokens) ?? 0),
          cost: formatCost(num(d.budget.maxCostMicros) ?? 0, usDollars, locale),
        }),
      );
    if (changes.length === 0) changes.push(d_('nameAndDescription'));
    return `${nameOr(d.name, 'agent')}: ${changes.join('; ')}`;
  }

  function notifyRule(d: Details): string {
    const channels = [
      ...(d.desktop === true ? [d_('channels.desktop')] : []),
      ...(strings(d.emails).length > 0 ? [d_('channels.email')] : []),
      ...(text(d.webhook) ? [d_('channels.webhook')] : []),
    ];
    return parts([
      d_('ruleSummary', {
        name: text(d.name),
        count: strings(d.events).length,
        severity: t('notifications.rule.severityAndUp', { severity: severity(d.minSeverity) }),
        channels: channels.length > 0 ? and.format(channels) : d_('noChannel'),
      }),
      d.enabled === false ? d_('ruleOff') : '',
    ]);
  }

  function quietHours(d: Details): string {
    if (d.enabled !== true) return t('notifications.quiet.summaryOff');
    const start = text(d.start);
    const end = text(d.end);
    return t(end <= start ? 'notifications.quiet.summaryOvernight' : 'notifications.quiet.summary', {
      start,
      end,
      zone: text(d.timezone),
    });
  }

  function incidentUpdate(d: Details): string {
    const changes: string[] = [];
    if (d.status !== undefined)
      changes.push(
        d.from !== undefined
          ? d_('statusFromTo', { from: incidentStatus(d.from), to: incidentStatus(d.status) })
          : d_('statusTo', { to: incidentStatus(d.status) }),
      );
    if (d.severity !== undefined)
      changes.push(
        d.fromSeverity !== undefined
          ? d_('severityFromTo', { from: severity(d.fromSeverity), to: severity(d.severity) })
          : d_('severityTo', { to: severity(d.severity) }),
      );
    if (d.assigneeId !== undefined)
      changes.push(
        d.assigneeId === null
          ? d_('unassigned')
          : text(d.assignee)
            ? d_('assignedTo', { name: text(d.assignee) })
            : d_('assigned'),
      );
    if (text(d.previousTitle) && d.previousTitle !== d.title)
      changes.push(d_('renamedFrom', { from: quote(d.previousTitle) }));
    return changes.length > 0 ? `${incidentTitle(d)}: ${changes.join('; ')}` : incidentTitle(d);
  }

  function securitySettings(d: Details): string {
    const changes: string[] = [];
    if (typeof d.requireTwoFactor === 'boolean')
      changes.push(d_(d.requireTwoFactor ? 'requireTwoFactorOn' : 'requireTwoFactorOff'));
    if (typeof d.ipAllowList === 'string')
      changes.push(
        d.ipAllowList.trim() === ''
          ? d_('allowListOpen')
          : d_('allowList', { list: d.ipAllowList.split(/,\s*/).join(', ') }),
      );
    return changes.length > 0 ? changed(changes) : d_('noChange');
  }

  function tenantImport(d: Details): string {
    const source = isRecord(d.source) ? d.source : {};
    const sentence = text(d.by)
      ? d_('importedBy', { name: text(d.name), source: text(source.name), by: text(d.by) })
      : d_('imported', { name: text(d.name), source: text(source.name), date: when(source.exportedAt) });
    const invited = num(d.invitedAgain) ?? 0;
    return invited > 0 ? parts([sentence, d_('invitedAgain', { count: invited })]) : sentence;
  }

  /** "Public listener on at 0.0.0.0:8080 for every network; customers use https://chat.example.com" */
  function publicListener(d: Details): string {
    const after = (typeof d.after === 'object' && d.after !== null ? d.after : {}) as Details;
    if (after.enabled !== true) return d_('publicListenerOff');
    const address = `${text(after.host)}:${num(after.port) ?? ''}`;
    return parts([
      d_(after.host === '0.0.0.0' ? 'publicListenerOnEveryNetwork' : 'publicListenerOnThisComputer', {
        address,
      }),
      text(after.publicUrl) ? d_('publicListenerUrl', { url: text(after.publicUrl) }) : '',
      d.problem === 'port_in_use' ? d_('publicListenerPortInUse') : '',
      d.problem === 'failed' ? d_('publicListenerFailed') : '',
    ]);
  }

  /** Every action the app knows, in words: the type makes a new action without a sentence fail to compile. */
  const sentences: Record<KnownAuditAction, (d: Details, entry: AuditEntry) => string> = {
    'setup.createOwner': (d) =>
      d_('createOwner', { organisation: text(d.organisation), owner: text(d.owner) }),
    'setup.savePublicListener': publicListener,
    'brand.save': (d) => {
      const after = (d.after ?? {}) as Details;
      return d_('brandSaved', { name: text(after.productName), color: text(after.primaryColor) });
    },
    'brand.reset': () => d_('brandReset'),
    'profile.save': (d) => {
      const changed = Array.isArray(d.changed) ? d.changed.filter((item) => typeof item === 'string') : [];
      return changed.length === 0
        ? d_('profileSavedNothing')
        : d_('profileSaved', {
            details: changed
              .map((detail) => t(`business.details.${detail}`, { defaultValue: detail }))
              .join(', '),
          });
    },
    'auth.login': (d) =>
      d.secondFactor === 'backup_code' ? d_('loginRecoveryCode', { count: num(d.backupCodesLeft) ?? 0 }) : '',
    'auth.login_failed': (d) =>
      d.reason === 'wrong_code'
        ? d_('loginWrongCode')
        : d.reason === 'wrong_backup_code'
          ? d_('loginWrongBackupCode')
          : d_('wrongPassword'),
    'auth.logout': () => '',
    'auth.logout_everywhere': (d) => d_('sessionsEnded', { count: num(d.sessions) ?? 0 }),
    'auth.setLanguage': (d) => {
      const chosen = isRecord(d.input) ? d.input.language : undefined;
      return isOneOf(languages, chosen) ? d_('language', { language: t(`language.names.${chosen}`) }) : '';
    },
    'users.invite': (d) => d_('invite', { email: text(d.email), role: role(d.role) }),
    'users.invite_accepted': (d) => d_('inviteAccepted', { role: role(d.role) }),
    'users.setRole': (d) => d_('setRole', { email: text(d.email), from: role(d.from), to: role(d.to) }),
    'users.disable': (d) => d_('memberDisabled', { email: text(d.email) }),
    'users.enable': (d) => d_('memberEnabled', { email: text(d.email) }),
    'auth.two_factor_setup_started': () => '',
    'auth.two_factor_enabled': () => '',
    'auth.two_factor_disabled': () => '',
    'auth.recovery_codes_replaced': () => '',
    'users.two_factor_reset': (d) =>
      num(d.sessionsEnded) !== null
        ? d_('twoFactorResetSessions', { email: text(d.email), count: num(d.sessionsEnded) })
        : d_('twoFactorReset', { email: text(d.email) }),
    'security.saveSettings': securitySettings,
    'sessions.revoke': (d) =>
      d.own === true
        ? d_('sessionOwn')
        : d_('sessionOf', {
            name: text(d.name) || deps.memberName(text(d.userId)) || d_('aMember'),
          }),
    'apiKeys.create': apiKey,
    'apiKeys.rotate': (d) =>
      num(d.graceUntil) === null
        ? apiKey(d)
        : d_('apiKeyRotated', { name: text(d.name), date: when(d.graceUntil) }),
    'apiKeys.revoke': (d) => d_('apiKeyRevoked', { name: text(d.name) }),
    'events.ingest': (d) =>
      // a batch (issue 17) says its counts; the old single-event entries name the event's type
      num(d.accepted) === null
        ? d_('eventReceived', { type: text(d.type) })
        : d_('eventsReceived', {
            accepted: num(d.accepted) ?? 0,
            duplicates: num(d.duplicates) ?? 0,
            rejected: num(d.rejected) ?? 0,
          }),
    'insight.import': (d) =>
      d_('eventsImported', {
        accepted: num(d.accepted) ?? 0,
        duplicates: num(d.duplicates) ?? 0,
        rejected: num(d.rejected) ?? 0,
      }),
    'insight.saveSettings': (d) => {
      const days = (d.retentionDays ?? {}) as Details;
      return d_('insightRetention', { from: num(days.from) ?? 0, to: num(days.to) ?? 0 });
    },
    'insight.saveCost': (d) =>
      d_(d.created === false ? 'costChanged' : 'costAdded', {
        category: text(d.category),
        month: text(d.month),
        amount: minorAmount(d.amount, d.currency),
      }),
    'insight.deleteCost': (d) =>
      d_('costDeleted', {
        category: text(d.category),
        month: text(d.month),
        amount: minorAmount(d.amount, d.currency),
      }),
    'insight.saveReport': (d) =>
      d_(d.created === false ? 'reportChanged' : 'reportAdded', {
        dashboard: reportDashboard(d.dashboard),
        frequency: t(`insight.reports.frequencies.${text(d.frequency)}`),
        count: num(d.recipients) ?? 0,
      }) + (d.enabled === false ? ` (${t('insight.reports.paused')})` : ''),
    'insight.deleteReport': (d) =>
      d_('reportDeleted', {
        dashboard: reportDashboard(d.dashboard),
        frequency: t(`insight.reports.frequencies.${text(d.frequency)}`),
      }),
    'insight.sendReportNow': (d) =>
      (num(d.sent) ?? 0) > 0
        ? d_('reportSent', { dashboard: reportDashboard(d.dashboard), count: num(d.sent) ?? 0 })
        : d_('reportNotSent', {
            dashboard: reportDashboard(d.dashboard),
            reason: t(`insight.reports.errors.${text(d.error) || 'failed'}`),
          }),
    'insight.saveProcess': (d) =>
      d_(d.created === true ? 'processAdded' : 'processChanged', { name: text(d.name) }),
    'insight.deleteProcess': (d) => d_('processDeleted', { name: text(d.name) }),
    'insight.importMeasurements': (d) =>
      d_('measurementsImported', {
        accepted: num(d.accepted) ?? 0,
        duplicates: num(d.duplicates) ?? 0,
        rejected: num(d.rejected) ?? 0,
      }),
    'insight.saveCampaign': (d) =>
      d_(d.created === false ? 'campaignChanged' : 'campaignAdded', campaignParams(d)),
    'insight.deleteCampaign': (d) => d_('campaignDeleted', campaignParams(d)),
    'tenants.create': (d) =>
      // a plan key: the built-in plans (and the old Starter/Pro/Enterprise entries) in the user's language
      text(d.plan)
        ? d_('tenantCreated', { name: text(d.name), plan: planNameOf(t, text(d.plan), '') })
        : text(d.by)
          ? d_('tenantCreatedBy', { name: text(d.name), by: text(d.by) })
          : text(d.name),
    'tenants.switch': (d, entry) => text(d.name) || deps.tenantName(entry.targetId ?? '') || '',
    'tenants.setMoney': (d) =>
      d_('money', { to: money(d.currency, d.usdRate), from: money(d.fromCurrency, d.fromUsdRate) }),
    'tenants.export': (d) => d_('exported', { file: text(d.fileName), size: bytes(d.bytes) }),
    'tenants.importUpload': () => '',
    'tenants.import': tenantImport,
    'backups.create': (d) =>
      d_('backupCreated', {
        size: bytes(d.bytes),
        encryption: d_(d.encrypted ? 'encrypted' : 'notEncrypted'),
        verification: d_(
          d.verification === 'verified'
            ? 'verified'
            : d.verification === 'failed'
              ? 'verificationFailed'
              : 'notVerified',
        ),
      }),
    'backups.verify': (d) => d_(d.status === 'failed' ? 'backupVerified_failed' : 'backupVerified_ok'),
    'backups.restore': (d) =>
      parts([
        d.via === 'cli'
          ? d_('restoredCli')
          : d_('restored', { date: when(d.backupCreatedAt), file: text(d.preRestoreBackup) }),
        d.migrated === true ? d_('restoredMigrated') : '',
      ]),
    'backups.saveSettings': backupSettings,
    'backups.exportKey': (d) => d_('keyExported', { keyId: text(d.keyId) }),
    'backups.exportKey.denied': () => d_('wrongPassword'),
    'agents.create': (d) =>
      isRecord(d.templateName)
        ? d_('agentFromTemplate', {
            name: text(d.name),
            template: localized(
              { en: text(d.templateName.en), nl: text(d.templateName.nl), nb: text(d.templateName.nb) },
              language,
            ),
          })
        : text(d.template)
          ? d_('agentFromTemplate', { name: text(d.name), template: text(d.template) })
          : d_('agentBlank', { name: text(d.name) }),
    'agents.saveVersion': (d) =>
      text(d.note)
        ? d_('versionSavedNote', {
            name: nameOr(d.name, 'agent'),
            version: text(d.version),
            note: text(d.note),
          })
        : d_('versionSaved', { name: nameOr(d.name, 'agent'), version: text(d.version) }),
    'agents.restoreVersion': (d) =>
      d_('versionRestored', { name: nameOr(d.name, 'agent'), from: text(d.from), to: text(d.to) }),
    'agents.deploy': (d) => d_('deployed', { name: nameOr(d.name, 'agent'), version: text(d.version) }),
    'agents.updateSettings': agentSettings,
    'agents.pause': (d) => d_('agentPaused', { name: nameOr(d.name, 'agent') }),
    'agents.resume': (d) => d_('agentResumed', { name: nameOr(d.name, 'agent') }),
    'agents.run': (d) => d_(d.test ? 'testRun' : 'liveRun', { agent: nameOr(d.agent, 'agent') }),
    'agents.cancelRun': (d) => d_('runCancelled', { agent: nameOr(d.agent, 'agent') }),
    'runs.approve': (d) =>
      withComment(
        d_('runStep', { step: quote(d.prompt) || d_('aStep'), agent: nameOr(d.agent, 'agent') }),
        d.comment,
      ),
    'runs.reject': (d) =>
      withComment(
        d_('runStep', { step: quote(d.prompt) || d_('aStep'), agent: nameOr(d.agent, 'agent') }),
        d.comment,
      ),
    'providers.create': (d) => providerSaved(d),
    'providers.update': (d) => providerSaved(d),
    'providers.delete': (d) => text(d.name),
    'providers.test': (d) =>
      d_(d.ok ? 'providerTest_ok' : 'providerTest_failed', { name: nameOr(d.name, 'provider') }),
    'outbound.allow': (d) => d_('outboundAllowed', { hostPort: text(d.hostPort) }),
    'outbound.remove': (d) => d_('outboundRemoved', { hostPort: text(d.hostPort) }),
    'knowledge.add': (d) => d_('knowledgeAdded', { title: text(d.title), size: bytes(d.bytes) }),
    'knowledge.delete': (d) => quote(d.title),
    'knowledge.update': (d) => d_('knowledgeEdited', { title: text(d.title), version: text(d.version) }),
    'knowledge.restoreVersion': (d) =>
      d_('knowledgeRestored', { title: text(d.title), restored: text(d.restored) }),
    'knowledge.import': (d) =>
      d_('knowledgeImported', { count: Number(d.docs) || 0, source: text(d.source) }),
    'knowledge.createCollection': (d) => quote(d.name),
    'knowledge.updateCollection': (d) => quote(d.name),
    'knowledge.deleteCollection': (d) =>
      d_('collectionDeleted', { name: text(d.name), count: Number(d.movedDocs) || 0 }),
    'agents.setKnowledge': (d) =>
      d.collections === 'all'
        ? d_('agentKnowledgeAll')
        : d_('agentKnowledge', { count: Number(d.collections) || 0 }),
    'notify.createRule': notifyRule,
    'notify.updateRule': notifyRule,
    'notify.deleteRule': (d) => text(d.name),
    'notify.saveQuietHours': quietHours,
    'notify.saveSmtp': (d) =>
      parts([
        d_('smtp', { server: `${text(d.host)}:${text(d.port)}`, from: text(d.from) }),
        d.credentialChanged === true ? d_('newPassword') : '',
      ]),
    'notify.test': (d) =>
      d_('notifyTest', {
        channel: isOneOf(notifyChannels, d.channel) ? d_(`channels.${d.channel}`) : text(d.channel),
        outcome: d_(d.ok ? 'delivered' : 'notDelivered'),
      }),
    'incidents.create': (d) =>
      d_('incidentCreated', {
        title: said(d.titleMessage) || text(d.title),
        severity: severity(d.severity),
      }),
    'incidents.opened': (d) =>
      d_('incidentOpened', {
        check: isOneOf(checkIds, d.check) ? t(`guardian.checks.${d.check}`) : text(d.check),
        severity: severity(d.severity),
      }),
    'incidents.update': incidentUpdate,
    'incidents.addNote': (d) => incidentTitle(d),
    'incidents.setEscalation': (d) =>
      strings(d.people).length > 0
        ? d_('escalation', { people: strings(d.people).join(', ') })
        : d_('escalationNobody'),
    'incidents.postmortem': (d) => incidentTitle(d),
    'guardian.runChecks': (d) => t('health.scoreLabel', { score: number.format(num(d.score) ?? 0) }),
    'guardian.setAutonomy': (d) =>
      d.mode === 'automatic'
        ? d_('autonomyAutomatic', {
            strategy: strategy(d.strategy),
            mode: lower(t('guardian.autonomy.modes.automatic')),
            count: num(d.maxPerHour) ?? 0,
          })
        : d_('autonomy', {
            strategy: strategy(d.strategy),
            mode: isOneOf(autonomyModes, d.mode)
              ? lower(t(`guardian.autonomy.modes.${d.mode}`))
              : text(d.mode),
          }),
    'guardian.proposed': (d) => withOutcome(guardianPlan(d), d.reasonMessage),
    'guardian.approved': (d) => withComment(guardianPlan(d), d.comment),
    'guardian.rejected': (d) => withComment(guardianPlan(d), d.comment),
    'guardian.applied': (d) => withOutcome(guardianPlan(d), d.outcomeMessage),
    'guardian.failed': (d) => withOutcome(guardianPlan(d), d.outcomeMessage),
    'guardian.rolled_back': (d) => withComment(withOutcome(guardianPlan(d), d.outcomeMessage), d.comment),
    'guardian.probe_succeeded': (d) =>
      said({ key: 'guardian.outcome.probe_succeeded', params: { agent: text(d.agent) } }),
    'channels.create': channel,
    'channels.update': channel,
    'channels.delete': channel,
    'conversations.setStatus': (d) =>
      d_('conversationStatus', { from: conversationStatus(d.from), to: conversationStatus(d.to) }),
    'conversations.delete': (d) =>
      d_('conversationDeleted', { channel: text(d.channel), count: num(d.messages) ?? 0 }),
    'conversations.export': (d) =>
      d_('conversationsExported', {
        count: num(d.conversations) ?? 0,
        messages: num(d.messages) ?? 0,
      }),
    'conversations.saveSettings': (d) => {
      const kept = (days: unknown) =>
        num(days) !== null ? d_('retentionDays', { count: num(days) }) : d_('retentionForever');
      return d_('retentionChanged', { from: kept(d.from), to: kept(d.to) });
    },
    'conversations.retention': (d) =>
      d_('retentionSwept', { count: num(d.deleted) ?? 0, days: num(d.retentionDays) ?? 0 }),
    'tickets.create': (d) =>
      d.kind === 'platform' ? d_('ticketPlatform', { ticket: ticketName(d) }) : ticketName(d),
    'tickets.update': ticketUpdate,
    'tickets.reply': (d) =>
      d.channel === 'web' || d.channel === 'email'
        ? d_(`ticketReplied_${d.channel}`, { ticket: ticketName(d) })
        : ticketName(d),
    'tickets.note': (d) => ticketName(d),
    'tickets.handBack': (d) => d_('ticketHandedBack', { ticket: ticketName(d) }),
    'tickets.saveSla': ticketSla,
    'assistant.handoff': (d) =>
      num(d.number) === null ? '' : d_('assistantHandoff', { number: num(d.number) }),
    'auth.password_change_failed': () => d_('passwordWrongCurrent'),
    'auth.password_changed': (d) =>
      num(d.otherSessionsEnded)
        ? d_('passwordChanged', { count: num(d.otherSessionsEnded) })
        : d_('passwordChangedKept'),
    'auth.password_reset_requested': () => '',
    'auth.password_reset': (d) => d_('passwordResetDone', { count: num(d.sessionsEnded) ?? 0 }),
    'auth.profile_updated': (d) => d_('nameChangedFromTo', { from: text(d.from), to: text(d.to) }),
    'users.remove': (d) =>
      d_('memberRemoved', { name: text(d.name), email: text(d.email), role: role(d.role) }),
    'users.issueResetLink': (d) => d_('resetLinkIssued', { email: text(d.email), until: when(d.expiresAt) }),
    'tenants.rename': (d) => d_('nameChangedFromTo', { from: text(d.from), to: text(d.to) }),
    'tenants.suspend': (d) => quote(d.name),
    'tenants.reactivate': (d) => quote(d.name),
    'tenants.delete': (d) => d_('tenantDeleted', { name: text(d.name), count: num(d.members) ?? 0 }),
    'demo.reset': (d) => d_('demoReset', { seed: num(d.seed) ?? 0, days: num(d.days) ?? 0 }),
    'demo.build': (d) => d_('demoBuilt', { seed: num(d.seed) ?? 0, days: num(d.days) ?? 0 }),
    'billing.saveSettings': (d) =>
      changed([
        strings(d.changed).length > 0
          ? d_('billingSettingsChanged', { count: strings(d.changed).length })
          : '',
        d.stripeKey === 'set'
          ? d_(d.testMode === true ? 'stripeConnectedTest' : 'stripeConnected', { hint: text(d.keyHint) })
          : d.stripeKey === 'removed'
            ? d_('stripeDisconnected')
            : '',
        d.webhookSecret === 'set'
          ? d_('webhookSecretSet')
          : d.webhookSecret === 'removed'
            ? d_('webhookSecretRemoved')
            : '',
      ]),
    'billing.syncPlans': (d) =>
      d_('stripePlansSynced', {
        created: num(d.created) ?? 0,
        linked: num(d.linked) ?? 0,
        updated: num(d.updated) ?? 0,
      }),
    'billing.syncNow': (d) =>
      d_('stripeEventsRead', { received: num(d.received) ?? 0, applied: num(d.applied) ?? 0 }),
    'billing.checkout': (d) =>
      d_(d.interval === 'year' ? 'checkoutYearly' : 'checkoutMonthly', {
        plan: planNameOf(t, text(d.plan), ''),
      }),
    'billing.portal': () => '',
    'billing.cancel': (d) => d_(d.atPeriodEnd === false ? 'cancelTakenBack' : 'cancelAtPeriodEnd'),
    'billing.savePlan': (d) => d_('planSaved', { plan: planNameOf(t, text(d.plan), '') }),
    'billing.archivePlan': (d) =>
      d_(d.archived === false ? 'planOffered' : 'planArchived', { plan: planNameOf(t, text(d.plan), '') }),
    'billing.assignPlan': (d) =>
      d_('planAssigned', {
        name: text(d.name),
        from: planNameOf(t, text(d.from), ''),
        to: planNameOf(t, text(d.to), ''),
      }),
  };

  function providerSaved(d: Details): string {
    const kind = text(d.kind) ? t(`providers.kinds.${text(d.kind)}`, { defaultValue: text(d.kind) }) : '';
    const count = strings(d.models).length;
    return parts([
      // "OpenAI (OpenAI)" says the name twice
      !kind || kind === text(d.name)
        ? d_('providerSavedNamed', { name: text(d.name), count })
        : d_('providerSaved', { name: text(d.name), kind, count }),
      d.keyChanged === true ? d_('newApiKey') : '',
    ]);
  }

  function channel(d: Details): string {
    return d_('channel', {
      name: text(d.name),
      kind: isOneOf(channelKinds, d.kind) ? d_(`channelKinds.${d.kind}`) : text(d.kind),
      agent: text(d.agent),
    });
  }

  /** "#12 ‘Do you sell pizza?’": a ticket by the number and subject it had then. */
  function ticketName(d: Details): string {
    const number = num(d.number);
    const subject = quote(d.subject);
    return number !== null ? d_('ticket', { number, subject }) : subject || d_('this.ticket');
  }

  function ticketStatus(value: unknown): string {
    return isOneOf(ticketStatuses, value) ? d_(`ticketStatuses.${value}`) : text(value);
  }

  function ticketPriority(value: unknown): string {
    return isOneOf(ticketPriorities, value) ? d_(`ticketPriorities.${value}`) : text(value);
  }

  function ticketUpdate(d: Details): string {
    const changes: string[] = [];
    if (d.to !== undefined)
      changes.push(
        d.from !== undefined
          ? d_('statusFromTo', { from: ticketStatus(d.from), to: ticketStatus(d.to) })
          : d_('statusTo', { to: ticketStatus(d.to) }),
      );
    if (d.priority !== undefined)
      changes.push(
        d_('ticketPriorityFromTo', { from: ticketPriority(d.fromPriority), to: ticketPriority(d.priority) }),
      );
    if (d.assignee !== undefined)
      changes.push(text(d.assignee) ? d_('assignedTo', { name: text(d.assignee) }) : d_('unassigned'));
    if (d.queue !== undefined) changes.push(d_('ticketQueue', { queue: text(d.queue) }));
    if (d.tags !== undefined)
      changes.push(
        strings(d.tags).length > 0
          ? d_('ticketTags', { tags: strings(d.tags).join(', ') })
          : d_('ticketNoTags'),
      );
    if (text(d.previousSubject) && d.previousSubject !== d.subject)
      changes.push(d_('renamedFrom', { from: quote(d.previousSubject) }));
    return changes.length > 0 ? `${ticketName(d)}: ${changes.join('; ')}` : ticketName(d);
  }

  function ticketSla(d: Details): string {
    const to = (d.to ?? {}) as Record<string, { firstResponse?: unknown; resolution?: unknown } | undefined>;
    return [...ticketPriorities]
      .reverse()
      .filter((priority) => to[priority])
      .map((priority) =>
        d_('ticketSlaTarget', {
          priority: ticketPriority(priority),
          first: num(to[priority]?.firstResponse) ?? 0,
          resolution: num(to[priority]?.resolution) ?? 0,
        }),
      )
      .join('; ');
  }

  function conversationStatus(value: unknown): string {
    return isOneOf(conversationStatuses, value) ? d_(`conversationStatuses.${value}`) : text(value);
  }

  /** The name a target had when the entry was recorded, or the name it has now. */
  function targetName(entry: AuditEntry): string {
    const d = entry.details;
    const id = entry.targetId ?? '';
    switch (entry.targetType) {
      case 'user':
        return text(d.email) || deps.memberName(id) || '';
      case 'tenant':
        return text(d.name) || text(d.organisation) || deps.tenantName(id) || '';
      case 'session':
        return d.own === true ? entry.actorName : text(d.name) || deps.memberName(text(d.userId)) || '';
      case 'incident':
        return said(d.titleMessage) || text(d.title);
      case 'run':
        return text(d.agent);
      case 'guardian_action':
        return guardianPlan(d);
      case 'event':
        return text(d.type);
      case 'installation':
        return text(d.hostPort);
      case 'conversation':
        return text(d.channel);
      case 'ticket':
        return ticketName(d);
      case 'backup':
        // a backup's id is its file name, which says when it was made
        return id;
      default:
        return text(d.name) || text(d.title) || text(d.agent);
    }
  }

  return {
    /** The action's name (a badge); an action of a newer core is "Other change". */
    action: (entry: AuditEntry) =>
      isKnownAction(entry.action) ? t(`audit.actions.${actionKey(entry.action)}`) : t('audit.otherAction'),

    /** "Agent: Front desk", "API key: Zapier"; "Run 1a2b3c4d" when nothing named it. */
    target(entry: AuditEntry): string {
      if (!entry.targetType) return '';
      const type = isKnownTargetType(entry.targetType)
        ? t(`audit.targetTypes.${entry.targetType}`)
        : t('audit.targetTypes.other');
      const name = targetName(entry);
      const id = entry.targetId ?? '';
      return name ? `${type}: ${name}` : id ? `${type} ${id.slice(-8)}` : type;
    },

    /** What matters about the entry, in a sentence; '' when the action's name says it all. */
    details(entry: AuditEntry): string {
      if (isKnownAction(entry.action)) return sentences[entry.action](entry.details, entry);
      // a newer core's action: a neutral sentence; what it recorded stays behind "Details"
      const name = entry.targetType ? targetName(entry) : '';
      if (name) return d_('changedNamed', { name });
      if (entry.targetType && isKnownTargetType(entry.targetType))
        return d_('changedTyped', { type: lower(t(`audit.targetTypes.${entry.targetType}`)) });
      return d_('changed');
    },
  };
}

export type AuditText = ReturnType<typeof auditText>;
