import type { FlowProblem } from '../../contract';

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
