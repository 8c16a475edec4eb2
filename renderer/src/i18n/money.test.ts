import { describe, expect, it } from 'vitest';
import {
  amountToMicros,
  currencyName,
  formatCost,
  formatRate,
  microsToAmountText,
  parseAmount,
  parseRate,
  usDollars,
} from './money';

/** Intl separates amount and symbol with a no-break space (U+00A0) or narrow one (U+202F). */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const nok = { currency: 'NOK', usdRate: 10.85 } as const;
const eur = { currency: 'EUR', usdRate: 0.92 } as const;

describe('formatCost', () => {
  it('converts micro-dollars at the rate and writes the amount the way the region writes money', () => {
    // one dollar at 10.85 is 10.85 kroner, written the Norwegian way
    expect(plain(formatCost(1_000_000, nok, 'nb-NO'))).toBe('10,85 kr');
    expect(plain(formatCost(123_456_789, nok, 'nb-NO'))).toBe('1 339,51 kr');
    expect(plain(formatCost(2_500_000, eur, 'nl-NL'))).toBe('€ 2,30');
    expect(plain(formatCost(2_500_000, eur, 'en-GB'))).toBe('€2.30');
    // an English user in Europe with Norwegian kroner sees the code, not a bare "kr"
    expect(plain(formatCost(1_000_000, nok, 'en-GB'))).toBe('NOK 10.85');
    expect(plain(formatCost(1_234_567, usDollars, 'en-US'))).toBe('$1.23');
  });

  it('keeps two significant digits for amounts below the smallest coin, and shows nothing as 0', () => {
    expect(plain(formatCost(123, nok, 'nb-NO'))).toBe('0,0013 kr');
    expect(plain(formatCost(0, nok, 'nb-NO'))).toBe('0,00 kr');
    expect(plain(formatCost(123, usDollars, 'en-US'))).toBe('$0.00012');
  });
});

describe('formatRate and currencyName', () => {
  it('shows the rate with the decimals the owner gave and names the currency in the language', () => {
    expect(plain(formatRate(nok, 'nb-NO'))).toBe('10,85 kr');
    expect(plain(formatRate({ currency: 'NOK', usdRate: 10.853412 }, 'nb-NO'))).toBe('10,853412 kr');
    expect(currencyName('NOK', 'nb-NO')).toBe('norske kroner');
    expect(currencyName('EUR', 'en-GB')).toMatch(/^euro$/i);
  });
});

describe('amounts a person types', () => {
  it('reads either decimal mark, grouping and a currency sign, and refuses what is no amount', () => {
    expect(parseAmount('12,50')).toBe(12.5);
    expect(parseAmount('12.5')).toBe(12.5);
    expect(parseAmount('kr 12,50')).toBe(12.5);
    expect(parseAmount('12,50 kr')).toBe(12.5);
    expect(parseAmount('1 234,50')).toBe(1234.5);
    expect(parseAmount('1.234,50')).toBe(1234.5);
    expect(parseAmount('1,234.50')).toBe(1234.5);
    expect(parseAmount('1.234.567')).toBe(1234567);
    expect(parseAmount('$1,5')).toBe(1.5);
    for (const text of ['', 'abc', '-1', '−3', '1,5,0', '1.2.3,4,5', '12a'])
      expect(parseAmount(text), text).toBeNull();
  });

  it('turns a budget in kroner into the dollars the engine counts, and back for editing', () => {
    // 27.13 kr at 10.85 kr per dollar is about 2.50 dollars
    expect(amountToMicros(27.125, nok)).toBe(2_500_000);
    expect(microsToAmountText(2_500_000, nok, 'nb-NO')).toBe('27,13');
    expect(microsToAmountText(250_000, eur, 'en-GB')).toBe('0.23');
    expect(microsToAmountText(1_000, eur, 'nl-NL')).toBe('0,00092');
    expect(microsToAmountText(0, eur, 'nl-NL')).toBe('0');
  });

  it('takes a rate above 0 and at most 1,000,000 with at most six decimals', () => {
    expect(parseRate('10,85')).toBe(10.85);
    expect(parseRate('0.000001')).toBe(0.000001);
    expect(parseRate('1 000 000')).toBe(1_000_000);
    for (const text of ['0', '0,0000001', '1000000.5', '10.1234567', '', 'ten', '-2'])
      expect(parseRate(text), text).toBeNull();
  });
});
