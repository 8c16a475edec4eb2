import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info' | 'warning';
  message: string;
  /** A notification's headline, above the message. */
  title?: string;
  /** A hash route the toast offers to open. */
  link?: string | null;
}

interface ToastState {
  toasts: Toast[];
  show(tone: Toast['tone'], message: string): void;
  /** A notification from the core: longer on screen, with a title and a link. */
  notify(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;
const visibleMs = 5_000;
const notificationVisibleMs = 10_000;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show(tone, message) {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts.slice(-2), { id, tone, message }] }));
    setTimeout(() => get().dismiss(id), visibleMs);
  },
  notify(toast) {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts.slice(-2), { ...toast, id }] }));
    setTimeout(() => get().dismiss(id), notificationVisibleMs);
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));
