import { UserPlus, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { ActionsTh, Table, Th } from '../../components/Table';
import type { Member } from '../../contract';
import { usePermissions } from '../../lib/permissions';
import { useNow } from '../../lib/use-now';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import { InviteDialog } from './InviteDialog';
import { MemberConfirmations, type PendingChange } from './MemberConfirmations';
import { MemberRow } from './MemberRow';
import { MemberSessionsDialog } from './MemberSessionsDialog';
import { ResetLinkDialog } from './ResetLinkDialog';

export function TeamPage() {
  const { t } = useTranslation();
  const organisation = useSessionStore((state) => state.me?.tenant.name ?? '');
  const { members, status, error, load } = useTeamStore();
  const { manageMembers } = usePermissions();
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<PendingChange>(null);
  const [sessionsOf, setSessionsOf] = useState<Member | null>(null);
  const [resetLinkOf, setResetLinkOf] = useState<Member | null>(null);
  useNow();

  useEffect(() => {
    void load();
  }, [load]);

  const inviteButton = manageMembers && (
    <Button
      variant="primary"
      icon={<UserPlus aria-hidden="true" className="size-4" />}
      onClick={() => setInviting(true)}
    >
      {t('team.inviteButton')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('team.title')}
        description={t('team.description', { organisation })}
        actions={inviteButton}
      />
      {!manageMembers && (
        <Alert tone="info" className="mb-6">
          {t('team.readOnly')}
        </Alert>
      )}
      <Card>
        {status === 'error' ? (
          <ErrorState error={error} onRetry={() => void load()} />
        ) : status !== 'ready' ? (
          <LoadingState label={t('team.loading')} />
        ) : members.length === 0 ? (
          <EmptyState icon={Users} title={t('team.empty')} action={inviteButton} />
        ) : (
          <Table label={t('team.tableLabel')}>
            <thead>
              <tr>
                <Th>{t('team.member')}</Th>
                <Th>{t('fields.role')}</Th>
                <Th>{t('fields.status')}</Th>
                <Th className="hidden xl:table-cell">{t('twoFactor.column')}</Th>
                <Th className="hidden xl:table-cell">{t('team.lastSignIn')}</Th>
                {manageMembers && <ActionsTh />}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  onRoleChange={(m, role) => setPending({ kind: 'role', member: m, role })}
                  onToggleDisabled={(m) => setPending({ kind: 'toggle', member: m })}
                  onResetTwoFactor={(m) => setPending({ kind: 'resetTwoFactor', member: m })}
                  onShowSessions={setSessionsOf}
                  onResetLink={setResetLinkOf}
                  onRemove={(m) => setPending({ kind: 'remove', member: m })}
                />
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <InviteDialog open={inviting} onOpenChange={setInviting} />
      <MemberConfirmations pending={pending} onClose={() => setPending(null)} />
      <MemberSessionsDialog member={sessionsOf} onClose={() => setSessionsOf(null)} />
      <ResetLinkDialog member={resetLinkOf} onClose={() => setResetLinkOf(null)} />
    </>
  );
}
