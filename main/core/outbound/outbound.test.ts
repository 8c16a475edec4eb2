import { promises as dns } from 'node:dns';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../lib/outbound-guard';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { startSmtp, type SmtpReceiver } from '../notify/testing/receivers';

let h: Harness;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  h?.close();
  while (closers.length > 0) await closers.pop()!();
});

/** What a server on this machine would rather keep to itself. */
const secretBody = 'INTERNAL-ONLY: db password is hunter2';

interface Recorder {
  port: number;
  hits: string[];
  /** How the next answer goes. */
  mode: 'ok' | 'unauthorized' | 'error';
}

/** A real HTTP server on 127.0.0.1 that speaks enough OpenAI and records every request it gets. */
async function startRecorder(): Promise<Recorder> {
  const recorder: Recorder = { port: 0, hits: [], mode: 'ok' };
  const server: Server = createHttpServer((req, res) => {
    recorder.hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    req.resume();
    if (recorder.mode === 'unauthorized') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: secretBody, type: 'invalid_request_error' } }));
      return;
    }
    if (recorder.mode === 'error' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(secretBody);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'm',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: secretBody } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.port = (server.address() as AddressInfo).port;
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return recorder;
}

/** A TCP port on 127.0.0.1 that counts connections (an SMTP server the guard must not reach). */
async function startTcpCounter(): Promise<{ port: number; connections: number }> {
  const counter = { port: 0, connections: 0 };
  const server: TcpServer = createTcpServer((socket) => {
    counter.connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.port = (server.address() as AddressInfo).port;
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return counter;
}

async function smtpReceiver(credentials?: { user: string; password: string }): Promise<SmtpReceiver> {
  const receiver = await startSmtp(credentials);
  closers.push(() => receiver.close());
  return receiver;
}

async function installation(): Promise<{ platformAdmin: SignedIn; admin: SignedIn }> {
  h = createHarness();
  const platformAdmin = await setupOwner(h.core);
  const admin = await inviteAndAccept(h.core, platformAdmin, 'ada@acme.test', 'admin');
  return { platformAdmin, admin };
}

const blocked = (field: string) => ({
  ok: false,
  error: { code: 'VALIDATION', field, reason: 'blocked_address' },
});

describe('outbound requests to this machine and private networks', () => {
  it('a provider on 127.0.0.1 is refused in every spelling, and the server is never hit', async () => {
    const { admin } = await installation();
    const server = await startRecorder();
    const port = server.port;
    for (const host of [
      '127.0.0.1',
      '2130706433',
      '0177.0.0.1',
      '0x7f.1',
      '0x7f000001',
      '127.1',
      '127.0.0.1.',
      'localhost',
      'LOCALHOST.',
      'a@127.0.0.1',
      'api.openai.com@127.0.0.1',
      '[::ffff:127.0.0.1]',
      '[::1]',
      '0.0.0.0',
      '169.254.169.254',
      '10.0.0.8',
      '[fd00::8]',
    ]) {
      const saved = await h.core.dispatch(
        'providers.save',
        {
          kind: 'compatible',
          name: 'Sneaky',
          baseUrl: `http://${host}:${port}/v1`,
          apiKey: 'sk-tenant-key-123456',
          models: ['m'],
        },
        admin.call,
      );
      expect(saved, host).toMatchObject(blocked('baseUrl'));
    }
    // an Ollama at its default address is a local server too
    expect(
      await h.core.dispatch(
        'providers.save',
        { kind: 'ollama', name: 'Ollama', models: ['llama3.2'] },
        admin.call,
      ),
    ).toMatchObject(blocked('baseUrl'));
    expect(server.hits).toEqual([]);
  });

  it('only the platform admin allows a host:port, for the whole installation, audited; then the provider works', async () => {
    const { platformAdmin, admin } = await installation();
    const server = await startRecorder();
    const hostPort = `127.0.0.1:${server.port}`;
    const forbidden = await h.core.dispatch('outbound.allow', { hostPort }, admin.call);
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.core.dispatch('outbound.allowList', {}, admin.call)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const entry = await expectOk(
      h.core,
      'outbound.allow',
      { hostPort: `127.1:${server.port}` },
      platformAdmin.call,
    );
    expect(entry).toMatchObject({ hostPort, addedBy: 'Olivia Owner' });
    expect(await expectOk(h.core, 'outbound.allowList', {}, platformAdmin.call)).toEqual({
      entries: [entry],
    });

    const provider = await expectOk(
      h.core,
      'providers.save',
      {
        kind: 'compatible',
        name: 'Local',
        baseUrl: `http://${hostPort}/v1`,
        apiKey: 'sk-tenant-key-123456',
        models: ['m'],
      },
      admin.call,
    );
    const tested = await expectOk(h.core, 'providers.test', { providerId: provider.id }, admin.call);
    expect(tested.ok).toBe(true);
    expect(server.hits).toEqual(['POST /v1/chat/completions Bearer sk-tenant-key-123456']);
    // how fast it answered, never what it said
    expect(tested.message).toMatchObject({ key: 'providers.test.answered', params: { model: 'm' } });
    expect(JSON.stringify(tested)).not.toContain('INTERNAL');

    // what the server says on failure is not shown either: its status is
    server.mode = 'unauthorized';
    const refused = await expectOk(h.core, 'providers.test', { providerId: provider.id }, admin.call);
    expect(refused).toMatchObject({
      ok: false,
      message: { key: 'providers.error.http_status', params: { status: 401 } },
      text: 'Provider answered 401.',
    });
    const listed = await expectOk(h.core, 'providers.list', {}, admin.call);
    expect(JSON.stringify(listed)).not.toContain('INTERNAL');

    // the change is in the audit trail
    const { entries } = await expectOk(h.core, 'audit.list', { limit: 50 }, platformAdmin.call);
    expect(entries.map((e) => e.action)).toContain('outbound.allow');

    // removed: refused again at once, at use time, without touching the server
    server.hits.length = 0;
    await expectOk(h.core, 'outbound.remove', { hostPort }, platformAdmin.call);
    expect(await h.core.dispatch('providers.test', { providerId: provider.id }, admin.call)).toMatchObject(
      blocked('baseUrl'),
    );
    expect(server.hits).toEqual([]);
    const trail = await expectOk(h.core, 'audit.list', { limit: 50 }, platformAdmin.call);
    expect(trail.entries.find((e) => e.action === 'outbound.remove')?.details).toEqual({ hostPort });
  });

  it('a webhook to 127.0.0.1 is refused on save and on test and not hit, until it is allowed', async () => {
    const { platformAdmin, admin } = await installation();
    const server = await startRecorder();
    const url = `http://127.0.0.1:${server.port}/hook`;
    for (const to of [url, `http://2130706433:${server.port}/hook`, `http://0x7f.1:${server.port}/hook`])
      expect(await h.core.dispatch('notify.test', { channel: 'webhook', to }, admin.call), to).toMatchObject(
        blocked('to'),
      );
    expect(
      await h.core.dispatch(
        'notify.saveRule',
        { name: 'Hook', events: ['incident.opened'], webhookUrl: `http://127.1:${server.port}/hook` },
        admin.call,
      ),
    ).toMatchObject(blocked('webhookUrl'));
    expect(server.hits).toEqual([]);

    await expectOk(h.core, 'outbound.allow', { hostPort: `127.0.0.1:${server.port}` }, platformAdmin.call);
    server.mode = 'error';
    const answered = await expectOk(h.core, 'notify.test', { channel: 'webhook', to: url }, admin.call);
    // the status code, not the body
    expect(answered).toEqual({
      ok: false,
      message: { key: 'notify.webhook.answered', params: { status: 500 } },
      text: 'The server answered 500.',
    });
    expect(server.hits).toHaveLength(1);
  });

  it('an SMTP server on 127.0.0.1 is refused on save and at use, until it is allowed; its words are not repeated', async () => {
    const { platformAdmin, admin } = await installation();
    const counter = await startTcpCounter();
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '127.1', 'localhost', '::1', '0177.0.0.1'])
      expect(
        await h.core.dispatch(
          'notify.saveSmtp',
          { host, port: counter.port, from: 'alerts@acme.test' },
          admin.call,
        ),
        host,
      ).toMatchObject(blocked('host'));

    // saved while allowed, then taken off the list: the test mail is refused before any connection
    await expectOk(h.core, 'outbound.allow', { hostPort: `127.0.0.1:${counter.port}` }, platformAdmin.call);
    await expectOk(
      h.core,
      'notify.saveSmtp',
      { host: '127.0.0.1', port: counter.port, from: 'alerts@acme.test' },
      admin.call,
    );
    await expectOk(h.core, 'outbound.remove', { hostPort: `127.0.0.1:${counter.port}` }, platformAdmin.call);
    expect(
      await h.core.dispatch('notify.test', { channel: 'email', to: 'me@acme.test' }, admin.call),
    ).toMatchObject(blocked('host'));
    expect(counter.connections).toBe(0);

    // an allowed mail server works, and what it says on refusal stays out of the result
    const smtp = await smtpReceiver({ user: 'mailer', password: 'right-password' });
    await expectOk(h.core, 'outbound.allow', { hostPort: `127.0.0.1:${smtp.port}` }, platformAdmin.call);
    await expectOk(
      h.core,
      'notify.saveSmtp',
      {
        host: '127.0.0.1',
        port: smtp.port,
        user: 'mailer',
        password: 'wrong-password',
        from: 'alerts@acme.test',
      },
      admin.call,
    );
    const refused = await expectOk(
      h.core,
      'notify.test',
      { channel: 'email', to: 'me@acme.test' },
      admin.call,
    );
    expect(refused.ok).toBe(false);
    expect(refused.message).toEqual({ key: 'notify.smtp.auth' });
    expect(refused.text).toMatch(/refused the user name or password \(535\)/);
    expect(JSON.stringify(refused)).not.toMatch(/Invalid user name or password/);
    await expectOk(
      h.core,
      'notify.saveSmtp',
      {
        host: '127.0.0.1',
        port: smtp.port,
        user: 'mailer',
        password: 'right-password',
        from: 'alerts@acme.test',
      },
      admin.call,
    );
    expect(
      await expectOk(h.core, 'notify.test', { channel: 'email', to: 'me@acme.test' }, admin.call),
    ).toMatchObject({ ok: true });
    expect(smtp.mails).toHaveLength(1);
  });

  it('a host name that resolves to this machine is refused at use time (DNS is checked, not only the text)', async (ctx) => {
    const name = hostname();
    const addresses = await dns.lookup(name, { all: true }).catch(() => []);
    if (addresses.length === 0 || !addresses.every((a) => isPrivateAddress(a.address))) {
      ctx.skip();
      return;
    }
    const { admin } = await installation();
    const server = await startRecorder();
    // a name passes the save-time check (it cannot be told without DNS) ...
    const provider = await expectOk(
      h.core,
      'providers.save',
      { kind: 'compatible', name: 'By name', baseUrl: `http://${name}:${server.port}/v1`, models: ['m'] },
      admin.call,
    );
    // ... and is refused once resolved
    expect(await h.core.dispatch('providers.test', { providerId: provider.id }, admin.call)).toMatchObject(
      blocked('baseUrl'),
    );
    expect(
      await h.core.dispatch(
        'notify.test',
        { channel: 'webhook', to: `http://${name}:${server.port}/hook` },
        admin.call,
      ),
    ).toMatchObject(blocked('to'));
    expect(server.hits).toEqual([]);
  });

  it('refuses host:port entries that are not one', async () => {
    const { platformAdmin } = await installation();
    for (const hostPort of ['127.0.0.1', 'http://127.0.0.1:80', '127.0.0.1:0', '127.0.0.1:99999', 'a b:80'])
      expect(
        await h.core.dispatch('outbound.allow', { hostPort }, platformAdmin.call),
        hostPort,
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'hostPort' } });
    expect(
      await h.core.dispatch('outbound.remove', { hostPort: '127.0.0.1:5' }, platformAdmin.call),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
