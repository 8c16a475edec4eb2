import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { currencyName, formatRate } from '../../i18n/money';
import {
  channelKinds,
  conversationStatuses,
  currencies,
  notifyChannels,
  severities,
  type AuditEntry,
} from '../../contract';
import { isRole } from '../../lib/roles';
import { isPlan } from '../../lib/plans';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { actionKey, isKnownAction, isKnownTargetType } from './audit-actions';

/** Whether a recorded detail is one of a contract value list (details are stored as unknown). */
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** Sentences for audit entries in the user's language. */
export function useAuditText() {
  const { t } = useTranslation();
  const members = useTeamStore((state) => state.members);
  const myTenants = useSessionStore((state) => state.me?.tenants);
  const allTenants = useTenantsStore((state) => state.tenants);
  const role = (value: unknown) => (isRole(value) ? t(`roles.${value}`) : text(value));
  const { bytes, locale } = useFormat();
  /** "norske kroner (1 USD = 10,85 kr)", or "US dollar": a currency the audit recorded. */
  const money = (currency: unknown, usdRate: unknown) =>
    !isOneOf(currencies, currency)
      ? text(currency)
      : currency === 'USD' || typeof usdRate !== 'number' || !(usdRate > 0)
        ? currencyName(currency, locale)
        : t('audit.details.moneyRate', {
            currency: currencyName(currency, locale),
            rate: formatRate({ currency, usdRate }, locale),
          });

  return {
    action: (entry: AuditEntry) =>
      isKnownAction(entry.action) ? t(`audit.actions.${actionKey(entry.action)}`) : entry.action,

    target(entry: AuditEntry): string {
      if (!entry.targetType) return '';
      const type = isKnownTargetType(entry.targetType)
        ? t(`audit.targetTypes.${entry.targetType}`)
        : entry.targetType;
      const id = entry.targetId ?? '';
      const named =
        entry.targetType === 'user'
          ? members.find((m) => m.userId === id)?.name
          : entry.targetType === 'tenant'
            ? (myTenants?.find((tenant) => tenant.id === id)?.name ??
              allTenants.find((tenant) => tenant.id === id)?.name)
            : undefined;
      // the name it had when the action was recorded, where the entry kept it
      const recorded = text(entry.details.name) || text(entry.details.agent) || text(entry.details.title);
      // a backup's id is its file name, which says when it was made
      const shown = named ?? (recorded || (entry.targetType === 'backup' && id ? id : null));
      return shown ? `${type}: ${shown}` : id ? `${type} ${id.slice(-8)}` : type;
    },

    details(entry: AuditEntry): string {
      const d = entry.details;
      switch (entry.action) {
        case 'users.invite':
          return t('audit.details.invite', { email: text(d.email), role: role(d.role) });
        case 'users.setRole':
          return t('audit.details.setRole', { email: text(d.email), from: role(d.from), to: role(d.to) });
        case 'users.disable':
        case 'users.enable':
          return text(d.email);
        case 'users.invite_accepted':
          return t('audit.details.inviteAccepted', { role: role(d.role) });
        case 'setup.createOwner':
          return t('audit.details.createOwner', { organisation: text(d.organisation), owner: text(d.owner) });
        case 'tenants.create':
          return isPlan(d.plan)
            ? t('audit.details.tenantCreated', { name: text(d.name), plan: t(`plans.${d.plan}`) })
            : text(d.name);
        case 'tenants.setMoney':
          return t('audit.details.money', {
            to: money(d.currency, d.usdRate),
            from: money(d.fromCurrency, d.fromUsdRate),
          });
        case 'apiKeys.create':
        case 'apiKeys.rotate':
        case 'apiKeys.revoke':
          return Array.isArray(d.scopes)
            ? t('audit.details.apiKey', { name: text(d.name), scopes: d.scopes.map(text).join(', ') })
            : text(d.name);
        case 'auth.login_failed':
          return d.reason === 'wrong_code'
            ? t('audit.details.loginWrongCode')
            : d.reason === 'wrong_backup_code'
              ? t('audit.details.loginWrongBackupCode')
              : '';
        case 'auth.logout_everywhere':
          return t('audit.details.sessionsEnded', { count: Number(d.sessions) || 0 });
        case 'backups.create':
          return t('audit.details.backupCreated', {
            size: bytes(Number(d.bytes) || 0),
            encryption: t(d.encrypted ? 'audit.details.encrypted' : 'audit.details.notEncrypted'),
            verification: t(
              d.verification === 'verified'
                ? 'audit.details.verified'
                : d.verification === 'failed'
                  ? 'audit.details.verificationFailed'
                  : 'audit.details.notVerified',
            ),
          });
        case 'backups.verify':
          return t(
            d.status === 'failed' ? 'audit.details.backupVerified_failed' : 'audit.details.backupVerified_ok',
          );
        case 'notify.test':
          return t('audit.details.notifyTest', {
            channel: isOneOf(notifyChannels, d.channel)
              ? t(`audit.details.channels.${d.channel}`)
              : text(d.channel),
            outcome: t(d.ok ? 'audit.details.delivered' : 'audit.details.notDelivered'),
          });
        case 'providers.test':
          return t(d.ok ? 'audit.details.providerTest_ok' : 'audit.details.providerTest_failed');
        case 'agents.saveVersion':
          return text(d.note)
            ? t('audit.details.versionSavedNote', { version: text(d.version), note: text(d.note) })
            : t('audit.details.versionSaved', { version: text(d.version) });
        case 'agents.restoreVersion':
          return t('audit.details.versionRestored', { from: text(d.from), to: text(d.to) });
        case 'agents.deploy':
          return t('audit.details.deployed', { version: text(d.version) });
        case 'agents.run':
          return t(d.test ? 'audit.details.testRun' : 'audit.details.liveRun');
        case 'agents.create':
          return text(d.name);
        case 'knowledge.add':
          return t('audit.details.knowledgeAdded', {
            title: text(d.title),
            size: bytes(Number(d.bytes) || 0),
          });
        case 'incidents.create':
          return t('audit.details.incidentCreated', {
            title: text(d.title),
            severity: isOneOf(severities, d.severity)
              ? t(`incidents.severityNames.${d.severity}`)
              : text(d.severity),
          });
        case 'channels.create':
        case 'channels.update':
        case 'channels.delete':
          return t('audit.details.channel', {
            name: text(d.name),
            kind: isOneOf(channelKinds, d.kind) ? t(`audit.details.channelKinds.${d.kind}`) : text(d.kind),
            agent: text(d.agent),
          });
        case 'conversations.setStatus':
          return t('audit.details.conversationStatus', {
            from: isOneOf(conversationStatuses, d.from)
              ? t(`audit.details.conversationStatuses.${d.from}`)
              : text(d.from),
            to: isOneOf(conversationStatuses, d.to)
              ? t(`audit.details.conversationStatuses.${d.to}`)
              : text(d.to),
          });
        case 'conversations.delete':
          return t('audit.details.conversationDeleted', {
            channel: text(d.channel),
            count: Number(d.messages) || 0,
          });
        case 'conversations.export':
          return t('audit.details.conversationsExported', {
            count: Number(d.conversations) || 0,
            messages: Number(d.messages) || 0,
          });
        case 'conversations.saveSettings': {
          const kept = (days: unknown) =>
            typeof days === 'number'
              ? t('audit.details.retentionDays', { count: days })
              : t('audit.details.retentionForever');
          return t('audit.details.retentionChanged', { from: kept(d.from), to: kept(d.to) });
        }
        case 'conversations.retention':
          return t('audit.details.retentionSwept', {
            count: Number(d.deleted) || 0,
            days: Number(d.retentionDays) || 0,
          });
        default:
          return Object.entries(d)
            .map(
              ([key, value]) =>
                `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
            )
            .join(', ');
      }
    },
  };
}
