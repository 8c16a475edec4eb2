import { parseWindowState, type WindowState } from './window-bounds';

export interface WindowStateStore {
  load(): WindowState | null;
  save(state: WindowState): void;
}

/**
 * Window bounds in electron-store (`window-state.json` in the data folder). A damaged file is
 * cleared rather than stopping the app: a window position is not worth a failed start.
 */
export async function openWindowStateStore(onError: (error: unknown) => void): Promise<WindowStateStore> {
  try {
    // electron-store is ESM-only; a dynamic import keeps the CommonJS bundle loading it natively
    const { default: Store } = await import('electron-store');
    const store = new Store<{ mainWindow?: WindowState }>({ name: 'window-state', clearInvalidConfig: true });
    return {
      load: () => parseWindowState(store.get('mainWindow')),
      save: (state) => {
        try {
          store.set('mainWindow', state);
        } catch (error) {
          onError(error);
        }
      },
    };
  } catch (error) {
    onError(error);
    let remembered: WindowState | null = null;
    return { load: () => remembered, save: (state) => (remembered = state) };
  }
}
