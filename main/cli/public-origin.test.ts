import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binPath, runCli, stop, type Served } from './testing/run-cli';

// Where customers reach the public door, as the app learns it from `setup.status`: the listener of
// `serve --public-port`, the address a reverse proxy gives it (`--public-url`), or none.

let dataDir: string;
let served: Served | undefined;
afterEach(async () => {
  if (served) await stop(served);
  served = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `mindframe serve` with extra options; resolves once both listeners said where they are. */
function serve(args: string[], lines: RegExp[]): Promise<Served> {
  const child = spawn(process.execPath, [binPath, 'serve', '--data-dir', dataDir, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match && lines.every((line) => line.test(output))) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

async function publicOrigin(url: string): Promise<unknown> {
  const response = await fetch(`${url}/api/call/setup.status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json()) as { ok: boolean; data: { publicOrigin: unknown } };
  expect(body.ok).toBe(true);
  return body.data.publicOrigin;
}

describe('the public origin the app shows in embed codes and links', () => {
  it('is none without a public listener', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-origin-'));
    served = await serve([], []);
    expect(await publicOrigin(served.url)).toBeNull();
  });

  it("is the public listener's address, or the --public-url a proxy in front of it has", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-origin-'));
    const port = await freePort();
    served = await serve(['--public-port', String(port)], [/public door .* is on/]);
    expect(await publicOrigin(served.url)).toBe(`http://127.0.0.1:${port}`);
    await stop(served);

    const proxied = await freePort();
    served = await serve(
      ['--public-port', String(proxied), '--public-url', 'https://Chat.Sykkel.example/'],
      [/public door .* is on/],
    );
    expect(await publicOrigin(served.url)).toBe('https://chat.sykkel.example');
    // the public listener itself answers the widget's API, never the app's
    const door = await fetch(`http://127.0.0.1:${proxied}/api/call/setup.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(door.status).toBe(404);
  });

  it('refuses a --public-url without --public-port, or with a path', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-origin-'));
    const alone = await runCli(['serve', '--data-dir', dataDir, '--public-url', 'https://chat.example.com']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--public-url needs --public-port/);
    const withPath = await runCli([
      'serve',
      '--data-dir',
      dataDir,
      '--public-port',
      '8080',
      '--public-url',
      'https://chat.example.com/chat',
    ]);
    expect(withPath.code).toBe(2);
    expect(withPath.stderr).toMatch(/no path/);
  });
});
