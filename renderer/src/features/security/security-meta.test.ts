import { describe, expect, it } from 'vitest';
import { securityEventKinds, securitySeverities, type SecurityEvent } from '../../contract';
import { flatten } from '../../i18n/flatten';
import { matchesSeverity, mergeLive, parseAllowList } from './security-meta';

const event = (id: string, severity: SecurityEvent['severity'], count = 1): SecurityEvent => ({
  id,
  tenantId: null,
  at: 1,
  lastAt: 1,
  kind: 'ip_blocked',
  severity,
  ip: '192.0.2.1',
  userId: null,
  userName: null,
  count,
  details: {},
  incidentId: null,
});

describe('security page helpers', () => {
  it('filters live events by minimum severity', () => {
    expect(matchesSeverity(event('a', 'low'), '')).toBe(true);
    expect(matchesSeverity(event('a', 'low'), 'medium')).toBe(false);
    expect(matchesSeverity(event('a', 'critical'), 'high')).toBe(true);
  });

  it('replaces a growing burst in place and puts it on top', () => {
    const merged = mergeLive([event('a', 'low'), event('b', 'low')], event('b', 'low', 5));
    expect(merged.map((e) => [e.id, e.count])).toEqual([
      ['b', 5],
      ['a', 1],
    ]);
  });

  it('reads one range per line, ignoring blanks and comments', () => {
    expect(parseAllowList('10.0.0.0/8\n\n  192.168.1.0/24 # office\n# vpn\n2001:db8::/32')).toEqual([
      '10.0.0.0/8',
      '192.168.1.0/24',
      '2001:db8::/32',
    ]);
  });
});

describe('security translations', () => {
  it('name every kind and severity (the other languages follow English)', () => {
    const bundles = import.meta.glob<unknown>('../../i18n/en.json', { eager: true, import: 'default' });
    const keys = new Set(Object.keys(flatten(bundles['../../i18n/en.json'])));
    const expected = [
      ...securityEventKinds.map((kind) => `security.kinds.${kind}`),
      ...securitySeverities.flatMap((s) => [`security.severity.${s}`, `security.severityAtLeast.${s}`]),
      'nav.security',
    ];
    expect(expected.filter((key) => !keys.has(key))).toEqual([]);
  });
});

describe('parseDevice', () => {
  it('reads the labels the core gives sessions', async () => {
    const { parseDevice } = await import('./security-meta');
    expect(parseDevice('Chrome on Windows')).toEqual({ kind: 'named', browser: 'Chrome', os: 'Windows' });
    expect(parseDevice('Script')).toEqual({ kind: 'named', browser: 'Script', os: null });
    expect(parseDevice('Mindframe desktop')).toEqual({ kind: 'desktop' });
    expect(parseDevice('Unknown device')).toEqual({ kind: 'unknown' });
    expect(parseDevice('Something else entirely')).toEqual({ kind: 'raw', text: 'Something else entirely' });
  });
});
