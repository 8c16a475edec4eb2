import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where secrets (provider keys, SMTP and Stripe keys, the backup key) live: the OS keychain, or
 * where none runs (servers, CI) a file encrypted with AES-256-GCM. Never the database or logs.
 */
export interface SecretStore {
  readonly backend: 'keychain' | 'encrypted-file';
  /** What the doctor report says about where secrets are kept. */
  readonly description: string;
  /** Which store, and where the encrypted file's key comes from (for the UI and the doctor report). */
  readonly status: SecretStoreStatus;
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export type SecretStoreStatus =
  { store: 'keychain'; keySource: null } | { store: 'file'; keySource: 'environment' | 'file-beside-data' };

/** What the status means, in English for the doctor report (the UI says it in the user's language). */
export function explainSecretStore(status: SecretStoreStatus): string {
  if (status.store === 'keychain')
    return "Secrets are kept in the operating system's keychain, not in the data folder.";
  if (status.keySource === 'environment')
    return 'There is no keychain: secrets are kept in an encrypted file in the data folder, and its key comes from MINDFRAME_MASTER_KEY, so a copy of the data folder alone does not reveal them. Without that key the secrets cannot be read.';
  return 'There is no keychain: secrets are kept in an encrypted file in the data folder and its key sits beside it, so anyone who can read the data folder can read them. Set MINDFRAME_MASTER_KEY to keep the key elsewhere.';
}

/** The doctor report's account of the secret store. */
export type SecretStoreReport = {
  backend: SecretStore['backend'];
  where: string;
  meaning: string;
} & SecretStoreStatus;

export function reportSecretStore(store: SecretStore): SecretStoreReport {
  return {
    backend: store.backend,
    where: store.description,
    ...store.status,
    meaning: explainSecretStore(store.status),
  };
}

const service = 'mindframe-control-center';

interface KeyringEntry {
  getPassword(): string | null | undefined;
  setPassword(value: string): void;
  deletePassword(): boolean | void;
}
type EntryConstructor = new (service: string, account: string) => KeyringEntry;

/** The OS keychain through @napi-rs/keyring (macOS Keychain, Windows Credential Manager, Secret Service). */
export class KeychainSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;
  readonly description = 'OS keychain';
  readonly status = { store: 'keychain', keySource: null } as const;
  constructor(private readonly Entry: EntryConstructor) {}
  get(key: string): string | null {
    try {
      return new this.Entry(service, key).getPassword() ?? null;
    } catch {
      return null;
    }
  }
  set(key: string, value: string): void {
    new this.Entry(service, key).setPassword(value);
  }
  delete(key: string): void {
    try {
      new this.Entry(service, key).deletePassword();
    } catch {
      // already gone
    }
  }
}

interface SealedFile {
  version: 1;
  iv: string;
  tag: string;
  data: string;
}

/** The values of a sealed file, or null when this key does not open it. */
function unseal(sealed: SealedFile, key: Buffer): Record<string, string> | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  } catch {
    return null;
  }
}

/**
 * A JSON map sealed with AES-256-GCM. The key comes from MINDFRAME_MASTER_KEY, or else from a key
 * file created beside the data with owner-only permissions (the doctor report says which).
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly backend = 'encrypted-file' as const;
  readonly description: string;
  readonly status: SecretStoreStatus;
  private readonly key: Buffer;
  private cache: Record<string, string> | null = null;

  constructor(
    private readonly file: string,
    masterKey: string | undefined,
  ) {
    const keyFile = join(dirname(file), 'secrets.key');
    if (masterKey) {
      this.key = createHash('sha256').update(masterKey).digest();
      this.description = `encrypted file ${file} (key from MINDFRAME_MASTER_KEY)`;
      this.status = { store: 'file', keySource: 'environment' };
      if (existsSync(keyFile)) this.moveOffKeyFile(keyFile);
    } else {
      if (!existsSync(keyFile) && existsSync(file))
        // a new key file would not open it, and would stand in the way once the variable is back
        throw new Error(
          `The secrets file ${file} cannot be opened: its key is missing (MINDFRAME_MASTER_KEY is not set and there is no ${keyFile}). Set MINDFRAME_MASTER_KEY as before, or put the key file back, then start Mindframe.`,
        );
      if (!existsSync(keyFile)) {
        mkdirSync(dirname(keyFile), { recursive: true });
        writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
      }
      this.key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
      this.description = `encrypted file ${file} (key in ${keyFile}; set MINDFRAME_MASTER_KEY to keep the key elsewhere)`;
      this.status = { store: 'file', keySource: 'file-beside-data' };
    }
  }

  /**
   * MINDFRAME_MASTER_KEY was set on an installation whose key sat in a file beside the data: the
   * secrets are sealed again under the master key and the key file goes, so a copy of the data
   * folder no longer holds what opens them.
   */
  private moveOffKeyFile(keyFile: string): void {
    if (existsSync(this.file)) {
      const sealed = JSON.parse(readFileSync(this.file, 'utf8')) as SealedFile;
      if (!unseal(sealed, this.key)) {
        const values = unseal(sealed, Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'));
        // neither key opens it: leave both alone, reading says so
        if (!values) return;
        this.write(values);
      }
    }
    rmSync(keyFile, { force: true });
  }

  private read(): Record<string, string> {
    if (this.cache) return this.cache;
    if (!existsSync(this.file)) return (this.cache = {});
    const values = unseal(JSON.parse(readFileSync(this.file, 'utf8')) as SealedFile, this.key);
    if (!values) throw new Error(`The secrets file ${this.file} cannot be opened with this master key.`);
    return (this.cache = values);
  }

  private write(values: Record<string, string>): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    const sealed: SealedFile = {
      version: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(sealed), { mode: 0o600 });
    renameSync(temp, this.file);
    chmodSync(this.file, 0o600);
    this.cache = values;
  }

  get(key: string): string | null {
    return this.read()[key] ?? null;
  }
  set(key: string, value: string): void {
    this.write({ ...this.read(), [key]: value });
  }
  delete(key: string): void {
    const { [key]: _removed, ...rest } = this.read();
    this.write(rest);
  }
}

function probeKeychain(): EntryConstructor | null {
  // Without a session bus there is no Secret Service; libsecret-less fallbacks (the kernel keyring)
  // forget everything at reboot, so they do not count as a keychain.
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native module
    const { Entry } = require('@napi-rs/keyring') as { Entry: EntryConstructor };
    const probe = new Entry(service, 'probe');
    probe.setPassword('ok');
    if (probe.getPassword() !== 'ok') return null;
    probe.deletePassword();
    return Entry;
  } catch {
    return null;
  }
}

/**
 * The keychain when one answers, else the encrypted file in the data folder. The choice is written
 * down (secrets.backend) and kept: switching backends between two starts would lose every secret.
 */
export function openSecretStore(dataDir: string, prefer: 'auto' | 'file' = 'auto'): SecretStore {
  const file = join(dataDir, 'secrets.enc.json');
  const marker = join(dataDir, 'secrets.backend');
  const fileStore = () => new EncryptedFileSecretStore(file, process.env.MINDFRAME_MASTER_KEY);
  const remember = (backend: SecretStore['backend']) => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(marker, backend);
  };
  const chosen = existsSync(marker)
    ? readFileSync(marker, 'utf8').trim()
    : existsSync(file)
      ? 'encrypted-file'
      : null;
  if (prefer === 'file' || chosen === 'encrypted-file') {
    if (!chosen) remember('encrypted-file');
    return fileStore();
  }
  const Entry = probeKeychain();
  if (Entry) {
    if (!chosen) remember('keychain');
    return new KeychainSecretStore(Entry);
  }
  if (chosen === 'keychain') {
    throw new Error(
      'Secrets were kept in the OS keychain, which does not answer now. Unlock or start the keychain, then try again.',
    );
  }
  remember('encrypted-file');
  return fileStore();
}
