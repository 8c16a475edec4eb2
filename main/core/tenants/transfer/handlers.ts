import type { AppDb } from '../../../../db';
import type { AuditService } from '../../audit/service';
import type { TenantTransferService } from './service';
import type { HandlerMap, ResolvedSession } from '../../context';
import { notFound } from '../../lib/errors';

/**
 * The organisation an export is of: the session's own; a platform admin may name another (to keep
 * its file before deleting it). Anyone else naming another is told there is no such export.
 */
function exportedTenant(session: ResolvedSession, tenantId: string | undefined): string {
  if (!tenantId || tenantId === session.tenantId) return session.tenantId;
  if (!session.isPlatformAdmin) throw notFound('That organisation');
  return tenantId;
}

type TransferMethods = 'tenants.export' | 'tenants.exportChunk' | 'tenants.importChunk' | 'tenants.import';

export interface TenantTransferHandlerDeps {
  system: AppDb;
  audit: AuditService;
  transfers: TenantTransferService;
}

export function tenantTransferHandlers(deps: TenantTransferHandlerDeps): Pick<HandlerMap, TransferMethods> {
  const { system, audit, transfers } = deps;
  return {
    'tenants.export': async (input, ctx) => {
      const session = ctx.auth();
      const tenantId = exportedTenant(session, input.tenantId);
      const exported = await transfers.exportTenant({
        tenantId,
        userId: session.userId,
        sessionId: session.id,
        auditChainVerified: audit.verify(tenantId).ok,
      });
      ctx.audit({
        tenantId,
        action: 'tenants.export',
        targetType: 'tenant',
        targetId: tenantId,
        details: {
          fileName: exported.fileName,
          bytes: exported.bytes,
          sha256: exported.sha256,
          counts: exported.counts,
        },
      });
      return exported;
    },

    'tenants.exportChunk': (input, ctx) => {
      const session = ctx.auth();
      return transfers.exportChunk({
        tenantId: exportedTenant(session, input.tenantId),
        userId: session.userId,
        exportId: input.exportId,
        offset: input.offset,
      });
    },

    'tenants.importChunk': (input, ctx) => {
      const session = ctx.auth();
      const { importId, received, started } = transfers.receiveChunk({
        userId: session.userId,
        importId: input.importId,
        offset: input.offset,
        data: input.data,
      });
      // one entry when an upload starts (never the data); tenants.import records the outcome
      if (started)
        ctx.audit({ action: 'tenants.importUpload', targetType: 'upload', targetId: importId, details: {} });
      else ctx.markAudited();
      return { importId, received };
    },

    'tenants.import': async (input, ctx) => {
      const session = ctx.auth();
      const outcome = await transfers.importUpload({
        userId: session.userId,
        sessionId: session.id,
        importId: input.importId,
        name: input.name,
        db: system,
      });
      const { tenant, header, counts } = outcome;
      const source = {
        name: header.tenant.name,
        exportedAt: header.exportedAt,
        appVersion: header.appVersion,
        auditChainVerified: header.auditChainVerified,
      };
      ctx.audit({
        tenantId: tenant.id,
        action: 'tenants.import',
        targetType: 'tenant',
        targetId: tenant.id,
        details: { name: tenant.name, source, counts, invitedAgain: outcome.invitedAgain },
      });
      ctx.audit({
        action: 'tenants.import',
        targetType: 'tenant',
        targetId: tenant.id,
        details: { name: tenant.name, by: session.email, source },
      });
      return { tenant, counts };
    },
  };
}
