import { create } from 'zustand';
import type { GuardianStatus } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

interface GuardianState extends LoadState {
  current: GuardianStatus | null;
  /** When the status last arrived (answer or event). */
  receivedAt: number;
  load(): Promise<void>;
  /** Runs every check now; the answer is the new status. */
  runChecks(): Promise<GuardianStatus>;
  receive(status: GuardianStatus): void;
  reset(): void;
}

let generation = 0;

/**
 * The tenant's Guardian status: the score, its checks and the counts (pending approvals, open
 * incidents) that the sidebar, the dashboard and the Guardian page show. Kept live by events.
 */
export const useGuardianStore = create<GuardianState>()((set, get) => ({
  ...idle,
  current: null,
  receivedAt: 0,
  async load() {
    const started = generation;
    if (!get().current) set(loading);
    try {
      const status = await transport.call('guardian.status', {});
      if (started === generation) set({ ...ready, current: status, receivedAt: Date.now() });
    } catch (error) {
      if (started === generation) set(failed(error));
    }
  },
  async runChecks() {
    const status = await transport.call('guardian.runChecks', {});
    get().receive(status);
    return status;
  },
  receive(status) {
    set({ ...ready, current: status, receivedAt: Date.now() });
  },
  reset() {
    generation++;
    clearTimeout(refreshTimer);
    set({ ...idle, current: null, receivedAt: 0 });
  },
}));

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** Reloads the status a moment after something that changes its counts, once for a burst of events. */
function refreshSoon(delayMs = 1_500): void {
  if (useGuardianStore.getState().current === null) return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void useGuardianStore.getState().load(), delayMs);
}

const staleAfterMs = 60_000;

transport.on('guardian.status', (status) => useGuardianStore.getState().receive(status));
transport.on('guardian.action', () => refreshSoon());
transport.on('incident.changed', () => refreshSoon());
// the installation's checks (disk, memory ...) are part of the Guardian's; when its own cycle is
// slower than the health heartbeat, the heartbeat brings the page up to date
transport.on('health.updated', () => {
  const { current, receivedAt } = useGuardianStore.getState();
  if (current && Date.now() - receivedAt > staleAfterMs) refreshSoon(0);
});
