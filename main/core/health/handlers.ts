import type { HealthService } from './service';
import type { HandlerMap } from '../context';

export interface HealthHandlerDeps {
  health: HealthService;
}

export function healthHandlers(deps: HealthHandlerDeps): Pick<HandlerMap, 'health.summary'> {
  const { health } = deps;
  return {
    'health.summary': (_input, _ctx) => health.summary(),
  };
}
