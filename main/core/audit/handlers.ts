import type { AuditService } from './service';
import type { HandlerMap } from '../context';

export interface AuditHandlerDeps {
  audit: AuditService;
}

export function auditHandlers(deps: AuditHandlerDeps): Pick<HandlerMap, 'audit.list' | 'audit.verify'> {
  const { audit } = deps;
  return {
    'audit.list': (input, ctx) => audit.list(ctx.tenantRows().tenantId, input),
    'audit.verify': (_input, ctx) => audit.verify(ctx.tenantRows().tenantId),
  };
}
