import { tenantScope } from '../../db';
import type { z } from 'zod';
import {
  isMethodName,
  methods,
  roleAtLeast,
  roles,
  type CallResult,
  type ContractError,
  type MethodName,
  type Role,
} from '../contract';
import type { ResolvedSession } from './auth/sessions';
import type { CallContext, HandlerContext, PendingAudit, Services, SessionChange } from './context';
import { redactSecrets } from './audit/chain';
import { handlers } from './handlers';
import { AppError } from './lib/errors';
import type { AuditInput } from './audit/service';

export type DispatchResult = CallResult<unknown> & { sessionChange?: SessionChange };

const fail = (error: ContractError, sessionChange?: SessionChange): DispatchResult =>
  sessionChange ? { ok: false, error, sessionChange } : { ok: false, error };

const isRole = (access: string): access is Role => (roles as readonly string[]).includes(access);

function validationError(error: z.ZodError): ContractError {
  const issue = error.issues[0];
  let field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  let message = issue?.message ?? 'Invalid input';
  if (issue?.code === 'unrecognized_keys') {
    field = [...issue.path.map(String), issue.keys[0]].join('.');
    message = 'Unknown field';
  }
  return {
    code: 'VALIDATION',
    message: field ? `${field}: ${message}` : message,
    ...(field ? { field } : {}),
  };
}

class CallScope implements HandlerContext {
  readonly pending: AuditInput[] = [];
  audited = false;
  sessionChange: SessionChange | undefined;

  constructor(
    readonly services: Services,
    readonly call: CallContext,
    private readonly session: ResolvedSession | null,
  ) {}

  get boundTenantId(): string | undefined {
    return this.session?.tenantId;
  }

  auth(): ResolvedSession {
    if (!this.session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    return this.session;
  }

  scope() {
    return tenantScope(this.services.system, this.auth().tenantId);
  }

  private complete(entry: PendingAudit): AuditInput {
    const tenantId = entry.tenantId ?? this.session?.tenantId;
    if (!tenantId) throw new Error(`Audit entry ${entry.action} has no tenant`);
    return {
      ...entry,
      tenantId,
      actorId: entry.actorId !== undefined ? entry.actorId : (this.session?.userId ?? null),
      actorName: entry.actorName ?? this.session?.name ?? 'system',
      ip: this.call.ip ?? null,
    };
  }

  audit(entry: PendingAudit): void {
    this.pending.push(this.complete(entry));
  }

  auditNow(entry: PendingAudit & { tenantId: string }): void {
    this.services.audit.append([this.complete(entry)]);
  }

  markAudited(): void {
    this.audited = true;
  }

  setSession(token: string): void {
    this.sessionChange = { type: 'set', token };
  }

  clearSession(): void {
    this.sessionChange = { type: 'clear' };
  }
}

export interface DispatchOptions {
  /** Check every answer against the contract's output schema (tests and development). */
  validateOutputs: boolean;
}

/**
 * The one entry to the core: validate → authenticate → authorise → bind tenant → handler → audit.
 * Never throws; an unexpected error is logged and answered as INTERNAL without details.
 */
export function createDispatch(services: Services, options: DispatchOptions) {
  const logger = services.logger.child({ module: 'dispatch' });
  return async function dispatch(
    name: string,
    rawInput: unknown,
    call: CallContext,
  ): Promise<DispatchResult> {
    if (!isMethodName(name))
      return fail({ code: 'NOT_FOUND', message: `Unknown method: ${name.slice(0, 80)}` });
    const definition = methods[name];
    const parsed = definition.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail(validationError(parsed.error));

    let session: ResolvedSession | null = null;
    if (definition.access !== 'public') {
      session = call.sessionToken ? services.sessions.resolve(call.sessionToken) : null;
      if (!session) return fail({ code: 'UNAUTHENTICATED', message: 'Please sign in.' });
      if (definition.access === 'platformAdmin' && !session.isPlatformAdmin) {
        return fail({ code: 'FORBIDDEN', message: 'Only a platform administrator may do this.' });
      }
      if (isRole(definition.access) && !roleAtLeast(session.role, definition.access)) {
        return fail({ code: 'FORBIDDEN', message: `This needs the ${definition.access} role or higher.` });
      }
    }

    const ctx = new CallScope(services, call, session);
    const started = definition.mutation ? performance.now() : 0;
    const logFields = () => ({
      method: name,
      tenantId: session?.tenantId,
      userId: session?.userId,
      transport: call.transport,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    try {
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
      const data = await handler(parsed.data, ctx);
      if (options.validateOutputs) definition.output.parse(data);
      if (definition.mutation) {
        recordAudit(services, ctx, name, parsed.data);
        logger.info(logFields(), 'change applied');
      }
      return ctx.sessionChange ? { ok: true, data, sessionChange: ctx.sessionChange } : { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) {
        if (definition.mutation) logger.info({ ...logFields(), code: error.code }, 'change refused');
        return fail(error.toContract(), ctx.sessionChange);
      }
      logger.error({ ...logFields(), err: error }, 'method failed');
      return fail({
        code: 'INTERNAL',
        message: 'Something went wrong inside Mindframe. The details were logged.',
      });
    }
  };
}

/** Every successful mutation leaves at least one audit entry; handlers usually write a precise one. */
function recordAudit(services: Services, ctx: CallScope, method: MethodName, input: unknown): void {
  if (ctx.pending.length === 0 && !ctx.audited && ctx.boundTenantId) {
    ctx.audit({ action: method, details: { input: redactSecrets(input) } });
  }
  services.audit.append(ctx.pending);
}
