import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, toCsv, utf8Bom } from './csv';

describe('CSV of an insight table', () => {
  it('starts with the UTF-8 BOM so Excel reads æ, ø and ë whole, and ends lines with CRLF', () => {
    const csv = toCsv([{ key: 'channel', label: 'Kanal' }], [{ channel: 'nettprat – æøå' }]);
    expect(csv.startsWith(utf8Bom)).toBe(true);
    expect(csv.codePointAt(0)).toBe(0xfeff);
    expect(csv).toBe(`${utf8Bom}Kanal\r\nnettprat – æøå\r\n`);
  });

  it('quotes fields with commas, quotes and line breaks as RFC 4180 says, and only those', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('writes numbers as plain numbers whatever the language: no grouping, a decimal point', () => {
    expect(csvField(1234567)).toBe('1234567');
    expect(csvField(0.125)).toBe('0.125');
    expect(csvField(Number.NaN)).toBe('');
    const csv = toCsv(
      [
        { key: 'query', label: 'Zoekopdracht, tekst' },
        { key: 'count', label: 'Aantal' },
      ],
      [
        { query: 'bremser, "disc"', count: 1200 },
        { query: 'kjede', count: 3 },
      ],
    );
    expect(csv.slice(1).split('\r\n')).toEqual([
      '"Zoekopdracht, tekst",Aantal',
      '"bremser, ""disc""",1200',
      'kjede,3',
      '',
    ]);
  });

  it('names the file safely with the day', () => {
    expect(csvFileName('conversations-by-channel', Date.UTC(2026, 11, 7))).toBe(
      'conversations-by-channel-2026-12-07.csv',
    );
    expect(csvFileName('a/b c', Date.UTC(2026, 0, 2))).toBe('a-b-c-2026-01-02.csv');
  });
});
