import { servicesOf } from '../../testing/services';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../index';
import { createHarness, expectOk, type Harness } from '../../testing/harness';
import { twoTenants } from '../../testing/tenants-fixture';
import { tinyFlow } from '../../testing/valid-inputs';

let h: Harness;
afterEach(() => h?.close());

describe('agent lists answered from the cache', () => {
  it('show every change at once, per tenant and filter, including writes by another connection', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const a = await expectOk(h.core, 'agents.create', { name: 'Alpha' }, t.alice.call);
    const names = async (call = t.alice.call, input: Record<string, unknown> = {}) =>
      (await expectOk(h.core, 'agents.list', input, call)).agents.map((agent) => agent.name).sort();

    expect(await names()).toEqual(['Alpha']);
    expect(await names()).toEqual(['Alpha']); // the cached answer
    expect(await names(t.bob.call)).toEqual([]); // another tenant, same filter: its own answer
    await expectOk(h.core, 'agents.create', { name: 'Beta' }, t.alice.call);
    expect(await names()).toEqual(['Alpha', 'Beta']);
    expect(await names(t.alice.call, { q: 'alp' })).toEqual(['Alpha']);

    await expectOk(h.core, 'agents.saveVersion', { agentId: a.id, flow: tinyFlow, note: '' }, t.alice.call);
    await expectOk(h.core, 'agents.deploy', { agentId: a.id }, t.alice.call);
    expect(await names(t.alice.call, { status: 'active' })).toEqual(['Alpha']);
    await expectOk(h.core, 'agents.pause', { agentId: a.id, paused: true }, t.alice.call);
    expect(await names(t.alice.call, { status: 'active' })).toEqual([]);

    // a write from another connection (another process, a restore tool) is seen too, though this
    // connection's own count of changes stays the same
    expect(await names()).toEqual(['Alpha', 'Beta']);
    const other = new Database(join(h.dataDir, databaseFileName));
    try {
      other.prepare('UPDATE agents SET name = ? WHERE id = ?').run('Renamed', a.id);
    } finally {
      other.close();
    }
    expect(await names()).toEqual(['Beta', 'Renamed']);
  });

  it('hands out frozen summaries, so no caller can change what the next one gets', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Alpha' }, t.alice.call);
    const first = await expectOk(h.core, 'agents.list', {}, t.alice.call);
    expect(() => {
      (first.agents[0] as { name: string }).name = 'Changed';
    }).toThrow(TypeError);
    expect(() => {
      (first.agents[0]!.budget as { maxTokens: number }).maxTokens = 1;
    }).toThrow(TypeError);
    first.agents.pop(); // the array itself is this call's own
    const second = await expectOk(h.core, 'agents.list', {}, t.alice.call);
    expect(second.agents.map((agent) => agent.name)).toEqual(['Alpha']);
  });

  it('does not keep what it read inside a transaction that rolled back', async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    await expectOk(h.core, 'agents.create', { name: 'Alpha' }, t.alice.call);
    const me = await expectOk(h.core, 'auth.me', {}, t.alice.call);
    const service = servicesOf(h.core).agents.records;
    const sqlite = servicesOf(h.core).sqlite;
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare('UPDATE agents SET name = ? WHERE tenant_id = ?').run('Ghost', me.tenant.id);
        expect(service.list(me.tenant.id, {}).map((agent) => agent.name)).toEqual(['Ghost']);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(service.list(me.tenant.id, {}).map((agent) => agent.name)).toEqual(['Alpha']);
  });
});
