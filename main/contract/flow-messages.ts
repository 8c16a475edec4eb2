/**
 * What the core says about a flow (the designer's problems, expression and template mistakes) and
 * about why a run or one of its steps failed: message keys of `messageKeys` (messages.ts), kept here
 * because there are many. Like messages.ts this file imports nothing.
 *
 * Shared parameters:
 * - `field` (+ `header` / `assignment`): which text of a node, said by the catalogue's
 *   `messages.flow.field.<field>` ("the prompt", "the header “Accept”", "assignment 2").
 * - `type`, `left`, `right`: a value's type, said by `messages.flow.type.<type>`
 *   (null, boolean, number, text, list, object).
 * - `found` (+ `token`): what the parser met, said by `messages.flow.token.<found>`
 *   (end, number, text, name, symbol).
 * - `inner` / `step`: the key of a message said inside this one, its parameters beside it.
 */
export const flowMessageKeys = [
  // Problems of a flow (FlowProblem.message)
  'flow.problem.missing_trigger',
  /** `{ id }` */
  'flow.problem.duplicate_node_id',
  /** `{ id }` */
  'flow.problem.duplicate_edge_id',
  /** `{ source, target }`: ids that do not exist */
  'flow.problem.dangling_both',
  /** `{ source }` */
  'flow.problem.dangling_source',
  /** `{ target }` */
  'flow.problem.dangling_target',
  /** `{ node }`: its label (or id) */
  'flow.problem.no_error_output',
  /** `{ node, intent, outputs }`: outputs are names joined with ", " */
  'flow.problem.no_intent_output',
  /** `{ node, output, outputs }` */
  'flow.problem.no_output',
  'flow.problem.into_trigger',
  'flow.problem.open_true',
  'flow.problem.open_false',
  'flow.problem.open_fallback',
  /** `{ intent }` */
  'flow.problem.open_intent',
  'flow.problem.open_approved',
  'flow.problem.open_rejected',
  /** `{ output }` */
  'flow.problem.open_output',
  'flow.problem.trigger_unconnected',
  'flow.problem.dead_end',
  'flow.problem.missing_input',
  'flow.problem.unreachable',
  /** `{ path, source, target }`: path is the loop's node names joined with " → " */
  'flow.problem.unbounded_cycle',
  /** `{ field, header?, assignment? }` */
  'flow.problem.error_variable',
  /** `{ name, field, header?, assignment? }` */
  'flow.problem.unknown_variable',
  /** `{ name, suggestion, field, header?, assignment? }` */
  'flow.problem.unknown_variable_hint',
  /** `{ field, header?, assignment?, column, inner, ...its params }`: a template or expression mistake */
  'flow.problem.mistake',
  'flow.problem.no_model',
  /** `{ model, provider }` */
  'flow.problem.model_unavailable',
  /** `{ model, provider }` */
  'flow.problem.agent_model_unavailable',
  'flow.problem.empty_prompt',
  /** `{ zone }` */
  'flow.problem.unknown_timezone',
  'flow.problem.cron_missing',
  /** `{ parts }` */
  'flow.problem.cron_parts',
  'flow.problem.cron_never',
  /** `{ cron }`: the scheduler's own words stay in the problem's English text */
  'flow.problem.cron_invalid',
  'flow.problem.no_intents',
  'flow.problem.intent_named_fallback',
  /** `{ intent }` */
  'flow.problem.intent_twice',
  /** `{ intent }` */
  'flow.problem.intent_no_examples',
  'flow.problem.no_assignments',
  /** `{ variable }` */
  'flow.problem.assignment_empty',
  'flow.problem.condition_empty',
  'flow.problem.query_empty',
  'flow.problem.queue_empty',
  'flow.problem.approval_prompt_empty',
  'flow.problem.reply_empty',

  // The address of an http node (also why a call was refused at run time)
  'flow.url.empty',
  'flow.url.scheme',
  'flow.url.no_scheme',
  'flow.url.host_placeholder',
  'flow.url.credentials',
  'flow.url.host_spaces',
  'flow.url.invalid',
  'flow.url.no_host',
  /** `{ host }` */
  'flow.url.private',
  /** `{ address }`: host:port */
  'flow.url.private_not_allowed',
  /** `{ host }` */
  'flow.url.not_allowed',
  /** `{ host }` */
  'flow.url.resolves_private',

  // Mistakes in an expression: reading it (with a position) and working it out
  /** `{ found, token? }` */
  'flow.expr.expected_colon',
  /** `{ symbol, found, token? }` */
  'flow.expr.expected',
  /** `{ found, token? }` */
  'flow.expr.expected_close_or_comma',
  /** `{ found, token? }` */
  'flow.expr.expected_property',
  'flow.expr.only_builtin_calls',
  /** `{ found, token? }` */
  'flow.expr.unexpected',
  /** `{ limit }` */
  'flow.expr.too_deep',
  'flow.expr.nested_too_deeply',
  /** `{ name }` */
  'flow.expr.forbidden_property',
  /** `{ name }` */
  'flow.expr.forbidden_name',
  'flow.expr.incomplete',
  'flow.expr.in_needs_values',
  /** `{ name, functions }` */
  'flow.expr.unknown_function',
  /** `{ name, usage }` */
  'flow.expr.argument_count',
  /** `{ limit }` */
  'flow.expr.too_long',
  'flow.expr.missing_quote',
  'flow.expr.number_too_large',
  'flow.expr.number_letters',
  'flow.expr.use_equals',
  'flow.expr.use_and',
  'flow.expr.use_or',
  /** `{ character }` */
  'flow.expr.unexpected_character',
  'flow.expr.text_too_long',
  /** `{ left, right }` */
  'flow.expr.cannot_add',
  /** `{ left, right }`: one of them is null */
  'flow.expr.cannot_add_null',
  /** `{ left, right }` */
  'flow.expr.cannot_subtract',
  /** `{ left, right }` */
  'flow.expr.cannot_multiply',
  /** `{ left, right }` */
  'flow.expr.cannot_divide',
  /** `{ left, right }` */
  'flow.expr.cannot_remainder',
  /** `{ left, right }` */
  'flow.expr.cannot_compare',
  /** `{ left, right }`: one is text */
  'flow.expr.cannot_compare_text',
  /** `{ type }` */
  'flow.expr.property_key_type',
  /** `{ type }` */
  'flow.expr.cannot_negate',
  /** `{ usage }` */
  'flow.expr.use',
  /** `{ function, type }` */
  'flow.expr.needs_number',
  /** `{ type }` */
  'flow.expr.cannot_look_for',
  /** `{ type }` */
  'flow.expr.object_keys_text',
  /** `{ type }` */
  'flow.expr.cannot_look_inside',
  /** `{ function, type }` */
  'flow.expr.numbers_only',
  'flow.expr.round_digits',
  /** `{ type }` */
  'flow.expr.len_types',
  'flow.expr.pattern_text',
  'flow.expr.flags_text',
  /** `{ limit }` */
  'flow.expr.matches_limit',
  'flow.expr.value_too_large',
  'flow.expr.value_too_deep',
  'flow.expr.value_contains_itself',
  'flow.expr.too_many_steps',
  'flow.expr.values_too_deep',

  // Mistakes in a {{ placeholder }} text
  'flow.template.not_closed',
  'flow.template.not_closed_before_next',
  'flow.template.empty_placeholder',
  'flow.template.only_path',
  /** `{ limit }` */
  'flow.template.too_long',

  // Mistakes in a pattern of matches()
  /** `{ character }` */
  'flow.regex.unexpected',
  'flow.regex.nothing_to_repeat',
  'flow.regex.quantifier_order',
  /** `{ limit }` */
  'flow.regex.repeat_limit',
  'flow.regex.too_deep',
  'flow.regex.group_name',
  'flow.regex.lookaround',
  'flow.regex.unterminated_group',
  'flow.regex.trailing_backslash',
  'flow.regex.boundary_in_class',
  'flow.regex.octal',
  'flow.regex.unicode_escape',
  'flow.regex.backreference',
  /** `{ escape }` */
  'flow.regex.unknown_escape',
  'flow.regex.hex_escape',
  'flow.regex.property_brace',
  'flow.regex.property_invalid',
  /** `{ name }` */
  'flow.regex.property_unknown',
  'flow.regex.unterminated_class',
  'flow.regex.range_invalid',
  'flow.regex.range_order',
  'flow.regex.assertion_in_class',
  /** `{ limit }` */
  'flow.regex.too_complex',
  /** `{ limit }` */
  'flow.regex.too_long',
  /** `{ flag }` */
  'flow.regex.unknown_flag',

  // Why a run stopped (RunSummary.errorMessage)
  'runs.error.cancelled',
  'runs.error.interrupted',
  'runs.error.exported',
  /** `{ by }` */
  'runs.error.rejected',
  /** `{ by, comment }` */
  'runs.error.rejected_comment',
  'runs.error.no_trigger_chat',
  'runs.error.no_trigger_schedule',
  'runs.error.no_trigger_api',
  /** `{ limit }` */
  'runs.error.step_limit',
  'runs.error.unexpected',
  /** `{ used, limit }` */
  'runs.error.budget_tokens',
  'runs.error.budget_cost',
  /** `{ node, step, ...its params }`: the failed step's message */
  'runs.error.step_failed',
  // Why a step failed (RunStep.errorMessage)
  /** `{ seconds }` */
  'runs.error.step_timeout',
  'runs.error.no_model',
  /** `{ inner, ...its params }`: the last model's failure (providers.error.*) */
  'runs.error.models_failed',
  /** `{ model }` */
  'runs.error.provider_gone',
  'runs.error.model_failed',
  'runs.error.http_too_large',
  /** `{ seconds }` */
  'runs.error.http_timeout',
  'runs.error.http_unreachable',
  /** `{ code }`: the network error code */
  'runs.error.http_unreachable_code',
  'runs.error.http_failed',
  /** `{ inner, ...its params }` */
  'runs.error.expression',
  /** `{ column, inner, ...its params }` */
  'runs.error.expression_at',
  /** `{ path, inner, ...its params }` */
  'runs.error.template',
  'runs.error.step_unexpected',
] as const;
export type FlowMessageKey = (typeof flowMessageKeys)[number];
