import type { MindframeBridge } from '../contract';
import { HttpTransport } from './http-transport';
import { IpcTransport } from './ipc-transport';
import type { Transport } from './transport';

declare global {
  interface Window {
    mindframe?: MindframeBridge;
  }
}

function pickTransport(): Transport {
  return window.mindframe ? new IpcTransport(window.mindframe) : new HttpTransport();
}

export const transport: Transport = pickTransport();
export { CallError, toCallError } from './call-error';
export type { Transport } from './transport';
