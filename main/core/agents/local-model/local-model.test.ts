import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../marketplace';
import type { ChatMessage, ChatRequest, IntentDefinition } from '../models/types';
import { classifyIntent, composeAnswer, LocalChatModel, localModelRef, parsePrompt, phrases } from '.';

const templates = loadTemplates(join(__dirname, '../../../../assets/templates'));

const bikeIntents: IntentDefinition[] = [
  {
    name: 'opening_hours',
    examples: [
      'When are you open?',
      'Are you open on Saturday?',
      'Wanneer zijn jullie open?',
      'Zijn jullie zaterdag open?',
      'Når har dere åpent?',
      'Har dere åpent på lørdag?',
    ],
  },
  {
    name: 'repairs',
    examples: [
      'My bike has a flat tyre',
      'Can you fix my brakes?',
      'Mijn fiets heeft een lekke band',
      'Kunnen jullie mijn remmen repareren?',
      'Sykkelen min har punktert',
      'Kan dere fikse bremsene mine?',
    ],
  },
  {
    name: 'booking',
    examples: [
      'I want to book an appointment',
      'Ik wil een afspraak maken',
      'Jeg vil bestille time',
      'Kan jeg booke en service?',
    ],
  },
];

const context = [
  'Opening hours',
  'We are open Monday to Friday from 08:30 to 18:00 and on Saturday from 09:00 to 17:00.',
  'On Sundays the shop is closed.',
  '',
  'Repair prices',
  'A standard service costs €79.',
  'Fixing a flat tyre costs €17.50 including a new inner tube.',
].join('\n');

function request(messages: ChatMessage[], extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: localModelRef.model,
    messages,
    temperature: 0.3,
    maxTokens: 512,
    signal: new AbortController().signal,
    ...extra,
  };
}

const ask = (question: string, ctx = context): ChatMessage[] => [
  { role: 'system', content: 'You are the assistant of a bike shop. Answer only from the context.' },
  { role: 'user', content: `Context:\n${ctx}\n\nQuestion:\n${question}` },
];

describe('classifyIntent', () => {
  it.each([
    ['What time do you open on Saturday?', 'opening_hours'],
    ['Hoe laat gaan jullie zaterdag open?', 'opening_hours'],
    ['Har dere åpent i dag?', 'opening_hours'],
    ['I have a flat tyre, can you fix it?', 'repairs'],
    ['Mijn remmen zijn kapot', 'repairs'],
    ['Kan jeg bestille time til fredag?', 'booking'],
    ['Ik wil graag een afspraak maken', 'booking'],
  ])('%s → %s', (text, intent) => {
    const result = classifyIntent(text, bikeIntents);
    expect(result.intent).toBe(intent);
    expect(result.confidence).toBeGreaterThan(0.4);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.scores[intent]).toBe(result.confidence);
  });

  it.each([
    'what is the meaning of life',
    'Wat is het weer morgen in Parijs?',
    'Hvem vant fotball-VM i 2010?',
    'asdf qwerty',
    '',
  ])('off-topic "%s" → null (fallback)', (text) => {
    const result = classifyIntent(text, bikeIntents);
    expect(result.intent).toBeNull();
    expect(result.confidence).toBeLessThan(0.4);
    expect(Object.keys(result.scores).sort()).toEqual(['booking', 'opening_hours', 'repairs']);
  });

  it('is deterministic and honours a custom threshold', () => {
    const a = classifyIntent('Mijn fiets heeft een lekke band', bikeIntents);
    const b = classifyIntent('Mijn fiets heeft een lekke band', bikeIntents);
    expect(a).toEqual(b);
    const paraphrase = classifyIntent('Mijn band is lek', bikeIntents, 'nl');
    expect(paraphrase.intent).toBe('repairs');
    expect(paraphrase.confidence).toBeLessThan(0.99);
    expect(classifyIntent('Mijn band is lek', bikeIntents, 'nl', { threshold: 0.99 }).intent).toBeNull();
  });

  it('copes with no intents and with intents without examples', () => {
    expect(classifyIntent('hello', [])).toEqual({ intent: null, confidence: 0, scores: {} });
    expect(classifyIntent('open', [{ name: 'empty', examples: [] }]).intent).toBeNull();
  });

  it('classifies every expectIntent turn of every shipped template', () => {
    const misses: string[] = [];
    let turns = 0;
    for (const template of templates) {
      const router = template.flow.nodes.find((node) => node.type === 'intent');
      if (!router || router.type !== 'intent') continue;
      for (const turn of template.testConversation) {
        if (!turn.expectIntent) continue;
        turns += 1;
        const result = classifyIntent(turn.user, router.data.intents);
        const got = result.intent ?? 'fallback';
        if (got !== turn.expectIntent)
          misses.push(`${template.id}: "${turn.user}" → ${got}, expected ${turn.expectIntent}`);
      }
    }
    expect(turns).toBeGreaterThanOrEqual(100);
    expect(misses).toEqual([]);
  });
});

describe('composeAnswer', () => {
  it('answers with the matching facts after a lead-in in the question’s language', () => {
    const en = composeAnswer(context, 'When are you open on Saturday?');
    expect(en.language).toBe('en');
    expect(en.text.startsWith(phrases.en.leadIn)).toBe(true);
    expect(en.text).toContain('09:00');
    expect(en.text).not.toContain('€79');

    const nl = composeAnswer(context, 'Wat kost een onderhoudsbeurt?');
    expect(nl.text.startsWith(phrases.nl.leadIn)).toBe(true);
    expect(nl.text).toContain('€79');

    const nb = composeAnswer(context, 'Hva koster det å fikse en punktering?');
    expect(nb.text.startsWith(phrases.nb.leadIn)).toBe(true);
    expect(nb.text).toContain('€17.50');
  });

  it('says honestly that it does not know, and invents nothing', () => {
    expect(composeAnswer(context, 'Do you sell helmets?').text).toBe(phrases.en.unknown);
    expect(composeAnswer('', 'Wanneer zijn jullie open?').text).toBe(phrases.nl.unknown);
    expect(composeAnswer(context, 'Selger dere hjelmer?').text).toBe(phrases.nb.unknown);
  });

  it('never uses a heading as a fact and says a fact kept in several languages once', () => {
    const multi = `${context}\n\nÅpningstider\nVi har åpent mandag til fredag fra 08:30 til 18:00 og lørdag fra 09:00 til 17:00.`;
    const answer = composeAnswer(multi, 'Når har dere åpent på lørdag?');
    expect(answer.sentences).toEqual([
      'Vi har åpent mandag til fredag fra 08:30 til 18:00 og lørdag fra 09:00 til 17:00.',
    ]);
    const english = composeAnswer(multi, 'What are your opening hours on Saturday?');
    expect(english.sentences.some((s) => s.startsWith('Vi har'))).toBe(false);
    expect(english.sentences).not.toContain('Opening hours');
  });
});

describe('parsePrompt', () => {
  it('finds context, topic and question by their markers, the question after the last marker', () => {
    const parsed = parsePrompt([
      { role: 'system', content: 'Be kind.' },
      {
        role: 'user',
        content:
          'Context:\nFAQ\nQuestion: Do you repair e-bikes?\nYes, all brands.\n\nTopic: repairs\n\nQuestion:\nRepareren jullie e-bikes?',
      },
    ]);
    expect(parsed.context).toContain('Question: Do you repair e-bikes?');
    expect(parsed.topic).toBe('repairs');
    expect(parsed.question).toBe('Repareren jullie e-bikes?');
  });

  it('takes the whole user message as the question when there are no markers', () => {
    const parsed = parsePrompt([{ role: 'user', content: 'Are you open?' }]);
    expect(parsed).toMatchObject({ question: 'Are you open?', context: '', reply: '' });
  });
});

describe('LocalChatModel', () => {
  const model = new LocalChatModel();

  it('answers from the context, streams word by word and estimates tokens', async () => {
    const deltas: string[] = [];
    const result = await model.complete(
      request(ask('How much is a standard service?'), { onDelta: (d) => deltas.push(d) }),
    );
    expect(result.text).toBe(`${phrases.en.leadIn} A standard service costs €79.`);
    expect(deltas.join('')).toBe(result.text);
    expect(deltas.length).toBeGreaterThan(3);
    expect(result).toMatchObject({ estimatedTokens: true, finishReason: 'stop', toolCalls: [] });
    expect(result.tokensOut).toBe(Math.ceil(result.text.length / 4));
    expect(result.tokensIn).toBeGreaterThan(result.tokensOut);
  });

  it('is deterministic whatever the temperature', async () => {
    const a = await model.complete(request(ask('Wanneer zijn jullie open?'), { temperature: 0 }));
    const b = await model.complete(request(ask('Wanneer zijn jullie open?'), { temperature: 2 }));
    expect(a.text).toBe(b.text);
    expect(a.text).toContain('08:30');
  });

  it('cuts the answer at maxTokens', async () => {
    const result = await model.complete(request(ask('When are you open?'), { maxTokens: 8 }));
    expect(result.finishReason).toBe('length');
    expect(result.tokensOut).toBeLessThanOrEqual(8);
    expect(result.text.length).toBeGreaterThan(0);
  });

  it('throws an AbortError when aborted before or during the answer', async () => {
    const before = new AbortController();
    before.abort();
    await expect(
      model.complete(request(ask('When are you open?'), { signal: before.signal })),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });

    const during = new AbortController();
    const deltas: string[] = [];
    const running = model.complete(
      request(ask('When are you open?'), {
        signal: during.signal,
        onDelta: (d) => {
          deltas.push(d);
          if (deltas.length === 3) during.abort();
        },
      }),
    );
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(deltas.length).toBeLessThan(10);
  });

  it('sends a fixed Reply in the question’s language', async () => {
    const reply = 'Reply:\nen: I will pass this on.\nnl: Ik geef dit door.\nnb: Jeg sender dette videre.';
    const ask = async (question: string): Promise<string> =>
      (await model.complete(request([{ role: 'user', content: `${reply}\n\nQuestion:\n${question}` }]))).text;
    expect(await ask('Can I talk to someone?')).toBe('I will pass this on.');
    expect(await ask('Kan ik iemand spreken?')).toBe('Ik geef dit door.');
    expect(await ask('Kan jeg snakke med noen?')).toBe('Jeg sender dette videre.');
  });

  it('asks for the search_knowledge tool when it has no context, then answers from its result', async () => {
    const tools = [{ name: 'search_knowledge', description: 'search', parameters: {} }];
    const messages: ChatMessage[] = [{ role: 'user', content: 'How much does a standard service cost?' }];
    const first = await model.complete(request(messages, { tools }));
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls).toHaveLength(1);
    expect(JSON.parse(first.toolCalls[0]?.arguments ?? '{}')).toEqual({
      query: 'How much does a standard service cost?',
    });

    const second = await model.complete(
      request(
        [
          ...messages,
          { role: 'assistant', content: '', toolCalls: first.toolCalls },
          {
            role: 'tool',
            toolCallId: first.toolCalls[0]?.id ?? '',
            content: JSON.stringify([{ title: 'Repair prices', text: 'A standard service costs €79.' }]),
          },
        ],
        { tools },
      ),
    );
    expect(second.toolCalls).toEqual([]);
    expect(second.text).toContain('€79');

    const withoutTools = await model.complete(request(messages));
    expect(withoutTools.text).toBe(phrases.en.unknown);
  });
});
