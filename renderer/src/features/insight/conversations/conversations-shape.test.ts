import { describe, expect, it } from 'vitest';
import {
  conversationsListPath,
  filteredView,
  daysWithPrevious,
  filterRows,
  groupBy,
  ratingShare,
  sumFigures,
  valuesOf,
  type ChannelLanguageRow,
} from './conversations-shape';

const row = (
  channel: string,
  language: string,
  conversations: number,
  handoffs: number,
  firstResponses = 0,
  firstResponseSeconds: number | null = null,
  ratingsUp = 0,
  ratingsDown = 0,
): ChannelLanguageRow => ({
  channel,
  language,
  conversations,
  handoffs,
  containment: null,
  handoffRate: null,
  firstResponses,
  firstResponseSeconds,
  ratingsUp,
  ratingsDown,
});

const rows = [
  row('web', 'nb', 80, 20, 20, 60, 10, 2),
  row('web', 'en', 10, 5, 5, 300, 1, 1),
  row('email', 'nb', 10, 5, 0, null, 0, 3),
];

describe('the conversations view’s figures', () => {
  it('filters the channel-and-language rows by channel and language ("" is any)', () => {
    expect(filterRows(rows, { channel: 'web', language: '' })).toHaveLength(2);
    expect(filterRows(rows, { channel: '', language: 'nb' })).toHaveLength(2);
    expect(filterRows(rows, { channel: 'email', language: 'en' })).toEqual([]);
    expect(filterRows(rows, { channel: '', language: '' })).toHaveLength(3);
  });

  it('adds figures up as the core does: rates from sums, response time weighted by responses', () => {
    const total = sumFigures(rows);
    expect(total.conversations).toBe(100);
    expect(total.handoffs).toBe(30);
    expect(total.containment).toBeCloseTo(0.7);
    expect(total.handoffRate).toBeCloseTo(0.3);
    // (20 × 60 s + 5 × 300 s) ÷ 25 = 108 s
    expect(total.firstResponseSeconds).toBeCloseTo(108);
    expect(total.ratingsUp).toBe(11);
    expect(total.ratingsDown).toBe(6);
    expect(sumFigures([])).toMatchObject({ conversations: 0, containment: null, firstResponseSeconds: null });
  });

  it('groups by channel or by language, most conversations first', () => {
    const byChannel = groupBy(rows, 'channel');
    expect(byChannel.map((g) => [g.key, g.conversations, g.handoffs])).toEqual([
      ['web', 90, 25],
      ['email', 10, 5],
    ]);
    expect(groupBy(rows, 'language').map((g) => g.key)).toEqual(['nb', 'en']);
    expect(valuesOf(rows, 'language')).toEqual(['en', 'nb']);
  });

  it('says the share of thumbs up, none without ratings', () => {
    expect(ratingShare({ ratingsUp: 3, ratingsDown: 1 })).toBe(0.75);
    expect(ratingShare({ ratingsUp: 0, ratingsDown: 0 })).toBeNull();
  });

  it('puts the previous period’s conversations beside each day', () => {
    const days = [
      { day: 1, conversations: 3, handoffs: 1, positive: 1, neutral: 1, negative: 0 },
      { day: 2, conversations: 4, handoffs: 0, positive: 0, neutral: 0, negative: 0 },
    ];
    expect(daysWithPrevious(days, [{ conversations: 5 }]).map((d) => d.previousConversations)).toEqual([
      5, 0,
    ]);
    expect(daysWithPrevious(days, undefined)[0]?.previousConversations).toBeNull();
  });

  it('links to the conversations list filtered', () => {
    expect(conversationsListPath({})).toBe('#/conversations');
    expect(
      conversationsListPath({ channel: 'ch_1', language: 'nb', from: '2026-12-01', to: '2026-12-01' }),
    ).toBe('#/conversations?channel=ch_1&language=nb&from=2026-12-01&to=2026-12-01');
    // a click on "E-mail": every e-mail channel
    expect(conversationsListPath({ kind: 'email', language: 'nb' })).toBe(
      '#/conversations?kind=email&language=nb',
    );
  });
});

describe('the figures under the filters', () => {
  const totals = { ...sumFigures(rows), ratingsUp: 11, ratingsDown: 6 };
  const byChannel = [
    { ...sumFigures(rows.slice(0, 2)), channel: 'web', ratingsUp: 11, ratingsDown: 3 },
    { ...sumFigures(rows.slice(2)), channel: 'email', ratingsUp: 0, ratingsDown: 3 },
  ];
  const byLanguage = [
    { ...sumFigures([rows[0]!, rows[2]!]), language: 'nb', ratingsUp: 10, ratingsDown: 5 },
    { ...sumFigures([rows[1]!]), language: 'en', ratingsUp: 1, ratingsDown: 1 },
  ];
  // the core's pairs carry no ratings
  const pairs = rows.map((r) => ({ ...r, ratingsUp: 0, ratingsDown: 0 }));
  const data = { totals, byChannel, byLanguage, byChannelLanguage: pairs };

  it('without filters shows the core’s own figures and tables, ratings included', () => {
    const view = filteredView(data, { channel: '', language: '' });
    expect(view.totals.ratingsUp).toBe(11);
    expect(view.byChannel.map((r) => [r.key, r.ratingsUp])).toEqual([
      ['web', 11],
      ['email', 0],
    ]);
    expect(view.byLanguage.map((r) => [r.key, r.ratingsDown])).toEqual([
      ['nb', 5],
      ['en', 1],
    ]);
  });

  it('by channel: that channel’s figures with its ratings, its languages from the pairs without ratings', () => {
    const view = filteredView(data, { channel: 'web', language: '' });
    expect(view.totals).toMatchObject({ conversations: 90, handoffs: 25, ratingsUp: 11, ratingsDown: 3 });
    expect(view.byChannel.map((r) => r.key)).toEqual(['web']);
    expect(view.byLanguage.map((r) => [r.key, r.conversations, r.ratingsUp])).toEqual([
      ['nb', 80, null],
      ['en', 10, null],
    ]);
  });

  it('by channel and language: the pair’s figures, ratings unknown rather than a false zero', () => {
    const view = filteredView(data, { channel: 'web', language: 'en' });
    expect(view.totals).toMatchObject({ conversations: 10, handoffs: 5, ratingsUp: null, ratingsDown: null });
    expect(ratingShare(view.totals)).toBeNull();
  });
});
