/** The checks of one node's own data: fields, templates, expressions, models, schedules, URLs. */
import { Cron } from 'croner';
import type { FlowNode, FlowNodeOf, ModelRef } from '../../../contract';
import { expressionVariables, parseExpression } from './expression';
import { fallbackHandle } from './graph';
import { closestName, fieldLabel, type ProblemList } from './problems';
import { parseTemplate } from './template';
import type { OutboundAllowList } from '../../lib/outbound-guard';
import { checkHttpTarget } from './url-guard';
import { errorVariable, nodeVariableSources } from './variables';

export interface ValidateOptions {
  isModelAvailable(ref: ModelRef): boolean;
  defaultModel: ModelRef | null;
  /** The installation's outbound allow-list; without it no private host:port is allowed. */
  outbound?: OutboundAllowList;
}

export interface NodeContext {
  problems: ProblemList;
  options: ValidateOptions;
  known: ReadonlySet<string>;
  /** Whether `error` is set when this node runs (it follows an error connection). */
  errorKnown: boolean;
  /** Shared across nodes: "did you mean" hints left and schedules already checked. */
  budget: { suggestions: number; schedules: Map<string, string | null> };
}

const position = (offset: number): string => `character ${offset + 1}`;
const isBlank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

function checkVariables(node: FlowNode, field: string, names: readonly string[], context: NodeContext): void {
  for (const name of names) {
    if (context.known.has(name)) continue;
    if (name === errorVariable && context.errorKnown) continue;
    const place = { nodeId: node.id, field };
    if (name === errorVariable) {
      context.problems.error(
        'unknown_variable',
        place,
        `"error" in ${fieldLabel(field)} is only set after an error connection. Connect this node to an "error" output to use it.`,
      );
      continue;
    }
    let hint = '';
    if (context.budget.suggestions > 0) {
      context.budget.suggestions--;
      const suggestion = closestName(name, context.known);
      if (suggestion) hint = ` Did you mean "${suggestion}"?`;
    }
    context.problems.error(
      'unknown_variable',
      place,
      `Unknown variable "${name}" in ${fieldLabel(field)}.${hint || ' No node or flow variable defines it.'}`,
    );
  }
}

function checkSources(node: FlowNode, context: NodeContext): void {
  for (const { field, kind, source } of nodeVariableSources(node)) {
    const place = { nodeId: node.id, field };
    if (kind === 'template') {
      const parsed = parseTemplate(source);
      if (!parsed.ok) {
        context.problems.error(
          'invalid_template',
          place,
          `${capitalize(fieldLabel(field))} has a mistake at ${position(parsed.error.position)}: ${parsed.error.message}`,
        );
        continue;
      }
      const names = new Set<string>();
      for (const part of parsed.parts)
        if (part.kind === 'value') for (const n of expressionVariables(part.ast)) names.add(n);
      checkVariables(node, field, [...names], context);
      continue;
    }
    if (isBlank(source)) continue;
    const parsed = parseExpression(source);
    if (!parsed.ok) {
      context.problems.error(
        'invalid_expression',
        place,
        `${capitalize(fieldLabel(field))} has a mistake at ${position(parsed.error.position)}: ${parsed.error.message}`,
      );
      continue;
    }
    checkVariables(node, field, expressionVariables(parsed.ast), context);
  }
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function describeModel(ref: ModelRef): string {
  return `"${ref.model}" of provider "${ref.providerId}"`;
}

function checkLlm(node: FlowNodeOf<'llm'>, { problems, options }: NodeContext): void {
  const place = { nodeId: node.id, field: 'model' };
  const own = node.data.model;
  const ref = own ?? options.defaultModel;
  if (!ref) {
    problems.error(
      'missing_provider',
      place,
      "No model to use: choose a model for this node, or set up a provider for the agent's model.",
    );
  } else if (!options.isModelAvailable(ref)) {
    problems.error(
      'missing_provider',
      place,
      own
        ? `The model ${describeModel(ref)} is not available. Set up that provider or choose another model.`
        : `The agent's model ${describeModel(ref)} is not available. Set up that provider or choose a model for this node.`,
    );
  }
  if (isBlank(node.data.prompt))
    problems.warning(
      'empty_field',
      { nodeId: node.id, field: 'prompt' },
      'The prompt is empty, so the model gets no message.',
    );
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Croner's message for an invalid pattern, or null when the schedule is fine. */
function scheduleProblem(cron: string, timezone: string | undefined, checkNextRun: boolean): string | null {
  const fields = cron.split(/\s+/).length;
  if (!cron.startsWith('@') && fields !== 5 && fields !== 6)
    return `it has ${fields} parts; use five (minute hour day month weekday) or six (seconds first).`;
  try {
    const job = new Cron(cron, { paused: true, ...(timezone ? { timezone } : {}) });
    if (checkNextRun && job.nextRun() === null) return 'no date ever matches it, so it would never run.';
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    return `${message.replace(/\.$/, '')}.`;
  }
}

function checkTrigger(node: FlowNodeOf<'trigger'>, context: NodeContext): void {
  if (node.data.kind !== 'schedule') return;
  const { problems } = context;
  const timezone = node.data.timezone?.trim() || undefined;
  const zoneValid = timezone === undefined || isTimeZone(timezone);
  if (!zoneValid)
    problems.error(
      'invalid_cron',
      { nodeId: node.id, field: 'timezone' },
      `Unknown time zone "${timezone}". Use a name like Europe/Amsterdam.`,
    );
  const cron = node.data.cron?.trim() ?? '';
  if (cron === '') {
    problems.error(
      'invalid_cron',
      { nodeId: node.id, field: 'cron' },
      'A scheduled trigger needs a cron expression, like "0 9 * * 1-5" for 09:00 on weekdays.',
    );
    return;
  }
  // Finding when a pattern next runs can take milliseconds, so equal schedules are checked once and
  // a hostile flow with hundreds of different ones gets that deeper check for the first 50 only.
  const key = `${zoneValid ? (timezone ?? '') : ''}\n${cron}`;
  let problem = context.budget.schedules.get(key);
  if (problem === undefined) {
    problem = scheduleProblem(cron, zoneValid ? timezone : undefined, context.budget.schedules.size < 50);
    context.budget.schedules.set(key, problem);
  }
  if (problem)
    problems.error(
      'invalid_cron',
      { nodeId: node.id, field: 'cron' },
      `The schedule is not valid: ${problem}`,
    );
}

function checkIntent(node: FlowNodeOf<'intent'>, { problems }: NodeContext): void {
  const { intents } = node.data;
  if (intents.length === 0) {
    problems.error(
      'empty_field',
      { nodeId: node.id, field: 'intents' },
      'Add at least one intent to recognise.',
    );
    return;
  }
  const seen = new Set<string>();
  intents.forEach((intent, i) => {
    const field = `intents.${i}.name`;
    if (intent.name === fallbackHandle) {
      problems.error(
        'duplicate_id',
        { nodeId: node.id, field },
        '"fallback" is the name of the output for messages that match no intent; choose another name.',
      );
    } else if (seen.has(intent.name)) {
      problems.error(
        'duplicate_id',
        { nodeId: node.id, field },
        `Two intents are called "${intent.name}"; each needs its own name.`,
      );
    }
    seen.add(intent.name);
    if (intent.examples.every((example) => example.trim() === ''))
      problems.warning(
        'empty_field',
        { nodeId: node.id, field: `intents.${i}.examples` },
        `Intent "${intent.name}" has no examples; add a few messages a customer might write.`,
      );
  });
}

function checkHttp(node: FlowNodeOf<'http'>, { problems, options }: NodeContext): void {
  const { url, allowedHosts, allowPrivateNetwork } = node.data;
  if (isBlank(url)) {
    problems.error('empty_field', { nodeId: node.id, field: 'url' }, 'Enter the URL to call.');
    return;
  }
  if (!parseTemplate(url).ok) return;
  const result = checkHttpTarget(url, {
    allowedHosts,
    allowPrivateNetwork,
    ...(options.outbound ? { installation: options.outbound } : {}),
  });
  if (!result.ok) problems.error(result.code, { nodeId: node.id, field: 'url' }, result.message);
}

function checkSet(node: FlowNodeOf<'set'>, { problems }: NodeContext): void {
  if (node.data.assignments.length === 0)
    problems.warning(
      'empty_field',
      { nodeId: node.id, field: 'assignments' },
      'This node sets no variables.',
    );
  node.data.assignments.forEach((assignment, i) => {
    if (isBlank(assignment.expression))
      problems.error(
        'empty_field',
        { nodeId: node.id, field: `assignments.${i}.expression` },
        `Write the value for "${assignment.variable}".`,
      );
  });
}

export function validateNodeData(node: FlowNode, context: NodeContext): void {
  const { problems } = context;
  const place = (field: string) => ({ nodeId: node.id, field });
  switch (node.type) {
    case 'trigger':
      checkTrigger(node, context);
      break;
    case 'llm':
      checkLlm(node, context);
      break;
    case 'intent':
      checkIntent(node, context);
      break;
    case 'condition':
      if (isBlank(node.data.expression))
        problems.error(
          'empty_field',
          place('expression'),
          'Write the condition to check, like intent == "billing".',
        );
      break;
    case 'knowledge':
      if (isBlank(node.data.query))
        problems.warning('empty_field', place('query'), 'The query is empty, so nothing will be found.');
      break;
    case 'http':
      checkHttp(node, context);
      break;
    case 'set':
      checkSet(node, context);
      break;
    case 'handoff':
      if (isBlank(node.data.queue))
        problems.warning('empty_field', place('queue'), 'Choose the queue the conversation is handed to.');
      break;
    case 'approval':
      if (isBlank(node.data.prompt))
        problems.error('empty_field', place('prompt'), 'Write what the approver is asked to decide.');
      break;
    case 'reply':
      if (isBlank(node.data.text))
        problems.error('empty_field', place('text'), 'Write the text this reply sends.');
      break;
  }
  checkSources(node, context);
}
