import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, idSchema, timestampSchema } from '../common';
import { flowProblemSchema, flowSchema, modelRefSchema } from '../flow';
import { agentStatuses, languages } from '../vocabulary';

export const agentStatusSchema = z.enum(agentStatuses);

export const budgetSchema = z
  .object({
    /** Tokens (in + out) one run may use. */
    maxTokens: z.number().int().min(100).max(10_000_000),
    /** Cost one run may reach, in millionths of a US dollar. */
    maxCostMicros: z.number().int().min(0).max(1_000_000_000),
  })
  .strict();
export type Budget = z.infer<typeof budgetSchema>;

export const agentSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  templateId: z.string().nullable(),
  status: agentStatusSchema,
  currentVersion: z.number().int(),
  deployedVersion: z.number().int().nullable(),
  primaryModel: modelRefSchema,
  fallbackModels: z.array(modelRefSchema),
  budget: budgetSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  lastRunAt: timestampSchema.nullable(),
});
export type AgentSummary = z.infer<typeof agentSummarySchema>;

export const versionSummarySchema = z.object({
  id: idSchema,
  number: z.number().int(),
  note: z.string(),
  authorName: z.string(),
  createdAt: timestampSchema,
  nodeCount: z.number().int(),
  deployed: z.boolean(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const flowDiffSchema = z.object({
  addedNodes: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().nullable() })),
  removedNodes: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().nullable() })),
  changedNodes: z.array(
    z.object({ id: z.string(), type: z.string(), label: z.string().nullable(), fields: z.array(z.string()) }),
  ),
  addedEdges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string() })),
  removedEdges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string() })),
});
export type FlowDiff = z.infer<typeof flowDiffSchema>;

const agentIdInput = z.object({ agentId: idSchema }).strict();
const nameSchema = displayName({ max: 100 });

export const agentsMethods = {
  'agents.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: "The tenant's agents.",
    input: z
      .object({ q: z.string().trim().max(100).optional(), status: agentStatusSchema.optional() })
      .strict(),
    output: z.object({ agents: z.array(agentSummarySchema) }),
  }),
  'agents.create': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Create an agent from a marketplace template (one click) or blank.',
    input: z
      .object({
        templateId: z.string().max(100).optional(),
        name: nameSchema.optional(),
        description: z.string().trim().max(1000).optional(),
        language: z.enum(languages).default('en'),
      })
      .strict(),
    output: agentSummarySchema,
  }),
  'agents.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'An agent with the flow of its current version.',
    input: agentIdInput,
    output: z.object({ agent: agentSummarySchema, flow: flowSchema, version: versionSummarySchema }),
  }),
  'agents.updateSettings': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Rename an agent, or change its models, fallback chain and per-run budget.',
    input: z
      .object({
        agentId: idSchema,
        name: nameSchema.optional(),
        description: z.string().trim().max(1000).optional(),
        primaryModel: modelRefSchema.optional(),
        fallbackModels: z.array(modelRefSchema).max(5).optional(),
        budget: budgetSchema.optional(),
      })
      .strict(),
    output: agentSummarySchema,
  }),
  'agents.saveVersion': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Save the flow as a new version (every save is kept).',
    input: z
      .object({ agentId: idSchema, flow: flowSchema, note: z.string().trim().max(500).default('') })
      .strict(),
    output: z.object({ version: versionSummarySchema, problems: z.array(flowProblemSchema) }),
  }),
  'agents.versions': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: "Every saved version of an agent's flow, newest first.",
    input: agentIdInput,
    output: z.object({ versions: z.array(versionSummarySchema) }),
  }),
  'agents.version': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The flow of one version.',
    input: z.object({ agentId: idSchema, versionId: idSchema }).strict(),
    output: z.object({ version: versionSummarySchema, flow: flowSchema }),
  }),
  'agents.diff': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'What changed between two versions.',
    input: z.object({ agentId: idSchema, fromVersionId: idSchema, toVersionId: idSchema }).strict(),
    output: flowDiffSchema,
  }),
  'agents.restoreVersion': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Make an older version current again, as a new version (history is kept).',
    input: z.object({ agentId: idSchema, versionId: idSchema }).strict(),
    output: versionSummarySchema,
  }),
  'agents.validate': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Every problem of a flow, each with the node it belongs to.',
    input: z.object({ flow: flowSchema, agentId: idSchema.optional() }).strict(),
    output: z.object({ ok: z.boolean(), problems: z.array(flowProblemSchema) }),
  }),
  'agents.deploy': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Put a version (default: the current one) live; refused while it has errors.',
    input: z.object({ agentId: idSchema, versionId: idSchema.optional() }).strict(),
    output: agentSummarySchema,
  }),
  'agents.pause': defineMethod({
    access: 'operator',
    mutation: true,
    summary: 'Pause a live agent (no new runs, schedules stop) or resume it.',
    input: z.object({ agentId: idSchema, paused: z.boolean() }).strict(),
    output: agentSummarySchema,
  }),
};
