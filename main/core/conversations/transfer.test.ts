import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, type Harness } from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';
import { download, upload } from '../testing/transfer-test-kit';
import { tinyFlow } from '../testing/valid-inputs';

const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});

/** An organisation moved with its export: its website chat and its customers' conversations go along. */
describe('channels and conversations in a tenant export', () => {
  it('keep the publicId on another installation, get a fresh one beside the original', async () => {
    const one = createHarness();
    open.push(one);
    const t = await twoTenants(one.core);
    const agent = await expectOk(one.core, 'agents.create', { name: 'Gear advisor' }, t.alice.call);
    await expectOk(one.core, 'agents.saveVersion', { agentId: agent.id, flow: tinyFlow }, t.alice.call);
    await expectOk(one.core, 'agents.deploy', { agentId: agent.id }, t.alice.call);
    const channel = await expectOk(
      one.core,
      'channels.save',
      { agentId: agent.id, kind: 'web', name: 'Website chat', allowedOrigins: ['https://alpha.test'] },
      t.alice.call,
    );
    const chat = await one.core.publicDoor.send(channel.publicId, { text: 'Do you sell chains?' });
    if (!chat.ok) throw new Error(JSON.stringify(chat.error));
    const exported = await expectOk(one.core, 'tenants.export', {}, t.alice.call);
    const file = await download(one.core, t.alice.call, exported.exportId);

    // beside the original: the copy's chat gets a publicId of its own, the original's link still works
    const importId = await upload(one.core, t.platformAdmin.call, file);
    const copy = await expectOk(
      one.core,
      'tenants.import',
      { importId, name: 'Alpha Bikes (copy)' },
      t.platformAdmin.call,
    );
    await expectOk(one.core, 'tenants.switch', { tenantId: copy.tenant.id }, t.alice.call);
    const copied = (await expectOk(one.core, 'channels.list', {}, t.alice.call)).items;
    expect(copied.map((c) => c.name)).toEqual(['Website chat']);
    expect(copied[0]!.publicId).not.toBe(channel.publicId);
    const conversations = (await expectOk(one.core, 'conversations.list', {}, t.alice.call)).items;
    expect(conversations).toHaveLength(1);
    const thread = await expectOk(
      one.core,
      'conversations.get',
      { conversationId: conversations[0]!.id },
      t.alice.call,
    );
    expect(thread.messages.map((m) => m.text)).toEqual(['Do you sell chains?', 'Hello Do you sell chains?']);
    expect(one.core.publicDoor.channel(channel.publicId)?.settings.name).toBe('Website chat');

    // on a fresh installation the embed code keeps working: same publicId
    const two = createHarness();
    open.push(two);
    const u = await twoTenants(two.core);
    const moved = await upload(two.core, u.platformAdmin.call, file);
    const imported = await expectOk(
      two.core,
      'tenants.import',
      { importId: moved, name: 'Alpha Bikes' },
      u.platformAdmin.call,
    );
    await expectOk(two.core, 'tenants.switch', { tenantId: imported.tenant.id }, u.platformAdmin.call);
    const there = (await expectOk(two.core, 'channels.list', {}, u.platformAdmin.call)).items;
    expect(there.map((c) => c.publicId)).toEqual([channel.publicId]);
  }, 60_000);
});
