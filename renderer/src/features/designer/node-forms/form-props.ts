import type { NodeType } from '../../../contract';
import type { NodeConfig } from '../flow-meta';

/** What every node type's form gets: its node's data, and how to change it and show its problems. */
export interface FormProps<T extends NodeType> {
  nodeId: string;
  data: NodeConfig<T>;
  readOnly: boolean;
  /** Changes some fields; `key` groups keystrokes in one field into one undo step. */
  patch(change: Partial<NodeConfig<T>>, key: string, renames?: Record<string, string>): void;
  /** The validation problem of a field, if any, in the user's language. */
  problem(field: string): string | null;
}
