import { describe, expect, it } from 'vitest';
import { SentimentLexicons } from './sentiment';

const lexicons = new SentimentLexicons();

describe('sentiment from the lexicon of each language', () => {
  it.each([
    ['en', 'Thank you, that was really helpful!', 'positive'],
    ['en', 'This is terrible, my bike is still broken and nobody answers', 'negative'],
    ['en', 'I am not happy with the repair', 'negative'],
    ['en', 'What time do you open on Saturday?', 'neutral'],
    ['nl', 'Bedankt, heel fijn en super goed geholpen!', 'positive'],
    ['nl', 'Dit is echt slecht, ik ben boos', 'negative'],
    ['nl', 'niet goed', 'negative'],
    ['nl', 'Wat kost een onderhoudsbeurt?', 'neutral'],
    ['nb', 'Tusen takk, det var veldig bra!', 'positive'],
    ['nb', 'Dette er elendig, jeg er sint', 'negative'],
    ['nb', 'Hva koster en service?', 'neutral'],
  ] as const)('%s: "%s" is %s', async (language, text, expected) => {
    expect((await lexicons.analyze(text, language)).sentiment).toBe(expected);
  });

  it('scores on the lexicon scale: a stronger word weighs more', async () => {
    const mild = await lexicons.analyze('good', 'en');
    const strong = await lexicons.analyze('outstanding', 'en');
    expect(strong.score).toBeGreaterThan(mild.score);
    expect(mild.score).toBeGreaterThan(0);
  });
});
