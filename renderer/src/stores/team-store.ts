import { create } from 'zustand';
import type { Member, MethodInput, MethodOutput, Role } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

interface TeamState extends LoadState {
  members: Member[];
  load(): Promise<void>;
  invite(input: MethodInput<'users.invite'>): Promise<MethodOutput<'users.invite'>>;
  setRole(userId: string, role: Role): Promise<void>;
  setDisabled(userId: string, disabled: boolean): Promise<void>;
  resetTwoFactor(userId: string): Promise<void>;
  reset(): void;
}

export const useTeamStore = create<TeamState>()((set, get) => {
  const replace = (member: Member) =>
    set((state) => ({
      members: state.members.some((m) => m.userId === member.userId)
        ? state.members.map((m) => (m.userId === member.userId ? member : m))
        : [...state.members, member].sort((a, b) => a.name.localeCompare(b.name)),
    }));

  return {
    ...idle,
    members: [],
    async load() {
      if (get().status !== 'ready') set(loading);
      try {
        const { members } = await transport.call('users.list', {});
        set({ ...ready, members });
      } catch (error) {
        set(failed(error));
      }
    },
    async invite(input) {
      const result = await transport.call('users.invite', input);
      replace(result.member);
      return result;
    },
    async setRole(userId, role) {
      replace(await transport.call('users.setRole', { userId, role }));
    },
    async setDisabled(userId, disabled) {
      replace(await transport.call('users.disable', { userId, disabled }));
    },
    async resetTwoFactor(userId) {
      replace(await transport.call('users.resetTwoFactor', { userId }));
    },
    reset() {
      set({ ...idle, members: [] });
    },
  };
});

transport.on('members.changed', () => {
  if (useTeamStore.getState().status === 'ready') void useTeamStore.getState().load();
});
