import type { z } from 'zod';
import type { Access } from './roles';
import type { PlanCapability } from './methods/billing';

export interface MethodDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Mutations are audited and, over HTTP, need the CSRF token. */
  mutation: boolean;
  summary: string;
  /**
   * What the organisation's plan must include for this call (issue 16): a channel or a feature, or a
   * function of the input (null: nothing). Dispatch refuses with FORBIDDEN, reason `plan_feature`.
   */
  capability?: PlanCapability | ((input: z.output<I>) => PlanCapability | null);
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(
  definition: MethodDefinition<I, O>,
): MethodDefinition<I, O> {
  return definition;
}
