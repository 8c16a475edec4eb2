import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { defaultFunnel, readDraft, type FunnelDraft } from './funnel-model';

interface FunnelState {
  draft: FunnelDraft;
  setDraft(change: (draft: FunnelDraft) => FunnelDraft): void;
  reset(): void;
}

/** The funnel being built, kept in this browser so a reload (or a visit to another view) keeps it. */
export const useFunnelStore = create<FunnelState>()(
  persist(
    (set) => ({
      draft: defaultFunnel,
      setDraft: (change) => set((state) => ({ draft: change(state.draft) })),
      reset: () => set({ draft: defaultFunnel }),
    }),
    {
      name: 'mindframe.insight.funnel',
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ draft: state.draft }),
      merge: (persisted, current) => ({
        ...current,
        draft: readDraft((persisted as { draft?: unknown } | undefined)?.draft),
      }),
    },
  ),
);
