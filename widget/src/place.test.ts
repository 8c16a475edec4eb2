import { describe, expect, it } from 'vitest';
import { apiOrigin, publicIdFromPath } from './place';

describe('where the widget is', () => {
  it('reads the channel of the hosted page from /c/<publicId>', () => {
    expect(publicIdFromPath('/c/web_7Hq2-xY')).toBe('web_7Hq2-xY');
    expect(publicIdFromPath('/c/abc/')).toBe('abc');
    for (const path of ['/c/', '/c', '/x/abc', '/c/a/b', '/c/%2e%2e', '/c/a%20b', '/c/%E0%A4%A'])
      expect(publicIdFromPath(path), path).toBeNull();
  });

  it("finds the API at the origin the script came from, not the page's", () => {
    expect(apiOrigin('https://chat.shop.no:8443/widget.js?v=2', 'https://www.bikes.example/shop')).toBe(
      'https://chat.shop.no:8443',
    );
    expect(apiOrigin('/widget.js', 'http://127.0.0.1:4870/c/abc')).toBe('http://127.0.0.1:4870');
  });
});
