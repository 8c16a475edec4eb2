import { describe, expect, it } from 'vitest';
import {
  channelKinds,
  ticketEventKinds,
  ticketPriorities,
  ticketSlaTargets,
  ticketSources,
  ticketStatuses,
  ticketViews,
} from '../../contract';

const bundles = import.meta.glob<Record<string, unknown>>('../../i18n/*.json', {
  eager: true,
  import: 'default',
});
const en = bundles['../../i18n/en.json']!;
const nl = bundles['../../i18n/nl.json']!;
const nb = bundles['../../i18n/nb.json']!;
const catalogues = { en, nl, nb };

function has(catalogue: unknown, key: string): boolean {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.length > 0;
}

describe('the Inbox speaks every language', () => {
  it('names every ticket status, priority, view, source, channel and SLA state in en, nl and nb', () => {
    const keys = [
      ...ticketStatuses.map((s) => `inbox.status.${s}`),
      ...ticketPriorities.map((p) => `inbox.priority.${p}`),
      ...ticketViews.map((v) => `inbox.views.${v}`),
      ...ticketSources.map((s) => `inbox.source.${s}`),
      ...channelKinds.map((c) => `inbox.channel.${c}`),
      ...ticketSlaTargets.flatMap((target) =>
        ['due', 'soon', 'breached'].map((state) => `inbox.sla.${state}.${target}`),
      ),
      'nav.inbox',
      'nav.openTickets_one',
      'nav.openTickets_other',
    ];
    for (const [language, catalogue] of Object.entries(catalogues))
      expect({ language, missing: keys.filter((key) => !has(catalogue, key)) }).toEqual({
        language,
        missing: [],
      });
  });

  it('has the same Inbox keys in every language', () => {
    const flat = (node: unknown, prefix = ''): string[] =>
      Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
        value && typeof value === 'object' ? flat(value, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    const english = flat(en.inbox).sort();
    expect(english.length).toBeGreaterThan(100);
    expect(flat(nl.inbox).sort()).toEqual(english);
    expect(flat(nb.inbox).sort()).toEqual(english);
    // the timeline has a sentence for each kind of event
    expect(ticketEventKinds.length).toBe(13);
  });
});
