import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, inviteAndAccept, setupOwner, type Harness } from '../testing/harness';

let h: Harness;
const saved = process.env.MINDFRAME_MASTER_KEY;
afterEach(() => {
  h?.close();
  if (saved === undefined) delete process.env.MINDFRAME_MASTER_KEY;
  else process.env.MINDFRAME_MASTER_KEY = saved;
});

describe('secrets.status: where secrets are kept', () => {
  it('says the encrypted file with its key beside the data, to admins and owners only', async () => {
    delete process.env.MINDFRAME_MASTER_KEY;
    h = createHarness();
    const owner = await setupOwner(h.core);
    expect(await expectOk(h.core, 'secrets.status', {}, owner.call)).toEqual({
      store: 'file',
      keySource: 'file-beside-data',
    });
    const admin = await inviteAndAccept(h.core, owner, 'ada@acme.test', 'admin');
    expect(await expectOk(h.core, 'secrets.status', {}, admin.call)).toMatchObject({ store: 'file' });
    for (const role of ['operator', 'viewer'] as const) {
      const member = await inviteAndAccept(h.core, owner, `${role}@acme.test`, role);
      const refused = await h.core.dispatch('secrets.status', {}, member.call);
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const anonymous = await h.core.dispatch('secrets.status', {}, { transport: 'internal' });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('says the key comes from MINDFRAME_MASTER_KEY when it is set', async () => {
    process.env.MINDFRAME_MASTER_KEY = 'a master key kept by the service manager';
    h = createHarness();
    const owner = await setupOwner(h.core);
    expect(await expectOk(h.core, 'secrets.status', {}, owner.call)).toEqual({
      store: 'file',
      keySource: 'environment',
    });
  });
});
