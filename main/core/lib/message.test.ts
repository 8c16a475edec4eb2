import { describe, expect, it } from 'vitest';
import { english, framed, message, said } from './message';

describe('said', () => {
  it("gives a message the catalogue's English when no English is written beside it", () => {
    const test = said('notify.test.title');
    expect(test.message).toEqual({ key: 'notify.test.title' });
    expect(test.text).toBe('Test notification from Mindframe Control Center');
    expect(said('notify.incident.resolved', { number: 7, name: 'Kari' }).text).toBe(
      'Incident #7 was resolved by Kari.',
    );
  });

  it('keeps English written for the log, and says framed messages whole', () => {
    expect(said('notify.test.title', undefined, 'for the log').text).toBe('for the log');
    const inner = message('notify.incident.opened', { number: 3 });
    expect(english(framed('incidents.timeline.proposed', inner))).toBe(
      'The Guardian proposes: Incident #3 was opened.',
    );
  });
});
