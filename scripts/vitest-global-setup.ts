import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Tests that run the `mindframe` command need the current CLI bundle (a fraction of a second). */
export default function setup(): void {
  execFileSync(process.execPath, [join(__dirname, 'build.mjs'), '--main'], { stdio: 'inherit' });
}
