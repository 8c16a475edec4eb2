import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput, timestampSchema } from '../common';

/**
 * `host:port` the server may reach although it is on this machine or a private network (a local
 * Ollama or LM Studio, an office mail server): `127.0.0.1:11434`, `[::1]:1234`, `ollama.lan:11434`.
 */
export const hostPortSchema = z
  .string()
  .trim()
  .min(3)
  .max(270)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, {
    message: 'Write it as host:port, e.g. 127.0.0.1:11434',
  });

export const outboundAllowedSchema = z.object({
  hostPort: z.string(),
  addedAt: timestampSchema,
  addedBy: z.string().nullable(),
});
export type OutboundAllowed = z.infer<typeof outboundAllowedSchema>;

/** The installation's exceptions to the outbound guard; only the platform admin sees or changes them. */
export const outboundMethods = {
  'outbound.allowList': defineMethod({
    access: 'platformAdmin',
    mutation: false,
    summary: 'Local and private host:ports this installation may reach (providers, webhooks, SMTP, flows).',
    input: emptyInput,
    output: z.object({ entries: z.array(outboundAllowedSchema) }),
  }),
  'outbound.allow': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Allow one local or private host:port for the whole installation (e.g. a local Ollama).',
    input: z.object({ hostPort: hostPortSchema }).strict(),
    output: outboundAllowedSchema,
  }),
  'outbound.remove': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Stop allowing a host:port; requests to it are refused again at once.',
    input: z.object({ hostPort: hostPortSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
};
