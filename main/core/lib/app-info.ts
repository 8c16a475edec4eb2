import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const packageName = 'mindframe-control-center';

/**
 * The folder holding package.json, found by walking up from this module; the same walk works from
 * the sources (tests), from dist/ (CLI, served host) and inside the packaged Electron app.
 */
export function findAppRoot(
  start: string = typeof __dirname === 'string' ? __dirname : process.cwd(),
): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === packageName)
          return dir;
      } catch {
        // not our package.json; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ${packageName} folder above ${start}`);
    dir = parent;
  }
}

export function readAppVersion(appRoot: string): string {
  return (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The database file inside the data folder. */
export const databaseFileName = 'mindframe.sqlite';
