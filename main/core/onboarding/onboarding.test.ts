import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OnboardingState } from '../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';

/**
 * Onboarding (issue 15): a step is done when the business really is that far, read from the domain
 * that owns the fact; skipping and resuming are kept per organisation; only admins change them.
 */

let h: Harness;
let owner: SignedIn;

beforeEach(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@shop.test');
});
afterEach(() => h.close());

const get = (who: SignedIn = owner) => expectOk(h.core, 'onboarding.get', {}, who.call);
const doneOf = (state: OnboardingState) =>
  Object.fromEntries(state.steps.map((step) => [step.step, step.done]));

describe('onboarding.get', () => {
  it('starts with nothing done, in the wizard order, the first step next', async () => {
    const state = await get();
    expect(state.steps.map((step) => step.step)).toEqual([
      'language',
      'profile',
      'answers',
      'agent',
      'channel',
      'backups',
      'team',
    ]);
    expect(state.steps.every((step) => !step.done && !step.skipped)).toBe(true);
    expect(state).toMatchObject({
      next: 'language',
      complete: false,
      dismissedAt: null,
      offlineModel: false,
    });
  });

  it('reads each step from the facts: profile, offline model, live agent, channel on, backup, second member', async () => {
    await expectOk(h.core, 'onboarding.confirm', { step: 'language' }, owner.call);

    // a name alone is not enough: customers need a way to reach the business
    await expectOk(h.core, 'profile.save', { name: 'Sykkelverksted Nord' }, owner.call);
    expect(doneOf(await get()).profile).toBe(false);
    await expectOk(
      h.core,
      'profile.save',
      { name: 'Sykkelverksted Nord', phone: '+47 55 00 11 22', bookingLink: 'https://sykkel.test/book' },
      owner.call,
    );
    expect(doneOf(await get()).profile).toBe(true);

    // a provider that was never tested does not answer anyone; the offline model chosen does
    await expectOk(
      h.core,
      'providers.save',
      { kind: 'openai', name: 'OpenAI', apiKey: 'sk-test', models: ['gpt-4o-mini'] },
      owner.call,
    );
    expect(doneOf(await get()).answers).toBe(false);
    const offline = await expectOk(h.core, 'onboarding.confirm', { step: 'answers' }, owner.call);
    expect(offline).toMatchObject({ offlineModel: true });
    expect(doneOf(offline).answers).toBe(true);

    // an agent made from a template is not live until it is deployed
    const agent = await expectOk(
      h.core,
      'agents.create',
      { templateId: 'bike-shop-repairs', language: 'en' },
      owner.call,
    );
    expect(doneOf(await get()).agent).toBe(false);
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
    expect(doneOf(await get()).agent).toBe(true);

    // a channel switched off reaches nobody
    const channel = await expectOk(
      h.core,
      'channels.save',
      { agentId: agent.id, kind: 'web', name: 'Website chat', enabled: false },
      owner.call,
    );
    expect(doneOf(await get()).channel).toBe(false);
    await expectOk(
      h.core,
      'channels.save',
      { id: channel.id, agentId: agent.id, kind: 'web', name: 'Website chat', enabled: true },
      owner.call,
    );
    expect(doneOf(await get()).channel).toBe(true);

    // a backup in the default folder (inside the data folder, on the same disk) is not yet safe
    await expectOk(h.core, 'backups.create', {}, owner.call);
    expect(doneOf(await get()).backups).toBe(false);
    const { settings } = await expectOk(h.core, 'backups.settings', {}, owner.call);
    const elsewhere = mkdtempSync(join(tmpdir(), 'mindframe-onboarding-backups-'));
    try {
      await expectOk(
        h.core,
        'backups.saveSettings',
        { ...settings, folder: elsewhere, schedule: { ...settings.schedule, enabled: false } },
        owner.call,
      );
      expect(doneOf(await get()).backups).toBe(false);
      await expectOk(h.core, 'backups.create', {}, owner.call);
      expect(doneOf(await get()).backups).toBe(true);

      await expectOk(h.core, 'users.invite', { email: 'mekaniker@shop.test', role: 'operator' }, owner.call);
      const all = await get();
      expect(all.steps.every((step) => step.done)).toBe(true);
      expect(all).toMatchObject({ next: null, complete: true });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('undeploying or pausing what made a step done undoes it (a fact, not a flag)', async () => {
    const agent = await expectOk(
      h.core,
      'agents.create',
      { templateId: 'bike-shop-repairs', language: 'en' },
      owner.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
    expect(doneOf(await get()).agent).toBe(true);
    await expectOk(h.core, 'agents.pause', { agentId: agent.id, paused: true }, owner.call);
    expect(doneOf(await get()).agent).toBe(false);
  });
});

describe('skip, resume, dismiss', () => {
  it('a skipped step is passed over; resume brings the wizard back to the first unfinished one', async () => {
    await expectOk(h.core, 'onboarding.confirm', { step: 'language' }, owner.call);
    expect((await get()).next).toBe('profile');
    await expectOk(h.core, 'onboarding.skip', { step: 'profile' }, owner.call);
    const skipped = await expectOk(h.core, 'onboarding.skip', { step: 'answers' }, owner.call);
    expect(skipped.next).toBe('agent');
    expect(skipped.steps.find((step) => step.step === 'profile')).toMatchObject({
      done: false,
      skipped: true,
    });
    expect(skipped.complete).toBe(false);

    // one step back
    const one = await expectOk(h.core, 'onboarding.resume', { step: 'answers' }, owner.call);
    expect(one.next).toBe('answers');
    expect(one.steps.find((step) => step.step === 'profile')?.skipped).toBe(true);
    // all of them
    const all = await expectOk(h.core, 'onboarding.resume', {}, owner.call);
    expect(all.next).toBe('profile');
    expect(all.steps.some((step) => step.skipped)).toBe(false);
  });

  it('a skipped step done later counts as done; skipping never makes a step done', async () => {
    await expectOk(h.core, 'onboarding.skip', { step: 'profile' }, owner.call);
    expect(doneOf(await get()).profile).toBe(false);
    await expectOk(
      h.core,
      'profile.save',
      { name: 'Sykkelverksted Nord', phone: '+47 55 00 11 22' },
      owner.call,
    );
    expect((await get()).steps.find((step) => step.step === 'profile')).toMatchObject({
      done: true,
      skipped: false,
    });
  });

  it('dismiss puts the checklist away for everyone in the organisation; resume brings it back', async () => {
    const dismissed = await expectOk(h.core, 'onboarding.dismiss', {}, owner.call);
    expect(dismissed.dismissedAt).toBe(h.clock.now());
    const admin = await inviteAndAccept(h.core, owner, 'adam@shop.test', 'admin');
    expect((await get(admin)).dismissedAt).toBe(h.clock.now());
    const back = await expectOk(h.core, 'onboarding.resume', {}, owner.call);
    expect(back.dismissedAt).toBeNull();
  });
});

describe('roles and organisations', () => {
  it('a viewer sees the steps but cannot skip, confirm, resume or dismiss; an admin can', async () => {
    const viewer = await inviteAndAccept(h.core, owner, 'vera@shop.test', 'viewer');
    const operator = await inviteAndAccept(h.core, owner, 'otto@shop.test', 'operator');
    const admin = await inviteAndAccept(h.core, owner, 'adam@shop.test', 'admin');
    // backups are the platform admin's: a tenant's admin does not see that step
    expect((await get(viewer)).steps.map((step) => step.step)).not.toContain('backups');
    for (const who of [viewer, operator]) {
      for (const [method, input] of [
        ['onboarding.skip', { step: 'team' }],
        ['onboarding.confirm', { step: 'answers' }],
        ['onboarding.resume', {}],
        ['onboarding.dismiss', {}],
      ] as const) {
        const answer = await h.core.dispatch(method, input, who.call);
        expect(answer, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect((await get()).steps.some((step) => step.skipped)).toBe(false);
    // (the team step is done here: three people were invited)
    await expectOk(h.core, 'onboarding.skip', { step: 'agent' }, admin.call);
    expect((await get(viewer)).steps.find((step) => step.step === 'agent')?.skipped).toBe(true);
  });

  it("one organisation's progress and facts are not another's", async () => {
    const other = await expectOk(h.core, 'tenants.create', { name: 'Bakeriet Sør' }, owner.call);
    // progress in the home organisation
    await expectOk(h.core, 'onboarding.confirm', { step: 'language' }, owner.call);
    await expectOk(h.core, 'onboarding.skip', { step: 'team' }, owner.call);
    await expectOk(h.core, 'onboarding.dismiss', {}, owner.call);
    await expectOk(
      h.core,
      'profile.save',
      { name: 'Sykkelverksted Nord', phone: '+47 55 00 11 22' },
      owner.call,
    );
    const agent = await expectOk(
      h.core,
      'agents.create',
      { templateId: 'bike-shop-repairs', language: 'en' },
      owner.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);

    await expectOk(h.core, 'tenants.switch', { tenantId: other.id }, owner.call);
    const there = await get();
    expect(there).toMatchObject({ next: 'language', dismissedAt: null, offlineModel: false });
    const done = doneOf(there);
    expect(done).toMatchObject({ language: false, profile: false, agent: false, team: false });
    expect(there.steps.some((step) => step.skipped)).toBe(false);
  });
});
