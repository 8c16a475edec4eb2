import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, setupAcme, stop, type Served } from './run-cli';

let dataDir: string;
let served: Served | undefined;
afterEach(async () => {
  if (served) await stop(served, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const password = 'correct horse battery staple';

async function login(url: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/api/call/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@acme.test', password }),
  });
  const body = (await response.json()) as { data: { csrfToken: string } };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.data.csrfToken };
}

describe('crash safety', () => {
  it('keeps every acknowledged write when the served process is killed with SIGKILL mid-write', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mindframe-crash-'));
    expect((await setupAcme(dataDir, password)).code).toBe(0);
    served = await serve(dataDir);
    const session = await login(served.url);
    const acknowledged: string[] = [];
    let sent = 0;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (;;) {
        const email = `w${writer}-${sent++}@acme.test`;
        try {
          const response = await fetch(`${served!.url}/api/call/users.invite`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: session.cookie,
              'x-csrf-token': session.csrf,
            },
            body: JSON.stringify({ email, role: 'viewer' }),
          });
          if (response.status === 200) acknowledged.push(email);
        } catch {
          return; // the server is gone
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await stop(served, 'SIGKILL');
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(20);

    const raw = new Database(join(dataDir, 'mindframe.sqlite'));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    served = await serve(dataDir);
    const again = await login(served.url);
    const list = await fetch(`${served.url}/api/call/users.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: again.cookie },
      body: '{}',
    });
    const emails = new Set(
      ((await list.json()) as { data: { members: { email: string }[] } }).data.members.map((m) => m.email),
    );
    const lost = acknowledged.filter((email) => !emails.has(email));
    expect(lost).toEqual([]);
    const verify = await fetch(`${served.url}/api/call/audit.verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: again.cookie },
      body: '{}',
    });
    expect(((await verify.json()) as { data: { ok: boolean } }).data.ok).toBe(true);
  });
});
