import { create } from 'zustand';
import type { HealthSummary } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

interface HealthState extends LoadState {
  summary: HealthSummary | null;
  load(): Promise<void>;
  receive(summary: HealthSummary): void;
  reset(): void;
}

export const useHealthStore = create<HealthState>()((set) => ({
  ...idle,
  summary: null,
  async load() {
    set((state) => (state.summary ? state : { ...state, ...loading }));
    try {
      set({ ...ready, summary: await transport.call('health.summary', {}) });
    } catch (error) {
      set(failed(error));
    }
  },
  receive(summary) {
    set({ ...ready, summary });
  },
  reset() {
    set({ ...idle, summary: null });
  },
}));

transport.on('health.updated', (summary) => useHealthStore.getState().receive(summary));
