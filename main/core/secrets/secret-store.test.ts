import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, openSecretStore } from './secret-store';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secret store', () => {
  it('keeps secrets in an AES-256-GCM file that shows none of them, readable again after a restart', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-'));
    const store = new EncryptedFileSecretStore(join(dir, 'secrets.enc.json'), 'master key for the test');
    store.set('tenant:a:provider:p', 'sk-live-very-secret');
    store.set('other', 'value');
    store.delete('other');
    const raw = readFileSync(join(dir, 'secrets.enc.json'), 'utf8');
    expect(raw).not.toContain('sk-live-very-secret');
    expect(statSync(join(dir, 'secrets.enc.json')).mode & 0o077).toBe(0);
    const reopened = new EncryptedFileSecretStore(join(dir, 'secrets.enc.json'), 'master key for the test');
    expect(reopened.get('tenant:a:provider:p')).toBe('sk-live-very-secret');
    expect(reopened.get('other')).toBeNull();
    expect(reopened.description).toMatch(/MINDFRAME_MASTER_KEY/);
  });

  it('refuses to open the file with another master key, saying so', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-'));
    new EncryptedFileSecretStore(join(dir, 'secrets.enc.json'), 'right key').set('k', 'v');
    const wrong = new EncryptedFileSecretStore(join(dir, 'secrets.enc.json'), 'wrong key');
    expect(() => wrong.get('k')).toThrow(/cannot be opened with this master key/);
  });

  it('falls back to the encrypted file with a key file when no keychain answers', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-'));
    const store = openSecretStore(dir);
    store.set('k', 'v');
    expect(store.backend).toBe('encrypted-file');
    expect(statSync(join(dir, 'secrets.key')).mode & 0o077).toBe(0);
    expect(openSecretStore(dir).get('k')).toBe('v');
  });
});

describe('secret store choice', () => {
  it('keeps the backend it chose once, so no secret is lost by switching', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-'));
    openSecretStore(dir).set('k', 'v');
    expect(readFileSync(join(dir, 'secrets.backend'), 'utf8')).toBe('encrypted-file');
    const again = openSecretStore(dir);
    expect(again.backend).toBe('encrypted-file');
    expect(again.get('k')).toBe('v');
  });
});

describe('MINDFRAME_MASTER_KEY set on an installation whose key sat beside the data', () => {
  it('seals the secrets again under the master key and removes the key file', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-'));
    const file = join(dir, 'secrets.enc.json');
    const before = new EncryptedFileSecretStore(file, undefined);
    expect(before.status).toEqual({ store: 'file', keySource: 'file-beside-data' });
    before.set('tenant:a:provider:p', 'sk-moved');
    const keyFile = readFileSync(join(dir, 'secrets.key'), 'utf8');

    const after = new EncryptedFileSecretStore(file, 'the master key');
    expect(after.status).toEqual({ store: 'file', keySource: 'environment' });
    expect(after.get('tenant:a:provider:p')).toBe('sk-moved');
    expect(existsSync(join(dir, 'secrets.key'))).toBe(false);
    // the old key no longer opens it: a copy of the data folder holds nothing that does
    writeFileSync(join(dir, 'secrets.key'), keyFile, { mode: 0o600 });
    expect(() => new EncryptedFileSecretStore(file, undefined).get('tenant:a:provider:p')).toThrow(
      /cannot be opened/,
    );
  });

  it('leaves both alone when neither key opens the file, and reading says so', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-'));
    const file = join(dir, 'secrets.enc.json');
    new EncryptedFileSecretStore(file, 'the first master key').set('k', 'v');
    writeFileSync(join(dir, 'secrets.key'), Buffer.alloc(32, 9).toString('base64'), { mode: 0o600 });
    const sealed = readFileSync(file, 'utf8');
    const wrong = new EncryptedFileSecretStore(file, 'another master key');
    expect(() => wrong.get('k')).toThrow(/cannot be opened with this master key/);
    expect(readFileSync(file, 'utf8')).toBe(sealed);
    expect(existsSync(join(dir, 'secrets.key'))).toBe(true);
  });

  it('refuses to start without the master key it was sealed with, rather than making a new key', () => {
    dir = mkdtempSync(join(tmpdir(), 'mindframe-secrets-'));
    const file = join(dir, 'secrets.enc.json');
    new EncryptedFileSecretStore(file, 'the master key').set('k', 'v');
    expect(() => new EncryptedFileSecretStore(file, undefined)).toThrow(/MINDFRAME_MASTER_KEY is not set/);
    expect(existsSync(join(dir, 'secrets.key'))).toBe(false);
    expect(new EncryptedFileSecretStore(file, 'the master key').get('k')).toBe('v');
  });
});
