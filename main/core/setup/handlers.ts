import { count } from 'drizzle-orm';
import { schema, uuidv7 } from '../../../db';
import type { HandlerMap } from '../context';
import { startSession } from '../auth/me';
import { hashPassword } from '../auth/passwords';
import { conflict } from '../lib/errors';
import { createTenant } from '../tenants/service';

function needsSetup(ctx: Parameters<HandlerMap['setup.status']>[1]): boolean {
  return (ctx.services.system.select({ n: count() }).from(schema.users).get()?.n ?? 0) === 0;
}

const alreadySetUp = () => conflict('This installation is already set up. Sign in instead.');

export const setupHandlers: Pick<HandlerMap, 'setup.status' | 'setup.createOwner'> = {
  'setup.status': (_input, ctx) => ({ needsSetup: needsSetup(ctx), appVersion: ctx.services.appVersion }),

  'setup.createOwner': async (input, ctx) => {
    if (!needsSetup(ctx)) throw alreadySetUp();
    const passwordHash = await hashPassword(input.password);
    const { system, clock } = ctx.services;
    const now = clock.now();
    const signedIn = ctx.atomically(() => {
      // checked again inside the transaction: two first-run forms submitted at once make one owner
      if (!needsSetup(ctx)) throw alreadySetUp();
      const tenant = createTenant(system, now, { name: input.orgName, plan: 'starter' });
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
      const me = startSession(ctx.services, ctx, userId, tenant.id);
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
    await ctx.services.backups.afterSetup({ wait: ctx.call.transport === 'cli' });
    return signedIn;
  },
};
