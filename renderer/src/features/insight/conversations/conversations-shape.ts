/** Shapes insight.conversations for the Conversations view (pure; tested in conversations-shape.test.ts). */

export interface Figures {
  conversations: number;
  handoffs: number;
  containment: number | null;
  handoffRate: number | null;
  firstResponseSeconds: number | null;
  firstResponses: number;
  ratingsUp: number;
  ratingsDown: number;
}

export type ChannelLanguageRow = Figures & { channel: string; language: string };

export interface ConversationFilter {
  /** '' is every channel. */
  channel: string;
  /** '' is every language. */
  language: string;
}

/** The rows of the chosen channel and language ('' matches all). */
export function filterRows(
  rows: readonly ChannelLanguageRow[],
  filter: ConversationFilter,
): ChannelLanguageRow[] {
  return rows.filter(
    (row) =>
      (!filter.channel || row.channel === filter.channel) &&
      (!filter.language || row.language === filter.language),
  );
}

/**
 * Adds figures up the way the core does: containment and hand-off rate from the sums of
 * conversations and hand-offs, the first response time weighted by the number of first responses.
 */
export function sumFigures(rows: readonly Figures[]): Figures {
  let conversations = 0;
  let handoffs = 0;
  let firstResponses = 0;
  let responseSeconds = 0;
  let ratingsUp = 0;
  let ratingsDown = 0;
  for (const row of rows) {
    conversations += row.conversations;
    handoffs += row.handoffs;
    firstResponses += row.firstResponses;
    responseSeconds += (row.firstResponseSeconds ?? 0) * row.firstResponses;
    ratingsUp += row.ratingsUp;
    ratingsDown += row.ratingsDown;
  }
  return {
    conversations,
    handoffs,
    containment: conversations === 0 ? null : Math.max(0, conversations - handoffs) / conversations,
    handoffRate: conversations === 0 ? null : handoffs / conversations,
    firstResponseSeconds: firstResponses === 0 ? null : responseSeconds / firstResponses,
    firstResponses,
    ratingsUp,
    ratingsDown,
  };
}

/** The filtered rows grouped by one dimension (channel or language), most conversations first. */
export function groupBy(
  rows: readonly ChannelLanguageRow[],
  by: 'channel' | 'language',
): (Figures & { key: string })[] {
  const groups = new Map<string, ChannelLanguageRow[]>();
  for (const row of rows) groups.set(row[by], [...(groups.get(row[by]) ?? []), row]);
  return [...groups]
    .map(([key, group]) => ({ key, ...sumFigures(group) }))
    .sort((a, b) => b.conversations - a.conversations || a.key.localeCompare(b.key));
}

/** The distinct values of a dimension (for the filter's options), in a stable order. */
export function valuesOf(rows: readonly ChannelLanguageRow[], by: 'channel' | 'language'): string[] {
  return [...new Set(rows.map((row) => row[by]))].sort();
}

/** The share of thumbs up among the ratings (0–1), null without ratings. */
export function ratingShare(figures: {
  ratingsUp: number | null;
  ratingsDown: number | null;
}): number | null {
  if (figures.ratingsUp === null || figures.ratingsDown === null) return null;
  const total = figures.ratingsUp + figures.ratingsDown;
  return total === 0 ? null : figures.ratingsUp / total;
}

export interface DayRow {
  day: number;
  conversations: number;
  handoffs: number;
  positive: number;
  neutral: number;
  negative: number;
  previousConversations: number | null;
}

/** The days with the previous period's conversations beside them (the i-th day against the i-th day). */
export function daysWithPrevious(
  days: readonly Omit<DayRow, 'previousConversations'>[],
  previous: readonly { conversations: number }[] | undefined,
): DayRow[] {
  return days.map((row, index) => ({
    ...row,
    previousConversations: previous ? (previous[index]?.conversations ?? 0) : null,
  }));
}

/** The conversations list's address for a drill-down (#/conversations?channel=…&language=…&from=…&to=…). */
export function conversationsListPath(query: {
  channel?: string;
  /** Every channel of a kind (web, email …), as insight counts channels. */
  kind?: string;
  language?: string;
  /** A UTC day, yyyy-mm-dd (inclusive). */
  from?: string;
  /** A UTC day, yyyy-mm-dd (inclusive). */
  to?: string;
}): string {
  const params = new URLSearchParams();
  for (const name of ['channel', 'kind', 'language', 'from', 'to'] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `#/conversations?${text}` : '#/conversations';
}

/** A row of the per-channel or per-language table; ratings null where the core has none for the cut. */
export type GroupFigures = Omit<Figures, 'ratingsUp' | 'ratingsDown'> & {
  key: string;
  ratingsUp: number | null;
  ratingsDown: number | null;
};

interface Dashboard {
  totals: Figures;
  byChannel: (Figures & { channel: string })[];
  byLanguage: (Figures & { language: string })[];
  byChannelLanguage: ChannelLanguageRow[];
}

/**
 * The headline figures and the two tables under the chosen channel and language. The core counts
 * ratings per channel and per language, not per pair: a cut by both (or the other dimension under a
 * filter) adds the pairs up and has no ratings (null), never a false zero.
 */
export function filteredView(
  data: Dashboard,
  filter: ConversationFilter,
): { totals: GroupFigures; byChannel: GroupFigures[]; byLanguage: GroupFigures[] } {
  const withRatings = (figures: Figures, key: string): GroupFigures => ({ ...figures, key });
  const withoutRatings = (figures: Figures & { key?: string }, key: string): GroupFigures => ({
    ...figures,
    key,
    ratingsUp: null,
    ratingsDown: null,
  });
  const sortRows = (rows: GroupFigures[]) =>
    rows.sort((a, b) => b.conversations - a.conversations || a.key.localeCompare(b.key));
  const pairs = filterRows(data.byChannelLanguage, filter);
  const channelRows = data.byChannel.filter((row) => !filter.channel || row.channel === filter.channel);
  const languageRows = data.byLanguage.filter((row) => !filter.language || row.language === filter.language);
  const byChannel = filter.language
    ? groupBy(pairs, 'channel').map((g) => withoutRatings(g, g.key))
    : channelRows.map(({ channel, ...figures }) => withRatings(figures, channel));
  const byLanguage = filter.channel
    ? groupBy(pairs, 'language').map((g) => withoutRatings(g, g.key))
    : languageRows.map(({ language, ...figures }) => withRatings(figures, language));
  let totals: GroupFigures;
  if (!filter.channel && !filter.language) totals = withRatings(data.totals, '');
  else if (!filter.language) totals = withRatings(sumFigures(channelRows), '');
  else if (!filter.channel) totals = withRatings(sumFigures(languageRows), '');
  else totals = withoutRatings(sumFigures(pairs), '');
  return { totals, byChannel: sortRows(byChannel), byLanguage: sortRows(byLanguage) };
}
