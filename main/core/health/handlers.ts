import type { HandlerMap } from '../context';

export const healthHandlers: Pick<HandlerMap, 'health.summary'> = {
  'health.summary': (_input, ctx) => ctx.services.health.summary(),
};
