import type { FlowProblem, ProblemCode } from '../../contract';

/** The contract's problem codes, each with a translated text. */
export const problemCodeList = [
  'missing_trigger',
  'duplicate_id',
  'dangling_edge',
  'invalid_handle',
  'unreachable',
  'missing_input',
  'unbounded_cycle',
  'unknown_variable',
  'invalid_expression',
  'invalid_template',
  'missing_provider',
  'invalid_cron',
  'invalid_url',
  'blocked_host',
  'empty_field',
] as const satisfies readonly ProblemCode[];

type MissingCode = Exclude<ProblemCode, (typeof problemCodeList)[number]>;
const everyCodeListed: [MissingCode] extends [never] ? true : never = true;
void everyCodeListed;

/** The problems of one field of one node ("expression", "assignments.1.expression" ...). */
export function problemsOfField(
  problems: readonly FlowProblem[],
  nodeId: string,
  field: string,
): FlowProblem[] {
  return problems.filter((problem) => problem.nodeId === nodeId && problem.field === field);
}

/** A node's problems that no field of the form shows. */
export function problemsOfNodeOnly(
  problems: readonly FlowProblem[],
  nodeId: string,
  shownFields: ReadonlySet<string>,
): FlowProblem[] {
  return problems.filter(
    (problem) => problem.nodeId === nodeId && (problem.field === null || !shownFields.has(problem.field)),
  );
}

/** Errors first, then by node, so the list reads top to bottom. */
export function sortProblems(problems: readonly FlowProblem[]): FlowProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.nodeId ?? '').localeCompare(b.nodeId ?? ''),
  );
}
