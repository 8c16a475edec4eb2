import { open } from 'node:fs/promises';
import type { BackupProblemCode } from '../../contract';
import { backupFormatVersion, manifestSchema, type Manifest } from './manifest';

/**
 * A backup file: 8-byte head magic, the payload (gzip, optionally AES-256-GCM encrypted), the
 * manifest as JSON, its length (uint32 BE) and an 8-byte tail magic. The manifest goes last so the
 * file is written in one pass; a missing tail means the file was cut short.
 */
export const headMagic = Buffer.from('MFBACKUP', 'ascii');
export const tailMagic = Buffer.from('MFBKEND\n', 'ascii');
const maxManifestBytes = 1024 * 1024;

export class BackupFileError extends Error {
  constructor(
    readonly code: BackupProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupFileError';
  }
}

export interface BackupFileInfo {
  manifest: Manifest;
  fileBytes: number;
  /** Payload byte range [start, end). */
  payloadStart: number;
  payloadEnd: number;
}

export function encodeTrailer(manifest: Manifest): Buffer {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([json, length, tailMagic]);
}

/** Reads and checks the framing and manifest of a backup file, without reading its payload. */
export async function readBackupInfo(path: string): Promise<BackupFileInfo> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupFileError(
      code === 'ENOENT' ? 'missing' : 'unreadable',
      code === 'ENOENT'
        ? 'The backup file does not exist.'
        : `The backup file cannot be read (${code ?? 'error'}).`,
    );
  }
  try {
    const { size } = await handle.stat();
    const minimum = headMagic.length + 4 + tailMagic.length;
    const head = Buffer.alloc(headMagic.length);
    if (size >= headMagic.length) await handle.read(head, 0, head.length, 0);
    if (size < headMagic.length || !head.equals(headMagic))
      throw new BackupFileError('not_a_backup', 'This file is not a Mindframe backup.');
    if (size < minimum)
      throw new BackupFileError(
        'truncated',
        'The backup file is cut short (truncated): its manifest is missing.',
      );
    const tail = Buffer.alloc(4 + tailMagic.length);
    await handle.read(tail, 0, tail.length, size - tail.length);
    if (!tail.subarray(4).equals(tailMagic))
      throw new BackupFileError(
        'truncated',
        'The backup file is cut short (truncated) or damaged at its end.',
      );
    const manifestBytes = tail.readUInt32BE(0);
    const manifestStart = size - tail.length - manifestBytes;
    if (manifestBytes > maxManifestBytes || manifestStart < headMagic.length)
      throw new BackupFileError('damaged', 'The backup file is damaged: its manifest length is impossible.');
    const json = Buffer.alloc(manifestBytes);
    await handle.read(json, 0, manifestBytes, manifestStart);
    let raw: unknown;
    try {
      raw = JSON.parse(json.toString('utf8'));
    } catch {
      throw new BackupFileError('damaged', 'The backup file is damaged: its manifest is not readable.');
    }
    const format = (raw as { format?: unknown } | null)?.format;
    if (typeof format === 'number' && format > backupFormatVersion)
      throw new BackupFileError(
        'newer_version',
        `This backup was made by a newer version of Mindframe (backup format ${format}; this app reads up to ${backupFormatVersion}). Install the newer version to use it.`,
      );
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success)
      throw new BackupFileError('damaged', 'The backup file is damaged: its manifest is not valid.');
    const manifest = parsed.data;
    if (manifest.payloadBytes !== manifestStart - headMagic.length)
      throw new BackupFileError(
        'damaged',
        'The backup file is damaged: its size does not match its manifest.',
      );
    return { manifest, fileBytes: size, payloadStart: headMagic.length, payloadEnd: manifestStart };
  } finally {
    await handle.close();
  }
}
