import { create } from 'zustand';
import type { MethodInput, TenantAdminRow } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

interface TenantsState extends LoadState {
  tenants: TenantAdminRow[];
  load(): Promise<void>;
  create(input: MethodInput<'tenants.create'>): Promise<TenantAdminRow>;
  /** An organisation made elsewhere (an import) joins the list. */
  added(tenant: TenantAdminRow): void;
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
  added(tenant) {
    set((state) => ({
      tenants: [...state.tenants.filter((t) => t.id !== tenant.id), tenant].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    }));
  },
  reset() {
    set({ ...idle, tenants: [] });
  },
}));
