import { Globe } from 'lucide-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { Button } from '../../../components/Button';
import type { AgentSummary } from '../../../contract';
import { lazyNamed } from '../../../lib/lazy-named';

// the panel (forms, QR code drawing) loads with its first opening, not with the designer
const PublishPanel = lazyNamed(() => import('./PublishPanel'), 'PublishPanel');

/**
 * Whose Publish panel is open. Outside the button, so it stays open while the designer reloads its
 * agent (which remounts the header), and so a link can open it.
 */
const usePublishOpen = create<{ agentId: string | null }>(() => ({ agentId: null }));

/**
 * Follows the address: `#/agents/<id>?publish` opens that agent's panel (the request is then taken
 * off the address, so a reload does not open it again); leaving the agent's page closes it.
 */
function followAddress(): void {
  const { hash } = window.location;
  const match = /^#\/agents\/([^/?#]+)(?:\?(.*))?$/.exec(hash);
  if (!match) {
    if (usePublishOpen.getState().agentId !== null) usePublishOpen.setState({ agentId: null });
    return;
  }
  const agentId = decodeURIComponent(match[1]!);
  if (match[2] !== undefined && new URLSearchParams(match[2]).has('publish')) {
    const url = new URL(window.location.href);
    url.hash = `#/agents/${match[1]}`;
    history.replaceState(history.state, '', url);
    usePublishOpen.setState({ agentId });
  } else if (usePublishOpen.getState().agentId !== agentId) {
    usePublishOpen.setState({ agentId: null });
  }
}

if (typeof window !== 'undefined') {
  followAddress();
  window.addEventListener('hashchange', followAddress);
}

/** "Publish" on the agent's page: opens the panel (also from a link to `#/agents/<id>?publish`). */
export function PublishButton({ agent }: { agent: AgentSummary }) {
  const { t } = useTranslation();
  const open = usePublishOpen((state) => state.agentId === agent.id);
  const setOpen = (next: boolean) => usePublishOpen.setState({ agentId: next ? agent.id : null });

  return (
    <>
      <Button
        size="sm"
        icon={<Globe aria-hidden="true" className="size-4" />}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t('agents.publish.button')}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <PublishPanel agent={agent} open={open} onOpenChange={setOpen} />
        </Suspense>
      )}
    </>
  );
}
