import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { runCommand, type CommandResult } from '../../core/testing/run-command';

export const binPath = join(__dirname, '..', '..', '..', 'bin', 'mindframe.cjs');

export type CliResult = CommandResult;

/** Runs the `mindframe` command as a user would, optionally writing to its stdin. */
export function runCli(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCommand(process.execPath, [binPath, ...args], {
    ...(stdin === undefined ? {} : { stdin }),
    spawn: { env },
  });
}

export interface Served {
  child: ChildProcess;
  url: string;
}

/** Starts `mindframe serve` on a free port and waits for the line that gives its URL. */
export function serve(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, [binPath, 'serve', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

export function stop(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (served.child.exitCode !== null || served.child.signalCode !== null) return resolve();
    served.child.once('exit', () => resolve());
    served.child.kill(signal);
  });
}

/** `mindframe setup` of the Acme organisation with owner@acme.test, the password given on stdin. */
export function setupAcme(dataDir: string, password: string): Promise<CliResult> {
  return runCli(
    ['setup', '--data-dir', dataDir, '--org', 'Acme', '--email', 'owner@acme.test'],
    `${password}\n`,
  );
}

export interface HttpSession {
  cookie: string;
  csrf: string;
}

/** Signs in over HTTP as a browser would: the session cookie and the CSRF token for later calls. */
export async function login(url: string, email: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${url}/api/call/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { ok: boolean; data?: { csrfToken: string } };
  if (!body.ok || !body.data) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.data.csrfToken };
}

export interface ApiAnswer {
  status: number;
  body: { ok: boolean; data?: unknown; error?: { code: string; message: string; reason?: string } };
}

/** `POST /api/call/<method>` with the session; throws only when the server cannot be reached. */
export async function callApi(
  url: string,
  session: HttpSession,
  method: string,
  input: unknown = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${url}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
}
