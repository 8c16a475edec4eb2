export { OutboundAllowListStore } from './allow-list-store';
export { outboundHandlers } from './handlers';
