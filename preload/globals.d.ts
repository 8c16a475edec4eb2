// Filled in by scripts/build.mjs (esbuild `define`) from the contract, so the sandboxed preload
// needs no run-time import of it.
import type { ipcChannels } from '../main/contract';

declare global {
  const __MINDFRAME_METHODS__: readonly string[];
  const __MINDFRAME_EVENTS__: readonly string[];
  const __MINDFRAME_CHANNELS__: typeof ipcChannels;
}

export {};
