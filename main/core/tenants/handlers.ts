import type { SessionDeps } from '../auth/me';
import type { Clock } from '../lib/clock';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../../db';
import type { HandlerMap } from '../context';
import { buildMe } from '../auth/me';
import { notFound } from '../lib/errors';
import { moneyOf, saveMoney } from './money';
import { createTenant, listTenants } from './service';

export interface TenantsHandlerDeps extends SessionDeps {
  clock: Clock;
}

export function tenantsHandlers(
  deps: TenantsHandlerDeps,
): Pick<
  HandlerMap,
  'tenants.list' | 'tenants.create' | 'tenants.switch' | 'tenants.money' | 'tenants.setMoney'
> {
  const { system, clock, sessions } = deps;
  return {
    'tenants.list': (input, _ctx) => ({ tenants: listTenants(system, input.q) }),

    'tenants.create': (input, ctx) => {
      const session = ctx.auth();
      const tenant = createTenant(system, clock.now(), input);
      ctx.audit({
        tenantId: tenant.id,
        action: 'tenants.create',
        targetType: 'tenant',
        targetId: tenant.id,
        details: { name: tenant.name, plan: tenant.plan },
      });
      ctx.audit({
        action: 'tenants.create',
        targetType: 'tenant',
        targetId: tenant.id,
        details: { name: tenant.name, by: session.email },
      });
      return tenant;
    },

    'tenants.switch': (input, ctx) => {
      const session = ctx.auth();
      const tenant = system.select().from(schema.tenants).where(eq(schema.tenants.id, input.tenantId)).get();
      const membership = system
        .select()
        .from(schema.memberships)
        .where(
          and(eq(schema.memberships.tenantId, input.tenantId), eq(schema.memberships.userId, session.userId)),
        )
        .get();
      const allowed = tenant && (session.isPlatformAdmin || membership?.status === 'active');
      if (!allowed) throw notFound('That organisation');
      sessions.bindTenant(session.id, input.tenantId);
      const rebound = sessions.resolve(ctx.call.sessionToken!);
      if (!rebound) throw notFound('That organisation');
      ctx.audit({
        tenantId: input.tenantId,
        action: 'tenants.switch',
        targetType: 'tenant',
        targetId: input.tenantId,
        details: { name: tenant.name },
      });
      return buildMe(deps, rebound, ctx.call.sessionToken!);
    },

    'tenants.money': (_input, ctx) => moneyOf(ctx.tenantRows()),

    'tenants.setMoney': (input, ctx) => {
      const tenant = ctx.tenantRows();
      const before = moneyOf(tenant);
      const after = saveMoney(tenant, input, clock.now());
      ctx.audit({
        action: 'tenants.setMoney',
        targetType: 'tenant',
        targetId: tenant.tenantId,
        details: {
          currency: after.currency,
          usdRate: after.usdRate,
          fromCurrency: before.currency,
          fromUsdRate: before.usdRate,
        },
      });
      return after;
    },
  };
}
