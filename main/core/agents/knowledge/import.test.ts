import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvDocs, fileImport, splitText } from './import';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

describe('knowledge imports read real files', () => {
  it('reads the text of each page of a PDF that Chromium printed, titled by its metadata', async () => {
    const result = await fileImport('warranty.pdf', fixture('warranty.pdf').toString('base64'));
    expect(result.kind).toBe('pdf');
    expect(result.docs).toHaveLength(1);
    expect(result.docs[0]!.title).toBe('Warranty policy');
    expect(result.docs[0]!.body).toContain('800 charge cycles');
    expect(result.docs[0]!.body).toContain('within five working days');
  });

  it('reads the paragraphs of a Word document', async () => {
    const result = await fileImport('rental.docx', fixture('rental.docx').toString('base64'));
    expect(result).toMatchObject({ kind: 'docx', sourceName: 'rental.docx' });
    // its first paragraph reads as a heading, so it names the document
    expect(result.docs[0]!.title).toBe('Bike rental');
    expect(result.docs[0]!.body).toContain('A tandem rents for 35 euro per day');
  });

  it('decides the type by content: a renamed or unknown file is refused', async () => {
    await expect(
      fileImport('warranty.docx', fixture('warranty.pdf').toString('base64')),
    ).rejects.toMatchObject({
      reason: 'file_type_mismatch',
    });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(fileImport('photo.pdf', png.toString('base64'))).rejects.toMatchObject({
      reason: 'unsupported_file_type',
    });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);
    await expect(fileImport('archive.docx', zip.toString('base64'))).rejects.toMatchObject({
      reason: 'unsupported_file_type',
    });
    await expect(fileImport('broken.pdf', b64('%PDF-1.7 nothing else'))).rejects.toMatchObject({
      reason: 'pdf_unreadable',
    });
  });

  it('refuses a file over 10 MB with file_too_large', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x61).toString('base64');
    await expect(fileImport('big.csv', big)).rejects.toMatchObject({
      reason: 'file_too_large',
      params: { maxMb: 10 },
    });
  });

  it('reads a CSV of questions and answers with a Dutch header, reporting bad lines by number', () => {
    const csv = [
      'Vraag;Antwoord',
      '"Zijn jullie op zondag open?";"Nee, op zondag zijn we dicht."',
      'Alleen een vraag;',
      '"Repareren jullie banden?";"Ja, terwijl je wacht."',
      'kapot "aanhalingsteken;x',
      '"Meerdere regels?";"Eerste regel',
      'tweede regel"',
    ].join('\n');
    const { docs, lineErrors } = csvDocs(Buffer.from(csv));
    expect(docs.map((d) => d.title)).toEqual([
      'Zijn jullie op zondag open?',
      'Repareren jullie banden?',
      'Meerdere regels?',
    ]);
    expect(docs[2]!.body).toBe('Eerste regel\ntweede regel');
    expect(lineErrors).toEqual([
      { line: 3, reason: 'csv_row_incomplete' },
      { line: 5, reason: 'csv_bad_line' },
    ]);
  });

  it('takes English and Norwegian headers in any order, and refuses a CSV without them', () => {
    expect(csvDocs(Buffer.from('answer,question\n"Yes.","Open on Sunday?"\n')).docs).toEqual([
      { title: 'Open on Sunday?', body: 'Yes.' },
    ]);
    expect(csvDocs(Buffer.from('Spørsmål;Svar\nÅpent på søndag?;Nei.\n')).docs).toEqual([
      { title: 'Åpent på søndag?', body: 'Nei.' },
    ]);
    expect(() => csvDocs(Buffer.from('name,price\nbell,5\n'))).toThrow(
      expect.objectContaining({ reason: 'csv_no_header' }),
    );
  });

  it('splits long text into parts at paragraph ends', () => {
    const paragraph = 'word '.repeat(500).trim();
    const parts = splitText([Array.from({ length: 6 }, () => paragraph).join('\n\n')], 6_000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 6_000)).toBe(true);
    expect(parts.join('\n\n').length).toBe(6 * paragraph.length + 10);
  });
});
