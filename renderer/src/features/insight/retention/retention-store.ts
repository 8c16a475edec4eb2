import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { RetentionMode, RetentionPeriod } from './retention-model';

export interface RetentionChoice {
  period: RetentionPeriod;
  mode: RetentionMode;
  /** '' = any event. */
  startEvent: string;
  returnEvent: string;
}

export const defaultRetention: RetentionChoice = {
  period: 'week',
  mode: 'first_time',
  startEvent: '',
  returnEvent: '',
};

interface RetentionState extends RetentionChoice {
  set(change: Partial<RetentionChoice>): void;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The retention view's choices, kept in this browser so a reload keeps them. */
export const useRetentionStore = create<RetentionState>()(
  persist((set) => ({ ...defaultRetention, set: (change) => set(change) }), {
    name: 'mindframe.insight.retention',
    storage: createJSONStorage(() => localStorage),
    partialize: ({ period, mode, startEvent, returnEvent }) => ({ period, mode, startEvent, returnEvent }),
    merge: (persisted, current) => {
      const stored = (persisted ?? {}) as Partial<Record<keyof RetentionChoice, unknown>>;
      return {
        ...current,
        period: stored.period === 'month' ? 'month' : 'week',
        mode: stored.mode === 'recurring' ? 'recurring' : 'first_time',
        startEvent: text(stored.startEvent),
        returnEvent: text(stored.returnEvent),
      };
    },
  }),
);
