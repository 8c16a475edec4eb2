import { CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingState } from '../../components/StateViews';
import { Alert } from '../../components/Alert';
import { useShallow } from 'zustand/react/shallow';
import { selectSpecs, useDesignerStore } from './designer-store';
import { nodeTitle } from './node-text';
import { sortProblems } from './problems';
import { useProblemText } from './use-problem-text';

/** Every problem of the flow; choosing one brings its node into view and selects it. */
export function ProblemsPanel({ onShowNode }: { onShowNode(nodeId: string): void }) {
  const { t } = useTranslation();
  const problems = useDesignerStore((state) => state.problems);
  const validation = useDesignerStore((state) => state.validation);
  const specs = useDesignerStore(useShallow(selectSpecs));
  const edges = useDesignerStore((state) => state.edges);
  const problemText = useProblemText();
  const sorted = useMemo(() => sortProblems(problems), [problems]);

  if (validation === 'idle' || (validation === 'checking' && problems.length === 0)) {
    return <LoadingState label={t('designer.problems.checking')} />;
  }
  return (
    <div className="flex flex-col gap-3 p-4">
      {validation === 'failed' && <Alert tone="warning">{t('designer.problems.failed')}</Alert>}
      {sorted.length === 0 && validation !== 'failed' ? (
        <EmptyState icon={CircleCheck} title={t('designer.problems.none')}>
          {t('designer.problems.noneHint')}
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {sorted.map((problem, index) => {
            const nodeId = problem.nodeId ?? edges.find((edge) => edge.id === problem.edgeId)?.source ?? null;
            const spec = nodeId ? specs.find((candidate) => candidate.id === nodeId) : undefined;
            const Icon = problem.severity === 'error' ? CircleAlert : TriangleAlert;
            const body = (
              <>
                <Icon
                  aria-hidden="true"
                  className={
                    problem.severity === 'error'
                      ? 'mt-0.5 size-4 shrink-0 text-red-600'
                      : 'mt-0.5 size-4 shrink-0 text-amber-600'
                  }
                />
                <span className="min-w-0">
                  <span className="sr-only">{t(`designer.problems.severity.${problem.severity}`)}: </span>
                  {spec && (
                    <span className="block text-xs font-semibold text-slate-900">{nodeTitle(t, spec)}</span>
                  )}
                  <span className="block text-sm text-slate-700">{problemText(problem)}</span>
                </span>
              </>
            );
            return (
              <li key={`${index}-${problem.code}-${problem.nodeId}`}>
                {spec ? (
                  <button
                    type="button"
                    onClick={() => onShowNode(spec.id)}
                    className="flex w-full items-start gap-2.5 rounded-md px-2.5 py-2 text-left ring-1 ring-slate-200 hover:bg-slate-50"
                  >
                    {body}
                  </button>
                ) : (
                  <div className="flex items-start gap-2.5 rounded-md px-2.5 py-2 ring-1 ring-slate-200">
                    {body}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
