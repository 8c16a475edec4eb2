import { describe, expect, it } from 'vitest';
import { brandedText } from './brand-text';

describe('text that names the product', () => {
  const brand = { isDefault: false, productName: 'Nordlys Assist' };

  it("says the brand's name, the long and the short form alike", () => {
    expect(brandedText('Mindframe Control Center keeps a backup; Mindframe checks it.', brand)).toBe(
      'Nordlys Assist keeps a backup; Nordlys Assist checks it.',
    );
  });

  it('leaves names that only start with it (a file, a header) alone', () => {
    expect(brandedText('See mindframe.sqlite and the Mindframe-Signature header.', brand)).toBe(
      'See mindframe.sqlite and the Mindframe-Signature header.',
    );
  });

  it('is unchanged while the app wears its own brand', () => {
    expect(
      brandedText('Mindframe checks it.', { isDefault: true, productName: 'Mindframe Control Center' }),
    ).toBe('Mindframe checks it.');
  });
});
