import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSummary } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useAgentsStore } from '../../stores/agents-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport } from '../../transport';
import { announceDeployed } from '../agents/publish/deployed';
import { isDirty, useDesignerStore } from './designer-store';

/** What the designer does with the agent itself: save a version, deploy, pause and resume, settings. */
export function useAgentActions(agentId: string) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const upsertAgent = useAgentsStore((state) => state.upsert);
  const showToast = useToastStore((state) => state.show);

  /** The agent as the server now has it, in the designer and in the agent list. */
  const updateAgent = useCallback(
    (next: AgentSummary) => {
      useDesignerStore.getState().setAgent(next);
      upsertAgent(next);
    },
    [upsertAgent],
  );

  const save = useCallback(
    async (note: string) => {
      const state = useDesignerStore.getState();
      const seq = state.editSeq;
      const result = await transport.call('agents.saveVersion', { agentId, flow: state.flow(), note });
      useDesignerStore.getState().markSaved(result.version, seq);
      useDesignerStore.getState().setProblems(result.problems, 'done');
      updateAgent({
        ...useDesignerStore.getState().agent!,
        currentVersion: result.version.number,
        updatedAt: result.version.createdAt,
      });
      const errors = result.problems.filter((problem) => problem.severity === 'error').length;
      showToast(
        'success',
        errors > 0
          ? t('designer.save.savedWithErrors', { number: result.version.number, count: errors })
          : t('designer.save.saved', { number: result.version.number }),
      );
    },
    [agentId, updateAgent, showToast, t],
  );

  const deploy = async () => {
    if (isDirty(useDesignerStore.getState())) await save(t('designer.deploy.autoNote'));
    const deployed = await transport.call('agents.deploy', { agentId });
    updateAgent(deployed);
    void announceDeployed(deployed, t);
  };

  const setPaused = async (paused: boolean) => {
    const next = await transport.call('agents.pause', { agentId, paused });
    updateAgent(next);
    showToast('success', paused ? t('designer.pause.paused') : t('designer.pause.resumed'));
  };

  /** Resumes at once (no confirmation); a refusal is shown as a toast. */
  const resume = () =>
    void setPaused(false).catch((caught: unknown) => showToast('error', message(toCallError(caught))));

  return { updateAgent, save, deploy, setPaused, resume };
}
