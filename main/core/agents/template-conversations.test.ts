import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../contract';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';
import { expectedPhrase, sampleBusinessFor } from './marketplace/testing/sample-business';

let h: Harness;
let owner: SignedIn;
beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core);
});
afterAll(() => h?.close());

/**
 * Every marketplace template, deployed from the marketplace as a user would after filling in the
 * business profile (its knowledge goes into the tenant's knowledge base with the business's details
 * written in), holds its test conversation on the real runtime with the
 * offline model: the intent it routes to and the facts its replies must carry.
 */
describe('marketplace templates on the offline model', () => {
  it('each template deploys in one click and passes its test conversation', async () => {
    const { templates } = await expectOk(h.core, 'templates.list', {}, owner.call);
    expect(templates.length).toBeGreaterThanOrEqual(24);
    let turns = 0;
    for (const summary of templates) {
      // a tenant of its own, as a business would have: its knowledge base holds this template's documents only
      const tenant = await expectOk(h.core, 'tenants.create', { name: `Shop for ${summary.id}` }, owner.call);
      await expectOk(h.core, 'tenants.switch', { tenantId: tenant.id }, owner.call);
      // the business fills in its own details first: the template answers with them
      await expectOk(h.core, 'profile.save', sampleBusinessFor(summary.id), owner.call);
      const { testConversation } = await expectOk(
        h.core,
        'templates.get',
        { templateId: summary.id },
        owner.call,
      );
      const agent = await expectOk(
        h.core,
        'agents.create',
        { templateId: summary.id, language: 'en' },
        owner.call,
      );
      await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
      for (const turn of testConversation) {
        turns++;
        const run = (await expectOk(
          h.core,
          'agents.run',
          { agentId: agent.id, input: { message: turn.user }, wait: true },
          owner.call,
        )) as RunSummary;
        const where = `${summary.id}: "${turn.user}"`;
        expect(run.status, `${where} ${run.error ?? ''}`).toMatch(/^(succeeded|waiting|handed_over)$/);
        const { steps } = await expectOk(h.core, 'runs.get', { runId: run.id }, owner.call);
        if (turn.expectIntent) {
          const intent = steps.find((s) => s.nodeType === 'intent');
          expect((intent?.output as { name?: string } | undefined)?.name, where).toBe(turn.expectIntent);
        }
        const replies = run.replies.join('\n').toLowerCase();
        expect(replies, where).not.toContain('{{');
        for (const phrase of turn.expectReplyContains)
          expect(replies, where).toContain(expectedPhrase(phrase, summary.id, turn.language).toLowerCase());
        if (run.status === 'waiting')
          await expectOk(h.core, 'agents.cancelRun', { runId: run.id }, owner.call);
      }
    }
    expect(turns).toBeGreaterThanOrEqual(templates.length * 3);
    const popular = await expectOk(h.core, 'templates.list', {}, owner.call);
    // usage counts add up over every tenant of the installation
    expect(popular.templates.every((t) => t.usageCount === 1)).toBe(true);
  }, 120_000);
});
