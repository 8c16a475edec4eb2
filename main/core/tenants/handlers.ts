import type { SessionDeps } from '../auth/me';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/events';
import type { AuditService } from '../audit/service';
import type { TenantAdminRow } from '../../contract';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../../db';
import type { HandlerMap } from '../context';
import { buildMe } from '../auth/me';
import { AppError, conflict, notFound } from '../lib/errors';
import { moneyOf, saveMoney } from './money';
import { createTenant, listTenants, tenantRow } from './service';
import type { TenantLifecycle } from './lifecycle';
import type { BillingDomain } from '../billing/domain';

export interface TenantsHandlerDeps extends SessionDeps {
  clock: Clock;
  events: EventBus;
  audit: Pick<AuditService, 'forgetTenant'>;
  /** What the other domains do when an organisation is made, suspended or reactivated, or deleted. */
  tenantLifecycle: TenantLifecycle;
  /** The plan catalogue and the default plan of a new organisation (the billing domain). */
  billing: Pick<BillingDomain, 'catalogue' | 'settings'>;
}

export function tenantsHandlers(
  deps: TenantsHandlerDeps,
): Pick<
  HandlerMap,
  | 'tenants.list'
  | 'tenants.create'
  | 'tenants.switch'
  | 'tenants.money'
  | 'tenants.setMoney'
  | 'tenants.rename'
  | 'tenants.suspend'
  | 'tenants.reactivate'
  | 'tenants.delete'
> {
  const { sqlite, system, clock, sessions, events, audit, tenantLifecycle, billing } = deps;
  /** The plan a new organisation starts on: the one asked for, else the installation's default; on sale. */
  const planForNew = (asked: string | undefined): string => {
    const key = asked ?? billing.settings.get().defaultPlan;
    const plan = billing.catalogue.get(key);
    if (!plan)
      throw new AppError('VALIDATION', `There is no plan ${key}.`, {
        field: 'plan',
        reason: 'plan_unknown',
        params: { plan: key },
      });
    if (plan.archived)
      throw new AppError('VALIDATION', `Plan ${key} is archived.`, {
        field: 'plan',
        reason: 'plan_archived',
        params: { plan: plan.name || key },
      });
    return plan.key;
  };
  const existing = (tenantId: string): TenantAdminRow => {
    const row = tenantRow(system, tenantId);
    if (!row) throw notFound('That organisation');
    return row;
  };
  /** A platform admin's change to an organisation is recorded there and where they work. */
  const auditBoth = (
    ctx: Parameters<HandlerMap['tenants.rename']>[1],
    tenantId: string,
    action: string,
    details: Record<string, unknown>,
  ): void => {
    const session = ctx.auth();
    ctx.audit({ tenantId, action, targetType: 'tenant', targetId: tenantId, details });
    if (session.tenantId !== tenantId)
      ctx.audit({ action, targetType: 'tenant', targetId: tenantId, details });
  };
  const setStatus = (tenantId: string, status: 'active' | 'suspended'): void => {
    sqlite.prepare('UPDATE tenants SET status = @status WHERE id = @tenantId').run({ status, tenantId });
    // its channels stop answering customers (or answer again), e-mail transports included
    tenantLifecycle.statusChanged(tenantId);
  };
  return {
    'tenants.list': (input, _ctx) => ({ tenants: listTenants(system, input.q) }),

    'tenants.create': (input, ctx) => {
      const session = ctx.auth();
      const tenant = createTenant(system, clock.now(), { name: input.name, plan: planForNew(input.plan) });
      tenantLifecycle.created(tenant.id);
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
      if (tenant.status === 'suspended' && !session.isPlatformAdmin)
        throw new AppError('FORBIDDEN', 'This organisation is suspended.', { reason: 'tenant_suspended' });
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

    'tenants.rename': (input, ctx) => {
      const before = existing(input.tenantId);
      sqlite
        .prepare('UPDATE tenants SET name = @name WHERE id = @tenantId')
        .run({ name: input.name, tenantId: input.tenantId });
      auditBoth(ctx, input.tenantId, 'tenants.rename', { from: before.name, to: input.name });
      return existing(input.tenantId);
    },

    'tenants.suspend': (input, ctx) => {
      const before = existing(input.tenantId);
      if (ctx.auth().tenantId === input.tenantId)
        throw conflict(
          'You work in this organisation now. Switch to another one first.',
          'tenant_is_current',
        );
      if (before.status !== 'suspended') {
        setStatus(input.tenantId, 'suspended');
        auditBoth(ctx, input.tenantId, 'tenants.suspend', { name: before.name });
      } else ctx.markAudited();
      return existing(input.tenantId);
    },

    'tenants.reactivate': (input, ctx) => {
      const before = existing(input.tenantId);
      if (before.status !== 'active') {
        setStatus(input.tenantId, 'active');
        auditBoth(ctx, input.tenantId, 'tenants.reactivate', { name: before.name });
      } else ctx.markAudited();
      return existing(input.tenantId);
    },

    'tenants.delete': (input, ctx) => {
      const session = ctx.auth();
      const tenant = existing(input.tenantId);
      if (input.confirmName !== tenant.name)
        throw new AppError('VALIDATION', "confirmName: type the organisation's name exactly.", {
          field: 'confirmName',
          reason: 'tenant_name_mismatch',
        });
      if (session.tenantId === input.tenantId)
        throw conflict(
          'You work in this organisation now. Switch to another one first.',
          'tenant_is_current',
        );
      const total = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM tenants').get()!.n;
      if (total <= 1) throw conflict('The last organisation of the installation stays.', 'last_tenant');
      const ended = sessions.revokeForTenant(input.tenantId, 'tenant_deleted');
      audit.forgetTenant(input.tenantId);
      // its transports stop and its secrets leave the SecretStore, while each domain can still read its ids
      tenantLifecycle.beforeDelete(input.tenantId);
      sqlite.prepare('DELETE FROM tenants WHERE id = @tenantId').run({ tenantId: input.tenantId });
      ctx.audit({
        action: 'tenants.delete',
        targetType: 'tenant',
        targetId: input.tenantId,
        details: { name: tenant.name, slug: tenant.slug, members: tenant.memberCount },
      });
      for (const sessionId of ended) {
        events.emit('session.ended', { reason: 'revoked' }, { kind: 'session', sessionId });
      }
      return { deleted: true as const };
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
