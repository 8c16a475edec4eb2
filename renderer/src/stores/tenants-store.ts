import { create } from 'zustand';
import type { MethodInput, TenantAdminRow } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

interface TenantsState extends LoadState {
  tenants: TenantAdminRow[];
  load(): Promise<void>;
  create(input: MethodInput<'tenants.create'>): Promise<TenantAdminRow>;
  reset(): void;
}

export const useTenantsStore = create<TenantsState>()((set, get) => ({
  ...idle,
  tenants: [],
  async load() {
    if (get().status !== 'ready') set(loading);
    try {
      const { tenants } = await transport.call('tenants.list', {});
      set({ ...ready, tenants });
    } catch (error) {
      set(failed(error));
    }
  },
  async create(input) {
    const tenant = await transport.call('tenants.create', input);
    set((state) => ({ tenants: [...state.tenants, tenant].sort((a, b) => a.name.localeCompare(b.name)) }));
    return tenant;
  },
  reset() {
    set({ ...idle, tenants: [] });
  },
}));
