import { create } from 'zustand';
import type { MethodInput, TenantMoney } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

interface MoneyState extends LoadState {
  /** The organisation's currency and rate from USD; null until read. */
  money: TenantMoney | null;
  /** Reads it once; later calls reuse it (every page that shows a cost asks). */
  ensure(): Promise<void>;
  save(input: MethodInput<'tenants.setMoney'>): Promise<TenantMoney>;
  reset(): void;
}

let inFlight: Promise<void> | null = null;
/** Bumped by reset, so an answer for the organisation left behind is dropped. */
let generation = 0;

export const useMoneyStore = create<MoneyState>()((set, get) => ({
  ...idle,
  money: null,
  async ensure() {
    if (get().status === 'ready') return;
    if (inFlight) return inFlight;
    set(loading);
    const asked = generation;
    const request = transport.call('tenants.money', {}).then(
      (money) => {
        if (asked === generation) set({ ...ready, money });
      },
      (error: unknown) => {
        if (asked === generation) set(failed(error));
      },
    );
    inFlight = request.finally(() => {
      if (asked === generation) inFlight = null;
    });
    return inFlight;
  },
  async save(input) {
    const money = await transport.call('tenants.setMoney', input);
    set({ ...ready, money });
    return money;
  },
  reset() {
    generation += 1;
    inFlight = null;
    set({ ...idle, money: null });
  },
}));
