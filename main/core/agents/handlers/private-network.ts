import type { Flow, FlowNodeOf } from '../../../contract';
import { roleAtLeast } from '../../../contract';
import type { HandlerContext } from '../../context';
import { AppError } from '../../lib/errors';

/** Same data, whatever order its keys were written in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const privateNodes = (flow: Flow): FlowNodeOf<'http'>[] =>
  flow.nodes.filter(
    (node): node is FlowNodeOf<'http'> => node.type === 'http' && node.data.allowPrivateNetwork,
  );

/**
 * HTTP nodes of `flow` that open the private network and are not, to the letter, a node `approved`
 * already has (same id, same data): what an operator would be introducing.
 */
export function newPrivateNetworkNodes(flow: Flow, approved: Flow | null): string[] {
  const known = new Map((approved ? privateNodes(approved) : []).map((node) => [node.id, stable(node.data)]));
  return privateNodes(flow)
    .filter((node) => known.get(node.id) !== stable(node.data))
    .map((node) => node.id);
}

/**
 * Letting a flow's HTTP node reach the private network is an admin's decision: saving, restoring,
 * deploying or test-running a flow that opens it (or changes such a node) needs the admin role. An
 * operator may still work on a flow an admin set up, as long as those nodes stay as they are.
 */
export function requireAdminForPrivateNetwork(
  ctx: HandlerContext,
  flow: Flow,
  approved: () => Flow | null,
): void {
  if (privateNodes(flow).length === 0) return;
  if (roleAtLeast(ctx.auth().role, 'admin')) return;
  const introduced = newPrivateNetworkNodes(flow, approved());
  if (introduced.length === 0) return;
  throw new AppError(
    'FORBIDDEN',
    `Only an admin may let an HTTP node reach the private network (node ${introduced[0]}).`,
    { reason: 'private_network_admin_only' },
  );
}
