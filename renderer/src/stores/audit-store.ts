import { create } from 'zustand';
import type { AuditEntry, MethodOutput } from '../contract';
import { toCallError, transport, type CallError } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

export interface AuditFilters {
  q: string;
  action: string;
}

type VerifyResult = MethodOutput<'audit.verify'>;

const pageSize = 50;
const recentSize = 5;

interface AuditState extends LoadState {
  entries: AuditEntry[];
  nextBefore: number | null;
  filters: AuditFilters;
  loadingMore: boolean;
  loadMoreError: CallError | null;
  recent: AuditEntry[];
  recentState: LoadState;
  verifying: boolean;
  verifyResult: VerifyResult | null;
  verifyError: CallError | null;
  load(filters?: AuditFilters): Promise<void>;
  loadMore(): Promise<void>;
  loadRecent(): Promise<void>;
  verify(): Promise<void>;
  receive(entry: AuditEntry): void;
  reset(): void;
}

const noFilters: AuditFilters = { q: '', action: '' };

function query(filters: AuditFilters) {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.action ? { action: filters.action } : {}),
  };
}

const initial = {
  ...idle,
  entries: [],
  nextBefore: null,
  filters: noFilters,
  loadingMore: false,
  loadMoreError: null,
  recent: [],
  recentState: idle,
  verifying: false,
  verifyResult: null,
  verifyError: null,
};

let latestRequest = 0;

export const useAuditStore = create<AuditState>()((set, get) => ({
  ...initial,
  async load(filters = get().filters) {
    const request = ++latestRequest;
    set({ ...loading, filters, loadMoreError: null });
    try {
      const page = await transport.call('audit.list', { ...query(filters), limit: pageSize });
      if (request === latestRequest) set({ ...ready, entries: page.entries, nextBefore: page.nextBefore });
    } catch (error) {
      if (request === latestRequest) set(failed(error));
    }
  },
  async loadMore() {
    const { nextBefore, filters, loadingMore } = get();
    if (nextBefore === null || loadingMore) return;
    const request = latestRequest;
    set({ loadingMore: true, loadMoreError: null });
    try {
      const page = await transport.call('audit.list', {
        ...query(filters),
        before: nextBefore,
        limit: pageSize,
      });
      if (request === latestRequest) {
        set((state) => ({ entries: [...state.entries, ...page.entries], nextBefore: page.nextBefore }));
      }
    } catch (error) {
      set({ loadMoreError: toCallError(error) });
    } finally {
      set({ loadingMore: false });
    }
  },
  async loadRecent() {
    if (get().recentState.status !== 'ready') set({ recentState: loading });
    try {
      const page = await transport.call('audit.list', { limit: recentSize });
      set({ recent: page.entries, recentState: ready });
    } catch (error) {
      set({ recentState: failed(error) });
    }
  },
  async verify() {
    set({ verifying: true, verifyResult: null, verifyError: null });
    try {
      set({ verifyResult: await transport.call('audit.verify', {}) });
    } catch (error) {
      set({ verifyError: toCallError(error) });
    } finally {
      set({ verifying: false });
    }
  },
  receive(entry) {
    set((state) => {
      const seen = (list: AuditEntry[]) => list.some((e) => e.id === entry.id);
      const matches =
        !state.filters.q.trim() && (!state.filters.action || state.filters.action === entry.action);
      return {
        recent:
          state.recentState.status === 'ready' && !seen(state.recent)
            ? [entry, ...state.recent].slice(0, recentSize)
            : state.recent,
        entries:
          state.status === 'ready' && matches && !seen(state.entries)
            ? [entry, ...state.entries]
            : state.entries,
      };
    });
  },
  reset() {
    latestRequest++;
    set(initial);
  },
}));

transport.on('audit.appended', (entry) => useAuditStore.getState().receive(entry));
