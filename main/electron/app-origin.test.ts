import { describe, expect, it } from 'vitest';
import { appEntryUrl, isAppUrl } from './app-origin';

describe('isAppUrl', () => {
  it('accepts pages and routes of the app origin', () => {
    expect(isAppUrl(appEntryUrl)).toBe(true);
    expect(isAppUrl('app://mindframe/')).toBe(true);
    expect(isAppUrl('app://mindframe/agents/42?tab=runs#log')).toBe(true);
    expect(isAppUrl('APP://MINDFRAME/index.html')).toBe(true);
  });

  it('refuses other schemes, hosts, ports and credentials', () => {
    for (const url of [
      'https://mindframe/index.html',
      'file:///index.html',
      'http://127.0.0.1:4870/',
      'app://evil/index.html',
      'app://mindframe.evil.example/',
      'app://mindframe:8080/',
      'app://user@mindframe/',
      'app://user:pw@mindframe/',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'data:text/html,<h1>hi</h1>',
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});
