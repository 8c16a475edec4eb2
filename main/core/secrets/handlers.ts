import type { HandlerMap } from '../context';

export const secretsHandlers: Pick<HandlerMap, 'secrets.status'> = {
  'secrets.status': (_input, ctx) => ({ ...ctx.services.secrets.status }),
};
