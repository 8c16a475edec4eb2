import { describe, expect, it } from 'vitest';
import { secretStoreNoticeKind, secretStoreNoticeTone } from './secret-store';

describe('the secret store notice', () => {
  it('names the store in use and warns when the key sits beside the data', () => {
    expect(secretStoreNoticeKind({ store: 'keychain', keySource: null })).toBe('keychain');
    expect(secretStoreNoticeKind({ store: 'file', keySource: 'environment' })).toBe('fileEnvironment');
    expect(secretStoreNoticeKind({ store: 'file', keySource: 'file-beside-data' })).toBe('fileBeside');
    expect(secretStoreNoticeKind(null)).toBe('unknown');
    expect(secretStoreNoticeTone.fileBeside).toBe('warning');
    expect(secretStoreNoticeTone.keychain).toBe('info');
  });
});
