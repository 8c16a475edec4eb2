import type { ComponentType } from 'react';
import type { NodeType } from '../../../contract';
import type { NodeSpec } from '../flow-meta';
import { ApprovalForm } from './ApprovalForm';
import { ConditionForm } from './ConditionForm';
import type { FormProps } from './form-props';
import { HandoffForm } from './HandoffForm';
import { HttpForm } from './HttpForm';
import { IntentForm } from './IntentForm';
import { KnowledgeForm } from './KnowledgeForm';
import { LlmForm } from './LlmForm';
import { ReplyForm } from './ReplyForm';
import { SetForm } from './SetForm';
import { TriggerForm } from './TriggerForm';

export type { FormProps } from './form-props';

/** The form of each node type (a node type added to the contract fails here until it has one). */
const forms: { [T in NodeType]: ComponentType<FormProps<T>> } = {
  trigger: TriggerForm,
  llm: LlmForm,
  intent: IntentForm,
  condition: ConditionForm,
  knowledge: KnowledgeForm,
  http: HttpForm,
  set: SetForm,
  handoff: HandoffForm,
  approval: ApprovalForm,
  reply: ReplyForm,
};

/** The fields of a node's own data, in the form of its type. */
export function NodeForm({
  spec,
  readOnly,
  patch,
  problem,
}: {
  spec: NodeSpec;
  readOnly: boolean;
  patch(change: Record<string, unknown>, key: string, renames?: Record<string, string>): void;
  problem(field: string): string | null;
}) {
  // the spec's type and data belong together, which TypeScript cannot follow through the lookup
  const Form = forms[spec.type] as ComponentType<FormProps<NodeType>>;
  return <Form nodeId={spec.id} data={spec.data} readOnly={readOnly} patch={patch} problem={problem} />;
}
