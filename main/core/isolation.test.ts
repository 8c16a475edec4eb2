import { servicesOf } from './testing/services';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { methodNames, methods, type MethodName } from '../contract';
import { createHarness, expectOk, type Harness } from './testing/harness';
import { twoTenants, type TwoTenants } from './testing/tenants-fixture';
import { tinyFlow, validInputs } from './testing/valid-inputs';

let h: Harness;
afterEach(() => h?.close());

/** CAPABILITY: a token (an invitation) grants what it names to whoever holds it, and nothing else. */
type Expectation = 'NOT_FOUND' | 'FORBIDDEN' | 'NO_LEAK' | 'CAPABILITY';

/**
 * What tenant A's owner must get for each method when pointed at tenant B: a method that takes an
 * id of B answers NOT_FOUND (never FORBIDDEN: that would confirm B's id exists); any other method
 * must answer without a trace of B. Typed over every method: a new method fails to compile here
 * until it says how it is isolated.
 */
const isolation: { [M in MethodName]: Expectation } = {
  'setup.status': 'NO_LEAK',
  'demo.reset': 'NO_LEAK',
  'demo.build': 'NO_LEAK',
  'demo.buildStatus': 'NO_LEAK',
  'setup.createOwner': 'NO_LEAK',
  'setup.publicListener': 'FORBIDDEN',
  'setup.savePublicListener': 'FORBIDDEN',
  'brand.get': 'NO_LEAK',
  'brand.save': 'FORBIDDEN',
  'brand.reset': 'FORBIDDEN',
  'auth.login': 'NO_LEAK',
  'auth.acceptInvite': 'CAPABILITY',
  'auth.logout': 'NO_LEAK',
  'auth.me': 'NO_LEAK',
  'auth.setLanguage': 'NO_LEAK',
  'auth.logoutEverywhere': 'NO_LEAK',
  'auth.changePassword': 'NO_LEAK',
  'auth.updateProfile': 'NO_LEAK',
  'auth.resetAvailable': 'NO_LEAK',
  'auth.requestPasswordReset': 'NO_LEAK',
  'auth.resetPassword': 'NOT_FOUND',
  'tenants.list': 'FORBIDDEN',
  'tenants.create': 'FORBIDDEN',
  'tenants.switch': 'NOT_FOUND',
  'tenants.money': 'NO_LEAK',
  'tenants.setMoney': 'NO_LEAK',
  'tenants.rename': 'FORBIDDEN',
  'tenants.suspend': 'FORBIDDEN',
  'tenants.reactivate': 'FORBIDDEN',
  'tenants.delete': 'FORBIDDEN',
  'users.list': 'NO_LEAK',
  'users.invite': 'NO_LEAK',
  'users.setRole': 'NOT_FOUND',
  'users.disable': 'NOT_FOUND',
  'users.remove': 'NOT_FOUND',
  'users.issueResetLink': 'NOT_FOUND',
  'audit.list': 'NO_LEAK',
  'audit.verify': 'NO_LEAK',
  'health.summary': 'NO_LEAK',
  'templates.list': 'NO_LEAK',
  'templates.get': 'NO_LEAK',
  'templates.match': 'NO_LEAK',
  'agents.list': 'NO_LEAK',
  'agents.create': 'NO_LEAK',
  'agents.get': 'NOT_FOUND',
  'agents.updateSettings': 'NOT_FOUND',
  'agents.saveVersion': 'NOT_FOUND',
  'agents.versions': 'NOT_FOUND',
  'agents.version': 'NOT_FOUND',
  'agents.diff': 'NOT_FOUND',
  'agents.restoreVersion': 'NOT_FOUND',
  'agents.validate': 'NOT_FOUND',
  'agents.deploy': 'NOT_FOUND',
  'agents.pause': 'NOT_FOUND',
  'agents.run': 'NOT_FOUND',
  'agents.cancelRun': 'NOT_FOUND',
  'runs.list': 'NO_LEAK',
  'runs.get': 'NOT_FOUND',
  'runs.decide': 'NOT_FOUND',
  'runs.costs': 'NO_LEAK',
  'providers.list': 'NO_LEAK',
  'providers.save': 'NOT_FOUND',
  'providers.test': 'NOT_FOUND',
  'providers.delete': 'NOT_FOUND',
  'knowledge.add': 'NO_LEAK',
  'knowledge.list': 'NO_LEAK',
  'knowledge.search': 'NO_LEAK',
  'knowledge.delete': 'NOT_FOUND',
  'knowledge.get': 'NOT_FOUND',
  'knowledge.update': 'NOT_FOUND',
  'knowledge.restoreVersion': 'NOT_FOUND',
  'knowledge.import': 'NOT_FOUND',
  'knowledge.collections': 'NO_LEAK',
  'knowledge.createCollection': 'NO_LEAK',
  'knowledge.updateCollection': 'NOT_FOUND',
  'knowledge.deleteCollection': 'NOT_FOUND',
  'agents.knowledge': 'NOT_FOUND',
  'agents.setKnowledge': 'NOT_FOUND',
  'guardian.status': 'NO_LEAK',
  'guardian.history': 'NO_LEAK',
  'guardian.runChecks': 'NO_LEAK',
  'guardian.actions': 'NO_LEAK',
  'guardian.approve': 'NOT_FOUND',
  'guardian.reject': 'NOT_FOUND',
  'guardian.rollback': 'NOT_FOUND',
  'guardian.autonomy': 'NO_LEAK',
  'guardian.setAutonomy': 'NO_LEAK',
  'incidents.list': 'NO_LEAK',
  'incidents.get': 'NOT_FOUND',
  'incidents.create': 'NO_LEAK',
  'incidents.update': 'NOT_FOUND',
  'incidents.addNote': 'NOT_FOUND',
  'incidents.postmortem': 'NOT_FOUND',
  'incidents.escalation': 'NO_LEAK',
  'incidents.setEscalation': 'NO_LEAK',
  'notify.rules': 'NO_LEAK',
  'notify.saveRule': 'NOT_FOUND',
  'notify.deleteRule': 'NOT_FOUND',
  'notify.saveQuietHours': 'NO_LEAK',
  'notify.saveSmtp': 'NO_LEAK',
  'notify.test': 'NOT_FOUND',
  'notify.previewEmail': 'NO_LEAK',
  'logs.query': 'NO_LEAK',
  'errors.list': 'NO_LEAK',
  'backups.list': 'FORBIDDEN',
  'backups.create': 'FORBIDDEN',
  'backups.verify': 'FORBIDDEN',
  'backups.restore': 'FORBIDDEN',
  'backups.settings': 'FORBIDDEN',
  'backups.saveSettings': 'FORBIDDEN',
  'backups.previewRetention': 'FORBIDDEN',
  'backups.exportKey': 'FORBIDDEN',
  'tenants.export': 'NO_LEAK',
  'tenants.exportChunk': 'NOT_FOUND',
  'tenants.importChunk': 'FORBIDDEN',
  'tenants.import': 'FORBIDDEN',
  'security.events': 'NO_LEAK',
  // billing, the Stripe side: the platform admin's settings and customers; an owner's own Checkout, portal, invoices
  'billing.settings': 'FORBIDDEN',
  'billing.saveSettings': 'FORBIDDEN',
  'billing.syncPlans': 'FORBIDDEN',
  'billing.syncNow': 'FORBIDDEN',
  'billing.customers': 'FORBIDDEN',
  'billing.checkout': 'NO_LEAK',
  'billing.portal': 'NO_LEAK',
  'billing.cancel': 'NO_LEAK',
  'billing.invoices': 'NO_LEAK',
  // the plan side: the catalogue is the installation's; an organisation reads its own plan and usage only;
  // only the platform admin edits plans or assigns one (never a tenant itself)
  'billing.plans': 'NO_LEAK',
  'billing.savePlan': 'FORBIDDEN',
  'billing.archivePlan': 'FORBIDDEN',
  'billing.subscription': 'NO_LEAK',
  'billing.usage': 'NO_LEAK',
  'billing.planFit': 'NO_LEAK',
  'billing.assignPlan': 'FORBIDDEN',
  'security.settings': 'NO_LEAK',
  'security.saveSettings': 'NO_LEAK',
  'sessions.list': 'NOT_FOUND',
  'sessions.revoke': 'NOT_FOUND',
  'apiKeys.list': 'NO_LEAK',
  'apiKeys.create': 'NO_LEAK',
  'apiKeys.rotate': 'NOT_FOUND',
  'apiKeys.revoke': 'NOT_FOUND',
  'analytics.summary': 'NO_LEAK',
  'events.ingest': 'NO_LEAK',
  'auth.totpBegin': 'NO_LEAK',
  'auth.totpConfirm': 'NO_LEAK',
  'auth.totpDisable': 'NO_LEAK',
  'auth.recoveryCodes': 'NO_LEAK',
  'auth.twoFactorStatus': 'NO_LEAK',
  'users.resetTwoFactor': 'NOT_FOUND',
  'secrets.status': 'NO_LEAK',
  'outbound.allowList': 'FORBIDDEN',
  'outbound.allow': 'FORBIDDEN',
  'outbound.remove': 'FORBIDDEN',
  'channels.list': 'NO_LEAK',
  'channels.save': 'NOT_FOUND',
  'channels.delete': 'NOT_FOUND',
  'conversations.list': 'NO_LEAK',
  'conversations.get': 'NOT_FOUND',
  'conversations.setStatus': 'NOT_FOUND',
  'conversations.delete': 'NOT_FOUND',
  'conversations.export': 'NO_LEAK',
  'conversations.stats': 'NO_LEAK',
  'conversations.settings': 'NO_LEAK',
  'conversations.saveSettings': 'NO_LEAK',
  'tickets.list': 'NO_LEAK',
  'tickets.counts': 'NO_LEAK',
  'tickets.get': 'NOT_FOUND',
  // from B's conversation: not found in A
  'tickets.create': 'NOT_FOUND',
  'tickets.update': 'NOT_FOUND',
  'tickets.reply': 'NOT_FOUND',
  'tickets.note': 'NOT_FOUND',
  'tickets.handBack': 'NOT_FOUND',
  'tickets.sla': 'NO_LEAK',
  'tickets.saveSla': 'NO_LEAK',
  'profile.get': 'NO_LEAK',
  'profile.save': 'NO_LEAK',
  // the help center is the same for everyone; About names no organisation
  'help.list': 'NO_LEAK',
  'help.get': 'NO_LEAK',
  'help.about': 'NO_LEAK',
  // the assistant keeps each user's own conversations; its answers come through dispatch as the caller
  'assistant.ask': 'NO_LEAK',
  'assistant.confirm': 'NOT_FOUND',
  'assistant.history': 'NO_LEAK',
  'assistant.conversations': 'NO_LEAK',
  // global search answers from the caller's tenant only (the walk searches for B's agent by name)
  'search.query': 'NO_LEAK',
  'search.opened': 'NO_LEAK',
  // insight's calculations: arithmetic on the caller's input, no tenant data read or written
  'insight.sigma': 'NO_LEAK',
  'insight.capability': 'NO_LEAK',
  'insight.controlChart': 'NO_LEAK',
  'insight.attribution': 'NO_LEAK',
  'insight.forecast': 'NO_LEAK',
  // insight reads and writes the caller's tenant's events, rollups and search log only
  'insight.funnel': 'NO_LEAK',
  'insight.usage': 'NO_LEAK',
  'insight.conversations': 'NO_LEAK',
  'insight.searches': 'NO_LEAK',
  'insight.retention': 'NO_LEAK',
  'insight.eventNames': 'NO_LEAK',
  'insight.settings': 'NO_LEAK',
  'insight.saveSettings': 'NO_LEAK',
  'insight.importPreview': 'NO_LEAK',
  'insight.import': 'NO_LEAK',
  'insight.processes': 'NO_LEAK',
  // an id that is no process of the caller's organisation (B's are refused the same: quality.test.ts)
  'insight.process': 'NOT_FOUND',
  'insight.saveProcess': 'NO_LEAK',
  'insight.deleteProcess': 'NO_LEAK',
  'insight.importMeasurementsPreview': 'NO_LEAK',
  'insight.importMeasurements': 'NO_LEAK',
  // marketing: the caller's tenant's campaigns and events only
  'insight.campaigns': 'NO_LEAK',
  'insight.saveCampaign': 'NO_LEAK',
  'insight.deleteCampaign': 'NO_LEAK',
  'insight.marketing': 'NO_LEAK',
  // the installation's unit economics and own costs: platform admins only
  'insight.economics': 'FORBIDDEN',
  'insight.costs': 'FORBIDDEN',
  'insight.saveCost': 'FORBIDDEN',
  'insight.deleteCost': 'FORBIDDEN',
  // reports: the caller's tenant's dashboards and schedules only
  'insight.reportPdf': 'NO_LEAK',
  'insight.reports': 'NO_LEAK',
  'insight.saveReport': 'NO_LEAK',
  'insight.deleteReport': 'NO_LEAK',
  'insight.sendReportNow': 'NOT_FOUND',
  // onboarding reads and keeps the caller's organisation only (B's live agent and profile do not count)
  'onboarding.get': 'NO_LEAK',
  'onboarding.skip': 'NO_LEAK',
  'onboarding.confirm': 'NO_LEAK',
  'onboarding.resume': 'NO_LEAK',
  'onboarding.dismiss': 'NO_LEAK',
};

/**
 * NO_LEAK methods must also have run (answered ok), or the walk proves nothing about their scoping.
 * These answer a refusal on purpose, and the refusal is itself what is checked.
 */
const refusedByDesign: Partial<Record<MethodName, { code: string; why: string }>> = {
  'setup.createOwner': { code: 'CONFLICT', why: 'the installation is set up; it touches no tenant data' },
  'demo.reset': { code: 'CONFLICT', why: 'not a demo installation: nothing is restored, no tenant touched' },
  'demo.build': { code: 'CONFLICT', why: 'the installation is set up: no demo is built, no tenant touched' },
  'demo.buildStatus': { code: 'NOT_FOUND', why: 'no demo build is known for this claim' },
  'auth.changePassword': {
    code: 'VALIDATION',
    why: "the walk keeps Alice's password: a wrong current password is refused before anything changes",
  },
  'incidents.setEscalation': {
    code: 'VALIDATION',
    why: "B's member as an escalation contact of A is refused: that refusal is the scoping",
  },
  'insight.saveReport': {
    code: 'VALIDATION',
    why: "B's member as a recipient of A's report is refused: that refusal is the scoping",
  },
  'billing.checkout': {
    code: 'CONFLICT',
    why: 'billing is off in the walk: nothing is sold, no Stripe customer made',
  },
  'billing.portal': { code: 'CONFLICT', why: 'billing is off in the walk: no portal for anyone' },
  'billing.cancel': {
    code: 'CONFLICT',
    why: 'billing is off in the walk: there is no subscription to cancel',
  },
};

const alicePassword = 'another long password';
const codeFor = (key: string, now: number) =>
  new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, '')) }).generate({ timestamp: now });

/** Methods that end the caller's own session run last, on a fresh sign-in each. */
const endsSession = new Set<MethodName>(['auth.logout', 'auth.logoutEverywhere']);

function secretsOfB(t: TwoTenants, extra: string[]): string[] {
  return [
    t.tenantB,
    t.bob.me.user.id,
    t.bea.me.user.id,
    'bob@beta.test',
    'bea@beta.test',
    'Beta Bakery',
    ...extra,
  ];
}

describe('tenant isolation', () => {
  it("walks every contract method with tenant A's session against tenant B's ids", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    // B gets more data of its own: a pending invitation, an agent with versions and runs, a
    // provider, a knowledge document, and the audit entries of all that
    const pending = await expectOk(
      h.core,
      'users.invite',
      { email: 'pat@beta.test', role: 'operator' },
      t.bob.call,
    );
    const agent = await expectOk(h.core, 'agents.create', { name: 'Croissant concierge' }, t.bob.call);
    const saved = await expectOk(
      h.core,
      'agents.saveVersion',
      { agentId: agent.id, flow: tinyFlow, note: 'Beta note' },
      t.bob.call,
    );
    const run = await expectOk(
      h.core,
      'agents.run',
      { agentId: agent.id, input: { message: 'Beta secret' }, draft: tinyFlow, wait: true },
      t.bob.call,
    );
    // a local Ollama is refused until the platform admin allows it for the installation
    await expectOk(h.core, 'outbound.allow', { hostPort: '127.0.0.1:11434' }, t.platformAdmin.call);
    const provider = await expectOk(
      h.core,
      'providers.save',
      { kind: 'ollama', name: 'Beta Ollama', models: ['beta-model'] },
      t.bob.call,
    );
    const collection = await expectOk(
      h.core,
      'knowledge.createCollection',
      { name: 'Beta bakes' },
      t.bob.call,
    );
    const doc = await expectOk(
      h.core,
      'knowledge.add',
      { title: 'Croissant recipe', body: 'Butter, flour, patience.', collectionId: collection.id },
      t.bob.call,
    );
    // an earlier version of it, and B's agent answering from B's collection only
    await expectOk(
      h.core,
      'knowledge.update',
      {
        docId: doc.id,
        title: 'Croissant recipe',
        body: 'Butter, flour, patience, more butter.',
        collectionId: collection.id,
      },
      t.bob.call,
    );
    await expectOk(
      h.core,
      'agents.setKnowledge',
      { agentId: agent.id, collections: [collection.id] },
      t.bob.call,
    );
    const incident = await expectOk(
      h.core,
      'incidents.create',
      { title: 'Oven on fire', severity: 'SEV2' },
      t.bob.call,
    );
    const rule = await expectOk(
      h.core,
      'notify.saveRule',
      { name: 'Beta pager', events: ['incident.opened'], emails: ['pager@beta.test'] },
      t.bob.call,
    );
    const action = servicesOf(h.core).guardian.actions.create(
      t.tenantB,
      {
        strategy: 'pause_agent',
        mode: 'ask',
        target: { type: 'agent', id: agent.id, name: 'Croissant concierge' },
        plan: {
          summary: 'Pause Croissant concierge',
          steps: [],
          reason: 'Beta failing',
          messages: {
            summary: { key: 'guardian.plan.pause.summary', params: { agent: 'Croissant concierge' } },
            steps: [],
            reason: { key: 'legacy.text', params: { text: 'Beta failing' } },
          },
        },
        evidence: [],
        dedupeKey: 'probe',
        incidentId: null,
      },
      h.clock.now(),
    );
    const keyOfB = await expectOk(
      h.core,
      'apiKeys.create',
      { name: 'Beta bakery key', scopes: ['agents:read'] },
      t.bob.call,
    );
    servicesOf(h.core).security.record({
      kind: 'injection_pattern',
      tenantId: t.tenantB,
      ip: '203.0.113.99',
      details: { path: '/beta-probe' },
    });
    // a website chat of B's deployed agent, and a customer's conversation on it
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, t.bob.call);
    const channel = await expectOk(
      h.core,
      'channels.save',
      { agentId: agent.id, kind: 'web', name: 'Beta web chat', allowedOrigins: ['https://beta.test'] },
      t.bob.call,
    );
    const chat = await h.core.publicDoor.send(channel.publicId, { text: 'Beta customer secret' });
    if (!chat.ok) throw new Error(JSON.stringify(chat.error));
    // a ticket on that conversation (a person of B took it over)
    const ticket = await expectOk(
      h.core,
      'tickets.create',
      { subject: 'Beta ticket secret', conversationId: chat.data.conversationId, queue: 'beta-queue' },
      t.bob.call,
    );
    // B's business profile: what B's agents say about B
    await expectOk(
      h.core,
      'profile.save',
      { name: 'Beta Bakehouse', phone: '+47 99 88 77 66', bookingLink: 'https://beta-bakehouse.test/book' },
      t.bob.call,
    );
    const securityOfB = await expectOk(h.core, 'security.events', {}, t.bob.call);
    const sessionsOfB = await expectOk(h.core, 'sessions.list', {}, t.bob.call);
    const exportOfB = await expectOk(h.core, 'tenants.export', {}, t.bob.call);
    const auditOfB = await expectOk(h.core, 'audit.list', {}, t.bob.call);
    const forbiddenStrings = secretsOfB(t, [
      pending.member.userId,
      'pat@beta.test',
      ...auditOfB.entries.map((e) => e.id),
      agent.id,
      'Croissant concierge',
      saved.version.id,
      run.id,
      'Beta secret',
      provider.id,
      'Beta Ollama',
      doc.id,
      'Croissant recipe',
      collection.id,
      'Beta bakes',
      'more butter',
      incident.id,
      'Oven on fire',
      rule.id,
      'pager@beta.test',
      action.id,
      exportOfB.exportId,
      exportOfB.sha256,
      '203.0.113.99',
      '/beta-probe',
      ...securityOfB.events.map((e) => e.id),
      ...sessionsOfB.sessions.map((x) => x.id),
      keyOfB.key.id,
      'Beta bakery key',
      channel.id,
      channel.publicId,
      'Beta web chat',
      'https://beta.test',
      chat.data.conversationId,
      chat.data.visitorToken,
      'Beta customer secret',
      ticket.id,
      'Beta ticket secret',
      'beta-queue',
      'Beta Bakehouse',
      '99 88 77 66',
      'beta-bakehouse.test',
    ]);

    const inputs = validInputs({
      tenantId: t.tenantB,
      userId: t.bob.me.user.id,
      agentId: agent.id,
      versionId: saved.version.id,
      runId: run.id,
      providerId: provider.id,
      docId: doc.id,
      collectionId: collection.id,
      incidentId: incident.id,
      actionId: action.id,
      ruleId: rule.id,
      exportId: exportOfB.exportId,
      sessionId: sessionsOfB.sessions[0]!.id,
      apiKeyId: keyOfB.key.id,
      channelId: channel.id,
      conversationId: chat.data.conversationId,
      ticketId: ticket.id,
    });
    inputs['auth.acceptInvite'] = { token: pending.inviteToken, password: 'a long enough password' };
    // inputs that reach data for Alice herself (a refused call would exercise no scoping)
    inputs['auth.login'] = { email: 'alice@alpha.test', password: alicePassword };
    inputs['search.query'] = { q: 'Croissant concierge' };
    inputs['templates.get'] = {
      templateId: (await expectOk(h.core, 'templates.list', {}, t.alice.call)).templates[0]!.id,
    };
    let totpKey = '';
    const lateInput: Partial<Record<MethodName, () => unknown>> = {
      'auth.totpConfirm': () => ({ code: codeFor(totpKey, h.clock.now()) }),
      'auth.recoveryCodes': () => ({ password: alicePassword, code: codeFor(totpKey, h.clock.now()) }),
      'auth.totpDisable': () => ({ password: alicePassword, code: codeFor(totpKey, h.clock.now()) }),
    };

    // two-factor methods in the order a person uses them; methods that end the session last
    const rank = (m: MethodName) => (endsSession.has(m) ? 2 : m === 'auth.totpDisable' ? 1 : 0);
    const order = [...methodNames].sort((a, b) => rank(a) - rank(b));
    for (const method of order) {
      if (method === 'auth.recoveryCodes' || method === 'auth.totpDisable') h.clock.advance(30_000);
      const input = lateInput[method]?.() ?? inputs[method];
      const result = await h.core.dispatch(method, input, t.alice.call);
      if (method === 'auth.totpBegin' && result.ok)
        totpKey = (result.data as { manualKey: string }).manualKey;
      const expectation = isolation[method];
      if (expectation === 'NO_LEAK') {
        const refusal = refusedByDesign[method];
        if (refusal)
          expect(result, `${method}: ${refusal.why}`).toMatchObject({
            ok: false,
            error: { code: refusal.code },
          });
        else expect(result, `${method} must run for its scoping to be checked`).toMatchObject({ ok: true });
        const text = JSON.stringify(result);
        for (const secret of forbiddenStrings)
          expect(text, `${method} leaked ${secret}`).not.toContain(secret);
      } else if (expectation === 'CAPABILITY') {
        // whoever holds B's invitation token becomes that invitee in B, never Alice with B's data
        expect(result.ok).toBe(true);
        const me = result.ok ? (result.data as { user: { email: string } }) : null;
        expect(me?.user.email).toBe('pat@beta.test');
      } else {
        expect(result, method).toMatchObject({ ok: false, error: { code: expectation } });
      }
      if (methods[method].mutation && result.ok && result.sessionChange?.type === 'clear') {
        const again = await h.core.dispatch(
          'auth.login',
          { email: 'alice@alpha.test', password: 'another long password' },
          { transport: 'internal' },
        );
        if (again.ok && again.sessionChange?.type === 'set')
          t.alice.call.sessionToken = again.sessionChange.token;
      }
    }

    // B is untouched: Bob still owns it, Bea is still a viewer, and B's chain verifies
    const membersOfB = await expectOk(h.core, 'users.list', {}, t.bob.call);
    expect(membersOfB.members.find((m) => m.email === 'bob@beta.test')).toMatchObject({
      role: 'owner',
      status: 'active',
    });
    expect(membersOfB.members.find((m) => m.email === 'bea@beta.test')).toMatchObject({
      role: 'viewer',
      status: 'active',
    });
    expect(await expectOk(h.core, 'audit.verify', {}, t.bob.call)).toMatchObject({ ok: true });
    // B's channel and its customer's conversation are as they were
    const channelsOfB = await expectOk(h.core, 'channels.list', {}, t.bob.call);
    expect(channelsOfB.items.map((c) => [c.id, c.name, c.allowedOrigins])).toEqual([
      [channel.id, 'Beta web chat', ['https://beta.test']],
    ]);
    const thread = await expectOk(
      h.core,
      'conversations.get',
      { conversationId: chat.data.conversationId },
      t.bob.call,
    );
    expect(thread.conversation.status).toBe('open');
    expect(thread.messages.map((m) => m.text)).toEqual([
      'Beta customer secret',
      'Hello Beta customer secret',
    ]);
    // B's business profile is as B saved it
    const profileOfB = await expectOk(h.core, 'profile.get', {}, t.bob.call);
    expect(profileOfB.profile).toMatchObject({ name: 'Beta Bakehouse', phone: '+47 99 88 77 66' });
  });

  it("gives NOT_FOUND, not FORBIDDEN, for B's members even to A's viewer-level ids", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    for (const userId of [t.bob.me.user.id, t.bea.me.user.id]) {
      const setRole = await h.core.dispatch('users.setRole', { userId, role: 'viewer' }, t.alice.call);
      expect(setRole).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // a well-formed id that exists nowhere gets the very same answer
    const nowhere = await h.core.dispatch(
      'users.setRole',
      { userId: '01a20125-33c1-7000-8000-000000000000', role: 'viewer' },
      t.alice.call,
    );
    const ofB = await h.core.dispatch(
      'users.setRole',
      { userId: t.bob.me.user.id, role: 'viewer' },
      t.alice.call,
    );
    expect(nowhere).toEqual(ofB);
  });

  it("delivers tenant events only to that tenant's sessions", async () => {
    h = createHarness();
    const t = await twoTenants(h.core);
    const seenByAlice: string[] = [];
    const seenByBea: string[] = [];
    const seenByBob: string[] = [];
    h.core.events.subscribe(t.alice.token, (name, payload) =>
      seenByAlice.push(`${name}:${JSON.stringify(payload)}`),
    );
    h.core.events.subscribe(t.bea.token, (name, payload) =>
      seenByBea.push(`${name}:${JSON.stringify(payload)}`),
    );
    h.core.events.subscribe(t.bob.token, (name, payload) =>
      seenByBob.push(`${name}:${JSON.stringify(payload)}`),
    );
    const quinn = await expectOk(
      h.core,
      'users.invite',
      { email: 'quinn@beta.test', role: 'viewer' },
      t.bob.call,
    );
    expect(seenByBob.some((e) => e.startsWith('audit.appended') && e.includes('quinn@beta.test'))).toBe(true);
    // Bea, a viewer, hears that the team changed, not the audit trail
    expect(seenByBea.some((e) => e.startsWith('members.changed') && e.includes(quinn.member.userId))).toBe(
      true,
    );
    expect(seenByBea.some((e) => e.startsWith('audit.appended'))).toBe(false);
    expect(seenByAlice.join('\n')).not.toContain('quinn@beta.test');
    expect(seenByAlice.join('\n')).not.toContain(quinn.member.userId);
    servicesOf(h.core).health.publish();
    expect(seenByAlice.some((e) => e.startsWith('health.updated'))).toBe(true);
  });
});
