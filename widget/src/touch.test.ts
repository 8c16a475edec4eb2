import { describe, expect, it } from 'vitest';
import { pageTouch } from './touch';

describe("the page's touch", () => {
  it('reads the utm_* tags of the page and the host of another site that referred to it', () => {
    expect(
      pageTouch(
        'https://www.pedal.test/bikes?utm_source=Google&utm_medium=cpc&utm_campaign=Spring%20Sale&utm_content=ad%201&utm_term=e-bike&x=1',
        'https://www.google.com/search?q=e-bike',
      ),
    ).toEqual({
      source: 'Google',
      medium: 'cpc',
      campaign: 'Spring Sale',
      content: 'ad 1',
      term: 'e-bike',
      referrer: 'www.google.com',
    });
  });

  it('leaves out blank tags, a referrer of the same site, and what is not an address', () => {
    expect(pageTouch('https://www.pedal.test/?utm_source=%20%20', 'https://www.pedal.test/shop')).toEqual({});
    expect(pageTouch('not a url', 'also not')).toEqual({});
    expect(pageTouch(`https://a.test/?utm_campaign=${'x'.repeat(500)}`, '').campaign).toHaveLength(100);
  });
});
