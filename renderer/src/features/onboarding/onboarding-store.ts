import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../contract';

export type OnboardingState = MethodOutput<'onboarding.get'>;
import { toCallError, transport, type CallError } from '../../transport';

/**
 * The organisation's onboarding state (onboarding.get), shared by the wizard and the dashboard's
 * "Get started" card. Kept with the organisation it belongs to: another organisation reads afresh.
 */
interface OnboardingStore {
  state: OnboardingState | null;
  tenantId: string | null;
  error: CallError | null;
  load(tenantId: string): Promise<OnboardingState | null>;
  skip(tenantId: string, step: MethodInput<'onboarding.skip'>['step']): Promise<void>;
  confirm(tenantId: string, step: MethodInput<'onboarding.confirm'>['step']): Promise<void>;
  resume(tenantId: string, step?: MethodInput<'onboarding.skip'>['step']): Promise<void>;
  dismiss(tenantId: string): Promise<void>;
}

export const useOnboardingStore = create<OnboardingStore>()((set) => ({
  state: null,
  tenantId: null,
  error: null,
  async load(tenantId) {
    set((current) => (current.tenantId === tenantId ? {} : { state: null, tenantId, error: null }));
    try {
      const state = await transport.call('onboarding.get', {});
      set({ state, tenantId, error: null });
      return state;
    } catch (error) {
      set({ error: toCallError(error) });
      return null;
    }
  },
  async skip(tenantId, step) {
    set({ state: await transport.call('onboarding.skip', { step }), tenantId });
  },
  async confirm(tenantId, step) {
    set({ state: await transport.call('onboarding.confirm', { step }), tenantId });
  },
  async resume(tenantId, step) {
    set({ state: await transport.call('onboarding.resume', step ? { step } : {}), tenantId });
  },
  async dismiss(tenantId) {
    set({ state: await transport.call('onboarding.dismiss', {}), tenantId });
  },
}));
