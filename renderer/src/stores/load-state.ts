import { toCallError, type CallError } from '../transport';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LoadState {
  status: LoadStatus;
  error: CallError | null;
}

export const idle: LoadState = { status: 'idle', error: null };
export const loading: LoadState = { status: 'loading', error: null };
export const ready: LoadState = { status: 'ready', error: null };
export const failed = (error: unknown): LoadState => ({ status: 'error', error: toCallError(error) });
