import { z } from 'zod';
import { displayName, messageSchema } from './common';
import { roleSchema } from './roles';
import {
  flowLimits,
  httpMethods,
  llmTools,
  problemCodes,
  problemSeverities,
  triggerKinds,
  type NodeType,
} from './vocabulary';

// An agent's flow: nodes joined by edges, as the designer edits it and the runtime executes it.
// The schema bounds every size (flowLimits) so a hostile document is refused before anything walks it.

const nodeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Use letters, digits, - and _ only' });
const variableName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'A variable name starts with a letter or _' });
const text = z.string().max(flowLimits.text);
const shortText = z.string().max(flowLimits.shortText);

export const modelRefSchema = z
  .object({
    /** A configured provider's id, or "local" for the built-in offline model. */
    providerId: z.string().min(1).max(64),
    model: z.string().min(1).max(200),
  })
  .strict();
export type ModelRef = z.infer<typeof modelRefSchema>;

const triggerData = z
  .object({
    kind: z.enum(triggerKinds),
    /** Five- or six-field cron expression, for schedule triggers. */
    cron: shortText.optional(),
    timezone: shortText.optional(),
    /** For schedule triggers: the message the run starts with. */
    message: text.optional(),
  })
  .strict();

const llmData = z
  .object({
    systemPrompt: text.default(''),
    /** Template: `{{message}}`, `{{knowledge.text}}` ... are replaced by variables. */
    prompt: text.default('{{message}}'),
    /** Overrides the agent's primary model; the agent's fallback chain still applies. */
    model: modelRefSchema.optional(),
    temperature: z.number().min(0).max(2).default(0.3),
    maxTokens: z.number().int().min(1).max(32_000).default(512),
    /** Tools the model may call: search_knowledge looks up the tenant's knowledge base. */
    tools: z.array(z.enum(llmTools)).max(5).default([]),
    outputVariable: variableName.default('answer'),
  })
  .strict();

const intentData = z
  .object({
    intents: z
      .array(
        z.object({ name: variableName, examples: z.array(shortText).max(flowLimits.listItems) }).strict(),
      )
      .max(50),
    /** Template of the text to classify. */
    input: text.default('{{message}}'),
    outputVariable: variableName.default('intent'),
  })
  .strict();

const conditionData = z.object({ expression: z.string().max(2000) }).strict();

const knowledgeData = z
  .object({
    query: text.default('{{message}}'),
    topK: z.number().int().min(1).max(20).default(3),
    outputVariable: variableName.default('knowledge'),
  })
  .strict();

const httpData = z
  .object({
    method: z.enum(httpMethods).default('GET'),
    url: z.string().max(2000),
    headers: z.record(z.string().max(100), z.string().max(2000)).default({}),
    body: text.optional(),
    /** Host names this node may call; anything else is refused at validation and at run time. */
    allowedHosts: z.array(z.string().max(253)).max(50).default([]),
    /** Private and loopback addresses are refused unless this is set (SSRF guard). */
    allowPrivateNetwork: z.boolean().default(false),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
    outputVariable: variableName.default('http'),
  })
  .strict();

const setData = z
  .object({
    assignments: z
      .array(z.object({ variable: variableName, expression: z.string().max(2000) }).strict())
      .max(100),
  })
  .strict();

const handoffData = z
  .object({
    reason: text.default('{{message}}'),
    queue: shortText.default('support'),
  })
  .strict();

const approvalData = z
  .object({
    prompt: text,
    approverRole: roleSchema.default('admin'),
  })
  .strict();

const replyData = z.object({ text }).strict();

const position = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();
const nodeBase = {
  id: nodeId,
  position,
  label: displayName({ min: 0, max: flowLimits.shortText, trim: false }).optional(),
};

export const flowNodeSchema = z.discriminatedUnion('type', [
  z.object({ ...nodeBase, type: z.literal('trigger'), data: triggerData }).strict(),
  z.object({ ...nodeBase, type: z.literal('llm'), data: llmData }).strict(),
  z.object({ ...nodeBase, type: z.literal('intent'), data: intentData }).strict(),
  z.object({ ...nodeBase, type: z.literal('condition'), data: conditionData }).strict(),
  z.object({ ...nodeBase, type: z.literal('knowledge'), data: knowledgeData }).strict(),
  z.object({ ...nodeBase, type: z.literal('http'), data: httpData }).strict(),
  z.object({ ...nodeBase, type: z.literal('set'), data: setData }).strict(),
  z.object({ ...nodeBase, type: z.literal('handoff'), data: handoffData }).strict(),
  z.object({ ...nodeBase, type: z.literal('approval'), data: approvalData }).strict(),
  z.object({ ...nodeBase, type: z.literal('reply'), data: replyData }).strict(),
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowNodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;

/**
 * Edges leave a node through a handle: "out" for plain nodes; "true"/"false" for conditions; an
 * intent's name or "fallback" for intent nodes; "approved"/"rejected" for approvals; "error" on any
 * node that can fail (llm, http, knowledge) to route its failure instead of ending the run.
 */
export const flowEdgeSchema = z
  .object({
    id: nodeId,
    source: nodeId,
    target: nodeId,
    sourceHandle: z.string().max(64).default('out'),
    /** How often a run may follow this edge; an edge that closes a cycle must have one. */
    loopLimit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowSchema = z
  .object({
    schemaVersion: z.literal(1),
    nodes: z.array(flowNodeSchema).max(flowLimits.nodes),
    edges: z.array(flowEdgeSchema).max(flowLimits.edges),
    /** Variables the flow starts with, besides the built-in ones (message, input, history, now). */
    variables: z
      .array(z.object({ name: variableName, value: z.string().max(2000) }).strict())
      .max(100)
      .default([]),
  })
  .strict();
export type Flow = z.infer<typeof flowSchema>;
export type FlowInput = z.input<typeof flowSchema>;

export const flowProblemSchema = z.object({
  code: z.enum(problemCodes),
  severity: z.enum(problemSeverities),
  nodeId: z.string().nullable(),
  edgeId: z.string().nullable(),
  /** The node's data field the problem is in, e.g. "expression" or "assignments.1.expression". */
  field: z.string().nullable(),
  /** What is wrong, for the UI to say in the user's language (flow.problem.*). */
  message: messageSchema,
  /** The same in English, for logs and scripts. */
  text: z.string(),
});
export type FlowProblem = z.infer<typeof flowProblemSchema>;
