import { useEffect } from 'react';
import { create } from 'zustand';
import type { MethodOutput } from '../../contract';
import { useSessionStore } from '../../stores/session-store';
import { transport } from '../../transport';

type TicketCounts = MethodOutput<'tickets.counts'>;

interface InboxCountState {
  /** The organisation the counts are of (a switch of organisation makes them stale at once). */
  tenantId: string | null;
  counts: TicketCounts | null;
  load(tenantId: string): Promise<void>;
}

let generation = 0;

/** How many tickets wait for a person (the sidebar's Inbox badge); kept live by `ticket.changed`. */
export const useInboxCountStore = create<InboxCountState>()((set) => ({
  tenantId: null,
  counts: null,
  async load(tenantId) {
    const started = ++generation;
    try {
      const counts = await transport.call('tickets.counts', {});
      if (started === generation) set({ tenantId, counts });
    } catch {
      // the badge is a hint: without an answer it shows nothing, and the next change tries again
      if (started === generation) set({ tenantId, counts: null });
    }
  },
}));

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let watchers = 0;

/** Reloads the counts a moment after a ticket changed, once for a burst of changes. */
function refreshSoon(delayMs = 400): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const tenantId = useSessionStore.getState().me?.tenant.id;
    if (tenantId && watchers > 0) void useInboxCountStore.getState().load(tenantId);
  }, delayMs);
}

transport.on('ticket.changed', () => refreshSoon());

/** The number of open tickets of the signed-in organisation, or 0 while unknown. */
export function useOpenTickets(): number {
  const tenantId = useSessionStore((state) => state.me?.tenant.id ?? null);
  const open = useInboxCountStore((state) =>
    state.tenantId === tenantId && state.counts ? state.counts.open : 0,
  );
  useEffect(() => {
    watchers++;
    if (tenantId && useInboxCountStore.getState().tenantId !== tenantId)
      void useInboxCountStore.getState().load(tenantId);
    return () => {
      watchers--;
    };
  }, [tenantId]);
  return open;
}
