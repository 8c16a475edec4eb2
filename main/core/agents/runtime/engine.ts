import type {
  Flow,
  FlowEdge,
  FlowNode,
  Message,
  MessageKey,
  ModelRef,
  NodeType,
  RunInput,
  RunStep,
  RunSummary,
} from '../../../contract';
import type { Clock } from '../../lib/clock';
import type { EventBus } from '../../lib/events';
import type { Logger } from '../../lib/logger';
import { emptyAllowList, type OutboundAllowList } from '../../lib/outbound-guard';
import type { IntentDefinition, IntentResult } from '../models/types';
import { runLanguage, type BusinessDetailsPort } from './business';
import { FlowEvaluationError } from './flow-eval';
import { BlockedRequestError, HttpCallError } from './http-call';
import { ModelChainError, type ChainPolicy, type ResolvedModel } from './model-chain';
import { executeNode, type KnowledgeHit, type NodeOutcome } from './node-executors';
import type { PriceTable } from './prices';
import {
  interruptedSaid,
  type AgentConfig,
  type RunErrorCode,
  type RunState,
  type RunStore,
  type RunTrigger,
} from './run-store';
import { message, said, type Said } from '../../lib/message';

/**
 * The organisation's plan as the runtime sees it (the billing domain answers): `beforeRun` refuses a
 * run past the period's runs or tokens limit (QUOTA_EXCEEDED, reason plan_limit); `count` adds runs
 * and tokens to the period's usage.
 */
export interface RunUsage {
  beforeRun(tenantId: string, trigger: RunTrigger): void;
  count(tenantId: string, metric: 'runs' | 'tokens', amount: number): void;
}

export interface EngineDeps {
  store: RunStore;
  /** Plan limits per period; none: no limits (tests of the runtime alone). */
  usage?: RunUsage;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  prices: PriceTable;
  resolveModel(tenantId: string, ref: ModelRef): ResolvedModel;
  /** Searches the knowledge the agent answers from (its chosen collections). */
  searchKnowledge(tenantId: string, query: string, limit: number, agentId: string): KnowledgeHit[];
  /** The business's own details, {{business.*}} in every run (the profile domain). */
  business?: BusinessDetailsPort;
  classifyIntent(text: string, intents: IntentDefinition[]): IntentResult;
  /** The installation's outbound allow-list (http nodes that open the private network). */
  outbound?: OutboundAllowList;
  /** Runs of one tenant at the same time; the rest wait in order. */
  maxConcurrentPerTenant?: number;
  /** Steps one run may take (the last guard against loops). */
  maxSteps?: number;
  chainPolicy?: ChainPolicy;
  nodeTimeoutMs?: Partial<Record<NodeType, number>>;
}

export interface StartRun {
  tenantId: string;
  agent: AgentConfig;
  flow: Flow;
  versionNumber: number | null;
  trigger: RunTrigger;
  input: RunInput;
  /** Start at this trigger node (schedules); otherwise at the triggers of the run's kind. */
  startNodeId?: string;
}

export interface Decision {
  approved: boolean;
  comment: string;
  by: string;
}

const defaultTimeouts: Record<NodeType, number> = {
  trigger: 5_000,
  llm: 120_000,
  intent: 5_000,
  condition: 5_000,
  knowledge: 10_000,
  http: 65_000,
  set: 5_000,
  handoff: 5_000,
  approval: 5_000,
  reply: 5_000,
};

class RunCancelled extends Error {}
class NodeTimeout extends Error {
  constructor(
    message: string,
    readonly ms: number,
  ) {
    super(message);
  }
}

const cancelledSaid = said('runs.error.cancelled');

const noTriggerKeys: Record<'chat' | 'schedule' | 'api', MessageKey> = {
  chat: 'runs.error.no_trigger_chat',
  schedule: 'runs.error.no_trigger_schedule',
  api: 'runs.error.no_trigger_api',
};

/**
 * Why a step failed, for the person (what the run page says): only what the app knows, never what
 * another server wrote. Anything unforeseen is runs.error.step_unexpected (its English is logged).
 */
function stepFailure(failure: unknown): Message {
  if (failure instanceof NodeTimeout)
    return message('runs.error.step_timeout', { seconds: Math.round(failure.ms / 100) / 10 });
  if (
    failure instanceof ModelChainError ||
    failure instanceof BlockedRequestError ||
    failure instanceof HttpCallError ||
    failure instanceof FlowEvaluationError
  )
    return failure.detail;
  return message('runs.error.step_unexpected');
}

/** "“Ask the model” failed: <why>": the step's message said inside the run's (as `step`). */
function stepFailed(node: string, why: Message): Message {
  return message('runs.error.step_failed', { ...why.params, node, step: why.key });
}

const finalStatuses = new Set(['succeeded', 'handed_over', 'failed', 'cancelled', 'interrupted', 'waiting']);

function triggerKindFor(trigger: RunTrigger): 'chat' | 'schedule' | 'api' {
  return trigger === 'test' ? 'chat' : trigger;
}

function startNodes(flow: Flow, trigger: RunTrigger, startNodeId?: string): string[] {
  if (startNodeId) return [startNodeId];
  const triggers = flow.nodes.filter(
    (n): n is Extract<FlowNode, { type: 'trigger' }> => n.type === 'trigger',
  );
  const kind = triggerKindFor(trigger);
  const matching = triggers.filter((n) => n.data.kind === kind);
  if (matching.length > 0) return matching.map((n) => n.id);
  // an API call to a chat-only flow starts where a chat would
  return kind === 'api' ? triggers.filter((n) => n.data.kind === 'chat').map((n) => n.id) : [];
}

/**
 * Executes flows: a queue per tenant with a concurrency limit, one step at a time with a timeout,
 * every step written to the trace and announced as it happens, budgets enforced after each step,
 * approvals parked in the database so they survive a restart.
 */

/** A step's notes: their English (`notes`, logs and scripts) and their messages (the UI). */
function stepNotes(notes: Said[]): Pick<RunStep, 'notes' | 'noteMessages'> {
  return { notes: notes.map((note) => note.text), noteMessages: notes.map((note) => note.message) };
}

export class RunEngine {
  private readonly queues = new Map<string, string[]>();
  private readonly active = new Map<string, number>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly running = new Map<string, { tenantId: string; state: RunState }>();
  private readonly waiters = new Map<string, ((run: RunSummary) => void)[]>();
  private stopping = false;

  constructor(private readonly deps: EngineDeps) {}

  private get limit(): number {
    return this.deps.maxConcurrentPerTenant ?? 4;
  }

  /** At start: runs a crash left behind are marked interrupted. */
  recover(): number {
    return this.deps.store.interruptLeftovers(this.deps.clock.now());
  }

  start(input: StartRun): RunSummary {
    this.deps.usage?.beforeRun(input.tenantId, input.trigger);
    const state: RunState = {
      flow: input.flow,
      agent: input.agent,
      variables: {},
      queue: startNodes(input.flow, input.trigger, input.startNodeId),
      edgeVisits: {},
      steps: 0,
      replies: [],
      tokensIn: 0,
      tokensOut: 0,
      costMicros: 0,
      waitingAt: null,
    };
    const runId = this.deps.store.create({
      tenantId: input.tenantId,
      agentId: input.agent.id,
      versionNumber: input.versionNumber,
      trigger: input.trigger,
      input: input.input,
      state,
      now: this.deps.clock.now(),
    });
    // a test run in the editor is not one of the plan's runs (its tokens count)
    if (input.trigger !== 'test') this.deps.usage?.count(input.tenantId, 'runs', 1);
    this.enqueue(input.tenantId, runId);
    return this.deps.store.get(input.tenantId, runId)!;
  }

  /** Resolves once the run is no longer queued or running (finished, or waiting for a person). */
  wait(tenantId: string, runId: string): Promise<RunSummary> {
    const run = this.deps.store.get(tenantId, runId);
    if (!run || finalStatuses.has(run.status)) return Promise.resolve(run!);
    return new Promise((resolve) => this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), resolve]));
  }

  cancel(tenantId: string, runId: string): RunSummary | null {
    const run = this.deps.store.get(tenantId, runId);
    if (!run) return null;
    const controller = this.controllers.get(runId);
    if (controller) {
      controller.abort(new RunCancelled('cancelled'));
      return run;
    }
    if (run.status === 'queued' || run.status === 'waiting') {
      const queue = this.queues.get(tenantId);
      if (queue)
        this.queues.set(
          tenantId,
          queue.filter((id) => id !== runId),
        );
      const state = this.deps.store.state(tenantId, runId);
      if (state) this.finish(tenantId, runId, state, 'cancelled', cancelledSaid, 'cancelled');
    }
    return this.deps.store.get(tenantId, runId);
  }

  /** A person's answer at an approval step; the run continues through "approved" or "rejected". */
  decide(tenantId: string, runId: string, decision: Decision): RunSummary | null {
    const state = this.deps.store.state(tenantId, runId);
    const run = this.deps.store.get(tenantId, runId);
    if (!state || !run || run.status !== 'waiting' || !state.waitingAt) return null;
    const node = state.flow.nodes.find((n) => n.id === state.waitingAt);
    const handle = decision.approved ? 'approved' : 'rejected';
    const now = this.deps.clock.now();
    state.steps++;
    this.recordStep(tenantId, run.agentId, runId, {
      seq: state.steps,
      nodeId: state.waitingAt,
      nodeType: 'approval',
      label: node?.label ?? null,
      status: 'ok',
      input: { waitingSince: run.createdAt },
      output: { decision: handle, comment: decision.comment, by: decision.by },
      error: null,
      startedAt: now,
      durationMs: 0,
      tokensIn: 0,
      tokensOut: 0,
      costMicros: 0,
      model: null,
      attempts: 1,
      notes: [],
      noteMessages: [],
      errorMessage: null,
    });
    state.variables.approval = { approved: decision.approved, comment: decision.comment, by: decision.by };
    const edges = state.flow.edges.filter((e) => e.source === state.waitingAt && e.sourceHandle === handle);
    state.waitingAt = null;
    if (!decision.approved && edges.length === 0) {
      const why = decision.comment ? `: ${decision.comment}` : '.';
      const text = `Rejected by ${decision.by}${why}`;
      const rejected = decision.comment
        ? said('runs.error.rejected_comment', { by: decision.by, comment: decision.comment }, text)
        : said('runs.error.rejected', { by: decision.by }, text);
      this.finish(tenantId, runId, state, 'failed', rejected, 'rejected');
      return this.deps.store.get(tenantId, runId);
    }
    this.follow(state, edges);
    this.deps.store.requeue(tenantId, runId, state);
    this.enqueue(tenantId, runId);
    return this.deps.store.get(tenantId, runId);
  }

  /** Stops every running run and records it as interrupted now, before the database closes. */
  stop(): void {
    this.stopping = true;
    for (const [runId, { tenantId, state }] of this.running) {
      this.controllers.get(runId)?.abort(new Error('The app is stopping.'));
      this.finish(tenantId, runId, state, 'interrupted', interruptedSaid, 'interrupted');
    }
    this.running.clear();
    this.queues.clear();
  }

  runningCount(): number {
    return this.controllers.size;
  }

  private enqueue(tenantId: string, runId: string): void {
    this.queues.set(tenantId, [...(this.queues.get(tenantId) ?? []), runId]);
    this.pump(tenantId);
  }

  private pump(tenantId: string): void {
    const queue = this.queues.get(tenantId) ?? [];
    while (!this.stopping && queue.length > 0 && (this.active.get(tenantId) ?? 0) < this.limit) {
      const runId = queue.shift()!;
      this.active.set(tenantId, (this.active.get(tenantId) ?? 0) + 1);
      void this.execute(tenantId, runId)
        .catch((error: unknown) => this.deps.logger.error({ err: error, runId }, 'run crashed'))
        .finally(() => {
          this.active.set(tenantId, (this.active.get(tenantId) ?? 1) - 1);
          this.pump(tenantId);
        });
    }
  }

  private recordStep(tenantId: string, agentId: string, runId: string, step: RunStep): void {
    this.deps.store.addStep(tenantId, runId, step);
    this.deps.events.emit('run.step', { runId, agentId, step }, { kind: 'tenant', tenantId });
  }

  private finish(
    tenantId: string,
    runId: string,
    state: RunState,
    status: 'succeeded' | 'handed_over' | 'failed' | 'cancelled' | 'interrupted',
    error: Said | null,
    errorCode: RunErrorCode | null,
  ): void {
    this.deps.store.finish(tenantId, runId, { status, state, error, errorCode, now: this.deps.clock.now() });
    this.announce(tenantId, runId);
  }

  private announce(tenantId: string, runId: string): void {
    const run = this.deps.store.get(tenantId, runId)!;
    this.deps.events.emit('run.finished', run, { kind: 'tenant', tenantId });
    for (const resolve of this.waiters.get(runId) ?? []) resolve(run);
    this.waiters.delete(runId);
  }

  private follow(state: RunState, edges: FlowEdge[]): Said[] {
    const skipped: Said[] = [];
    for (const edge of edges) {
      if (edge.loopLimit !== undefined) {
        const visits = (state.edgeVisits[edge.id] ?? 0) + 1;
        if (visits > edge.loopLimit) {
          skipped.push(
            said(
              'runs.note.loop_limit',
              { limit: edge.loopLimit, edge: edge.id },
              `loop limit ${edge.loopLimit} reached on edge ${edge.id}`,
            ),
          );
          continue;
        }
        state.edgeVisits[edge.id] = visits;
      }
      state.queue.push(edge.target);
    }
    return skipped;
  }

  private scopeOf(
    state: RunState,
    runId: string,
    input: RunInput,
    tenantId: string,
  ): Record<string, unknown> {
    return {
      ...Object.fromEntries(state.flow.variables.map((v) => [v.name, v.value])),
      ...state.variables,
      message: input.message ?? '',
      input: input.data ?? {},
      history: input.history ?? [],
      now: new Date(this.deps.clock.now()).toISOString(),
      run: { id: runId },
      agent: { id: state.agent.id, name: state.agent.name },
      business: this.deps.business?.variables(tenantId, runLanguage(input.message)) ?? {},
    };
  }

  private async execute(tenantId: string, runId: string): Promise<void> {
    const { store, clock } = this.deps;
    const state = store.state(tenantId, runId);
    const run = store.get(tenantId, runId);
    if (!state || !run || run.status !== 'queued') return;
    const controller = new AbortController();
    this.controllers.set(runId, controller);
    this.running.set(runId, { tenantId, state });
    store.markRunning(tenantId, runId, clock.now());
    const nodes = new Map(state.flow.nodes.map((n) => [n.id, n]));
    const outgoing = new Map<string, FlowEdge[]>();
    for (const edge of state.flow.edges)
      outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
    const maxSteps = this.deps.maxSteps ?? 200;
    try {
      if (state.queue.length === 0 && state.steps === 0) {
        const kind = triggerKindFor(run.trigger);
        return this.finish(
          tenantId,
          runId,
          state,
          'failed',
          said(noTriggerKeys[kind], undefined, `This flow has no ${kind} trigger to start from.`),
          'invalid_flow',
        );
      }
      while (state.queue.length > 0) {
        if (controller.signal.aborted) throw controller.signal.reason;
        if (state.steps >= maxSteps) {
          return this.finish(
            tenantId,
            runId,
            state,
            'failed',
            said(
              'runs.error.step_limit',
              { limit: maxSteps },
              `Stopped after ${maxSteps} steps: the flow keeps looping.`,
            ),
            'step_limit',
          );
        }
        const node = nodes.get(state.queue.shift()!);
        if (!node) continue;
        state.steps++;
        const parked = await this.step(tenantId, run, state, node, controller, outgoing);
        if (parked === 'stop') return;
      }
      // a flow that reached its hand-off step ends handed over: a person answers from here
      const handedOver = state.variables.handoff !== undefined && state.variables.handoff !== null;
      this.finish(tenantId, runId, state, handedOver ? 'handed_over' : 'succeeded', null, null);
    } catch (error) {
      // stop() has already recorded the run as interrupted
      if (this.stopping) return;
      if (error instanceof RunCancelled)
        return this.finish(tenantId, runId, state, 'cancelled', cancelledSaid, 'cancelled');
      this.deps.logger.error({ err: error, runId }, 'run failed unexpectedly');
      this.finish(
        tenantId,
        runId,
        state,
        'failed',
        said(
          'runs.error.unexpected',
          undefined,
          'The run stopped on an unexpected error; the details were logged.',
        ),
        'node_failed',
      );
    } finally {
      this.controllers.delete(runId);
      this.running.delete(runId);
    }
  }

  /** Runs one node and records it; answers 'stop' when the run ended or parked here. */
  private async step(
    tenantId: string,
    run: RunSummary,
    state: RunState,
    node: FlowNode,
    controller: AbortController,
    outgoing: Map<string, FlowEdge[]>,
  ): Promise<'continue' | 'stop'> {
    const { clock } = this.deps;
    const startedAt = clock.now();
    const t0 = performance.now();
    const timeoutMs =
      this.deps.nodeTimeoutMs?.[node.type] ??
      (node.type === 'http' ? node.data.timeoutMs + 2_000 : defaultTimeouts[node.type]);
    const nodeController = new AbortController();
    const onRunAbort = () => nodeController.abort(controller.signal.reason);
    controller.signal.addEventListener('abort', onRunAbort, { once: true });
    const timer = setTimeout(
      () =>
        nodeController.abort(
          new NodeTimeout(`${node.label ?? node.id} took longer than ${timeoutMs} ms.`, timeoutMs),
        ),
      timeoutMs,
    );
    let outcome: NodeOutcome | null = null;
    let failure: unknown = null;
    try {
      outcome = await Promise.race([
        executeNode(node, {
          tenantId,
          runId: run.id,
          agentId: run.agentId,
          scope: this.scopeOf(state, run.id, run.input, tenantId),
          signal: nodeController.signal,
          primaryModel: state.agent.primaryModel,
          fallbackModels: state.agent.fallbackModels,
          resolveModel: (ref) => this.deps.resolveModel(tenantId, ref),
          searchKnowledge: (query, limit) => this.deps.searchKnowledge(tenantId, query, limit, run.agentId),
          classifyIntent: this.deps.classifyIntent,
          prices: this.deps.prices,
          outbound: this.deps.outbound ?? emptyAllowList,
          ...(this.deps.chainPolicy ? { chainPolicy: this.deps.chainPolicy } : {}),
          ...(run.trigger === 'chat' || run.trigger === 'test'
            ? {
                onDelta: (text: string) =>
                  this.deps.events.emit(
                    'run.delta',
                    { runId: run.id, agentId: run.agentId, nodeId: node.id, text },
                    { kind: 'tenant', tenantId },
                  ),
              }
            : {}),
        }),
        new Promise<never>((_, reject) =>
          nodeController.signal.addEventListener('abort', () => reject(nodeController.signal.reason), {
            once: true,
          }),
        ),
      ]);
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(timer);
      controller.signal.removeEventListener('abort', onRunAbort);
    }
    const durationMs = Math.round((performance.now() - t0) * 1000) / 1000;
    if (controller.signal.aborted) throw controller.signal.reason;

    const base = {
      seq: state.steps,
      nodeId: node.id,
      nodeType: node.type,
      label: node.label ?? null,
      startedAt,
      durationMs,
    };
    if (!outcome) {
      const text = (failure as Error)?.message ?? String(failure);
      const why = stepFailure(failure);
      if (why.key === 'runs.error.step_unexpected')
        this.deps.logger.warn({ err: failure, runId: run.id, nodeId: node.id }, 'step failed unexpectedly');
      const chainError = failure instanceof ModelChainError ? failure : null;
      this.recordStep(tenantId, run.agentId, run.id, {
        ...base,
        status: 'error',
        input: null,
        output: null,
        error: text,
        errorMessage: why,
        tokensIn: 0,
        tokensOut: 0,
        costMicros: 0,
        model: null,
        attempts: chainError?.attempts ?? 1,
        ...stepNotes(chainError?.notes ?? []),
      });
      const errorEdges = (outgoing.get(node.id) ?? []).filter((e) => e.sourceHandle === 'error');
      if (errorEdges.length > 0) {
        state.variables.error = text;
        this.follow(state, errorEdges);
        return 'continue';
      }
      const code: RunErrorCode =
        failure instanceof NodeTimeout
          ? 'timeout'
          : failure instanceof ModelChainError
            ? 'provider_error'
            : failure instanceof BlockedRequestError
              ? 'blocked'
              : 'node_failed';
      const prefix = failure instanceof FlowEvaluationError ? 'Expression error: ' : '';
      const name = node.label ?? node.id;
      this.finish(
        tenantId,
        run.id,
        state,
        'failed',
        { message: stepFailed(name, why), text: `${name}: ${prefix}${text}` },
        code,
      );
      return 'stop';
    }

    Object.assign(state.variables, outcome.assign ?? {});
    if (outcome.reply !== undefined && outcome.reply !== '') state.replies.push(outcome.reply);
    state.tokensIn += outcome.tokensIn ?? 0;
    state.tokensOut += outcome.tokensOut ?? 0;
    const stepTokens = (outcome.tokensIn ?? 0) + (outcome.tokensOut ?? 0);
    if (stepTokens > 0) this.deps.usage?.count(tenantId, 'tokens', stepTokens);
    state.costMicros += outcome.costMicros ?? 0;
    const step: RunStep = {
      ...base,
      status: outcome.park ? 'waiting' : 'ok',
      input: outcome.input,
      output: outcome.output,
      error: null,
      errorMessage: null,
      tokensIn: outcome.tokensIn ?? 0,
      tokensOut: outcome.tokensOut ?? 0,
      costMicros: outcome.costMicros ?? 0,
      model: outcome.model ?? null,
      attempts: outcome.attempts ?? 1,
      ...stepNotes(outcome.notes ?? []),
    };
    if (outcome.park) {
      this.recordStep(tenantId, run.agentId, run.id, step);
      state.waitingAt = node.id;
      this.deps.store.park(tenantId, run.id, state, { nodeId: node.id, ...outcome.park });
      this.announce(tenantId, run.id);
      return 'stop';
    }
    const skipped = this.follow(
      state,
      (outgoing.get(node.id) ?? []).filter((e) => e.sourceHandle === outcome.handle),
    );
    step.notes.push(...skipped.map((note) => note.text));
    step.noteMessages.push(...skipped.map((note) => note.message));
    this.recordStep(tenantId, run.agentId, run.id, step);

    const { budget } = state.agent;
    const tokens = state.tokensIn + state.tokensOut;
    if (tokens > budget.maxTokens || state.costMicros > budget.maxCostMicros) {
      const overTokens = tokens > budget.maxTokens;
      const over = overTokens
        ? `${tokens} tokens, over its budget of ${budget.maxTokens}`
        : `$${(state.costMicros / 1e6).toFixed(4)}, over its budget of $${(budget.maxCostMicros / 1e6).toFixed(4)}`;
      const text = `Stopped: the run used ${over}.`;
      this.finish(
        tenantId,
        run.id,
        state,
        'failed',
        overTokens
          ? said('runs.error.budget_tokens', { used: tokens, limit: budget.maxTokens }, text)
          : said('runs.error.budget_cost', undefined, text),
        'budget_exceeded',
      );
      return 'stop';
    }
    return 'continue';
  }
}
