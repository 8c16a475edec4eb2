import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'success' | 'error';
  message: string;
}

interface ToastState {
  toasts: Toast[];
  show(tone: Toast['tone'], message: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const visibleMs = 5_000;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show(tone, message) {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts.slice(-2), { id, tone, message }] }));
    setTimeout(() => get().dismiss(id), visibleMs);
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));
