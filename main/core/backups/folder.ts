import type { FolderProblemCode } from '../../contract';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface FolderState {
  path: string;
  ok: boolean;
  problem: string | null;
  problemCode: FolderProblemCode | null;
  freeBytes: number | null;
}

/** Whether backups can be written to a folder: it must exist, be a folder and accept a file. */
export function inspectFolder(path: string): FolderState {
  const ok = (freeBytes: number | null): FolderState => ({
    path,
    ok: true,
    problem: null,
    problemCode: null,
    freeBytes,
  });
  const state = (problemCode: FolderProblemCode, problem: string): FolderState => ({
    path,
    ok: false,
    problem,
    problemCode,
    freeBytes: null,
  });
  if (!isAbsolute(path)) return state('not_absolute', 'The backup folder must be an absolute path.');
  try {
    if (!statSync(path).isDirectory()) return state('not_folder', `${path} is not a folder.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? state('missing', `The backup folder ${path} does not exist (is the disk connected?).`)
      : state('unreachable', `The backup folder ${path} cannot be reached (${code ?? 'error'}).`);
  }
  const probe = join(path, `.mindframe-write-test-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch (error) {
    // a full disk can create the file and then refuse its bytes: never leave the probe behind
    rmSync(probe, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return state(
      'not_writable',
      code === 'ENOSPC' || code === 'EDQUOT'
        ? `Backups cannot be written to ${path}: the disk is full (${code}).`
        : `Backups cannot be written to ${path} (${code}): check its permissions.`,
    );
  }
  try {
    const fs = statfsSync(path);
    return ok(Number(fs.bavail) * Number(fs.bsize));
  } catch {
    return ok(null);
  }
}
