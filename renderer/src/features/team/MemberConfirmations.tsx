import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Member, Role } from '../../contract';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';

export type PendingChange =
  | { kind: 'role'; member: Member; role: Role }
  | { kind: 'toggle'; member: Member }
  | { kind: 'resetTwoFactor'; member: Member }
  | { kind: 'remove'; member: Member }
  | null;

/** Asks before a member's role or access changes, saying what the change does. */
export function MemberConfirmations({ pending, onClose }: { pending: PendingChange; onClose(): void }) {
  const { t } = useTranslation();
  const organisation = useSessionStore((state) => state.me?.tenant.name ?? '');
  const setRole = useTeamStore((state) => state.setRole);
  const setDisabled = useTeamStore((state) => state.setDisabled);
  const resetTwoFactor = useTeamStore((state) => state.resetTwoFactor);
  const reloadTeam = useTeamStore((state) => state.load);
  const showToast = useToastStore((state) => state.show);
  const overrides = { FORBIDDEN: t('team.errors.forbidden'), CONFLICT: t('team.errors.lastOwner') };
  const onOpenChange = (open: boolean) => {
    if (!open) onClose();
  };

  if (pending?.kind === 'role') {
    const { member, role } = pending;
    const names = { name: member.name, from: t(`roles.${member.role}`), to: t(`roles.${role}`) };
    return (
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        tone="primary"
        title={t('team.confirmRole.title', { name: member.name })}
        description={`${t('team.confirmRole.description', names)} ${t(`roleDescriptions.${role}`)}`}
        confirmLabel={t('team.confirmRole.confirm', { role: names.to })}
        errorOverrides={overrides}
        onConfirm={async () => {
          await setRole(member.userId, role);
          showToast('success', t('team.confirmRole.done', names));
        }}
      />
    );
  }

  if (pending?.kind === 'toggle') {
    const { member } = pending;
    const enabling = member.status === 'disabled';
    const values = { name: member.name, organisation, role: t(`roles.${member.role}`) };
    return (
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        tone={enabling ? 'primary' : 'danger'}
        title={enabling ? t('team.confirmEnable.title', values) : t('team.confirmDisable.title', values)}
        description={
          enabling
            ? t('team.confirmEnable.description', values)
            : t('team.confirmDisable.description', values)
        }
        confirmLabel={enabling ? t('team.confirmEnable.confirm') : t('team.confirmDisable.confirm')}
        errorOverrides={overrides}
        onConfirm={async () => {
          await setDisabled(member.userId, !enabling);
          showToast(
            'success',
            enabling ? t('team.confirmEnable.done', values) : t('team.confirmDisable.done', values),
          );
        }}
      />
    );
  }

  if (pending?.kind === 'resetTwoFactor') {
    const { member } = pending;
    return (
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        tone="danger"
        title={t('twoFactor.reset.title', { name: member.name })}
        description={t('twoFactor.reset.description', { name: member.name })}
        confirmLabel={t('twoFactor.reset.confirm')}
        errorOverrides={{ FORBIDDEN: t('team.errors.forbidden') }}
        onConfirm={async () => {
          await resetTwoFactor(member.userId);
          showToast('success', t('twoFactor.reset.done', { name: member.name }));
        }}
      />
    );
  }

  if (pending?.kind === 'remove') {
    const { member } = pending;
    const values = { name: member.name, organisation };
    return (
      <ConfirmDialog
        open
        onOpenChange={onOpenChange}
        tone="danger"
        title={t('team.remove.title', values)}
        description={t('team.remove.description', values)}
        confirmLabel={t('team.remove.confirm')}
        errorOverrides={overrides}
        onConfirm={async () => {
          await transport.call('users.remove', { userId: member.userId });
          await reloadTeam();
          showToast('success', t('team.remove.done', values));
        }}
      />
    );
  }

  return null;
}
