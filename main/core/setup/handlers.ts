import type { TenantLifecycle } from '../tenants/lifecycle';
import type { SessionDeps } from '../auth/me';
import type { AppDb } from '../../../db';
import type { Clock } from '../lib/clock';
import type { BackupService } from '../backups/backup-service';
import { count } from 'drizzle-orm';
import { schema, uuidv7 } from '../../../db';
import type { HandlerMap } from '../context';
import { startSession } from '../auth/me';
import { hashPassword } from '../auth/passwords';
import { conflict } from '../lib/errors';
import { createTenant } from '../tenants/service';
import type { HostInfo } from './host-info';
import type { PublicListenerStore } from './public-listener';
import { demoInstallation } from '../demo/status';

function needsSetup(system: AppDb): boolean {
  return (system.select({ n: count() }).from(schema.users).get()?.n ?? 0) === 0;
}

const alreadySetUp = () =>
  conflict('This installation is already set up. Sign in instead.', 'already_set_up');

export interface SetupHandlerDeps extends SessionDeps {
  clock: Clock;
  appVersion: string;
  backups: BackupService;
  hostInfo: HostInfo;
  publicListener: PublicListenerStore;
  tenantLifecycle: Pick<TenantLifecycle, 'created'>;
}

export function setupHandlers(
  deps: SetupHandlerDeps,
): Pick<
  HandlerMap,
  'setup.status' | 'setup.createOwner' | 'setup.publicListener' | 'setup.savePublicListener'
> {
  const { system, clock, appVersion, backups, hostInfo, publicListener } = deps;
  const listenerState = () => ({
    setting: publicListener.setting(),
    hostApplies: publicListener.hostApplies(),
    publicOrigin: hostInfo.publicOrigin,
    problem: publicListener.problem(),
  });
  return {
    'setup.publicListener': (_input, _ctx) => listenerState(),

    'setup.savePublicListener': async (input, ctx) => {
      const before = publicListener.setting();
      await publicListener.save(input);
      const state = listenerState();
      ctx.audit({
        action: 'setup.savePublicListener',
        targetType: 'installation',
        details: {
          before,
          after: state.setting,
          publicOrigin: state.publicOrigin,
          problem: state.problem,
        },
      });
      return state;
    },

    'setup.status': (_input, _ctx) => ({
      needsSetup: needsSetup(system),
      appVersion: appVersion,
      publicOrigin: hostInfo.publicOrigin,
      demo: demoInstallation(deps.sqlite) !== null,
    }),

    'setup.createOwner': async (input, ctx) => {
      if (!needsSetup(system)) throw alreadySetUp();
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      const signedIn = ctx.atomically(() => {
        // checked again inside the transaction: two first-run forms submitted at once make one owner
        if (!needsSetup(system)) throw alreadySetUp();
        const tenant = createTenant(system, now, { name: input.orgName, plan: 'own_use' });
        deps.tenantLifecycle.created(tenant.id);
        const userId = uuidv7(now);
        system
          .insert(schema.users)
          .values({
            id: userId,
            email: input.email,
            name: input.name,
            passwordHash,
            isPlatformAdmin: true,
            createdAt: now,
            lastLoginAt: now,
          })
          .run();
        system
          .insert(schema.memberships)
          .values({ tenantId: tenant.id, userId, role: 'owner', status: 'active', createdAt: now })
          .run();
        const me = startSession(deps, ctx, userId, tenant.id);
        ctx.audit({
          tenantId: tenant.id,
          actorId: userId,
          actorName: input.name,
          action: 'setup.createOwner',
          targetType: 'tenant',
          targetId: tenant.id,
          details: { organisation: input.orgName, owner: input.email },
        });
        return me;
      });
      // the first backup is of the organisation just made (none is taken before setup); the CLI,
      // which exits right after, waits for it
      await backups.afterSetup({ wait: ctx.call.transport === 'cli' });
      return signedIn;
    },
  };
}
