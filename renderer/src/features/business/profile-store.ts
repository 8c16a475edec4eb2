import { create } from 'zustand';
import type { BusinessProfile, ProfileAnswer } from '../../contract';
import { transport } from '../../transport';
import { failed, idle, loading, ready, type LoadState } from '../../stores/load-state';

interface ProfileState extends LoadState {
  /** The business's own details as saved; null until read. */
  answer: ProfileAnswer | null;
  /** Reads them once; later calls reuse the answer (the business page and the template dialog ask). */
  ensure(): Promise<void>;
  save(profile: BusinessProfile): Promise<ProfileAnswer>;
  reset(): void;
}

let inFlight: Promise<void> | null = null;
/** Bumped by reset, so an answer for the organisation left behind is dropped. */
let generation = 0;

export const useProfileStore = create<ProfileState>()((set, get) => ({
  ...idle,
  answer: null,
  async ensure() {
    if (get().status === 'ready') return;
    if (inFlight) return inFlight;
    set(loading);
    const asked = generation;
    inFlight = transport
      .call('profile.get', {})
      .then(
        (answer) => {
          if (asked === generation) set({ ...ready, answer });
        },
        (error: unknown) => {
          if (asked === generation) set(failed(error));
        },
      )
      .finally(() => {
        if (asked === generation) inFlight = null;
      });
    return inFlight;
  },
  async save(profile) {
    const answer = await transport.call('profile.save', profile);
    set({ ...ready, answer });
    return answer;
  },
  reset() {
    generation += 1;
    inFlight = null;
    set({ ...idle, answer: null });
  },
}));
