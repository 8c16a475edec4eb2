import { randomBytes } from 'node:crypto';
import { buildDemoInstallation, DemoFolderNotEmptyError } from '../core';
import { UsageError } from './args';
import type { CommandOptions } from './commands';
import { readPassword } from './password';

const text = (values: CommandOptions['values'], key: string): string | undefined =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined;

function whole(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} needs a whole number from ${min} to ${max}.`);
  return n;
}

/** A password people can read out to a prospect: four groups of letters and digits. */
function generatedPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** `mindframe demo`: a believable installation in an empty data folder, deterministic for a seed. */
export async function demoCommand({ dataDir, values, appRoot }: CommandOptions): Promise<number> {
  const seed = whole(text(values, 'seed'), 42, '--seed', 0, 2 ** 31 - 1);
  const days = whole(text(values, 'days'), 180, '--days', 30, 400);
  const password =
    values['password-stdin'] === true ? await readPassword('Demo owner password: ') : generatedPassword();
  if (password.length < 12) {
    console.error('The password needs at least 12 characters.');
    return 1;
  }
  const started = Date.now();
  try {
    const demo = await buildDemoInstallation({
      dataDir,
      seed,
      days,
      password,
      appRoot,
      onProgress: (step) =>
        process.stderr.write(`  ${((Date.now() - started) / 1000).toFixed(1)} s  ${step}\n`),
    });
    console.log(
      `Built the demo "${demo.organisation}" in ${dataDir} (seed ${seed}, ${days} days) in ${(demo.ms / 1000).toFixed(1)} s`,
    );
    console.log(`Sign in as ${demo.email}`);
    if (values['password-stdin'] !== true) console.log(`Password: ${password}`);
    console.log(
      `Made: ${Object.entries(demo.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `JSON ${JSON.stringify({ ms: demo.ms, seed, days, email: demo.email, counts: demo.counts })}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DemoFolderNotEmptyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
