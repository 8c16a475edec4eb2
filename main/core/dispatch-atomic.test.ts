import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, expectOk, setupOwner, type Harness } from './testing/harness';

let h: Harness;
afterEach(() => h?.close());

describe('a change and its audit entry', () => {
  it('are one: when the audit entry cannot be written, the change is not kept either', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    // the audit log refuses this one action, as a full or broken disk would
    const raw = new Database(h.core.databaseFile);
    raw.exec(
      "CREATE TRIGGER refuse_agent_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'agents.create' BEGIN SELECT RAISE(ABORT, 'no room'); END",
    );
    raw.close();
    const answer = await h.core.dispatch('agents.create', { name: 'Half-made' }, owner.call);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const agents = await expectOk(h.core, 'agents.list', {}, owner.call);
    expect(agents.agents.map((agent) => agent.name)).not.toContain('Half-made');
  });
});
