import type { TrackInput } from '../insight/tracker';
import type { DemoSearch } from '../search/demo-seed';
import { Prng } from './prng';

/** What a busy desk looks for, per language; the second list finds nothing in the demo's data. */
const words: Record<string, { found: readonly string[]; nothing: readonly string[] }> = {
  nb: {
    found: [
      'faktura',
      'vinterdekk',
      'bestilling',
      'reklamasjon',
      'service',
      'åpningstider',
      'levering',
      'refusjon',
      'bremser',
      'garanti',
      'el-sykkel',
      'verksted',
    ],
    nothing: ['gavekort saldo', 'dekkhotell pris', 'leasing', 'kvittering mars'],
  },
  nl: {
    found: [
      'factuur',
      'bestelling',
      'retour',
      'levering',
      'openingstijden',
      'klacht',
      'offerte',
      'afspraak',
      'garantie',
      'terugbetaling',
    ],
    nothing: ['cadeaubon', 'btw-nummer', 'lease', 'pakbon april'],
  },
  en: {
    found: [
      'invoice',
      'order',
      'refund',
      'delivery',
      'opening hours',
      'complaint',
      'booking',
      'warranty',
      'returns',
      'escalation',
    ],
    nothing: ['gift card', 'vat number', 'leasing', 'march receipt'],
  },
};

const opened = ['ticket', 'conversation', 'agent', 'run', 'help'] as const;

/**
 * The words behind the demo's `search.query` events (the events keep no words; the search log
 * does): the same person, time, language and result count, words picked from the seed so a few
 * are asked often and the zero-result ones repeat as they do at a real desk.
 */
export function demoSearches(seed: number, events: readonly TrackInput[]): DemoSearch[] {
  const rng = new Prng((seed * 104_729 + 17) >>> 0);
  const out: DemoSearch[] = [];
  for (const event of events) {
    if (event.name !== 'search.query' || event.at === undefined) continue;
    const props = event.props ?? {};
    const language = typeof props.language === 'string' ? props.language : 'en';
    const list = words[language] ?? words.en!;
    const results = typeof props.results === 'number' ? props.results : 0;
    // the first words of each list are asked most (a skewed pick: the square of a uniform draw)
    const skewed = (items: readonly string[]) => items[Math.floor(rng.next() ** 2 * items.length)]!;
    out.push({
      userId: event.actor,
      query: results === 0 ? skewed(list.nothing) : skewed(list.found),
      language,
      resultCount: results,
      openedKind: results > 0 && rng.chance(0.6) ? rng.pick(opened) : null,
      createdAt: event.at,
    });
  }
  return out;
}
