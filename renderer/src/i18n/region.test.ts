import { describe, expect, it } from 'vitest';
import { formatLocale } from './region';

describe('regional format', () => {
  it('writes dates the European way for an English user without a region of their own', () => {
    const locale = formatLocale('en', 'auto', ['en']);
    expect(locale).toBe('en-GB');
    const at = Date.UTC(2026, 11, 7, 14, 5);
    const text = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(at);
    expect(text).toBe('7 Dec 2026, 14:05');
  });

  it("follows the system's region where it speaks the chosen language", () => {
    expect(formatLocale('en', 'auto', ['nl-NL', 'en-US'])).toBe('en-US');
    expect(formatLocale('nl', 'auto', ['nl-BE', 'en-US'])).toBe('nl-BE');
    expect(formatLocale('nb', 'auto', ['no-NO'])).toBe('no-NO');
    expect(formatLocale('nb', 'auto', ['en-US'])).toBe('nb-NO');
  });

  it('uses the chosen regional format whatever the system says', () => {
    expect(formatLocale('en', 'en-US', ['en-GB'])).toBe('en-US');
    expect(formatLocale('nl', 'de-DE', ['nl-NL'])).toBe('de-DE');
  });
});
