// Runs after `npm ci` / `npm install` (npm's `prepare`): links our own command into
// node_modules/.bin and builds the app.
//
// `npx mindframe` runs the project's own bin by "installing" this folder into npx's cache, which
// runs `prepare` again; then an existing build is reused rather than rebuilt on every first npx call.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
rmSync(join(binDir, 'mindframe'), { force: true });
symlinkSync(join('..', '..', 'bin', 'mindframe.cjs'), join(binDir, 'mindframe'));
chmodSync(join(root, 'bin', 'mindframe.cjs'), 0o755);

const built =
  existsSync(join(root, 'dist', 'cli.cjs')) && existsSync(join(root, 'dist', 'renderer', 'index.html'));
if (process.env.npm_command === 'exec' && built) process.exit(0);
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
