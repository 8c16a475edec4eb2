import { randomBytes } from 'node:crypto';
import { statSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface FolderState {
  path: string;
  ok: boolean;
  problem: string | null;
  freeBytes: number | null;
}

/** Whether backups can be written to a folder: it must exist, be a folder and accept a file. */
export function inspectFolder(path: string): FolderState {
  const state = (problem: string | null, freeBytes: number | null = null): FolderState => ({
    path,
    ok: problem === null,
    problem,
    freeBytes,
  });
  if (!isAbsolute(path)) return state('The backup folder must be an absolute path.');
  try {
    if (!statSync(path).isDirectory()) return state(`${path} is not a folder.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return state(
      code === 'ENOENT'
        ? `The backup folder ${path} does not exist (is the disk connected?).`
        : `The backup folder ${path} cannot be reached (${code ?? 'error'}).`,
    );
  }
  const probe = join(path, `.mindframe-write-test-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch (error) {
    return state(
      `Backups cannot be written to ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check its permissions.`,
    );
  }
  try {
    const fs = statfsSync(path);
    return state(null, Number(fs.bavail) * Number(fs.bsize));
  } catch {
    return state(null);
  }
}
