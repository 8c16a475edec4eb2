import { useSessionStore } from '../stores/session-store';
import { roles } from '../contract';
import { roleAtLeast } from './roles';

export { roleAtLeast } from './roles';

/** What the signed-in user may do in the current organisation; the core enforces the same rules. */
export function usePermissions() {
  const me = useSessionStore((state) => state.me);
  const role = me?.role ?? 'viewer';
  return {
    role,
    userId: me?.user.id ?? null,
    manageMembers: roleAtLeast(role, 'admin'),
    readAudit: roleAtLeast(role, 'admin'),
    editAgents: roleAtLeast(role, 'operator'),
    manageProviders: roleAtLeast(role, 'admin'),
    /** Approve, reject and roll back the Guardian's actions; set its autonomy and the escalation list. */
    decideGuardian: roleAtLeast(role, 'admin'),
    runChecks: roleAtLeast(role, 'operator'),
    manageIncidents: roleAtLeast(role, 'operator'),
    readLogs: roleAtLeast(role, 'admin'),
    manageNotifications: roleAtLeast(role, 'admin'),
    manageEscalation: roleAtLeast(role, 'admin'),
    platformAdmin: me?.user.isPlatformAdmin ?? false,
    grantableRoles: roles.filter((r) => roleAtLeast(role, r)),
  };
}
