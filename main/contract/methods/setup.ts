import { z } from 'zod';
import { defineMethod } from '../define';
import {
  emailSchema,
  emptyInput,
  meSchema,
  orgNameSchema,
  passwordSchema,
  personNameSchema,
} from '../common';

/** Where the desktop app's public listener may bind: this computer only, or every network interface. */
export const publicListenerHosts = ['127.0.0.1', '0.0.0.0'] as const;

/**
 * The installation's public listener (issue 13): the channels' public door on a port of its own,
 * opened by the desktop app from this setting (`serve --public-port` opens it in served mode).
 */
export const publicListenerSettingSchema = z
  .object({
    enabled: z.boolean(),
    port: z.number().int().min(1024, { message: 'Must be a port from 1024 to 65535' }).max(65535, {
      message: 'Must be a port from 1024 to 65535',
    }),
    /** 127.0.0.1: only this computer (or a proxy on it); 0.0.0.0: every network this computer is on. */
    host: z.enum(publicListenerHosts),
    /** The https address customers use (a TLS proxy's or a forwarded port's), named in the embed code. */
    publicUrl: z
      .string()
      .trim()
      .max(500)
      .regex(/^https:\/\/[^\s/?#]+(\/[^\s]*)?$/, { message: 'Must be an https:// address' })
      .nullable(),
  })
  .strict();
export type PublicListenerSetting = z.infer<typeof publicListenerSettingSchema>;

const publicListenerStateSchema = z.object({
  setting: publicListenerSettingSchema,
  /** Whether the host running the core opens the listener from this setting (the desktop app does). */
  hostApplies: z.boolean(),
  /** The origin customers reach now (as in `setup.status`); null while there is no public listener. */
  publicOrigin: z.string().nullable(),
  /** Why the listener did not open the last time the host tried: the port is taken, or another failure. */
  problem: z.enum(['port_in_use', 'failed']).nullable(),
});

export const setupMethods = {
  'setup.status': defineMethod({
    access: 'public',
    mutation: false,
    summary:
      'Whether this installation still needs its first owner; its version; where customers reach its public door.',
    input: emptyInput,
    output: z.object({
      needsSetup: z.boolean(),
      appVersion: z.string(),
      /**
       * The origin of the listener that serves only the channels' public door (`serve --public-port`,
       * or the `--public-url` a reverse proxy gives it), e.g. "https://chat.example.com"; null when
       * there is none: then the door answers only on the app's own listener.
       */
      publicOrigin: z.string().nullable(),
      /** A demo installation (`mindframe demo`): the app wears a Demo badge. */
      demo: z.boolean().optional(),
    }),
  }),
  'setup.createOwner': defineMethod({
    access: 'public',
    mutation: true,
    summary: 'First run only: create the organisation and its owner, and sign the owner in.',
    input: z
      .object({
        orgName: orgNameSchema,
        name: personNameSchema,
        email: emailSchema,
        password: passwordSchema,
      })
      .strict(),
    output: meSchema,
  }),
  'setup.publicListener': defineMethod({
    access: 'platformAdmin',
    mutation: false,
    summary:
      "The installation's public listener setting (desktop app), and where customers reach the public door now.",
    input: emptyInput,
    output: publicListenerStateSchema,
  }),
  'setup.savePublicListener': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary:
      'Open, move or close the public listener of the desktop app; served mode sets it with `serve --public-port`.',
    input: publicListenerSettingSchema,
    output: publicListenerStateSchema,
  }),
};
