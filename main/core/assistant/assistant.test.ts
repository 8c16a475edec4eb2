import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { languages, type Language } from '../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { IntentClassifier, readCorpus, type Corpus } from './classifier';
import { agentNamed, confidenceThreshold } from './service';

const repo = join(__dirname, '..', '..', '..');

let h: Harness;
afterEach(() => h?.close());

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[?!.,]/g, '')
    .trim();

describe('the corpora', () => {
  it('keep the held-out sets apart from training: no held-out sentence is trained on', () => {
    for (const language of languages) {
      const trained = new Set(Object.values(readCorpus(repo, language).intents).flat().map(normal));
      const heldOut = Object.values(readCorpus(repo, language, 'heldout').intents).flat();
      expect(heldOut.length).toBeGreaterThan(150);
      expect(heldOut.filter((sentence) => trained.has(normal(sentence)))).toEqual([]);
    }
  });

  it('give every intent at least 30 examples in every language, the same intents everywhere', () => {
    const intents = (corpus: Corpus) => Object.keys(corpus.intents).sort();
    const english = readCorpus(repo, 'en');
    for (const language of languages) {
      const corpus = readCorpus(repo, language);
      expect(intents(corpus)).toEqual(intents(english));
      for (const [intent, examples] of Object.entries(corpus.intents))
        expect(new Set(examples).size, `${language} ${intent}`).toBeGreaterThanOrEqual(30);
    }
    const file = JSON.parse(readFileSync(join(repo, 'assets/assistant/en.json'), 'utf8')) as Corpus;
    expect(Object.keys(file.intents)).toEqual(
      expect.arrayContaining([
        'product',
        'pricing',
        'support',
        'feature_request',
        'billing',
        'account',
        'general',
        'troubleshooting',
        'demo',
        'integration',
        'security',
        'custom_solution',
        'ops.health',
        'ops.backups',
        'ops.incidents',
        'ops.agents',
        'ops.runs',
        'ops.conversations',
        'ops.tickets',
        'handoff',
      ]),
    );
  });
});

describe('the classifier', () => {
  let classifier: IntentClassifier;
  beforeAll(async () => {
    classifier = await IntentClassifier.fromAssets(repo);
  }, 60_000);

  const examples: [Language, string, string][] = [
    ['en', 'Which incidents are open?', 'ops.incidents'],
    ['en', 'when did we last make a backup', 'ops.backups'],
    ['en', 'pause the bike agent', 'ops.agents.pause'],
    ['en', 'I want to talk to a person', 'handoff'],
    ['en', 'how much does the pro plan cost', 'pricing'],
    ['nl', 'Hoe gezond is het systeem?', 'ops.health'],
    ['nl', 'welke incidenten staan er nog open', 'ops.incidents'],
    ['nl', 'hoeveel tickets staan er open', 'ops.tickets'],
    ['nl', 'ik wil met een mens praten', 'handoff'],
    ['nl', 'mijn factuur klopt niet', 'billing'],
    ['nb', 'Når ble siste sikkerhetskopi tatt?', 'ops.backups'],
    ['nb', 'hvor mange samtaler gikk til en person i dag', 'ops.conversations'],
    ['nb', 'sett sykkelagenten på pause', 'ops.agents.pause'],
    ['nb', 'jeg vil snakke med et menneske', 'handoff'],
    ['nb', 'er dataene våre kryptert', 'security'],
  ];
  it.each(examples)('%s: "%s" is %s, confidently', async (language, text, intent) => {
    const result = await classifier.classify(language, text);
    expect(result.intent).toBe(intent);
    expect(result.confidence).toBeGreaterThanOrEqual(confidenceThreshold);
  });

  it('reaches 90% on every held-out set', async () => {
    for (const language of languages) {
      const heldOut = readCorpus(repo, language, 'heldout');
      let right = 0;
      let all = 0;
      for (const [intent, sentences] of Object.entries(heldOut.intents)) {
        for (const sentence of sentences) {
          all++;
          if ((await classifier.classify(language, sentence)).intent === intent) right++;
        }
      }
      expect(right / all, language).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('agentNamed', () => {
  const agents = [{ name: 'Bike repairs' }, { name: 'Fietsbot' }, { name: 'Sykkelverksted' }];
  it('finds the agent a sentence names, in any language, or none when unsure', () => {
    expect(agentNamed('pause the bike agent', agents)?.name).toBe('Bike repairs');
    expect(agentNamed('pauzeer de fietsbot', agents)?.name).toBe('Fietsbot');
    expect(agentNamed('sett sykkelverksted på pause', agents)?.name).toBe('Sykkelverksted');
    expect(agentNamed('pause the agent', agents)).toBeNull();
  });
});

async function liveAgent(owner: SignedIn, name: string): Promise<string> {
  const agent = await expectOk(h.core, 'agents.create', { name }, owner.call);
  await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
  return agent.id;
}

describe('assistant.ask', () => {
  it('answers the three questions of the issue with live figures in the asked language', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'backups.create', {}, owner.call);
    await expectOk(
      h.core,
      'incidents.create',
      { title: 'Webshop bot is slow', severity: 'SEV2' },
      owner.call,
    );
    h.clock.advance(5 * 60_000);

    const nl = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'Hoe gezond is het systeem?', language: 'nl' },
      owner.call,
    );
    expect(nl.intent).toBe('ops.health');
    expect(nl.language).toBe('nl');
    const { score } = (await expectOk(h.core, 'guardian.status', {}, owner.call)) as { score: number };
    expect(nl.facts?.score).toBe(score);
    expect(nl.reply).toMatch(new RegExp(`score is ${score} van 100`));
    expect(nl.message.key).toMatch(/^assistant\.health\./);

    const nb = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'Når ble siste sikkerhetskopi tatt?', language: 'nb' },
      owner.call,
    );
    expect(nb.intent).toBe('ops.backups');
    expect(nb.reply).toContain('Siste sikkerhetskopi ble tatt for 5 minutter siden.');
    expect(nb.facts?.count).toBe(1);

    const en = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'Which incidents are open?', language: 'en' },
      owner.call,
    );
    expect(en.intent).toBe('ops.incidents');
    expect(en.reply).toContain('1 incident is open.');
    expect(en.reply).toContain('(SEV2): Webshop bot is slow.');
    expect(en.confidence).toBeGreaterThanOrEqual(confidenceThreshold);
  });

  it("pins a conversation's language at its start, and starts in the user's own language", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    await expectOk(h.core, 'auth.setLanguage', { language: 'nb' }, owner.call);
    const first = await expectOk(h.core, 'assistant.ask', { text: 'hvilke hendelser er åpne' }, owner.call);
    expect(first.language).toBe('nb');
    expect(first.reply).toBe('Ingen hendelser er åpne.');
    // the UI switched to English meanwhile: the conversation stays Norwegian
    const next = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'hvor mange saker er åpne', conversationId: first.conversationId, language: 'en' },
      owner.call,
    );
    expect(next.language).toBe('nb');
    expect(next.reply).toBe('0 saker er åpne.');
    const history = await expectOk(h.core, 'assistant.history', {}, owner.call);
    expect(history.conversation?.id).toBe(first.conversationId);
    expect(history.turns.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('pauses an agent only after confirmation, as the user, audited as theirs', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const agentId = await liveAgent(owner, 'Bike repairs');
    await liveAgent(owner, 'Webshop');
    const operator = await inviteAndAccept(h.core, owner, 'oscar@acme.test', 'operator');

    const asked = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'pause the bike agent', language: 'en' },
      operator.call,
    );
    expect(asked.intent).toBe('ops.agents.pause');
    expect(asked.pendingAction).toMatchObject({ kind: 'agents.pause', agentId, state: 'pending' });
    expect(asked.reply).toBe('Shall I pause Bike repairs? It stops answering until it is resumed.');
    // nothing changed yet
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('active');

    const done = await expectOk(
      h.core,
      'assistant.confirm',
      { conversationId: asked.conversationId, actionId: asked.pendingAction!.id },
      operator.call,
    );
    expect(done.action.state).toBe('done');
    expect(done.reply).toContain('Bike repairs is paused');
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('paused');

    const { entries } = await expectOk(h.core, 'audit.list', {}, owner.call);
    const paused = entries.find((entry) => entry.action === 'agents.pause' && entry.targetId === agentId);
    expect(paused?.actorId).toBe(operator.me.user.id);

    // a second click does nothing twice
    const again = await expectOk(
      h.core,
      'assistant.confirm',
      { conversationId: asked.conversationId, actionId: asked.pendingAction!.id },
      operator.call,
    );
    expect(again.action.state).toBe('done');
    expect(again.message.key).toBe('assistant.confirm.already');
  });

  it('lets a viewer ask but not pause, said kindly; a cancelled action changes nothing', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const agentId = await liveAgent(owner, 'Bike repairs');
    const viewer = await inviteAndAccept(h.core, owner, 'vera@acme.test', 'viewer');
    const refused = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'pauzeer de bike agent', language: 'nl' },
      viewer.call,
    );
    expect(refused.intent).toBe('ops.agents.pause');
    expect(refused.pendingAction).toBeNull();
    expect(refused.reply).toBe(
      'Sorry, daarvoor heb je de rol Operator of hoger nodig. Een beheerder van je organisatie kan het voor je doen.',
    );
    // and what the viewer may not see, the assistant does not show them either
    const backups = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'when was the last backup', language: 'en' },
      viewer.call,
    );
    expect(backups.reply).toBe('Sorry, only the platform administrator can see that.');

    const asked = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'pause the bike agent', language: 'en' },
      owner.call,
    );
    const cancelled = await expectOk(
      h.core,
      'assistant.confirm',
      { conversationId: asked.conversationId, actionId: asked.pendingAction!.id, cancel: true },
      owner.call,
    );
    expect(cancelled.action.state).toBe('cancelled');
    expect((await expectOk(h.core, 'agents.get', { agentId }, owner.call)).agent.status).toBe('active');
    // another user cannot confirm someone else's action
    const foreign = await h.core.dispatch(
      'assistant.confirm',
      { conversationId: asked.conversationId, actionId: asked.pendingAction!.id },
      viewer.call,
    );
    expect(foreign.ok ? null : foreign.error.code).toBe('NOT_FOUND');
  });

  it('opens a platform support ticket with the conversation when asked for a person', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const operator = await inviteAndAccept(h.core, owner, 'oscar@acme.test', 'operator');
    const first = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'how many runs today', language: 'en' },
      operator.call,
    );
    const handed = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'I want to talk to a person', conversationId: first.conversationId },
      operator.call,
    );
    expect(handed.intent).toBe('handoff');
    expect(handed.ticketId).not.toBeNull();
    expect(handed.reply).toMatch(/as ticket #\d+/);
    const ticket = await expectOk(h.core, 'tickets.get', { ticketId: handed.ticketId! }, owner.call);
    expect(ticket.ticket.kind).toBe('platform');
    expect(ticket.ticket.customerMessage).toContain('how many runs today');
    expect(ticket.ticket.customerMessage).toContain('Today there have been 0 runs.');
    const { items } = await expectOk(h.core, 'tickets.list', { kind: 'platform' }, owner.call);
    expect(items.map((item) => item.id)).toContain(handed.ticketId);
    // asked again in the same conversation: the same ticket, no second one
    const again = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'let me talk to someone', conversationId: first.conversationId },
      operator.call,
    );
    expect(again.ticketId).toBe(handed.ticketId);
    const audit = await expectOk(h.core, 'audit.list', { action: 'assistant.handoff' }, owner.call);
    expect(audit.entries[0]?.actorId).toBe(operator.me.user.id);
  });

  it('answers a "how do I" question from the help center, with the page\'s own article first', async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const answer = await expectOk(
      h.core,
      'assistant.ask',
      { text: 'how do I make a backup', language: 'en', page: 'backups' },
      owner.call,
    );
    expect(answer.intent).toBe('support');
    const help = answer.links.filter((link) => link.kind === 'help');
    expect(help.length).toBeGreaterThan(0);
    expect(help.every((link) => link.route === `help/${link.id}`)).toBe(true);
    // the article of the page the user is on (Backups) comes first
    expect(help[0]?.id).toBe('backups');
    expect(answer.messages.map((said) => said.key)).toContain('assistant.help.found');
  });

  it("keeps each user's conversations to themselves", async () => {
    h = createHarness();
    const owner = await setupOwner(h.core);
    const viewer = await inviteAndAccept(h.core, owner, 'vera@acme.test', 'viewer');
    const mine = await expectOk(h.core, 'assistant.ask', { text: 'hello', language: 'en' }, owner.call);
    expect((await expectOk(h.core, 'assistant.conversations', {}, viewer.call)).conversations).toEqual([]);
    const theirs = await h.core.dispatch(
      'assistant.history',
      { conversationId: mine.conversationId },
      viewer.call,
    );
    expect(theirs.ok ? null : theirs.error.code).toBe('NOT_FOUND');
    const asked = await h.core.dispatch(
      'assistant.ask',
      { text: 'hello', conversationId: mine.conversationId },
      viewer.call,
    );
    expect(asked.ok ? null : asked.error.code).toBe('NOT_FOUND');
  });
});
