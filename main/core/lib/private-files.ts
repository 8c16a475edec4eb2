import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Top-level files of the data folder that are Mindframe's (the database and its companions too). */
const ownFile =
  /^(mindframe[.-].*|mindframe\.sqlite|secrets\..+|backup-settings\.json.*|window-state\.json)$/;
/** Top-level folders of the data folder that are Mindframe's, walked to the bottom. */
const ownFolder = /^(logs|backups|tmp|transfers|replaced-.+|damaged-.+)$/;

/**
 * Data folder 0700, Mindframe's files in it 0600 and its folders 0700, whatever the umask, on a new
 * installation and an existing one alike. Only Mindframe's own entries are changed: the desktop app's
 * data folder also holds Chromium's profile, and a folder given with --data-dir may hold other things;
 * the folder's own 0700 keeps every other user out of all of it. Symbolic links are left alone.
 * Answers the entries whose mode could not be changed (another owner, a read-only disk).
 */
export function restrictDataDir(dataDir: string): string[] {
  const problems: string[] = [];
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrict(dataDir, 0o700, problems);
  let names: string[] = [];
  try {
    names = readdirSync(dataDir);
  } catch {
    return [dataDir];
  }
  for (const name of names) {
    const path = join(dataDir, name);
    const kind = kindOf(path);
    if (kind === 'file' && ownFile.test(name)) restrict(path, 0o600, problems);
    else if (kind === 'folder' && ownFolder.test(name)) restrictTree(path, problems, 0);
  }
  return problems;
}

function kindOf(path: string): 'file' | 'folder' | 'other' {
  try {
    const stats = lstatSync(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other';
  }
}

function restrict(path: string, mode: number, problems: string[]): void {
  try {
    if ((lstatSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    problems.push(path);
  }
}

function restrictTree(folder: string, problems: string[], depth: number): void {
  restrict(folder, 0o700, problems);
  if (depth > 8) return;
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    const kind = kindOf(path);
    if (kind === 'file') restrict(path, 0o600, problems);
    else if (kind === 'folder') restrictTree(path, problems, depth + 1);
  }
}
