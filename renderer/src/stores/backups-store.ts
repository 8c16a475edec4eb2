import { create } from 'zustand';
import type { BackupOperation, BackupRow, EventPayload, MethodOutput } from '../contract';
import { upsertBackup, type BackupProgress } from '../features/backups/backup-meta';
import { transport } from '../transport';
import { failed, idle, loading, ready, type LoadState } from './load-state';

export type BackupList = Omit<MethodOutput<'backups.list'>, 'running'>;
export type RestoreResult = MethodOutput<'backups.restore'>;
export type BackupFinished = EventPayload<'backup.finished'>;

interface BackupsState extends LoadState {
  list: BackupList | null;
  /** The operation running on the installation (from the list, events, or this window's own call). */
  progress: BackupProgress | null;
  /** The backup being verified from this window. */
  verifying: string | null;
  load(): Promise<void>;
  create(): Promise<BackupRow>;
  verify(file: string): Promise<BackupRow>;
  restore(file: string): Promise<RestoreResult>;
  reset(): void;
}

let generation = 0;
/** Calls of this window still waiting for their answer, by operation. */
const ownCalls: Record<BackupOperation, number> = { backup: 0, verify: 0, restore: 0 };

/** Backups of the installation (platform administrators), kept current by backup events. */
export const useBackupsStore = create<BackupsState>()((set, get) => {
  const replaceRow = (row: BackupRow) => {
    const list = get().list;
    if (list) set({ list: { ...list, backups: upsertBackup(list.backups, row) } });
  };

  /** Runs one of this window's operations, showing progress at once rather than at the first event. */
  async function own<T>(operation: BackupOperation, work: () => Promise<T>): Promise<T> {
    ownCalls[operation] += 1;
    if (get().progress?.operation !== operation)
      set({ progress: { operation, phase: operation === 'verify' ? 'verifying' : 'copying', percent: 0 } });
    try {
      return await work();
    } finally {
      ownCalls[operation] -= 1;
      if (ownCalls[operation] === 0 && get().progress?.operation === operation) set({ progress: null });
    }
  }

  return {
    ...idle,
    list: null,
    progress: null,
    verifying: null,
    async load() {
      const started = generation;
      if (!get().list) set(loading);
      try {
        const { running, ...list } = await transport.call('backups.list', {});
        if (started !== generation) return;
        const busy = Object.values(ownCalls).some((n) => n > 0);
        set({
          ...ready,
          list,
          progress: running
            ? { operation: running.operation, phase: running.phase, percent: running.percent }
            : busy
              ? get().progress
              : null,
        });
      } catch (error) {
        if (started === generation) set(failed(error));
      }
    },
    async create() {
      const row = await own('backup', () => transport.call('backups.create', {}));
      replaceRow(row);
      void get().load();
      return row;
    },
    async verify(file) {
      set({ verifying: file });
      try {
        const row = await own('verify', () => transport.call('backups.verify', { file }));
        replaceRow(row);
        return row;
      } finally {
        if (get().verifying === file) set({ verifying: null });
      }
    },
    async restore(file) {
      const result = await own('restore', () => transport.call('backups.restore', { file }));
      void get().load();
      return result;
    },
    reset() {
      generation++;
      set({ ...idle, list: null, progress: null, verifying: null });
    },
  };
});

transport.on('backup.progress', (progress) => useBackupsStore.setState({ progress }));

transport.on('backup.finished', (finished) => {
  const state = useBackupsStore.getState();
  // this window's own call clears its progress when its answer arrives
  if (ownCalls[finished.operation] === 0) useBackupsStore.setState({ progress: null });
  if (finished.backup && state.list) {
    useBackupsStore.setState({
      list: { ...state.list, backups: upsertBackup(state.list.backups, finished.backup) },
    });
  }
  // the folder's free space, the last verified time and what retention removed come with the list
  if (state.list && finished.operation !== 'verify') void state.load();
});
