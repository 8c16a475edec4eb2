import { servicesOf } from '../core/testing/services';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, type Harness } from '../core/testing/harness';
import { twoTenants, type TwoTenants } from '../core/testing/tenants-fixture';
import type { RateLimitConfig } from './rate-limit';
import { startHost, type RunningHost } from './server';

let h: Harness;
let host: RunningHost;
let logged: string[];
afterEach(async () => {
  await host?.close();
  h?.close();
});

const flow = {
  schemaVersion: 1,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { kind: 'chat' } },
    { id: 'reply', type: 'reply', position: { x: 0, y: 140 }, data: { text: 'Hello {{message}}' } },
  ],
  edges: [{ id: 'e1', source: 'trigger', target: 'reply' }],
};

async function start(rateLimits?: Partial<RateLimitConfig>): Promise<TwoTenants> {
  logged = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  h = createHarness({ logger: pino({ level: 'trace' }, sink) });
  host = await startHost(h.core, { port: 0, ...(rateLimits ? { rateLimits } : {}) });
  return twoTenants(h.core);
}

async function liveAgent(t: TwoTenants, who: 'alice' | 'bob', name: string): Promise<string> {
  const call = t[who].call;
  const agent = await expectOk(h.core, 'agents.create', { name }, call);
  await expectOk(h.core, 'agents.saveVersion', { agentId: agent.id, flow, note: 'v1' }, call);
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, call);
  return agent.id;
}

interface Answer {
  status: number;
  body: { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };
  headers: Headers;
}

async function rest(
  method: 'GET' | 'POST',
  path: string,
  key: string | null,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${host.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: response.status,
    body: (await response.json()) as Answer['body'],
    headers: response.headers,
  };
}

describe('API keys over the REST API v1', () => {
  it('lets a key do what its scopes allow in its own tenant, and nothing else', async () => {
    const t = await start();
    const agentA = await liveAgent(t, 'alice', 'Front desk');
    const agentB = await liveAgent(t, 'bob', 'Croissant concierge');
    const created = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Zapier', scopes: ['agents:run'] },
      t.alice.call,
    );
    const key = created.secret;
    expect(key).toMatch(/^mf_live_[0-9a-f]{32}_[A-Za-z0-9_-]+$/);

    const run = await rest('POST', `/api/v1/agents/${agentA}/runs`, key, { message: 'Open?', wait: true });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      ok: true,
      data: { status: 'succeeded', trigger: 'api', agentId: agentA },
    });

    const logs = await rest('GET', '/api/v1/logs', key);
    expect(logs.status).toBe(403);
    expect(logs.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await rest('GET', '/api/v1/agents', key)).status).toBe(403);

    const other = await rest('POST', `/api/v1/agents/${agentB}/runs`, key, { message: 'hi' });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect((await rest('GET', '/api/v1/agents', null)).status).toBe(401);
    expect((await rest('GET', '/api/v1/agents', 'mf_live_nonsense')).status).toBe(401);
    const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await rest('POST', `/api/v1/agents/${agentA}/runs`, wrongSecret, {})).status).toBe(401);

    // last used time and IP are kept
    const listed = await expectOk(h.core, 'apiKeys.list', {}, t.alice.call);
    expect(listed.keys[0]).toMatchObject({ id: created.key.id, lastUsedIp: '127.0.0.1' });
    expect(listed.keys[0]!.lastUsedAt).toEqual(expect.any(Number));

    await expectOk(h.core, 'apiKeys.revoke', { keyId: created.key.id }, t.alice.call);
    const revoked = await rest('POST', `/api/v1/agents/${agentA}/runs`, key, { message: 'again' });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error!.message).toMatch(/revoked/);
    expect(logged.join('')).toContain('revoked_key_used');
  });

  it('answers every route of a key with all scopes', async () => {
    const t = await start();
    const agentA = await liveAgent(t, 'alice', 'Front desk');
    await expectOk(
      h.core,
      'knowledge.add',
      { title: 'Opening hours', body: 'We open at nine.' },
      t.alice.call,
    );
    const { secret: key } = await expectOk(
      h.core,
      'apiKeys.create',
      {
        name: 'All',
        scopes: [
          'agents:run',
          'agents:read',
          'runs:read',
          'analytics:read',
          'events:write',
          'logs:read',
          'search:read',
        ],
      },
      t.alice.call,
    );
    const agents = await rest('GET', '/api/v1/agents', key);
    expect(agents.status).toBe(200);
    expect(agents.body.data!.agents).toEqual([expect.objectContaining({ id: agentA })]);
    const run = await rest('POST', `/api/v1/agents/${agentA}/runs`, key, { message: 'x', wait: true });
    const runId = run.body.data!.id as string;
    const got = await rest('GET', `/api/v1/runs/${runId}`, key);
    expect(got.status).toBe(200);
    expect(got.body.data!.run).toMatchObject({ id: runId, status: 'succeeded' });
    const search = await rest('GET', '/api/v1/search?q=nine', key);
    expect(search.status).toBe(200);
    expect(search.body.data!.hits).toEqual([expect.objectContaining({ title: 'Opening hours' })]);
    const summary = await rest('GET', '/api/v1/analytics/summary', key);
    expect(summary.status).toBe(200);
    expect(summary.body.data).toMatchObject({ runs: { total: 1, succeeded: 1 } });
    const event = await rest('POST', '/api/v1/events', key, { type: 'order.created', data: { total: 12 } });
    expect(event.status).toBe(201);
    expect(event.body.data).toMatchObject({ type: 'order.created', id: expect.any(String) });
    const bad = await rest('POST', '/api/v1/events', key, { type: '!!' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'type' } });
    const logs = await rest('GET', '/api/v1/logs?limit=50', key);
    expect(logs.status).toBe(200);
    expect(Array.isArray(logs.body.data!.lines)).toBe(true);
    const unknownParam = await rest('GET', '/api/v1/agents?evil=1', key);
    expect(unknownParam.status).toBe(400);
    expect((await rest('GET', '/api/v1/runs/not-an-id', key)).status).toBe(400);
    expect((await rest('GET', '/api/v1/runs/01a20125-33c1-7000-8000-000000000000', key)).status).toBe(404);
  });

  it('answers 429 with Retry-After when a key bursts past its limit', async () => {
    const t = await start();
    const { secret: key } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Slow', scopes: ['agents:read'], rateLimitPerMinute: 12 },
      t.alice.call,
    );
    const answers = await Promise.all(Array.from({ length: 10 }, () => rest('GET', '/api/v1/agents', key)));
    const statuses = answers.map((a) => a.status);
    // 12 a minute with a burst of half a minute's worth: 6 at once, then one every 5 s
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(logged.join('')).toContain('rate_limited');
    // another key is not affected
    const { secret: other } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Other', scopes: ['agents:read'] },
      t.alice.call,
    );
    expect((await rest('GET', '/api/v1/agents', other)).status).toBe(200);
  });

  it('limits unauthenticated callers per IP', async () => {
    await start({ perIpPerMinute: 6, burstFraction: 0.5 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => rest('GET', '/api/v1/health', null)));
    expect(answers.map((a) => a.status).filter((s) => s === 429).length).toBe(3);
    expect(answers.find((a) => a.status === 429)!.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('keeps a rotated key working for the grace period, and an expired key out', async () => {
    const t = await start();
    const agentA = await liveAgent(t, 'alice', 'Front desk');
    const first = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'CRM', scopes: ['agents:read'], expiresInDays: 30 },
      t.alice.call,
    );
    const rotated = await expectOk(
      h.core,
      'apiKeys.rotate',
      { keyId: first.key.id, graceHours: 2 },
      t.alice.call,
    );
    expect(rotated.secret).not.toBe(first.secret);
    expect(rotated.previous).toMatchObject({ status: 'grace', replacedBy: rotated.key.id });
    expect(rotated.key.expiresAt).toBe(first.key.expiresAt);
    expect((await rest('GET', '/api/v1/agents', first.secret)).status).toBe(200);
    expect((await rest('GET', '/api/v1/agents', rotated.secret)).status).toBe(200);
    // rotating a rotated key is refused; the replacement is what rotates
    const again = await h.core.dispatch('apiKeys.rotate', { keyId: first.key.id }, t.alice.call);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // grace is at most a week
    const tooLong = await h.core.dispatch(
      'apiKeys.rotate',
      { keyId: rotated.key.id, graceHours: 7 * 24 + 1 },
      t.alice.call,
    );
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'graceHours' } });
    h.clock.advance(2 * 60 * 60 * 1000 + 1);
    const old = await rest('GET', '/api/v1/agents', first.secret);
    expect(old.status).toBe(401);
    expect(old.body.error!.message).toMatch(/expired/);
    expect((await rest('GET', '/api/v1/agents', rotated.secret)).status).toBe(200);
    h.clock.advance(30 * 24 * 60 * 60 * 1000);
    expect((await rest('GET', '/api/v1/agents', rotated.secret)).status).toBe(401);
    expect(
      servicesOf(h.core)
        .apiKeys.list(t.tenantA)
        .map((k) => k.status),
    ).toEqual(['expired', 'expired']);
    void agentA;
  });

  it('never stores, logs or audits the secret', async () => {
    const t = await start();
    const created = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Leaky?', scopes: ['agents:read'] },
      t.alice.call,
    );
    const rotated = await expectOk(h.core, 'apiKeys.rotate', { keyId: created.key.id }, t.alice.call);
    await rest('GET', '/api/v1/agents', created.secret);
    await rest('GET', '/api/v1/agents', rotated.secret);
    await rest('GET', '/api/v1/agents', `${rotated.secret}x`);
    await expectOk(h.core, 'apiKeys.revoke', { keyId: rotated.key.id }, t.alice.call);
    await rest('GET', '/api/v1/agents', rotated.secret);
    const secrets = [created.secret, rotated.secret].map((s) => s.split('_').slice(3).join('_'));
    servicesOf(h.core).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const files = readdirSync(h.dataDir).filter((f) => f.endsWith('.db') || f.includes('-wal'));
    expect(files.length).toBeGreaterThan(0);
    const audit = await expectOk(h.core, 'audit.list', {}, t.alice.call);
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['apiKeys.create', 'apiKeys.rotate', 'apiKeys.revoke']),
    );
    const haystacks = [
      ...files.map((f) => readFileSync(join(h.dataDir, f)).toString('latin1')),
      logged.join('\n'),
      JSON.stringify(audit),
      JSON.stringify(await expectOk(h.core, 'apiKeys.list', {}, t.alice.call)),
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(20);
      for (const haystack of haystacks) expect(haystack).not.toContain(secret);
    }
  });

  it('is for admins only', async () => {
    const t = await start();
    const denied = await h.core.dispatch(
      'apiKeys.create',
      { name: 'x', scopes: ['agents:read'] },
      t.bea.call,
    );
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.core.dispatch('apiKeys.list', {}, t.bea.call)).toMatchObject({ ok: false });
  });
});
