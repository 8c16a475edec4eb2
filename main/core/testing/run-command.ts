import { spawn, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';

export const mindframeBin = join(__dirname, '..', '..', '..', 'bin', 'mindframe.cjs');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command as a person would and collects what it printed; `stdin` is written and closed. The
 * session bus is cut off so the keychain is not tried (the encrypted-file store is used instead).
 */
export function runCommand(
  command: string,
  args: string[],
  options: { stdin?: string; spawn?: SpawnOptions } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...options.spawn,
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '', ...options.spawn?.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(options.stdin ?? '');
  });
}

/** `mindframe ARGS`. */
export const runMindframe = (args: string[], stdin?: string): Promise<CommandResult> =>
  runCommand(process.execPath, [mindframeBin, ...args], stdin === undefined ? {} : { stdin });
