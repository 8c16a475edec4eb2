import { describe, expect, it } from 'vitest';
import { externalHttpsUrl } from './external-url';

describe('externalHttpsUrl', () => {
  it('passes https links through, normalised', () => {
    expect(externalHttpsUrl('https://docs.mindframe.no/guide?x=1#top')).toBe(
      'https://docs.mindframe.no/guide?x=1#top',
    );
    expect(externalHttpsUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  it('refuses everything that is not a plain https link', () => {
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'smb://server/share',
      'ms-settings:privacy',
      'javascript:alert(1)',
      'app://mindframe/index.html',
      'https://user:pw@example.com/',
      'https://bank.example@evil.example/',
      `https://example.com/${'a'.repeat(3000)}`,
      'https://',
      'not a url',
      '',
      undefined,
      42,
    ]) {
      expect(externalHttpsUrl(url), String(url)).toBeNull();
    }
  });
});
