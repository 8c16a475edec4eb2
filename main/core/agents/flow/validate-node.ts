/** The checks of one node's own data: fields, templates, expressions, models, schedules, URLs. */
import { Cron } from 'croner';
import type { FlowNode, FlowNodeOf, Message, ModelRef } from '../../../contract';
import { expressionVariables, parseExpression } from './expression';
import { fallbackHandle } from './graph';
import { framed, said, type Said } from '../../lib/message';
import { closestName, fieldLabel, fieldParams, type ProblemList } from './problems';
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
  budget: { suggestions: number; schedules: Map<string, Said | null> };
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
        said(
          'flow.problem.error_variable',
          fieldParams(field),
          `"error" in ${fieldLabel(field)} is only set after an error connection. Connect this node to an "error" output to use it.`,
        ),
      );
      continue;
    }
    let suggestion: string | null = null;
    if (context.budget.suggestions > 0) {
      context.budget.suggestions--;
      suggestion = closestName(name, context.known);
    }
    const unknown = `Unknown variable "${name}" in ${fieldLabel(field)}.`;
    context.problems.error(
      'unknown_variable',
      place,
      suggestion
        ? said(
            'flow.problem.unknown_variable_hint',
            { name, suggestion, ...fieldParams(field) },
            `${unknown} Did you mean "${suggestion}"?`,
          )
        : said(
            'flow.problem.unknown_variable',
            { name, ...fieldParams(field) },
            `${unknown} No node or flow variable defines it.`,
          ),
    );
  }
}

function checkSources(node: FlowNode, context: NodeContext): void {
  for (const { field, kind, source } of nodeVariableSources(node)) {
    const place = { nodeId: node.id, field };
    if (kind === 'template') {
      const parsed = parseTemplate(source);
      if (!parsed.ok) {
        context.problems.error('invalid_template', place, mistake(field, parsed.error));
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
      context.problems.error('invalid_expression', place, mistake(field, parsed.error));
      continue;
    }
    checkVariables(node, field, expressionVariables(parsed.ast), context);
  }
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A mistake in a field's template or expression, with where it is. */
function mistake(field: string, error: { message: string; detail: Message; position: number }): Said {
  return {
    message: framed('flow.problem.mistake', error.detail, {
      ...fieldParams(field),
      column: error.position + 1,
    }),
    text: `${capitalize(fieldLabel(field))} has a mistake at ${position(error.position)}: ${error.message}`,
  };
}

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
      said(
        'flow.problem.no_model',
        undefined,
        "No model to use: choose a model for this node, or set up a provider for the agent's model.",
      ),
    );
  } else if (!options.isModelAvailable(ref)) {
    const params = { model: ref.model, provider: ref.providerId };
    problems.error(
      'missing_provider',
      place,
      own
        ? said(
            'flow.problem.model_unavailable',
            params,
            `The model ${describeModel(ref)} is not available. Set up that provider or choose another model.`,
          )
        : said(
            'flow.problem.agent_model_unavailable',
            params,
            `The agent's model ${describeModel(ref)} is not available. Set up that provider or choose a model for this node.`,
          ),
    );
  }
  if (isBlank(node.data.prompt))
    problems.warning('empty_field', { nodeId: node.id, field: 'prompt' }, said('flow.problem.empty_prompt'));
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a schedule, or null when it is fine. Croner's own words (English) stay in the
 * problem's English text.
 */
function scheduleProblem(cron: string, timezone: string | undefined, checkNextRun: boolean): Said | null {
  const invalid = 'The schedule is not valid: ';
  const fields = cron.split(/\s+/).length;
  if (!cron.startsWith('@') && fields !== 5 && fields !== 6)
    return said(
      'flow.problem.cron_parts',
      { parts: fields },
      `${invalid}it has ${fields} parts; use five (minute hour day month weekday) or six (seconds first).`,
    );
  try {
    const job = new Cron(cron, { paused: true, ...(timezone ? { timezone } : {}) });
    if (checkNextRun && job.nextRun() === null)
      return said(
        'flow.problem.cron_never',
        undefined,
        `${invalid}no date ever matches it, so it would never run.`,
      );
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    return said('flow.problem.cron_invalid', { cron }, `${invalid}${message.replace(/\.$/, '')}.`);
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
      said(
        'flow.problem.unknown_timezone',
        { zone: timezone },
        `Unknown time zone "${timezone}". Use a name like Europe/Amsterdam.`,
      ),
    );
  const cron = node.data.cron?.trim() ?? '';
  if (cron === '') {
    problems.error(
      'invalid_cron',
      { nodeId: node.id, field: 'cron' },
      said(
        'flow.problem.cron_missing',
        undefined,
        'A scheduled trigger needs a cron expression, like "0 9 * * 1-5" for 09:00 on weekdays.',
      ),
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
  if (problem) problems.error('invalid_cron', { nodeId: node.id, field: 'cron' }, problem);
}

function checkIntent(node: FlowNodeOf<'intent'>, { problems }: NodeContext): void {
  const { intents } = node.data;
  if (intents.length === 0) {
    problems.error('empty_field', { nodeId: node.id, field: 'intents' }, said('flow.problem.no_intents'));
    return;
  }
  const seen = new Set<string>();
  intents.forEach((intent, i) => {
    const field = `intents.${i}.name`;
    if (intent.name === fallbackHandle) {
      problems.error(
        'duplicate_id',
        { nodeId: node.id, field },
        said(
          'flow.problem.intent_named_fallback',
          undefined,
          '"fallback" is the name of the output for messages that match no intent; choose another name.',
        ),
      );
    } else if (seen.has(intent.name)) {
      problems.error(
        'duplicate_id',
        { nodeId: node.id, field },
        said(
          'flow.problem.intent_twice',
          { intent: intent.name },
          `Two intents are called "${intent.name}"; each needs its own name.`,
        ),
      );
    }
    seen.add(intent.name);
    if (intent.examples.every((example) => example.trim() === ''))
      problems.warning(
        'empty_field',
        { nodeId: node.id, field: `intents.${i}.examples` },
        said(
          'flow.problem.intent_no_examples',
          { intent: intent.name },
          `Intent "${intent.name}" has no examples; add a few messages a customer might write.`,
        ),
      );
  });
}

function checkHttp(node: FlowNodeOf<'http'>, { problems, options }: NodeContext): void {
  const { url, allowedHosts, allowPrivateNetwork } = node.data;
  if (isBlank(url)) {
    problems.error(
      'empty_field',
      { nodeId: node.id, field: 'url' },
      said('flow.url.empty', undefined, 'Enter the URL to call.'),
    );
    return;
  }
  if (!parseTemplate(url).ok) return;
  const result = checkHttpTarget(url, {
    allowedHosts,
    allowPrivateNetwork,
    ...(options.outbound ? { installation: options.outbound } : {}),
  });
  if (!result.ok)
    problems.error(
      result.code,
      { nodeId: node.id, field: 'url' },
      { message: result.detail, text: result.message },
    );
}

function checkSet(node: FlowNodeOf<'set'>, { problems }: NodeContext): void {
  if (node.data.assignments.length === 0)
    problems.warning(
      'empty_field',
      { nodeId: node.id, field: 'assignments' },
      said('flow.problem.no_assignments', undefined, 'This node sets no variables.'),
    );
  node.data.assignments.forEach((assignment, i) => {
    if (isBlank(assignment.expression))
      problems.error(
        'empty_field',
        { nodeId: node.id, field: `assignments.${i}.expression` },
        said(
          'flow.problem.assignment_empty',
          { variable: assignment.variable },
          `Write the value for "${assignment.variable}".`,
        ),
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
        problems.error('empty_field', place('expression'), said('flow.problem.condition_empty'));
      break;
    case 'knowledge':
      if (isBlank(node.data.query))
        problems.warning(
          'empty_field',
          place('query'),
          said('flow.problem.query_empty', undefined, 'The query is empty, so nothing will be found.'),
        );
      break;
    case 'http':
      checkHttp(node, context);
      break;
    case 'set':
      checkSet(node, context);
      break;
    case 'handoff':
      if (isBlank(node.data.queue))
        problems.warning('empty_field', place('queue'), said('flow.problem.queue_empty'));
      break;
    case 'approval':
      if (isBlank(node.data.prompt))
        problems.error('empty_field', place('prompt'), said('flow.problem.approval_prompt_empty'));
      break;
    case 'reply':
      if (isBlank(node.data.text))
        problems.error('empty_field', place('text'), said('flow.problem.reply_empty'));
      break;
  }
  checkSources(node, context);
}
