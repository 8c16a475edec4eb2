import { create } from 'zustand';

interface PaletteState {
  open: boolean;
  setOpen(open: boolean): void;
}

/** Whether the command palette is open (Ctrl/⌘K, "/", the header's search field). */
export const usePaletteStore = create<PaletteState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

export const openPalette = () => usePaletteStore.getState().setOpen(true);
