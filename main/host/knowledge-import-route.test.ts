import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ownerPassword, type Harness } from '../core/testing/harness';
import { startHost, type RunningHost } from './server';

/**
 * A knowledge import carries its file base64 in the call: the app door takes up to a 10 MB file for
 * that one method (every other call keeps the 1 MiB limit), and says `file_too_large` beyond it.
 */
let h: Harness;
let host: RunningHost;
let session: { cookie: string; csrf: string };

async function call(method: string, input: unknown) {
  const response = await fetch(`${host.url}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  h = createHarness();
  host = await startHost(h.core, { port: 0 });
  const response = await fetch(`${host.url}/api/call/setup.createOwner`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      orgName: 'Acme',
      name: 'Olivia',
      email: 'owner@acme.test',
      password: ownerPassword,
    }),
  });
  const body = (await response.json()) as { data: { csrfToken: string } };
  session = { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.data.csrfToken };
});
afterAll(async () => {
  await host?.close();
  h?.close();
});

describe('knowledge.import over HTTP', () => {
  it('takes a PDF larger than the 1 MiB of other calls, and refuses a file over 10 MB with its reason', async () => {
    // the fixture, padded past 1 MiB with a PDF comment after its end (still the same PDF)
    const pdf = Buffer.concat([
      readFileSync(join(__dirname, '../core/agents/knowledge/fixtures/warranty.pdf')),
      Buffer.from(`\n%${'x'.repeat(2 * 1024 * 1024)}\n`),
    ]);
    const ok = await call('knowledge.import', {
      file: { name: 'warranty.pdf', data: pdf.toString('base64') },
    });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, data: { kind: 'pdf' } } });

    const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 0x61).toString('base64');
    const refused = await call('knowledge.import', { file: { name: 'big.csv', data: big } });
    expect(refused).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'VALIDATION', reason: 'file_too_large', params: { maxMb: 10 } } },
    });

    // other calls keep the small limit
    const other = await call('knowledge.add', { title: 'x', body: 'y'.repeat(1_100_000) });
    expect(other).toMatchObject({ status: 400, body: { ok: false, error: { reason: 'request_too_large' } } });
  });
});
