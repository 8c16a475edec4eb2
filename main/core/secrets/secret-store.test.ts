import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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
