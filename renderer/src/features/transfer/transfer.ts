import type { MethodInput, MethodName, MethodOutput } from '../../contract';
import { fromBase64, toBase64 } from '../../lib/bytes';
import { CallError } from '../../transport/call-error';

/** The transport's call, passed in so the chunk loops can be tested without a server. */
export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** Bytes per uploaded chunk: base64 makes 1 MiB of it, under the contract's limit per chunk. */
export const uploadChunkBytes = 768 * 1024;

/** The extension of tenant export files. */
export const transferExtension = '.mftenant';

export type OnProgress = (done: number, total: number) => void;

const broken = (message: string) => new CallError({ code: 'INTERNAL', message });

/** Downloads an export file chunk by chunk; resolves with the whole file. */
export async function downloadExport(
  call: Call,
  exportId: string,
  totalBytes: number,
  onProgress: OnProgress,
  signal?: AbortSignal,
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const chunk = await call('tenants.exportChunk', { exportId, offset });
    if (chunk.offset !== offset) throw broken(`The server sent the part at ${chunk.offset}, not ${offset}.`);
    const bytes = fromBase64(chunk.data);
    parts.push(bytes);
    offset += bytes.length;
    onProgress(offset, Math.max(totalBytes, offset));
    if (chunk.done) break;
    if (bytes.length === 0) throw broken('The download stopped before the end of the file.');
  }
  if (offset !== totalBytes) throw broken(`The file has ${offset} bytes instead of ${totalBytes}.`);
  return new Blob(parts, { type: 'application/octet-stream' });
}

/** Uploads a file in chunks; resolves with the import id for `tenants.import`. */
export async function uploadFile(
  call: Call,
  file: Blob,
  onProgress: OnProgress,
  signal?: AbortSignal,
): Promise<string> {
  let importId: string | undefined;
  let offset = 0;
  onProgress(0, file.size);
  while (offset < file.size) {
    signal?.throwIfAborted();
    const end = Math.min(offset + uploadChunkBytes, file.size);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    const answer = await call('tenants.importChunk', {
      ...(importId ? { importId } : {}),
      offset,
      data: toBase64(bytes),
    });
    importId = answer.importId;
    offset = end;
    onProgress(offset, file.size);
  }
  if (!importId) throw broken('The file is empty.');
  return importId;
}

/** SHA-256 of a file as lowercase hex, or null where the browser offers no WebCrypto (plain http). */
export async function sha256Hex(blob: Blob): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Hands a file to the browser as a download. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL; free it once the browser has read it
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Whether a chosen file looks like a tenant export (by its name; the server checks the content). */
export const isTransferFile = (name: string) => name.toLowerCase().endsWith(transferExtension);
