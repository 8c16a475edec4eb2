import { create } from 'zustand';
import type { AgentSummary, MethodInput } from '../contract';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

interface AgentsState extends LoadState {
  agents: AgentSummary[];
  load(): Promise<void>;
  create(input: MethodInput<'agents.create'>): Promise<AgentSummary>;
  /** Keeps the list in step with an agent changed elsewhere (designer, deploy, pause). */
  upsert(agent: AgentSummary): void;
  reset(): void;
}

export const useAgentsStore = create<AgentsState>()((set, get) => ({
  ...idle,
  agents: [],
  async load() {
    if (get().status !== 'ready') set(loading);
    try {
      const { agents } = await transport.call('agents.list', {});
      set({ ...ready, agents });
    } catch (error) {
      set(failed(error));
    }
  },
  async create(input) {
    const agent = await transport.call('agents.create', input);
    get().upsert(agent);
    return agent;
  },
  upsert(agent) {
    set((state) => ({
      agents: state.agents.some((a) => a.id === agent.id)
        ? state.agents.map((a) => (a.id === agent.id ? agent : a))
        : [agent, ...state.agents],
    }));
  },
  reset() {
    set({ ...idle, agents: [] });
  },
}));

transport.on('run.finished', (run) => {
  const { agents, upsert } = useAgentsStore.getState();
  const agent = agents.find((a) => a.id === run.agentId);
  if (agent && (agent.lastRunAt ?? 0) < run.createdAt) upsert({ ...agent, lastRunAt: run.createdAt });
});
