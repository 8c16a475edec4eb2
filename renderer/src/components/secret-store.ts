import type { MethodOutput } from '../contract';

export type SecretStoreStatus = MethodOutput<'secrets.status'>;

/**
 * What to say about where secrets are kept: the keychain; an encrypted file whose key comes from
 * MINDFRAME_MASTER_KEY; an encrypted file with its key beside it (a warning: a copy of the data
 * folder opens it); or, when the store is not known to this user, only that secrets stay out of
 * the database.
 */
export type SecretStoreNoticeKind = 'keychain' | 'fileEnvironment' | 'fileBeside' | 'unknown';

export function secretStoreNoticeKind(status: SecretStoreStatus | null | undefined): SecretStoreNoticeKind {
  if (!status) return 'unknown';
  if (status.store === 'keychain') return 'keychain';
  return status.keySource === 'environment' ? 'fileEnvironment' : 'fileBeside';
}

export const secretStoreNoticeTone: Record<SecretStoreNoticeKind, 'info' | 'warning'> = {
  keychain: 'info',
  fileEnvironment: 'info',
  fileBeside: 'warning',
  unknown: 'info',
};
