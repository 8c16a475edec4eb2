import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import { useTenantsStore } from '../../stores/tenants-store';
import { auditText, type AuditText } from './audit-text';

/** Sentences for audit entries in the user's language (see auditText). */
export function useAuditText(): AuditText {
  const { t, i18n } = useTranslation();
  const { locale } = useFormat();
  const members = useTeamStore((state) => state.members);
  const myTenants = useSessionStore((state) => state.me?.tenants);
  const allTenants = useTenantsStore((state) => state.tenants);
  const language = i18n.language;
  return useMemo(
    () =>
      auditText({
        t,
        i18n,
        language,
        locale,
        memberName: (userId) => members.find((m) => m.userId === userId)?.name,
        tenantName: (tenantId) =>
          myTenants?.find((tenant) => tenant.id === tenantId)?.name ??
          allTenants.find((tenant) => tenant.id === tenantId)?.name,
      }),
    [t, i18n, language, locale, members, myTenants, allTenants],
  );
}
