import type { BadgeTone } from '../../components/Badge';

/** Audit actions the core records today; others are shown by their raw name. */
export const knownAuditActions = [
  'setup.createOwner',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.logout_everywhere',
  'users.invite',
  'users.invite_accepted',
  'users.setRole',
  'users.disable',
  'users.enable',
  'tenants.create',
  'tenants.switch',
] as const;

export type KnownAuditAction = (typeof knownAuditActions)[number];

export const isKnownAction = (action: string): action is KnownAuditAction =>
  (knownAuditActions as readonly string[]).includes(action);

/** i18next treats dots as nesting, so action names become keys with underscores. */
export const actionKey = (action: KnownAuditAction) => action.replace('.', '_') as ActionKey;

type ActionKey = {
  [A in KnownAuditAction]: A extends `${infer D}.${infer V}` ? `${D}_${V}` : never;
}[KnownAuditAction];

export function actionTone(action: string): BadgeTone {
  if (action === 'auth.login_failed') return 'danger';
  if (action === 'users.disable') return 'warning';
  if (action.startsWith('users.')) return 'accent';
  if (action.startsWith('tenants.') || action.startsWith('setup.')) return 'info';
  return 'neutral';
}
