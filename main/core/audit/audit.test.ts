import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { chainHash } from './chain';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';

let h: Harness;
afterEach(() => h?.close());

async function ownerWithHistory(): Promise<SignedIn> {
  const owner = await setupOwner(h.core);
  for (const name of ['ann', 'ben', 'cat']) {
    await expectOk(h.core, 'users.invite', { email: `${name}@acme.test`, role: 'viewer' }, owner.call);
  }
  return owner;
}

/** A second connection to the same file, as someone with the sqlite3 shell would have. */
function byHand(sql: string): void {
  const raw = new Database(h.core.databaseFile);
  raw.exec(sql);
  raw.close();
}

describe('audit log', () => {
  it('verifies an untouched chain', async () => {
    h = createHarness();
    const owner = await ownerWithHistory();
    expect(await expectOk(h.core, 'audit.verify', {}, owner.call)).toEqual({
      ok: true,
      checked: 4,
      broken: null,
    });
  });

  it('refuses updates and deletes in the database itself', async () => {
    h = createHarness();
    await ownerWithHistory();
    expect(() => byHand("UPDATE audit_log SET action = 'x'")).toThrow(/append-only/);
    expect(() => byHand('DELETE FROM audit_log')).toThrow(/append-only/);
  });

  it('reports the row that was altered by hand', async () => {
    h = createHarness();
    const owner = await ownerWithHistory();
    const entries = (await expectOk(h.core, 'audit.list', {}, owner.call)).entries;
    const target = entries.find((e) => e.seq === 3)!;
    byHand(
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details = '{"email":"someone-else@acme.test","role":"owner"}' WHERE id = '${target.id}'`,
    );
    expect(await expectOk(h.core, 'audit.verify', {}, owner.call)).toEqual({
      ok: false,
      checked: 2,
      broken: { seq: 3, id: target.id, reason: 'altered' },
    });
  });

  it('catches a row rewritten with its own hash recomputed: the next row no longer links to it', async () => {
    h = createHarness();
    const owner = await ownerWithHistory();
    const raw = new Database(h.core.databaseFile);
    const row = raw.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<
      string,
      string | number | null
    >;
    const details = '{"email":"someone-else@acme.test","role":"owner"}';
    const hash = chainHash({
      tenantId: row.tenant_id as string,
      seq: row.seq as number,
      at: row.at as number,
      actorId: row.actor_id as string | null,
      actorName: row.actor_name as string,
      action: row.action as string,
      targetType: row.target_type as string | null,
      targetId: row.target_id as string | null,
      details,
      ip: row.ip as string | null,
      prevHash: row.prev_hash as string,
    });
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare('UPDATE audit_log SET details = ?, hash = ? WHERE id = ?').run(details, hash, row.id);
    raw.close();
    const next = (await expectOk(h.core, 'audit.list', {}, owner.call)).entries.find((e) => e.seq === 3)!;
    expect(await expectOk(h.core, 'audit.verify', {}, owner.call)).toEqual({
      ok: false,
      checked: 2,
      broken: { seq: 3, id: next.id, reason: 'reordered' },
    });
  });

  it('reports a row removed from the middle, and rows cut off the end', async () => {
    h = createHarness();
    const owner = await ownerWithHistory();
    byHand('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2');
    expect(await expectOk(h.core, 'audit.verify', {}, owner.call)).toMatchObject({
      ok: false,
      broken: { seq: 2, reason: 'missing' },
    });

    h.close();
    h = createHarness();
    const other = await ownerWithHistory();
    byHand('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4');
    expect(await expectOk(h.core, 'audit.verify', {}, other.call)).toMatchObject({
      ok: false,
      broken: { seq: 4, reason: 'truncated' },
    });
  });

  it('says when the append-only protection has been removed even if the rows are intact', async () => {
    h = createHarness();
    const owner = await ownerWithHistory();
    byHand('DROP TRIGGER audit_log_no_update');
    expect(await expectOk(h.core, 'audit.verify', {}, owner.call)).toMatchObject({
      ok: false,
      broken: { reason: 'unprotected' },
    });
  });

  it('never stores a password, and filters by text and action with paging', async () => {
    h = createHarness();
    const owner = await ownerWithHistory();
    const raw = new Database(h.core.databaseFile, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM audit_log').all());
    raw.close();
    expect(dump).not.toContain('correct horse battery staple');
    const ben = await expectOk(h.core, 'audit.list', { q: 'ben@' }, owner.call);
    expect(ben.entries.map((e) => e.details.email)).toEqual(['ben@acme.test']);
    const invites = await expectOk(h.core, 'audit.list', { action: 'users.', limit: 2 }, owner.call);
    expect(invites.entries).toHaveLength(2);
    expect(invites.nextBefore).toBe(3);
    const rest = await expectOk(
      h.core,
      'audit.list',
      { action: 'users.', limit: 2, before: invites.nextBefore! },
      owner.call,
    );
    expect(rest.entries.map((e) => e.details.email)).toEqual(['ann@acme.test']);
    expect(rest.nextBefore).toBeNull();
    const wildcard = await expectOk(h.core, 'audit.list', { q: '%' }, owner.call);
    expect(wildcard.entries).toHaveLength(0);
  });
});
