import { z } from 'zod';
import { defineMethod } from '../define';
import { emptyInput } from '../common';
import { secretKeySources, secretStores } from '../vocabulary';

/**
 * Where this installation keeps its secrets (provider and SMTP keys, the backup key): the operating
 * system's keychain, or where none runs an encrypted file in the data folder whose key comes from
 * the MINDFRAME_MASTER_KEY environment variable or else from a key file beside it.
 */
export const secretStoreStatusSchema = z.object({
  store: z.enum(secretStores),
  /** Where the encrypted file's key comes from; null for the keychain. */
  keySource: z.enum(secretKeySources).nullable(),
});
export type SecretStoreStatus = z.infer<typeof secretStoreStatusSchema>;

export const secretsMethods = {
  'secrets.status': defineMethod({
    access: 'admin',
    mutation: false,
    summary:
      'Where secrets are kept: the OS keychain, or an encrypted file whose key comes from MINDFRAME_MASTER_KEY or sits beside the data.',
    input: emptyInput,
    output: secretStoreStatusSchema,
  }),
};
