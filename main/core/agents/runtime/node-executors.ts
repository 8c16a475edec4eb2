import type { FlowNode, FlowNodeOf, ModelRef } from '../../../contract';
import type { OutboundAllowList } from '../../lib/outbound-guard';
import { evaluate, render } from './flow-eval';
import { guardedHttpCall } from './http-call';
import { completeWithChain, ModelChainError, type ChainPolicy, type ResolvedModel } from './model-chain';
import type { ChatMessage, IntentDefinition, IntentResult, ToolDefinition } from '../models/types';
import type { PriceTable } from './prices';
import { said, type Said } from '../../lib/message';

export interface KnowledgeHit {
  id: string;
  title: string;
  snippet: string;
  body: string;
  score: number;
}

/** What node executors may use; the engine provides it per run. */
export interface NodeContext {
  tenantId: string;
  runId: string;
  agentId: string;
  scope: Record<string, unknown>;
  signal: AbortSignal;
  primaryModel: ModelRef;
  fallbackModels: ModelRef[];
  resolveModel(ref: ModelRef): ResolvedModel;
  searchKnowledge(query: string, limit: number): KnowledgeHit[];
  classifyIntent(text: string, intents: IntentDefinition[]): IntentResult;
  prices: PriceTable;
  /** The installation's outbound allow-list (for http nodes that open the private network). */
  outbound: OutboundAllowList;
  chainPolicy?: ChainPolicy;
  /** Set when someone watches the run live (chat and test runs): model output is streamed. */
  onDelta?: (text: string) => void;
}

export interface NodeOutcome {
  /** Which handle the run leaves through. */
  handle: string;
  input: unknown;
  output: unknown;
  /** Variables to set after the node. */
  assign?: Record<string, unknown>;
  reply?: string;
  tokensIn?: number;
  tokensOut?: number;
  costMicros?: number;
  model?: string | null;
  attempts?: number;
  /** What happened on the way, as messages with their English. */
  notes?: Said[];
  /** An approval node parks the run here. */
  park?: { prompt: string; approverRole: FlowNodeOf<'approval'>['data']['approverRole'] };
}

const knowledgeTool: ToolDefinition = {
  name: 'search_knowledge',
  description:
    "Search the business's knowledge base (opening hours, prices, policies ...). Returns the best matching passages.",
  parameters: {
    type: 'object',
    properties: { query: { type: 'string', description: 'What to look up' } },
    required: ['query'],
  },
};

const maxToolRounds = 3;

function modelChain(node: FlowNodeOf<'llm'>, ctx: NodeContext): ResolvedModel[] {
  const refs = [node.data.model ?? ctx.primaryModel, ...ctx.fallbackModels];
  const seen = new Set<string>();
  const chain: ResolvedModel[] = [];
  for (const ref of refs) {
    const key = `${ref.providerId}/${ref.model}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      chain.push(ctx.resolveModel(ref));
    } catch (error) {
      // a provider deleted since the flow was checked: the run says which model it was
      const text = (error as Error)?.message ?? String(error);
      throw new ModelChainError(said('runs.error.provider_gone', { model: ref.model }, text), 0, []);
    }
  }
  return chain;
}

function historyMessages(scope: Record<string, unknown>): ChatMessage[] {
  const history = scope.history;
  if (!Array.isArray(history)) return [];
  return history.flatMap((turn): ChatMessage[] => {
    const t = turn as { role?: unknown; text?: unknown };
    if ((t.role === 'user' || t.role === 'assistant') && typeof t.text === 'string')
      return [{ role: t.role, content: t.text }];
    return [];
  });
}

async function runLlm(node: FlowNodeOf<'llm'>, ctx: NodeContext): Promise<NodeOutcome> {
  const system = render(node.data.systemPrompt, ctx.scope);
  const prompt = render(node.data.prompt, ctx.scope);
  const messages: ChatMessage[] = [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    ...historyMessages(ctx.scope),
    { role: 'user', content: prompt },
  ];
  const tools = node.data.tools.includes('search_knowledge') ? [knowledgeTool] : undefined;
  const chain = modelChain(node, ctx);
  let tokensIn = 0;
  let tokensOut = 0;
  let costMicros = 0;
  let attempts = 0;
  const notes: Said[] = [];
  const toolLog: { query: string; hits: number }[] = [];
  for (let round = 0; ; round++) {
    const outcome = await completeWithChain(
      chain,
      {
        messages,
        temperature: node.data.temperature,
        maxTokens: node.data.maxTokens,
        signal: ctx.signal,
        ...(ctx.onDelta ? { onDelta: ctx.onDelta } : {}),
        ...(tools && round < maxToolRounds ? { tools } : {}),
      },
      ctx.chainPolicy,
    );
    const { result, used } = outcome;
    tokensIn += result.tokensIn;
    tokensOut += result.tokensOut;
    attempts += outcome.attempts;
    notes.push(...outcome.notes);
    const noted = (key: string) => notes.some((note) => note.message.key === key);
    if (result.estimatedTokens && !noted('runs.note.estimated_tokens'))
      notes.push(said('runs.note.estimated_tokens', undefined, 'token counts are estimates'));
    const cost = ctx.prices.costMicros(used.ref.model, result.tokensIn, result.tokensOut);
    if (!cost.known && !noted('runs.note.no_price'))
      notes.push(
        said(
          'runs.note.no_price',
          { model: used.ref.model },
          `no price known for ${used.ref.model}; counted as free`,
        ),
      );
    costMicros += cost.micros;
    if (result.toolCalls.length === 0 || round >= maxToolRounds) {
      return {
        handle: 'out',
        input: { system, prompt, tools: tools?.map((t) => t.name) ?? [] },
        output: {
          text: result.text,
          finishReason: result.finishReason,
          ...(toolLog.length ? { toolCalls: toolLog } : {}),
        },
        assign: { [node.data.outputVariable]: result.text },
        tokensIn,
        tokensOut,
        costMicros,
        model: used.label,
        attempts,
        notes,
      };
    }
    messages.push({ role: 'assistant', content: result.text, toolCalls: result.toolCalls });
    for (const call of result.toolCalls) {
      let query = '';
      try {
        query = String((JSON.parse(call.arguments) as { query?: unknown }).query ?? '');
      } catch {
        query = '';
      }
      const hits = call.name === knowledgeTool.name && query ? ctx.searchKnowledge(query, 3) : [];
      toolLog.push({ query, hits: hits.length });
      notes.push(
        said(
          'runs.note.tool_call',
          { tool: call.name, query, count: hits.length },
          `model called ${call.name}(${JSON.stringify(query)}): ${hits.length} passages`,
        ),
      );
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        content:
          call.name === knowledgeTool.name
            ? JSON.stringify(hits.map((h) => ({ title: h.title, text: h.body.slice(0, 2000) })))
            : JSON.stringify({ error: `Unknown tool ${call.name}` }),
      });
    }
  }
}

function runKnowledge(node: FlowNodeOf<'knowledge'>, ctx: NodeContext): NodeOutcome {
  const query = render(node.data.query, ctx.scope);
  const hits = query.trim() ? ctx.searchKnowledge(query, node.data.topK) : [];
  const value = {
    text: hits.map((h) => `${h.title}\n${h.body}`).join('\n\n'),
    hits: hits.map((h) => ({ title: h.title, snippet: h.snippet, score: h.score })),
  };
  return { handle: 'out', input: { query }, output: value, assign: { [node.data.outputVariable]: value } };
}

async function runHttp(node: FlowNodeOf<'http'>, ctx: NodeContext): Promise<NodeOutcome> {
  // values are URL-encoded so a "?" or "/" in a variable cannot change the path or query
  const url = render(node.data.url, ctx.scope, encodeURIComponent);
  const headers = Object.fromEntries(
    Object.entries(node.data.headers).map(([k, v]) => [k, render(v, ctx.scope)]),
  );
  const body = node.data.body !== undefined ? render(node.data.body, ctx.scope) : undefined;
  const response = await guardedHttpCall({
    method: node.data.method,
    url,
    headers,
    ...(body !== undefined ? { body } : {}),
    allowedHosts: node.data.allowedHosts,
    allowPrivateNetwork: node.data.allowPrivateNetwork,
    installation: ctx.outbound,
    timeoutMs: node.data.timeoutMs,
    signal: ctx.signal,
  });
  const value = { status: response.status, body: response.body };
  const shownHeaders = Object.fromEntries(
    Object.keys(headers).map((k) => [k, /auth|key|token|secret/i.test(k) ? '[redacted]' : headers[k]]),
  );
  return {
    handle: 'out',
    input: { method: node.data.method, url, headers: shownHeaders },
    output: value,
    assign: { [node.data.outputVariable]: value },
  };
}

/** Runs one node. Throws on failure; the engine routes the error or fails the run. */
export async function executeNode(node: FlowNode, ctx: NodeContext): Promise<NodeOutcome> {
  switch (node.type) {
    case 'trigger':
      return {
        handle: 'out',
        input: { kind: node.data.kind },
        output: { message: ctx.scope.message ?? null },
      };
    case 'llm':
      return runLlm(node, ctx);
    case 'intent': {
      const text = render(node.data.input, ctx.scope);
      const result = ctx.classifyIntent(text, node.data.intents);
      const value = {
        name: result.intent ?? 'fallback',
        confidence: Math.round(result.confidence * 1000) / 1000,
      };
      return {
        handle: result.intent ?? 'fallback',
        input: { text },
        output: { ...value, scores: result.scores },
        assign: { [node.data.outputVariable]: value },
      };
    }
    case 'condition': {
      const value = evaluate(node.data.expression, ctx.scope);
      return {
        handle: value.truthy ? 'true' : 'false',
        input: { expression: node.data.expression },
        output: { value: value.value },
      };
    }
    case 'knowledge':
      return runKnowledge(node, ctx);
    case 'http':
      return runHttp(node, ctx);
    case 'set': {
      const assign: Record<string, unknown> = {};
      const scope = { ...ctx.scope };
      for (const { variable, expression } of node.data.assignments) {
        const { value } = evaluate(expression, scope);
        assign[variable] = value;
        scope[variable] = value;
      }
      return { handle: 'out', input: { assignments: node.data.assignments }, output: assign, assign };
    }
    case 'handoff': {
      const value = { queue: node.data.queue, reason: render(node.data.reason, ctx.scope) };
      return { handle: 'out', input: value, output: value, assign: { handoff: value } };
    }
    case 'approval': {
      const prompt = render(node.data.prompt, ctx.scope);
      return {
        handle: 'waiting',
        input: { prompt, approverRole: node.data.approverRole },
        output: null,
        park: { prompt, approverRole: node.data.approverRole },
      };
    }
    case 'reply': {
      const text = render(node.data.text, ctx.scope);
      return { handle: 'out', input: { template: node.data.text }, output: { text }, reply: text };
    }
  }
}
