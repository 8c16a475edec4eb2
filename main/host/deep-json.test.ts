import { servicesOf } from '../core/testing/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyScopes } from '../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../core/testing/harness';
import { tinyFlow } from '../core/testing/valid-inputs';
import { startHost, type RunningHost } from './server';

/** JSON nested 20,000 levels: parses, then overflows the stack of whatever walks it next. */
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

let h: Harness;
let host: RunningHost;
let owner: SignedIn;
let key: string;
let agentId: string;
const errorsLogged: unknown[] = [];

beforeAll(async () => {
  h = createHarness();
  const { logger } = servicesOf(h.core);
  const logError = logger.error.bind(logger);
  logger.error = ((...args: unknown[]) => {
    errorsLogged.push(args);
    return (logError as (...a: unknown[]) => void)(...args);
  }) as typeof logger.error;
  host = await startHost(h.core, { port: 0, logger });
  owner = await setupOwner(h.core);
  const agent = await expectOk(h.core, 'agents.create', { name: 'Deep' }, owner.call);
  await expectOk(h.core, 'agents.saveVersion', { agentId: agent.id, flow: tinyFlow, note: '' }, owner.call);
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  agentId = agent.id;
  key = (await expectOk(h.core, 'apiKeys.create', { name: 'Deep', scopes: [...apiKeyScopes] }, owner.call))
    .secret;
});
afterAll(async () => {
  await host?.close();
  h?.close();
});

describe('deeply nested JSON', () => {
  it('is refused as VALIDATION (nesting limit) on the REST API and the app door, with nothing logged as an error', async () => {
    const body = `{"message":"hi","data":{"x":${deep(20_000)}}}`;
    const rest = await fetch(`${host.url}/api/v1/agents/${agentId}/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    expect(rest.status).toBe(400);
    expect(await rest.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', reason: 'nesting_limit' },
    });

    const call = await fetch(`${host.url}/api/call/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.url },
      body: `{"email":${deep(20_000)}}`,
    });
    expect(call.status).toBe(400);
    expect(await call.json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', reason: 'nesting_limit' },
    });
    expect(errorsLogged).toEqual([]);
  });

  it('is refused in a run input that reaches the core without the HTTP parser (desktop IPC)', async () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) value = [value];
    const answer = await h.core.dispatch(
      'agents.run',
      { agentId, input: { data: { x: value } } },
      owner.call,
    );
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'input.data', reason: 'nesting_limit' },
    });
    expect(errorsLogged).toEqual([]);
    // ordinary nesting still runs
    const fine = await h.core.dispatch(
      'agents.run',
      { agentId, input: { data: { a: { b: { c: [1, 2] } } } } },
      owner.call,
    );
    expect(fine.ok).toBe(true);
  });
});
