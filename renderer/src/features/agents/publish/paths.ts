import { agentPath } from '../../../router/routes';

/** The address that opens an agent's Publish panel: its page with `?publish`. */
export const publishPath = (agentId: string) => `${agentPath(agentId)}?publish`;
