import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type ReceivedMail, type SmtpReceiver } from '../core/notify/testing/receivers';
import { binPath, callApi, login, runCli, setupAcme, stop, type Served } from './testing/run-cli';

// Links in e-mails point at the app: `serve --app-url`, else the listener's own address; a wildcard
// listener (0.0.0.0) without --app-url has no address to click, so the mail names the page instead.

const password = 'a long enough password 1';
let dataDir: string;
let served: Served | undefined;
let smtp: SmtpReceiver | undefined;
afterEach(async () => {
  if (served) await stop(served);
  served = undefined;
  await smtp?.close();
  smtp = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** `mindframe serve` with extra options; resolves once it said where it listens. */
function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [binPath, 'serve', '--data-dir', dataDir, '--port', '0', ...args], {
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

/** The owner sets up SMTP to a real local server over HTTP, then "forgot password" sends a mail there. */
async function resetMail(url: string): Promise<ReceivedMail> {
  const owner = await login(url, 'owner@acme.test', password);
  smtp ??= await startSmtp();
  const allowed = await callApi(url, owner, 'outbound.allow', { hostPort: `127.0.0.1:${smtp.port}` });
  expect(allowed.body.ok).toBe(true);
  const saved = await callApi(url, owner, 'notify.saveSmtp', {
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'Mindframe <noreply@acme.test>',
  });
  expect(saved.body).toMatchObject({ ok: true });
  const before = smtp.mails.length;
  const asked = await fetch(`${url}/api/call/auth.requestPasswordReset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@acme.test' }),
  });
  expect(((await asked.json()) as { ok: boolean }).ok).toBe(true);
  const deadline = Date.now() + 15_000;
  while (smtp.mails.length <= before) {
    if (Date.now() > deadline) throw new Error('no reset mail arrived');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return smtp.mails[smtp.mails.length - 1]!;
}

describe("the app's address in e-mails (serve)", () => {
  it("links to the listener's own address, or to --app-url, and to no address on a wildcard", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-app-origin-'));
    expect((await setupAcme(dataDir, password)).code).toBe(0);

    served = await serve([]);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const own = await resetMail(served.url);
    expect(own.text).toContain(`${served.url}/#/reset/`);
    expect(own.html).toContain(`href="${served.url}/#/reset/`);
    await stop(served);

    served = await serve(['--app-url', 'https://Mindframe.Sykkel.example/']);
    const proxied = await resetMail(served.url);
    expect(proxied.text).toContain('https://mindframe.sykkel.example/#/reset/');
    expect(proxied.text).not.toContain(served.url);
    await stop(served);

    served = await serve(['--host', '0.0.0.0', '--allow-network']);
    const wildcard = await resetMail(served.url);
    // the route is still there, with no address in front of it: the mail says which page to open
    expect(wildcard.text).toMatch(/#\/reset\/[A-Za-z0-9_-]{20,}/);
    expect(wildcard.text).not.toMatch(/https?:\/\/[^\s]*#\/reset\//);
  }, 60_000);

  it('refuses an --app-url that is no http(s) origin', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-app-origin-'));
    const withPath = await runCli([
      'serve',
      '--data-dir',
      dataDir,
      '--app-url',
      'https://app.example.com/mf',
    ]);
    expect(withPath.code).toBe(2);
    expect(withPath.stderr).toMatch(/--app-url needs an address like/);
    const ftp = await runCli(['serve', '--data-dir', dataDir, '--app-url', 'ftp://app.example.com']);
    expect(ftp.code).toBe(2);
  });
});
