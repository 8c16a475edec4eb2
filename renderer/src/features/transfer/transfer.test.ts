import { describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput } from '../../contract';
import { fromBase64, toBase64 } from '../../lib/bytes';
import { downloadExport, sha256Hex, uploadChunkBytes, uploadFile, type Call } from './transfer';

// Buffer.equals: a deep toEqual over millions of bytes takes seconds
const same = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
const file = new Uint8Array(2_500_000).map((_, i) => (i * 7 + 3) % 256);

/** A server that serves `file` in 1 MiB parts and records what is uploaded. */
function fakeServer(serveChunk = 1024 * 1024) {
  const uploaded: MethodInput<'tenants.importChunk'>[] = [];
  const call = (async (method: string, input: unknown) => {
    if (method === 'tenants.exportChunk') {
      const { offset } = input as MethodInput<'tenants.exportChunk'>;
      const part = file.subarray(offset, offset + serveChunk);
      return {
        data: toBase64(part),
        offset,
        bytes: part.length,
        done: offset + part.length >= file.length,
      } satisfies MethodOutput<'tenants.exportChunk'>;
    }
    if (method === 'tenants.importChunk') {
      const chunk = input as MethodInput<'tenants.importChunk'>;
      uploaded.push(chunk);
      return { importId: 'a'.repeat(32), received: chunk.offset + fromBase64(chunk.data).length };
    }
    throw new Error(`unexpected ${method}`);
  }) as Call;
  return { call, uploaded };
}

describe('downloadExport', () => {
  it('fetches every chunk in order and assembles the file, reporting progress', async () => {
    const { call } = fakeServer();
    const progress: number[] = [];
    const blob = await downloadExport(call, 'e'.repeat(32), file.length, (done) => progress.push(done));
    expect(same(new Uint8Array(await blob.arrayBuffer()), file)).toBe(true);
    expect(progress).toEqual([1024 * 1024, 2 * 1024 * 1024, file.length]);
  });

  it('refuses a file shorter than announced', async () => {
    const { call } = fakeServer();
    await expect(downloadExport(call, 'e'.repeat(32), file.length + 10, () => {})).rejects.toThrow(
      /instead of/,
    );
  });

  it('stops when aborted', async () => {
    const { call } = fakeServer();
    const controller = new AbortController();
    controller.abort();
    await expect(
      downloadExport(call, 'e'.repeat(32), file.length, () => {}, controller.signal),
    ).rejects.toThrow();
  });
});

describe('uploadFile', () => {
  it('sends 768 KiB base64 chunks with offsets, the id from the second chunk on', async () => {
    const { call, uploaded } = fakeServer();
    const progress: number[] = [];
    const id = await uploadFile(call, new Blob([file]), (done) => progress.push(done));
    expect(id).toBe('a'.repeat(32));
    expect(uploaded.map((chunk) => chunk.offset)).toEqual([0, 1, 2, 3].map((n) => n * uploadChunkBytes));
    expect(uploaded[0]!.importId).toBeUndefined();
    expect(uploaded.slice(1).every((chunk) => chunk.importId === 'a'.repeat(32))).toBe(true);
    expect(uploaded.every((chunk) => chunk.data.length <= 1_400_000)).toBe(true);
    const joined = new Uint8Array(
      await new Blob(uploaded.map((chunk) => fromBase64(chunk.data))).arrayBuffer(),
    );
    expect(same(joined, file)).toBe(true);
    expect(progress.at(-1)).toBe(file.length);
  });

  it('refuses an empty file', async () => {
    const { call } = fakeServer();
    await expect(uploadFile(call, new Blob([]), () => {})).rejects.toThrow(/empty/);
  });
});

describe('sha256Hex', () => {
  it('gives the standard digest', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
