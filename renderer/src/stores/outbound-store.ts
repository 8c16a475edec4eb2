import { create } from 'zustand';
import { transport } from '../transport';

interface OutboundState {
  /** Bumped on every change, so the allow-list on screen reloads after a one-click allow elsewhere. */
  revision: number;
  allow(hostPort: string): Promise<string>;
  changed(): void;
}

/** The installation's outbound allow-list as the platform admin changes it from any page. */
export const useOutboundStore = create<OutboundState>()((set) => ({
  revision: 0,
  async allow(hostPort) {
    const entry = await transport.call('outbound.allow', { hostPort });
    set((state) => ({ revision: state.revision + 1 }));
    return entry.hostPort;
  },
  changed() {
    set((state) => ({ revision: state.revision + 1 }));
  },
}));
