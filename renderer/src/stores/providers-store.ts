import { create } from 'zustand';
import type { MethodInput, MethodOutput, Provider } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

type TestResult = MethodOutput<'providers.test'>;

interface ProvidersState extends LoadState {
  providers: Provider[];
  localModels: string[];
  load(): Promise<void>;
  /** Loads once; later calls reuse the list (the designer's model pickers). */
  ensure(): Promise<void>;
  save(input: MethodInput<'providers.save'>): Promise<Provider>;
  test(providerId: string): Promise<TestResult>;
  remove(providerId: string): Promise<void>;
  reset(): void;
}

let inFlight: Promise<void> | null = null;

export const useProvidersStore = create<ProvidersState>()((set, get) => {
  const replace = (provider: Provider) =>
    set((state) => ({
      providers: state.providers.some((p) => p.id === provider.id)
        ? state.providers.map((p) => (p.id === provider.id ? provider : p))
        : [...state.providers, provider],
    }));
  return {
    ...idle,
    providers: [],
    localModels: [],
    async load() {
      if (get().status !== 'ready') set(loading);
      const request = (async () => {
        try {
          const { providers, local } = await transport.call('providers.list', {});
          set({ ...ready, providers, localModels: local.models });
        } catch (error) {
          set(failed(error));
        }
      })();
      inFlight = request;
      await request;
      if (inFlight === request) inFlight = null;
    },
    async ensure() {
      if (get().status === 'ready') return;
      await (inFlight ?? get().load());
    },
    async save(input) {
      const provider = await transport.call('providers.save', input);
      replace(provider);
      return provider;
    },
    async test(providerId) {
      const result = await transport.call('providers.test', { providerId });
      // the list's lastTest is written by the core; read it back
      void get().load();
      return result;
    },
    async remove(providerId) {
      await transport.call('providers.delete', { providerId });
      set((state) => ({ providers: state.providers.filter((p) => p.id !== providerId) }));
    },
    reset() {
      inFlight = null;
      set({ ...idle, providers: [], localModels: [] });
    },
  };
});
