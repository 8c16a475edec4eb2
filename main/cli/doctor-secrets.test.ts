import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, KeychainSecretStore } from '../core/secrets/secret-store';
import { runCli } from './testing/run-cli';

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

// no session bus: no Secret Service answers, as on a server or in CI
const headless = { DBUS_SESSION_BUS_ADDRESS: '', MINDFRAME_MASTER_KEY: '' };

async function doctor(env: NodeJS.ProcessEnv) {
  const result = await runCli(['doctor', '--data-dir', dataDir], undefined, { ...headless, ...env });
  return { ...result, report: result.code === 0 ? JSON.parse(result.stdout) : null };
}

describe('mindframe doctor: where secrets are kept', () => {
  it('says "encrypted file" and that the key comes from MINDFRAME_MASTER_KEY', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-doctor-'));
    const { code, report } = await doctor({ MINDFRAME_MASTER_KEY: 'a master key kept elsewhere' });
    expect(code).toBe(0);
    expect(report.secrets).toEqual({
      backend: 'encrypted-file',
      where: `encrypted file ${join(dataDir, 'secrets.enc.json')} (key from MINDFRAME_MASTER_KEY)`,
      store: 'file',
      keySource: 'environment',
      meaning: expect.stringMatching(/key comes from MINDFRAME_MASTER_KEY/),
    });
    expect(existsSync(join(dataDir, 'secrets.key'))).toBe(false);
  });

  it('says "encrypted file" with the key file beside it when no master key is set', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-doctor-'));
    const { code, report } = await doctor({});
    expect(code).toBe(0);
    expect(report.secrets.backend).toBe('encrypted-file');
    expect(report.secrets.where).toContain(`key in ${join(dataDir, 'secrets.key')}`);
    expect(report.secrets.where).toContain('set MINDFRAME_MASTER_KEY');
    expect(report.secrets).toMatchObject({
      store: 'file',
      keySource: 'file-beside-data',
      meaning: expect.stringMatching(/anyone who can read the data folder can read them/),
    });
  });

  it('moves the secrets under MINDFRAME_MASTER_KEY once it is set, and the key file goes', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-doctor-'));
    expect((await doctor({})).report.secrets.keySource).toBe('file-beside-data');
    const before = new EncryptedFileSecretStore(join(dataDir, 'secrets.enc.json'), undefined);
    before.set('tenant:a:provider:p', 'sk-kept-across-the-move');
    const moved = await doctor({ MINDFRAME_MASTER_KEY: 'kept in the service manager' });
    expect(moved.code).toBe(0);
    expect(moved.report.secrets).toMatchObject({ store: 'file', keySource: 'environment' });
    expect(existsSync(join(dataDir, 'secrets.key'))).toBe(false);
    const after = new EncryptedFileSecretStore(
      join(dataDir, 'secrets.enc.json'),
      'kept in the service manager',
    );
    expect(after.get('tenant:a:provider:p')).toBe('sk-kept-across-the-move');
    // without the variable the secrets cannot be opened, and the doctor says what to do
    const without = await doctor({});
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/MINDFRAME_MASTER_KEY is not set/);
  });

  it('fails clearly when secrets were kept in a keychain that does not answer now', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-doctor-'));
    writeFileSync(join(dataDir, 'secrets.backend'), 'keychain');
    const { code, stderr } = await doctor({});
    expect(code).toBe(1);
    expect(stderr).toMatch(/OS keychain, which does not answer now/);
  });
});

describe('the keychain backend', () => {
  it('reports itself as the OS keychain and keeps secrets there', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-doctor-'));
    const vault = new Map<string, string>();
    class Entry {
      constructor(
        private readonly service: string,
        private readonly account: string,
      ) {}
      getPassword() {
        return vault.get(`${this.service}/${this.account}`) ?? null;
      }
      setPassword(value: string) {
        vault.set(`${this.service}/${this.account}`, value);
      }
      deletePassword() {
        return vault.delete(`${this.service}/${this.account}`);
      }
    }
    const store = new KeychainSecretStore(Entry);
    expect(store.backend).toBe('keychain');
    expect(store.description).toBe('OS keychain');
    expect(store.status).toEqual({ store: 'keychain', keySource: null });
    store.set('tenant:a:provider:p', 'sk-in-keychain');
    expect(vault.get('mindframe-control-center/tenant:a:provider:p')).toBe('sk-in-keychain');
    expect(store.get('tenant:a:provider:p')).toBe('sk-in-keychain');
    store.delete('tenant:a:provider:p');
    expect(store.get('tenant:a:provider:p')).toBeNull();
  });
});
