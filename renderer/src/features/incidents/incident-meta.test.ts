import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Incident, TimelineEntry } from '../../contract';
import {
  atLeastAsSevere,
  cleanActionItems,
  compareIncidents,
  formatSpan,
  groupTimeline,
  nextStatuses,
  slaState,
  slaText,
} from './incident-meta';

const minute = 60_000;
const start = new Date(2026, 10, 20, 9, 0).getTime();

function incident(patch: Partial<Incident> = {}): Incident {
  return {
    id: '0190f6a2-1234-7abc-8def-000000000001',
    number: 1,
    title: 'Bike shop agent keeps failing',
    description: '',
    titleMessage: null,
    descriptionMessage: null,
    severity: 'SEV2',
    status: 'open',
    source: 'manual',
    assignee: null,
    createdAt: start,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    closedAt: null,
    ackDueAt: start + 30 * minute,
    resolveDueAt: start + 4 * 60 * minute,
    escalationLevel: 0,
    postmortem: null,
    ...patch,
  };
}

const bundles = import.meta.glob<Record<string, unknown>>('../../i18n/*.json', {
  eager: true,
  import: 'default',
});
const en = bundles['../../i18n/en.json']!;
const nb = bundles['../../i18n/nb.json']!;
const i18n = createInstance();
void i18n.init({
  lng: 'en',
  initAsync: false,
  resources: { en: { translation: en }, nb: { translation: nb } },
  interpolation: { escapeValue: false },
});
const text = (state: ReturnType<typeof slaState>, language = 'en') =>
  slaText(i18n.getFixedT(language), state, language);

describe('SLA state', () => {
  it('counts down to the acknowledgement while the incident is open', () => {
    const state = slaState(incident(), start + 18 * minute);
    expect(state).toEqual({ kind: 'ackDue', inMs: 12 * minute });
    expect(text(state)).toBe('Acknowledge due in 12 min');
  });

  it('rounds the time left up to whole minutes', () => {
    expect(text(slaState(incident(), start + 29 * minute + 50_000))).toBe('Acknowledge due in 1 min');
  });

  it('is breached once the acknowledgement is overdue, saying for how long', () => {
    const state = slaState(incident(), start + 95 * minute);
    expect(state).toEqual({ kind: 'breached', what: 'acknowledge', agoMs: 65 * minute });
    expect(text(state)).toBe('SLA breached: acknowledgement 1 hr 5 min overdue');
  });

  it('counts down to the resolution once acknowledged', () => {
    const acknowledged = incident({ status: 'acknowledged', acknowledgedAt: start + 5 * minute });
    const state = slaState(acknowledged, start + 60 * minute);
    expect(state).toEqual({ kind: 'resolveDue', inMs: 180 * minute });
    expect(text(state)).toBe('Resolve due in 3 hr');
    expect(slaState({ ...acknowledged, status: 'mitigated' }, start + 5 * 60 * minute)).toMatchObject({
      kind: 'breached',
      what: 'resolve',
    });
  });

  it('says whether a resolved incident met its SLA', () => {
    const resolved = incident({
      status: 'resolved',
      acknowledgedAt: start + 10 * minute,
      resolvedAt: start + 2 * 60 * minute,
    });
    expect(text(slaState(resolved, start + 100 * 60 * minute))).toBe('SLA met');
    expect(text(slaState({ ...resolved, acknowledgedAt: start + 45 * minute }, start))).toBe(
      'SLA missed: acknowledged late',
    );
    expect(text(slaState({ ...resolved, resolvedAt: start + 5 * 60 * minute }, start))).toBe(
      'SLA missed: resolved late',
    );
  });

  it('speaks Norwegian too', () => {
    expect(text(slaState(incident(), start + 18 * minute), 'nb')).toBe('Kvittering forfaller om 12 min');
  });
});

describe('spans of time', () => {
  it('uses minutes, hours and days', () => {
    expect(formatSpan(12 * minute, 'en')).toBe('12 min');
    expect(formatSpan(2 * 60 * minute, 'en')).toBe('2 hr');
    expect(formatSpan(26 * 60 * minute + 10 * minute, 'en')).toBe('1 day 2 hr');
  });
});

describe('severity', () => {
  it('orders SEV1 before SEV4 and compares against a minimum', () => {
    expect(atLeastAsSevere('SEV1', 'SEV3')).toBe(true);
    expect(atLeastAsSevere('SEV3', 'SEV3')).toBe(true);
    expect(atLeastAsSevere('SEV4', 'SEV3')).toBe(false);
  });

  it('lists open incidents first, most severe first, then the closed ones newest first', () => {
    const list = [
      incident({ id: 'a', severity: 'SEV3', createdAt: start }),
      incident({ id: 'b', severity: 'SEV1', createdAt: start + minute }),
      incident({ id: 'c', status: 'resolved', createdAt: start + 2 * minute }),
      incident({ id: 'd', status: 'closed', createdAt: start + 3 * minute }),
      incident({ id: 'e', severity: 'SEV1', status: 'acknowledged', createdAt: start - minute }),
    ];
    expect([...list].sort(compareIncidents).map((i) => i.id)).toEqual(['e', 'b', 'a', 'd', 'c']);
  });
});

describe('status steps', () => {
  it('moves forward only and closes only what is resolved', () => {
    expect(nextStatuses('open')).toEqual(['acknowledged', 'mitigated', 'resolved']);
    expect(nextStatuses('mitigated')).toEqual(['resolved']);
    expect(nextStatuses('resolved')).toEqual(['closed']);
    expect(nextStatuses('closed')).toEqual([]);
  });
});

describe('timeline', () => {
  const entry = (id: string, at: number, kind: TimelineEntry['kind'] = 'note'): TimelineEntry => ({
    id,
    at,
    kind,
    actorName: 'Olivia',
    text: id,
    message: null,
    guardianActionId: null,
  });

  it('sorts the entries by time and groups them by day', () => {
    const nextDay = new Date(2026, 10, 21, 8, 0).getTime();
    const days = groupTimeline([
      entry('3', nextDay),
      entry('1', start, 'opened'),
      entry('2', start + minute, 'status'),
    ]);
    expect(days.map((d) => d.entries.map((e) => e.id))).toEqual([['1', '2'], ['3']]);
    expect(days[0]!.day).toBe(new Date(2026, 10, 20).getTime());
  });

  it('keeps action items that say something', () => {
    expect(cleanActionItems([' Add a fallback model ', '', '  ', 'Alert at 5 failures'])).toEqual([
      'Add a fallback model',
      'Alert at 5 failures',
    ]);
  });
});
