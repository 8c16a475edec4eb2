/** Largest file an import takes (the core refuses more with `file_too_large`, the same limit). */
export const importMaxBytes = 10 * 1024 * 1024;

/** Extensions the import dialog offers; the core decides by the file's content. */
export const importAccept =
  '.pdf,.docx,.csv,application/pdf,text/csv,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file's bytes as base64, for the `file.data` of `knowledge.import`. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
