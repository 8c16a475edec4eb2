import { createHash, randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

const secretName = 'backups.encryption-key';

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Parses a key as exported (base64 of 32 bytes); null when it is not one. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : null;
}

/** The backup encryption key, kept in the SecretStore (OS keychain or the encrypted file). */
export class BackupKeys {
  constructor(private readonly secrets: SecretStore) {}

  current(): Buffer | null {
    const stored = this.secrets.get(secretName);
    return stored ? parseKey(stored) : null;
  }

  /** The key, created on first use. */
  ensure(): Buffer {
    const existing = this.current();
    if (existing) return existing;
    const key = randomBytes(32);
    this.secrets.set(secretName, key.toString('base64'));
    return key;
  }

  get backend(): 'keychain' | 'file' {
    return this.secrets.backend === 'keychain' ? 'keychain' : 'file';
  }
}
