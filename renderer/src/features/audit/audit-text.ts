import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../contract';
import { isRole } from '../../lib/roles';
import { isPlan } from '../../lib/plans';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { actionKey, isKnownAction, isKnownTargetType } from './audit-actions';

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** Sentences for audit entries in the user's language. */
export function useAuditText() {
  const { t } = useTranslation();
  const members = useTeamStore((state) => state.members);
  const myTenants = useSessionStore((state) => state.me?.tenants);
  const allTenants = useTenantsStore((state) => state.tenants);
  const role = (value: unknown) => (isRole(value) ? t(`roles.${value}`) : text(value));

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
      return named ? `${type}: ${named}` : id ? `${type} ${id.slice(-8)}` : type;
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
