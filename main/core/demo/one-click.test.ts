import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../index';
import type { MethodOutput } from '../../contract';
import { createHarness, expectOk, setupOwner, type Harness } from '../testing/harness';

let h: Harness;
afterEach(() => h?.close());

const firstRun: CallContext = { transport: 'http', ip: '127.0.0.1' };

async function waitForDemo(claim: string) {
  const seen: string[] = [];
  for (let i = 0; i < 600; i++) {
    const answer = await h.core.dispatch('demo.buildStatus', { claim }, firstRun);
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    const status = answer.data as MethodOutput<'demo.buildStatus'>;
    seen.push(status.step);
    if (status.state !== 'building') return { status, answer, seen };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the demo was not built in two minutes');
}

describe('demo.build (Explore a demo in one click)', () => {
  it('builds the demo into a new installation, tells its progress, signs the caller in as its owner and shows the password once', async () => {
    h = createHarness();
    const { claim } = await expectOk(h.core, 'demo.build', { days: 30 }, firstRun);
    // one build at a time
    const again = await h.core.dispatch('demo.build', { days: 30 }, firstRun);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'demo_building' } });
    // another window's claim is not this one
    const stranger = await h.core.dispatch('demo.buildStatus', { claim: `${claim}x` }, firstRun);
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'demo_claim_unknown' } });

    const { status, answer, seen } = await waitForDemo(claim);
    expect(status).toMatchObject({ state: 'ready', step: 'done', percent: 100, reason: null });
    expect(seen).toEqual(expect.arrayContaining(['conversations', 'restoring']));
    expect(status.email).toBe('ingrid@sykkelverksted-nord.no');
    expect(status.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(status.me?.tenant.name).toBe('Sykkelverksted Nord');
    if (!answer.ok || answer.sessionChange?.type !== 'set') throw new Error('not signed in');
    const call: CallContext = {
      transport: 'internal',
      sessionToken: answer.sessionChange.token,
      ip: '127.0.0.1',
    };

    // the installation is the demo now: set up, a demo, its agents and billing there
    expect(await expectOk(h.core, 'setup.status', {}, firstRun)).toMatchObject({
      needsSetup: false,
      demo: true,
    });
    const agents = await expectOk(h.core, 'agents.list', {}, call);
    expect(agents.agents.length).toBeGreaterThanOrEqual(5);
    // the running core sees the demo's billing, not what it had cached before the swap
    const subscription = await expectOk(h.core, 'billing.subscription', {}, call);
    expect(subscription).toMatchObject({ billingEnabled: true, currency: 'NOK', planKey: 'enterprise' });
    const audit = await expectOk(h.core, 'audit.list', {}, call);
    expect(audit.entries.map((e) => e.action)).toContain('demo.build');
    // the password works, and is not handed out a second time
    const login = await h.core.dispatch(
      'auth.login',
      { email: status.email, password: status.password },
      { transport: 'internal', ip: '127.0.0.1' },
    );
    expect(login.ok).toBe(true);
    const later = await expectOk(h.core, 'demo.buildStatus', { claim }, firstRun);
    expect(later).toMatchObject({ state: 'ready', me: null, email: null, password: null });
    // and the one-click build is over for this installation
    const refused = await h.core.dispatch('demo.build', {}, firstRun);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'already_set_up' } });
    // the demo resets like one built by `mindframe demo`
    const reset = await h.core.dispatch('demo.reset', {}, call);
    expect(reset).toMatchObject({ ok: true, data: { days: 30 } });
  }, 180_000);

  it('is refused once the installation has an owner, and nothing is built', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const refused = await h.core.dispatch('demo.build', {}, firstRun);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'already_set_up' } });
    expect(await expectOk(h.core, 'setup.status', {}, owner.call)).toMatchObject({ demo: false });
  });
});
