import type Database from 'better-sqlite3';
import { tenantRows } from '../../db';
import type { z } from 'zod';
import {
  apiKeyScopeMethods,
  isMethodName,
  methods,
  roleAtLeast,
  roles,
  twoFactorEnrolmentMethods,
  type CallResult,
  type MethodName,
  type Role,
} from '../contract';
import type { AppDb } from '../../db';
import type {
  AuditInput,
  CallContext,
  HandlerContext,
  HandlerMap,
  PendingAudit,
  ResolvedSession,
  SessionChange,
} from './context';
import { redactSecrets } from './audit/chain';
import type { AuditService } from './audit/service';
import type { ApiKeyCheck } from './api-keys/service';
import type { SecurityMonitor } from './security/security-monitor';
import type { Entitlements } from './billing/entitlements';
import type { MethodDefinition, PlanCapability } from '../contract';
import { AppError, type Refusal } from './lib/errors';
import { validationReason } from './lib/validation-reasons';
import { changesAllowedWhileDiskFull, diskFullError, type DiskPressure } from './lib/disk-full';
import type { Logger } from './lib/logger';

export type DispatchResult = CallResult<unknown> & { sessionChange?: SessionChange };

const fail = (error: Refusal, sessionChange?: SessionChange): DispatchResult =>
  sessionChange ? { ok: false, error, sessionChange } : { ok: false, error };

const isRole = (access: string): access is Role => (roles as readonly string[]).includes(access);

function validationError(error: z.ZodError, input: unknown): Refusal {
  const issue = error.issues[0];
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent: a failed parse always has an issue, and an empty path joins to '', which counts as no field
  let field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  // Stryker disable next-line StringLiteral,LogicalOperator,OptionalChaining: English message for logs and scripts; callers read code and reason
  let message = issue?.message ?? 'Invalid input';
  // Stryker disable next-line OptionalChaining: equivalent: a failed parse always has an issue
  if (issue?.code === 'unrecognized_keys') {
    field = [...issue.path.map(String), issue.keys[0]].join('.');
    // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
    message = 'Unknown field';
  }
  // Stryker disable next-line ConditionalExpression: equivalent: a failed parse always has an issue
  const { reason, params } = issue ? validationReason(issue, input) : { reason: 'invalid_value' as const };
  return {
    code: 'VALIDATION',
    // Stryker disable next-line StringLiteral,ConditionalExpression: English message for logs and scripts; callers read code and reason
    message: field ? `${field}: ${message}` : message,
    ...(field ? { field } : {}),
    reason,
    ...(params ? { params } : {}),
  };
}

class HandlerCall implements HandlerContext {
  readonly pending: AuditInput[] = [];
  audited = false;
  sessionChange: SessionChange | undefined;

  constructor(
    private readonly deps: DispatchDeps,
    readonly call: CallContext,
    private readonly session: ResolvedSession | null,
  ) {}

  get boundTenantId(): string | undefined {
    return this.session?.tenantId;
  }

  auth(): ResolvedSession {
    if (!this.session) {
      // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
      const message = 'Please sign in.';
      throw new AppError('UNAUTHENTICATED', message);
    }
    return this.session;
  }

  tenantRows() {
    return tenantRows(this.deps.system, this.auth().tenantId);
  }

  private complete(entry: PendingAudit): AuditInput {
    // Stryker disable next-line OptionalChaining: equivalent: without a session either error is unexpected (INTERNAL, rolled back)
    const tenantId = entry.tenantId ?? this.session?.tenantId;
    // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent: the NOT NULL tenant column refuses such an entry too (INTERNAL, rolled back); the text is for the log
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
    this.deps.audit.append([this.complete(entry)]);
  }

  markAudited(): void {
    this.audited = true;
  }

  atomically<T>(work: () => T): T {
    return this.deps.sqlite.transaction(() => {
      const result = work();
      this.flushAudit();
      return result;
    })();
  }

  /** Writes the pending entries now (inside the caller's transaction, when there is one). */
  flushAudit(): void {
    if (this.pending.length === 0) return;
    this.deps.audit.append(this.pending.splice(0));
    this.audited = true;
  }

  setSession(token: string): void {
    this.sessionChange = { type: 'set', token };
  }

  clearSession(): void {
    this.sessionChange = { type: 'clear' };
  }
}

/** What dispatch itself needs around the handlers: storage, who is calling, audit, signals. */
export interface DispatchDeps {
  sqlite: Database.Database;
  /** Tenant-owned rows are reached through a scope of this, bound to the caller's tenant. */
  system: AppDb;
  logger: Logger;
  audit: Pick<AuditService, 'append'>;
  /** The session of a call (looked up once per request, see guard.ts). */
  sessionOf(call: CallContext): ResolvedSession | null;
  /** The API key check of a call (made once per request, see guard.ts). */
  apiKeyCheck(call: CallContext): ApiKeyCheck;
  security: Pick<SecurityMonitor, 'record'>;
  disk: Pick<DiskPressure, 'isFull' | 'noteIfFull'>;
  /** The organisation's plan: what a call needs of it (the billing domain's cached entitlements). */
  billing?: { entitlements: Pick<Entitlements, 'has' | 'featureRefusal'> };
}

export interface DispatchOptions {
  /** Check every answer against the contract's output schema (tests and development). */
  validateOutputs: boolean;
}

/**
 * The one entry to the core: validate → authenticate → authorise → bind tenant → handler → audit.
 * Never throws; an unexpected error is logged and answered as INTERNAL without details.
 */
export function createDispatch(handlers: HandlerMap, services: DispatchDeps, options: DispatchOptions) {
  const logger = services.logger.child({ module: 'dispatch' });
  const tx = prepareTransactionStatements(services.sqlite);
  const suspended = services.sqlite.prepare<{ tenantId: string }, { one: number }>(
    "SELECT 1 AS one FROM tenants WHERE id = @tenantId AND status = 'suspended'",
  );
  return async function dispatch(
    name: string,
    rawInput: unknown,
    call: CallContext,
  ): Promise<DispatchResult> {
    if (!isMethodName(name))
      return fail({
        code: 'NOT_FOUND',
        // Stryker disable next-line StringLiteral,MethodExpression: English message for logs and scripts; callers read code and reason
        message: `Unknown method: ${name.slice(0, 80)}`,
      });
    const definition = methods[name];
    let session: ResolvedSession | null = null;
    if (call.apiKey !== undefined) {
      // an API key: its tenant, and only the methods its scopes name, whatever the method's role
      const resolved = resolveApiKey(services, name, call);
      if ('code' in resolved) return fail(resolved);
      session = resolved;
    }
    const input = rawInput ?? {};
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) return fail(validationError(parsed.error, input));

    if (definition.access !== 'public' && !session) {
      session = services.sessionOf(call);
      if (!session)
        return fail({
          code: 'UNAUTHENTICATED',
          // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
          message: 'Please sign in.',
        });
      if (definition.access === 'platformAdmin' && !session.isPlatformAdmin) {
        return fail({
          code: 'FORBIDDEN',
          // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
          message: 'Only a platform administrator may do this.',
          reason: 'platform_admin_only',
        });
      }
      if (isRole(definition.access) && !roleAtLeast(session.role, definition.access)) {
        return fail({
          code: 'FORBIDDEN',
          // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
          message: `This needs the ${definition.access} role or higher.`,
          reason: 'role_required',
          params: { role: definition.access },
        });
      }
    }

    // a suspended organisation: its members and its API keys are refused at once (data kept);
    // a member may still see who they are, switch to another organisation and sign out
    if (
      session &&
      !session.isPlatformAdmin &&
      !(call.apiKey === undefined && allowedWhileSuspended.has(name)) &&
      suspended.get({ tenantId: session.tenantId })
    ) {
      return fail({
        code: 'FORBIDDEN',
        // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
        message: 'This organisation is suspended by the platform administrator.',
        reason: 'tenant_suspended',
      });
    }

    if (session?.mustEnrolTwoFactor && !twoFactorEnrolmentMethods.has(name)) {
      return fail({
        code: 'FORBIDDEN',
        // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
        message: 'This organisation requires two-factor sign-in; set it up first.',
        reason: 'two_factor_required',
      });
    }

    if (definition.mutation && services.disk.isFull() && !changesAllowedWhileDiskFull.has(name)) {
      return fail(diskFullError());
    }

    // the plan: the REST API needs 'api', a method may need a channel or a feature (cached, < 1 µs)
    const plan = services.billing?.entitlements;
    if (plan && session) {
      const rest = call.origin === 'rest' || call.apiKey !== undefined;
      if (rest && !plan.has(session.tenantId, 'api')) return fail(plan.featureRefusal('api').toContract());
      // the union of every method's input is too wide for the type-checker: each gets its own parsed input
      const needs = (definition as MethodDefinition).capability as
        PlanCapability | ((input: unknown) => PlanCapability | null) | undefined;
      if (needs !== undefined) {
        const capability = typeof needs === 'function' ? needs(parsed.data) : needs;
        if (capability !== null && !plan.has(session.tenantId, capability))
          return fail(plan.featureRefusal(capability).toContract());
      }
    }

    const ctx = new HandlerCall(services, call, session);
    // Stryker disable next-line all: only the duration in the log line depends on it (a timing, not asserted)
    const started = definition.mutation ? performance.now() : 0;
    const logFields = () => ({
      method: name,
      tenantId: session?.tenantId,
      userId: session?.userId,
      transport: call.transport,
      // Stryker disable next-line all: the duration in the log line (a timing, not asserted)
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    try {
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
      const data = definition.mutation
        ? await runMutation(services, tx, ctx, name, handler, parsed.data)
        : await handler(parsed.data, ctx);
      if (options.validateOutputs) definition.output.parse(data);
      // Stryker disable next-line StringLiteral: log text only
      if (definition.mutation) logger.info(logFields(), 'change applied');
      return ctx.sessionChange ? { ok: true, data, sessionChange: ctx.sessionChange } : { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) {
        // Stryker disable next-line StringLiteral: log text only
        if (definition.mutation) logger.info({ ...logFields(), code: error.code }, 'change refused');
        return fail(error.toContract(), ctx.sessionChange);
      }
      if (services.disk.noteIfFull(error)) {
        // Stryker disable next-line StringLiteral: log text only
        logger.warn({ ...logFields(), code: 'UNAVAILABLE' }, 'change refused: disk full');
        return fail(diskFullError(), ctx.sessionChange);
      }
      // Stryker disable next-line StringLiteral: log text only
      logger.error({ ...logFields(), err: error }, 'method failed');
      return fail({
        code: 'INTERNAL',
        // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
        message: 'Something went wrong inside Mindframe. The details were logged.',
      });
    }
  };
}

/** What a member of a suspended organisation may still call (with a session, never with an API key). */
const allowedWhileSuspended: ReadonlySet<MethodName> = new Set<MethodName>([
  'auth.me',
  'auth.logout',
  'auth.logoutEverywhere',
  'auth.setLanguage',
  'tenants.switch',
]);

/** An API key as a caller: a session-like principal of the key's tenant, if its scopes allow `name`. */
function resolveApiKey(
  services: DispatchDeps,
  name: MethodName,
  call: CallContext,
): ResolvedSession | Refusal {
  const check = services.apiKeyCheck(call);
  if (!check.ok) {
    if (check.reason === 'revoked' || check.reason === 'expired') {
      services.security.record({
        kind: 'revoked_key_used',
        tenantId: check.tenantId ?? null,
        ip: call.ip ?? null,
        details: { keyId: check.keyId, reason: check.reason, method: name },
      });
    }
    // Stryker disable all: English message for logs and scripts; callers read code and reason
    const message =
      check.reason === 'revoked'
        ? 'This API key was revoked.'
        : check.reason === 'expired'
          ? 'This API key has expired.'
          : 'A valid API key is needed (Authorization: Bearer mf_live_...).';
    // Stryker restore all
    return { code: 'UNAUTHENTICATED', message };
  }
  const { principal } = check;
  if (!principal.scopes.some((scope) => apiKeyScopeMethods[scope].includes(name))) {
    return {
      code: 'FORBIDDEN',
      // Stryker disable next-line StringLiteral: English message for logs and scripts; callers read code and reason
      message: `This API key's scopes do not allow ${name}.`,
      reason: 'api_key_scope',
      params: { method: name },
    };
  }
  return {
    id: `api-key:${principal.keyId}`,
    userId: principal.createdBy ?? principal.keyId,
    tenantId: principal.tenantId,
    email: '',
    name: `API key "${principal.name}"`,
    isPlatformAdmin: false,
    // the scopes decided what it may call; within those methods it acts as an administrator would
    role: 'admin',
    createdAt: 0,
    expiresAt: Number.MAX_SAFE_INTEGER,
    mustEnrolTwoFactor: principal.mustEnrolTwoFactor,
  };
}

/** Every successful mutation leaves at least one audit entry; handlers usually write a precise one. */
function recordAudit(ctx: HandlerCall, method: MethodName, input: unknown): void {
  if (ctx.pending.length === 0 && !ctx.audited && ctx.boundTenantId) {
    ctx.audit({ action: method, details: { input: redactSecrets(input) } });
  }
  ctx.flushAudit();
}

/**
 * A mutation and its audit entry commit together: a process killed between the two must not leave a
 * change without its entry. The synchronous part of the handler runs inside one write transaction
 * (handlers' own transactions nest as savepoints); a refusal (AppError) still commits what the handler
 * wrote on purpose before refusing (failed sign-ins, security events), anything unexpected rolls back.
 * An asynchronous handler commits its synchronous prefix; its later writes use `ctx.atomically()` so
 * they carry their audit entries in the same transaction.
 */
async function runMutation(
  { sqlite }: DispatchDeps,
  tx: TransactionStatements,
  ctx: HandlerCall,
  method: MethodName,
  handler: (input: unknown, ctx: HandlerContext) => unknown,
  input: unknown,
): Promise<unknown> {
  const run = () => handler(input, ctx);
  // long asynchronous work (checks, backups, hashing) must not hold the write lock: see
  // `ctx.atomically`; a call made from inside another call's transaction joins that one
  if (isAsync(handler) || sqlite.inTransaction) {
    const data = await run();
    recordAudit(ctx, method, input);
    return data;
  }
  tx.begin.run();
  let result: unknown;
  try {
    result = run();
    if (!isPromise(result)) recordAudit(ctx, method, input);
  } catch (error) {
    if (sqlite.inTransaction) {
      if (error instanceof AppError) tx.commit.run();
      else tx.rollback.run();
    }
    throw error;
  }
  if (sqlite.inTransaction) tx.commit.run();
  if (!isPromise(result)) return result;
  const data = await result;
  recordAudit(ctx, method, input);
  return data;
}

const AsyncFunction = (async () => {}).constructor;
const isAsync = (fn: unknown): boolean => fn instanceof AsyncFunction;

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

type TransactionStatements = ReturnType<typeof prepareTransactionStatements>;

function prepareTransactionStatements(sqlite: Database.Database) {
  return {
    begin: sqlite.prepare('BEGIN IMMEDIATE'),
    commit: sqlite.prepare('COMMIT'),
    rollback: sqlite.prepare('ROLLBACK'),
  };
}
