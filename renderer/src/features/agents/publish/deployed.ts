import type { TFunction } from 'i18next';
import type { AgentSummary } from '../../../contract';
import { useToastStore } from '../../../stores/toast-store';
import { transport } from '../../../transport';
import { hostedLink, shareOrigin } from './origins';
import { publishPath } from './paths';

/**
 * After a deploy: says the version is live and where customers now reach the agent (each channel
 * that is on, with its link or address), with a way to the Publish panel. Without channels it says
 * so; if they cannot be read, it says only that the version is live.
 */
export async function announceDeployed(agent: AgentSummary, t: TFunction): Promise<void> {
  const title = t('designer.deploy.done', { number: agent.deployedVersion ?? agent.currentVersion });
  const toasts = useToastStore.getState();
  try {
    const [{ items }, status] = await Promise.all([
      transport.call('channels.list', { agentId: agent.id }),
      transport.call('setup.status', {}),
    ]);
    const origin = shareOrigin(status.publicOrigin, window.location);
    const places = items
      .filter((channel) => channel.enabled)
      .map((channel) =>
        channel.kind === 'web'
          ? origin
            ? hostedLink(origin, channel.publicId)
            : channel.name
          : (channel.emailSettings?.address ?? channel.name),
      );
    toasts.notify({
      tone: 'success',
      title,
      message:
        places.length > 0
          ? t('agents.publish.deployed.reachable', { count: places.length, places: places.join(' · ') })
          : t('agents.publish.deployed.none'),
      link: publishPath(agent.id),
    });
  } catch {
    toasts.show('success', title);
  }
}
