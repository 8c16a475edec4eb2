import type { SecretStore } from './secret-store';
import type { HandlerMap } from '../context';

export interface SecretsHandlerDeps {
  secrets: SecretStore;
}

export function secretsHandlers(deps: SecretsHandlerDeps): Pick<HandlerMap, 'secrets.status'> {
  const { secrets } = deps;
  return {
    'secrets.status': (_input, _ctx) => ({ ...secrets.status }),
  };
}
