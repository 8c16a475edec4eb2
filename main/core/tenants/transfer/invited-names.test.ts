import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, type Harness } from '../../testing/harness';
import { twoTenants } from '../../testing/tenants-fixture';
import { download, linesOf } from '../../testing/transfer-test-kit';

let h: Harness;
afterEach(() => h?.close());

describe('an export and members who have not joined', () => {
  it("carries what the inviter typed, never the account's own name, until the invitation is accepted", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    // Alice (owner of A) invites Bob, an account of B, under a name of her choosing
    await expectOk(
      h.core,
      'users.invite',
      { email: 'bob@beta.test', role: 'viewer', name: 'Guess' },
      t.alice.call,
    );
    const exported = await expectOk(h.core, 'tenants.export', {}, t.alice.call);
    const users = linesOf(await download(h.core, t.alice.call, exported.exportId))
      .filter((line) => line.t === 'users')
      .map((line) => line.r as { email: string; name: string });
    expect(users.find((u) => u.email === 'bob@beta.test')?.name).toBe('Guess');
    // Alice herself, who joined, is exported under her own name
    expect(users.find((u) => u.email === 'alice@alpha.test')?.name).toBe(t.alice.me.user.name);
  });
});
