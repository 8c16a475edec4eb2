import { useCallback } from 'react';
import type { FlowProblem } from '../../contract';
import { useMessageText } from '../../i18n/message';

/**
 * A problem in the user's language: the core's message (flow.problem.*, with the exact variable,
 * host or step filled in). A key this catalogue does not know shows the core's English.
 */
export function useProblemText() {
  const say = useMessageText();
  return useCallback((problem: FlowProblem): string => say(problem.message, problem.text), [say]);
}
