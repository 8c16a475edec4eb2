import Database from 'better-sqlite3';
import type { FlowEdge, FlowNode, TemplateFile } from '../../../../contract';
import { ftsQuery } from '../../../lib/search';
import { classifyIntent, LocalChatModel } from '../../local-model';
import type { ChatMessage } from '../../models/types';
import { evaluate, render } from '../../runtime/flow-eval';

/**
 * Test support: runs one message through a template's flow the way the runtime does, fully offline —
 * intent nodes through classifyIntent, knowledge nodes through an in-memory SQLite FTS5 index of the
 * template's knowledge (same tokenizer and column weights as knowledge_fts, queried with `ftsQuery`),
 * llm nodes through the LocalChatModel. Used by the template tests to prove every shipped template's
 * test conversation holds on a machine without any provider. Not a second runtime: no persistence,
 * budgets, retries or parking beyond noting where the run would wait.
 */

export interface OfflineRunResult {
  replies: string[];
  /** The first intent node's result. */
  intent: { name: string; confidence: number } | null;
  /** Node ids in the order they ran. */
  path: string[];
  handoff: { queue: string; reason: string } | null;
  /** Set when an approval node parked the run. */
  waitingFor: string | null;
}

export class OfflineKnowledge {
  private readonly db = new Database(':memory:');
  private readonly search;

  constructor(docs: readonly { title: string; body: string }[]) {
    this.db.exec(
      `CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    const insert = this.db.prepare('INSERT INTO fts (title, body) VALUES (?, ?)');
    for (const doc of docs) insert.run(doc.title, doc.body);
    this.search = this.db.prepare<[string, number], { title: string; body: string }>(
      'SELECT title, body FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT ?',
    );
  }

  find(query: string, limit: number): { title: string; body: string }[] {
    const match = ftsQuery(query);
    return match ? this.search.all(match, limit) : [];
  }

  close(): void {
    this.db.close();
  }
}

export async function runOffline(
  template: TemplateFile,
  message: string,
  knowledge: OfflineKnowledge,
  /** {{business.*}}: the business's details, as the runtime gives every run. */
  business: Record<string, string> = {},
): Promise<OfflineRunResult> {
  const { flow } = template;
  const nodes = new Map<string, FlowNode>(flow.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, FlowEdge[]>();
  for (const edge of flow.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  const scope: Record<string, unknown> = {
    ...Object.fromEntries(flow.variables.map((variable) => [variable.name, variable.value])),
    message,
    input: {},
    history: [],
    now: '2026-03-02T10:00:00.000Z',
    run: { id: 'offline' },
    agent: { id: 'offline', name: template.name.en },
    business,
  };
  const model = new LocalChatModel();
  const result: OfflineRunResult = { replies: [], intent: null, path: [], handoff: null, waitingFor: null };
  const queue = flow.nodes
    .filter((node) => node.type === 'trigger' && node.data.kind === 'chat')
    .map((node) => node.id);
  let steps = 0;

  while (queue.length > 0) {
    if (++steps > 200) throw new Error(`${template.id}: more than 200 steps`);
    const node = nodes.get(queue.shift() as string);
    if (!node) continue;
    result.path.push(node.id);
    let handle = 'out';
    switch (node.type) {
      case 'trigger':
        break;
      case 'intent': {
        const outcome = classifyIntent(render(node.data.input, scope), node.data.intents);
        const value = { name: outcome.intent ?? 'fallback', confidence: outcome.confidence };
        scope[node.data.outputVariable] = value;
        result.intent ??= value;
        handle = outcome.intent ?? 'fallback';
        break;
      }
      case 'knowledge': {
        const hits = knowledge.find(render(node.data.query, scope), node.data.topK);
        scope[node.data.outputVariable] = {
          text: hits.map((hit) => `${hit.title}\n${hit.body}`).join('\n\n'),
          hits: hits.map((hit) => ({ title: hit.title, snippet: hit.body.slice(0, 80), score: 1 })),
        };
        break;
      }
      case 'llm': {
        const system = render(node.data.systemPrompt, scope);
        const messages: ChatMessage[] = [
          ...(system ? [{ role: 'system' as const, content: system }] : []),
          { role: 'user', content: render(node.data.prompt, scope) },
        ];
        const answer = await model.complete({
          model: 'mindframe-local',
          messages,
          temperature: node.data.temperature,
          maxTokens: node.data.maxTokens,
          signal: new AbortController().signal,
        });
        scope[node.data.outputVariable] = answer.text;
        break;
      }
      case 'condition':
        handle = evaluate(node.data.expression, scope).truthy ? 'true' : 'false';
        break;
      case 'set':
        for (const { variable, expression } of node.data.assignments) {
          scope[variable] = evaluate(expression, scope).value;
        }
        break;
      case 'reply': {
        const text = render(node.data.text, scope);
        if (text) result.replies.push(text);
        break;
      }
      case 'handoff':
        result.handoff = { queue: node.data.queue, reason: render(node.data.reason, scope) };
        scope.handoff = result.handoff;
        break;
      case 'approval':
        result.waitingFor = node.id;
        return result;
      case 'http':
        throw new Error(`${template.id}: http node ${node.id} cannot run offline`);
    }
    for (const edge of outgoing.get(node.id) ?? []) {
      if (edge.sourceHandle === handle) queue.push(edge.target);
    }
  }
  return result;
}
