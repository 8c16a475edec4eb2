import { useEffect } from 'react';
import { transport } from '../../transport';
import { useDesignerStore } from './designer-store';

const pauseMs = 400;

/** Asks the core for the flow's problems a moment after each change (not after plain moves). */
export function useFlowValidation(): void {
  const contentSeq = useDesignerStore((state) => state.contentSeq);
  const agentId = useDesignerStore((state) => state.agentId);
  const status = useDesignerStore((state) => state.status);

  useEffect(() => {
    if (status !== 'ready' || !agentId) return;
    let current = true;
    const timer = setTimeout(() => {
      const store = useDesignerStore.getState();
      store.setProblems(store.problems, 'checking');
      transport
        .call('agents.validate', { flow: store.flow(), agentId })
        .then(({ problems }) => {
          if (current) useDesignerStore.getState().setProblems(problems, 'done');
        })
        .catch(() => {
          if (current) {
            const latest = useDesignerStore.getState();
            latest.setProblems(latest.problems, 'failed');
          }
        });
    }, pauseMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [contentSeq, agentId, status]);
}
