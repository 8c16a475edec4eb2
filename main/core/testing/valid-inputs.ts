import type { MethodInput, MethodName } from '../../contract';

/** One well-formed input per contract method, pointing at the given ids; a new method must add one. */
export function validInputs(ids: { tenantId: string; userId: string }): {
  [M in MethodName]: MethodInput<M>;
} {
  return {
    'setup.status': {},
    'setup.createOwner': {
      orgName: 'Other',
      name: 'Other',
      email: 'other@other.test',
      password: 'a long enough password',
    },
    'auth.login': { email: 'someone@acme.test', password: 'whatever password' },
    'auth.acceptInvite': { token: 'x'.repeat(43), password: 'a long enough password' },
    'auth.logout': {},
    'auth.me': {},
    'auth.logoutEverywhere': {},
    'tenants.list': {},
    'tenants.create': { name: 'New Org' },
    'tenants.switch': { tenantId: ids.tenantId },
    'users.list': {},
    'users.invite': { email: 'invitee@acme.test', role: 'viewer' },
    'users.setRole': { userId: ids.userId, role: 'operator' },
    'users.disable': { userId: ids.userId, disabled: true },
    'audit.list': {},
    'audit.verify': {},
    'health.summary': {},
  };
}
