import { describe, expect, it } from 'vitest';
import { markSnippet } from './snippet';

describe('markSnippet', () => {
  it('marks the bracketed matches', () => {
    expect(markSnippet('We [repair] bikes and [e-bikes] too')).toEqual([
      { text: 'We ', mark: false },
      { text: 'repair', mark: true },
      { text: ' bikes and ', mark: false },
      { text: 'e-bikes', mark: true },
      { text: ' too', mark: false },
    ]);
  });

  it('keeps unbalanced and empty brackets as text', () => {
    expect(markSnippet('a [b')).toEqual([{ text: 'a [b', mark: false }]);
    expect(markSnippet('a ] b')).toEqual([{ text: 'a ] b', mark: false }]);
    expect(markSnippet('x [] y')).toEqual([{ text: 'x [] y', mark: false }]);
    expect(markSnippet('[a [b] c')).toEqual([
      { text: '[a ', mark: false },
      { text: 'b', mark: true },
      { text: ' c', mark: false },
    ]);
  });

  it('never turns markup into elements: it stays text to render', () => {
    const parts = markSnippet('<img src=x onerror=alert(1)> [<b>hit</b>]');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', mark: false },
      { text: '<b>hit</b>', mark: true },
    ]);
  });

  it('handles empty and plain snippets', () => {
    expect(markSnippet('')).toEqual([]);
    expect(markSnippet('plain')).toEqual([{ text: 'plain', mark: false }]);
  });
});
