import { KeyRound, Lock, MonitorSmartphone, MoreHorizontal, UserMinus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { NativeSelect } from '../../components/Field';
import { MenuContent, MenuItem, MenuRoot, MenuTrigger } from '../../components/Menu';
import { Td } from '../../components/Table';
import type { Member, Role } from '../../contract';
import { useFormat } from '../../i18n/format';
import { initialsOf } from '../../lib/initials';
import { roleAtLeast, usePermissions } from '../../lib/permissions';
import { roleTone, statusTone } from './member-tones';

interface MemberRowProps {
  member: Member;
  onRoleChange(member: Member, role: Role): void;
  onToggleDisabled(member: Member): void;
  onResetTwoFactor(member: Member): void;
  onShowSessions(member: Member): void;
  onResetLink(member: Member): void;
  onRemove(member: Member): void;
}

export function MemberRow({
  member,
  onRoleChange,
  onToggleDisabled,
  onResetTwoFactor,
  onShowSessions,
  onResetLink,
  onRemove,
}: MemberRowProps) {
  const { t } = useTranslation();
  const { relativeShort, dateTime } = useFormat();
  const { manageMembers, userId, role: myRole, grantableRoles } = usePermissions();
  const isMe = member.userId === userId;
  const canManage = manageMembers && !isMe && roleAtLeast(myRole, member.role);
  const disabled = member.status === 'disabled';
  const canResetTwoFactor = myRole === 'owner' && !isMe && member.twoFactorEnabled;
  // admins may see and end any other member's sessions in this organisation (invited people have none)
  const canSeeSessions = manageMembers && !isMe && member.status !== 'invited';

  const lastSignIn = member.lastLoginAt ? (
    <time dateTime={new Date(member.lastLoginAt).toISOString()} title={dateTime(member.lastLoginAt)}>
      {relativeShort(member.lastLoginAt)}
    </time>
  ) : (
    <span className="text-slate-500">{t('team.never')}</span>
  );

  return (
    <tr className="hover:bg-slate-50/60">
      <Td>
        <div className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600"
          >
            {initialsOf(member.name)}
          </span>
          <span className="min-w-0">
            <span className="flex items-center gap-2">
              <span className="truncate font-medium text-slate-900">{member.name}</span>
              {isMe && <Badge tone="accent">{t('team.you')}</Badge>}
            </span>
            <span className="block max-w-72 truncate text-slate-500">{member.email}</span>
            {/* below a wide screen the last sign-in stands under the address, not in a column of its own */}
            <span className="block text-xs text-slate-500 xl:hidden">
              {t('team.lastSignIn')}: {lastSignIn}
            </span>
          </span>
        </div>
      </Td>
      <Td>
        {canManage ? (
          <NativeSelect
            compact
            className="w-40"
            aria-label={t('team.roleFor', { name: member.name })}
            value={member.role}
            onChange={(event) => onRoleChange(member, event.target.value as Role)}
            options={grantableRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
        ) : (
          <Badge tone={roleTone[member.role]}>{t(`roles.${member.role}`)}</Badge>
        )}
      </Td>
      <Td>
        <Badge tone={statusTone[member.status]}>{t(`memberStatus.${member.status}`)}</Badge>
        {/* below a wide screen two-factor sign-in stands under the status, not in a column of its own */}
        <span className="mt-1 block text-xs whitespace-nowrap text-slate-500 xl:hidden">
          {t('twoFactor.column')}: {member.twoFactorEnabled ? t('twoFactor.on') : t('twoFactor.off')}
        </span>
      </Td>
      <Td className="hidden xl:table-cell">
        {member.twoFactorEnabled ? (
          <Badge tone="success">{t('twoFactor.on')}</Badge>
        ) : (
          <Badge tone="neutral">{t('twoFactor.off')}</Badge>
        )}
      </Td>
      <Td className="hidden whitespace-nowrap text-slate-600 xl:table-cell">{lastSignIn}</Td>
      {manageMembers && (
        <Td className="text-right whitespace-nowrap">
          {canSeeSessions && (
            <Button
              size="sm"
              variant="ghost"
              className="mr-1"
              icon={<MonitorSmartphone aria-hidden="true" className="size-4" />}
              onClick={() => onShowSessions(member)}
              aria-label={t('team.sessions.buttonNamed', { name: member.name })}
              title={t('team.sessions.buttonNamed', { name: member.name })}
            />
          )}
          {canResetTwoFactor && (
            <Button
              size="sm"
              variant="ghost"
              className="mr-1"
              onClick={() => onResetTwoFactor(member)}
              aria-label={t('twoFactor.reset.buttonNamed', { name: member.name })}
            >
              {t('twoFactor.reset.button')}
            </Button>
          )}
          {canManage && (
            <MenuRoot>
              <MenuTrigger asChild>
                <Button
                  size="sm"
                  variant="ghost"
                  className="mr-1"
                  icon={<MoreHorizontal aria-hidden="true" className="size-4" />}
                  aria-label={t('team.moreNamed', { name: member.name })}
                  title={t('team.moreNamed', { name: member.name })}
                />
              </MenuTrigger>
              <MenuContent>
                {member.status !== 'invited' && (
                  <MenuItem
                    icon={<KeyRound aria-hidden="true" className="size-4" />}
                    onSelect={() => onResetLink(member)}
                  >
                    {t('team.resetLink.menu')}
                  </MenuItem>
                )}
                <MenuItem
                  tone="danger"
                  icon={<UserMinus aria-hidden="true" className="size-4" />}
                  onSelect={() => onRemove(member)}
                >
                  {t('team.remove.menu')}
                </MenuItem>
              </MenuContent>
            </MenuRoot>
          )}
          {canManage ? (
            <Button
              size="sm"
              variant={disabled ? 'secondary' : 'ghostDanger'}
              onClick={() => onToggleDisabled(member)}
              aria-label={
                disabled
                  ? t('team.enableNamed', { name: member.name })
                  : t('team.disableNamed', { name: member.name })
              }
            >
              {disabled ? t('team.enable') : t('team.disable')}
            </Button>
          ) : isMe ? null : (
            <span title={t('team.cannotChangeHigher')} className="inline-flex text-slate-500">
              <Lock aria-hidden="true" className="size-4" />
              <span className="sr-only">{t('team.cannotChangeHigher')}</span>
            </span>
          )}
        </Td>
      )}
    </tr>
  );
}
