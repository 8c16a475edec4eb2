import type { BadgeTone } from '../../components/Badge';
import type { Member, Role } from '../../contract';

export const statusTone: Record<Member['status'], BadgeTone> = {
  active: 'success',
  invited: 'info',
  disabled: 'neutral',
};

export const roleTone: Record<Role, BadgeTone> = {
  owner: 'accent',
  admin: 'accent',
  operator: 'neutral',
  viewer: 'neutral',
};
