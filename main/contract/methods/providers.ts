import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, idSchema, messageSchema, timestampSchema } from '../common';
import { localProviderId, providerKinds } from '../vocabulary';

export const providerKindSchema = z.enum(providerKinds);

/**
 * A provider's voice settings (issue 13): the model that turns a customer's speech into text
 * (`whisper-1`, or a local whisper server's model), and the optional model and voice that speak the
 * agent's replies (without one the browser speaks them). The first provider (by name) with a
 * transcription model is the one voice uses.
 */
export const providerVoiceSchema = z.object({
  transcriptionModel: z.string().nullable(),
  speechModel: z.string().nullable(),
  speechVoice: z.string().nullable(),
});
export type ProviderVoice = z.infer<typeof providerVoiceSchema>;

const audioModelName = z.string().trim().min(1).max(200);
/** A speech voice: `alloy`, `nova` ... or a local server's voice file (`en_US-amy-low.onnx`). */
const speechVoiceName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.:/-]+$/);

const providerVoiceInput = z
  .object({
    transcriptionModel: audioModelName.nullable(),
    speechModel: audioModelName.nullable(),
    speechVoice: speechVoiceName.nullable(),
  })
  .strict()
  .superRefine((voice, issues) => {
    // speaking replies needs a transcription model (a voice turn starts with one) and a voice
    if (voice.speechModel !== null && voice.transcriptionModel === null)
      issues.addIssue({
        code: 'custom',
        path: ['transcriptionModel'],
        message: 'A speech model needs a transcription model',
        params: { reason: 'required' },
      });
    if (voice.speechModel !== null && voice.speechVoice === null)
      issues.addIssue({
        code: 'custom',
        path: ['speechVoice'],
        message: 'A speech model needs a voice',
        params: { reason: 'required' },
      });
  });

export const providerSchema = z.object({
  id: idSchema,
  kind: providerKindSchema,
  name: z.string(),
  baseUrl: z.string().nullable(),
  models: z.array(z.string()),
  /** Whether a key is stored in the secret store; the key itself is never answered. */
  hasKey: z.boolean(),
  azureApiVersion: z.string().nullable(),
  createdAt: timestampSchema,
  /** The last connection test: its outcome as a message for the UI, `text` the same in English. */
  lastTest: z
    .object({
      at: timestampSchema,
      ok: z.boolean(),
      latencyMs: z.number().nullable(),
      message: messageSchema,
      text: z.string(),
    })
    .nullable(),
  voice: providerVoiceSchema,
});
export type Provider = z.infer<typeof providerSchema>;

const urlSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, { message: 'Must start with http:// or https://' });

export const providersMethods = {
  'providers.list': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'Model providers of the tenant, and the built-in offline model.',
    input: z.object({}).strict(),
    output: z.object({
      providers: z.array(providerSchema),
      local: z.object({ id: z.literal(localProviderId), models: z.array(z.string()) }),
    }),
  }),
  'providers.save': defineMethod({
    access: 'admin',
    mutation: true,
    summary:
      'Add or change a provider; the API key goes to the secret store (see secrets.status), never the database.',
    input: z
      .object({
        id: idSchema.optional(),
        kind: providerKindSchema,
        name: displayName({ max: 100 }),
        baseUrl: urlSchema.optional(),
        /** Write-only. Leave out to keep the stored key; an empty string removes it. */
        apiKey: z.string().max(500).optional(),
        models: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
        azureApiVersion: z.string().trim().max(40).optional(),
        /** Voice settings; leave out to keep them as they are. */
        voice: providerVoiceInput.optional(),
      })
      .strict(),
    output: providerSchema,
  }),
  'providers.test': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Try a provider with a tiny request and report latency or the error.',
    input: z.object({ providerId: idSchema }).strict(),
    output: z.object({
      ok: z.boolean(),
      latencyMs: z.number().nullable(),
      /** How it went, as a message for the UI; `text` is the same in English (logs and scripts). */
      message: messageSchema,
      text: z.string(),
      models: z.array(z.string()),
    }),
  }),
  'providers.delete': defineMethod({
    access: 'admin',
    mutation: true,
    summary: 'Remove a provider and its stored key.',
    input: z.object({ providerId: idSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
};
