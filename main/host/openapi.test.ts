import SwaggerParser from '@apidevtools/swagger-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKeyScopes } from '../contract';
import { createHarness, expectOk, type Harness } from '../core/testing/harness';
import { twoTenants } from '../core/testing/tenants-fixture';
import { tinyFlow } from '../core/testing/valid-inputs';
import { startHost, type RunningHost } from './server';

let h: Harness;
let host: RunningHost;
afterEach(async () => {
  await host?.close();
  h?.close();
});

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean }[];
        requestBody?: unknown;
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      }
    >
  >;
};

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, and every documented route answers as documented', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    const t = await twoTenants(h.core);
    const agent = await expectOk(h.core, 'agents.create', { name: 'Docs' }, t.alice.call);
    await expectOk(
      h.core,
      'agents.saveVersion',
      { agentId: agent.id, flow: tinyFlow, note: '' },
      t.alice.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, t.alice.call);
    const { secret } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'All', scopes: [...apiKeyScopes] },
      t.alice.call,
    );
    const run = await expectOk(
      h.core,
      'agents.run',
      { agentId: agent.id, input: { message: 'hi' }, wait: true },
      t.alice.call,
    );

    const response = await fetch(`${host.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as Doc;
    expect(document.openapi).toBe('3.1.0');
    // validate() dereferences in place, so give it a copy
    await SwaggerParser.validate(structuredClone(document) as never);
    const dereferenced = (await SwaggerParser.dereference(
      structuredClone(document) as never,
    )) as unknown as Doc;

    const sample: Record<string, string> = { id: agent.id };
    const bodies: Record<string, unknown> = {
      '/api/v1/agents/{id}/runs': { message: 'From the docs test', wait: true },
      '/api/v1/events': { type: 'docs.checked' },
      '/api/v1/insight/sigma': { defects: 6_210, units: 1_000_000, opportunitiesPerUnit: 1 },
      '/api/v1/insight/capability': { usl: 62, lsl: 38, mean: 53, sigma: 2 },
      '/api/v1/insight/control-chart': { values: [10, 12, 11, 13, 12], rules: 'nelson' },
      '/api/v1/insight/attribution': {
        touches: [{ channel: 'search', at: 1_000 }],
        conversion: { at: 2_000, value: 10 },
        model: 'linear',
      },
    };
    const queries: Record<string, string> = { '/api/v1/search': '?q=hello' };
    let called = 0;
    for (const [path, operations] of Object.entries(dereferenced.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const ids = path === '/api/v1/runs/{id}' ? { id: run.id } : sample;
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name]!) + (queries[path] ?? '');
        const body = bodies[path];
        const answer = await fetch(`${host.url}${url}`, {
          method: method.toUpperCase(),
          headers: {
            authorization: `Bearer ${secret}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const documented = operation.responses[String(answer.status)];
        expect(documented, `${method} ${path} answered ${answer.status}`).toBeDefined();
        const schema = documented!.content?.['application/json']?.schema;
        if (schema) {
          const json = await answer.json();
          const validator = z.fromJSONSchema(schema as never);
          const checked = validator.safeParse(json);
          expect(checked.success, `${method} ${path}: ${JSON.stringify(checked.error?.issues[0])}`).toBe(
            true,
          );
        }
        // the unauthenticated answer is documented too (health is public)
        if (path !== '/api/v1/health') {
          const anonymous = await fetch(`${host.url}${url}`, { method: method.toUpperCase() });
          expect(operation.responses[String(anonymous.status)], `${method} ${path} anonymous`).toBeDefined();
        }
        called += 1;
      }
    }
    expect(called).toBe(12);
  });

  it('documents the session cookie with its CSRF token as a second way in, and it works as documented', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    const t = await twoTenants(h.core);
    const agent = await expectOk(h.core, 'agents.create', { name: 'Docs' }, t.alice.call);
    await expectOk(
      h.core,
      'agents.saveVersion',
      { agentId: agent.id, flow: tinyFlow, note: '' },
      t.alice.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, t.alice.call);
    const document = (await (await fetch(`${host.url}/api/v1/openapi.json`)).json()) as Doc & {
      components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
    };
    expect(document.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'mf_session',
    });
    expect(document.components.securitySchemes.csrfToken).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-csrf-token',
    });
    const runs = document.paths['/api/v1/agents/{id}/runs']!.post as unknown as {
      security: Record<string, string[]>[];
      responses: Record<string, unknown>;
    };
    expect(runs.security).toEqual([{ apiKey: [] }, { session: [], csrfToken: [] }]);
    const list = document.paths['/api/v1/agents']!.get as unknown as { security: Record<string, string[]>[] };
    expect(list.security).toEqual([{ apiKey: [] }, { session: [] }]);

    const cookie = `mf_session=${t.alice.call.sessionToken}`;
    const { csrfToken } = await expectOk(h.core, 'auth.me', {}, t.alice.call);
    const url = `${host.url}/api/v1/agents/${agent.id}/runs`;
    const body = JSON.stringify({ message: 'From a session', wait: true });
    const withToken = await fetch(url, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body,
    });
    expect(withToken.status).toBe(200);
    expect(runs.responses['200']).toBeDefined();
    const withoutToken = await fetch(url, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body,
    });
    expect(withoutToken.status).toBe(403);
    expect(runs.responses['403']).toBeDefined();
    const listed = await fetch(`${host.url}/api/v1/agents`, { headers: { cookie } });
    expect(listed.status).toBe(200);
  });

  it('documents the refusal of a run of an agent that was never deployed', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    const t = await twoTenants(h.core);
    const agent = await expectOk(h.core, 'agents.create', { name: 'Draft' }, t.alice.call);
    const { secret } = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Runs', scopes: ['agents:run'] },
      t.alice.call,
    );
    const document = (await (await fetch(`${host.url}/api/v1/openapi.json`)).json()) as Doc;
    const answer = await fetch(`${host.url}/api/v1/agents/${agent.id}/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(document.paths['/api/v1/agents/{id}/runs']!.post!.responses['409']).toBeDefined();
  });

  it('serves interactive docs from local files with their own policy', async () => {
    h = createHarness();
    host = await startHost(h.core, { port: 0 });
    const page = await fetch(`${host.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js']) {
      const asset = await fetch(`${host.url}/api/docs/${file}`);
      expect(asset.status, file).toBe(200);
    }
    expect((await fetch(`${host.url}/api/docs/%2e%2e%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${host.url}/api/docs/package.json`)).status).toBe(404);
    // the rest of the app keeps the strict policy
    const other = await fetch(`${host.url}/api/v1/health`);
    expect(other.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });
});
