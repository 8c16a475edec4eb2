import { describe, expect, it } from 'vitest';
import { formatBytes, fromBase64, toBase64 } from './bytes';

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((value, i) => value === b[i]);

describe('formatBytes', () => {
  it('uses powers of 1024 and the language', () => {
    expect(formatBytes(812, 'en')).toBe('812 bytes');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(4.25 * 1024 * 1024, 'nl')).toBe('4,3 MB');
    expect(formatBytes(300 * 1024 ** 3, 'en')).toBe('300 GB');
  });
});

describe('base64', () => {
  it('encodes known values', () => {
    expect(toBase64(new TextEncoder().encode('Man'))).toBe('TWFu');
    expect(toBase64(new TextEncoder().encode('Ma'))).toBe('TWE=');
    expect(new TextDecoder().decode(fromBase64('aGVsbG8gd29ybGQ='))).toBe('hello world');
  });

  it('round-trips large buffers (more than one conversion slice)', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const text = toBase64(bytes);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    expect(text).toBe(btoa(binary));
    expect(same(fromBase64(text), bytes)).toBe(true);
  });

  it('handles the empty buffer', () => {
    expect(toBase64(new Uint8Array())).toBe('');
    expect(fromBase64('')).toHaveLength(0);
  });
});
