import { describe, expect, it } from 'vitest';
import { parseHash } from './routes';

describe('parseHash', () => {
  it('maps the empty hash and #/ to the dashboard', () => {
    expect(parseHash('')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/')).toEqual({ name: 'dashboard' });
  });

  it('maps pages, ignoring a trailing slash', () => {
    expect(parseHash('#/team')).toEqual({ name: 'team' });
    expect(parseHash('#/audit/')).toEqual({ name: 'audit' });
    expect(parseHash('#/organisations')).toEqual({ name: 'organisations' });
  });

  it('reads the invitation token', () => {
    expect(parseHash('#/invite/abc_DEF-123')).toEqual({ name: 'invite', token: 'abc_DEF-123' });
  });

  it('reports anything else as not found', () => {
    expect(parseHash('#/nope')).toEqual({ name: 'notFound' });
    expect(parseHash('#/invite/')).toEqual({ name: 'notFound' });
  });
});
