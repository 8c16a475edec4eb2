import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowProblem } from '../../contract';

/**
 * A problem in the user's language. The core's message names the exact variable or host; in
 * English it is shown as it is, in other languages the translated kind of problem comes first.
 */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (problem: FlowProblem): string => {
      const kind = t(`designer.problemCodes.${problem.code}`, { defaultValue: '' });
      if (i18n.language === 'en' || !kind) return problem.message;
      return `${kind} (${problem.message})`;
    },
    [t, i18n.language],
  );
}
