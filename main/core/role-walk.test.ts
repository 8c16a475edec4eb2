import { servicesOf } from './testing/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, methods, roleAtLeast, roles, type MethodName, type Role } from '../contract';
import { uuidv7 } from '../../db';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from './testing/harness';
import { validInputs } from './testing/valid-inputs';

/**
 * Every method that needs a tenant role, called by every lower role with a valid input: FORBIDDEN,
 * and nothing changes (the audit log does not grow). Platform-admin methods, called by a tenant owner
 * who is not a platform admin: FORBIDDEN too.
 */
const isRole = (access: string): access is Role => (roles as readonly string[]).includes(access);

let h: Harness;
const people = {} as Record<Role, SignedIn>;
let inputs: ReturnType<typeof validInputs>;

beforeAll(async () => {
  h = createHarness();
  const platformAdmin = await setupOwner(h.core, 'Platform', 'admin@platform.test');
  const tenant = await expectOk(h.core, 'tenants.create', { name: 'Alpha Bikes' }, platformAdmin.call);
  await expectOk(h.core, 'tenants.switch', { tenantId: tenant.id }, platformAdmin.call);
  people.owner = await inviteAndAccept(h.core, platformAdmin, 'olga@alpha.test', 'owner');
  people.admin = await inviteAndAccept(h.core, people.owner, 'adam@alpha.test', 'admin');
  people.operator = await inviteAndAccept(h.core, people.owner, 'otto@alpha.test', 'operator');
  people.viewer = await inviteAndAccept(h.core, people.owner, 'vera@alpha.test', 'viewer');
  inputs = validInputs({ tenantId: tenant.id, userId: uuidv7(h.clock.now()) });
});
afterAll(() => h?.close());

const auditSize = () =>
  (servicesOf(h.core).sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('roles on every method', () => {
  for (const minimum of ['operator', 'admin', 'owner'] as const) {
    const guarded = methodNames.filter((name) => methods[name].access === minimum);
    const below = roles.filter((role) => !roleAtLeast(role, minimum));
    it(`refuses the ${guarded.length} ${minimum}-level methods to ${below.join(', ')}`, async () => {
      expect(guarded.length).toBeGreaterThan(0);
      for (const role of below) {
        for (const method of guarded) {
          const before = auditSize();
          const answer = await h.core.dispatch(method, inputs[method], people[role].call);
          expect(answer, `${role} calling ${method}`).toMatchObject({
            ok: false,
            error: { code: 'FORBIDDEN' },
          });
          expect(auditSize(), `${role} calling ${method} left an audit entry`).toBe(before);
        }
      }
    });
  }

  it('refuses every platform-admin method to a tenant owner who is not a platform admin', async () => {
    const guarded: MethodName[] = methodNames.filter((name) => methods[name].access === 'platformAdmin');
    expect(guarded.length).toBeGreaterThan(0);
    for (const method of guarded) {
      const answer = await h.core.dispatch(method, inputs[method], people.owner.call);
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('guards channels and conversations by what they show or change (walked above like every method)', () => {
    const access = Object.fromEntries(
      methodNames
        .filter((name) => name.startsWith('channels.') || name.startsWith('conversations.'))
        .map((name) => [name, methods[name].access]),
    );
    expect(access).toEqual({
      'channels.list': 'viewer',
      'channels.save': 'operator',
      'channels.delete': 'operator',
      'conversations.list': 'viewer',
      'conversations.get': 'viewer',
      'conversations.stats': 'viewer',
      'conversations.settings': 'viewer',
      'conversations.setStatus': 'operator',
      // customers' words leave the app or disappear only by an admin's hand
      'conversations.delete': 'admin',
      'conversations.export': 'admin',
      'conversations.saveSettings': 'admin',
    });
  });

  it('guards tickets by what they show or change (walked above like every method)', () => {
    const access = Object.fromEntries(
      methodNames.filter((name) => name.startsWith('tickets.')).map((name) => [name, methods[name].access]),
    );
    expect(access).toEqual({
      'tickets.list': 'viewer',
      'tickets.counts': 'viewer',
      'tickets.get': 'viewer',
      'tickets.sla': 'viewer',
      // people who answer customers work tickets
      'tickets.create': 'operator',
      'tickets.update': 'operator',
      'tickets.reply': 'operator',
      'tickets.note': 'operator',
      'tickets.handBack': 'operator',
      'tickets.saveSla': 'admin',
    });
  });

  it('lets each role through to the methods of its level (the refusals above are about the role)', async () => {
    const viewerMethods = methodNames.filter(
      (name) => isRole(methods[name].access) && methods[name].access === 'viewer',
    );
    for (const method of viewerMethods) {
      const answer = await h.core.dispatch(method, inputs[method], people.viewer.call);
      if (!answer.ok) expect(answer.error.code, method).not.toBe('FORBIDDEN');
    }
  });
});
