// Preload of the Mindframe window (sandboxed: only 'electron' can be required at run time).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'mindframe',
  createBridge(ipcRenderer, {
    methods: __MINDFRAME_METHODS__,
    events: __MINDFRAME_EVENTS__,
    channels: __MINDFRAME_CHANNELS__,
  }),
);
