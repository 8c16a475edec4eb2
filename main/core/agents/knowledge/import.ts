/**
 * Turning files and web pages into knowledge documents, with well-kept parsers: pdfjs-dist (PDF text
 * per page, no worker, no network), mammoth (.docx raw text), @mozilla/readability over linkedom (a
 * web page's main text) and csv-parse (questions and answers). The type of a file is decided by its
 * bytes, not its name. Every refusal is an ImportRefusal with a reason of the contract's
 * `errorReasons`; nothing a remote server answered is repeated in it.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  spoofingCharacters,
  knowledgeImportMaxBytes,
  type ErrorReason,
  type MessageParams,
} from '../../../contract';
import {
  OutboundBlockedError,
  outboundRequest,
  type HostLookup,
  type OutboundAllowList,
} from '../../lib/outbound-guard';

export type ImportKind = 'pdf' | 'docx' | 'csv' | 'url';

export class ImportRefusal extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly params?: MessageParams,
  ) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

export interface ImportedDoc {
  title: string;
  body: string;
}

export interface ImportResult {
  kind: ImportKind;
  sourceName: string;
  docs: ImportedDoc[];
  lineErrors: { line: number; reason: ErrorReason }[];
}

/** Longest text of one document an import makes; longer texts are split (at pages, then paragraphs). */
export const partChars = 8_000;
/** Rows one CSV may hold. */
export const csvMaxRows = 5_000;
/** Largest web page read (bytes) and the longest a fetch may take. */
export const urlMaxBytes = 2 * 1024 * 1024;
export const urlTimeoutMs = 15_000;
const maxTitle = 200;
const maxPdfPages = 1_000;

// ------------------------------------------------------------------------------------ helpers

/** A title as a display name takes it: no control or direction-changing characters, at most 200. */
export function cleanTitle(text: string, fallback = 'Untitled'): string {
  const cleaned = text.replace(new RegExp(spoofingCharacters.source, 'gu'), ' ').replace(/\s+/g, ' ').trim();
  const title = cleaned || fallback;
  return title.length > maxTitle ? `${title.slice(0, maxTitle - 1).trimEnd()}…` : title;
}

/** Text with tidy white space: lines kept, runs of blank lines as one, trailing spaces gone. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Splits text into parts of at most `max` characters: whole pieces (pages, paragraphs) together
 * while they fit, a piece longer than `max` cut at sentence or word ends.
 */
export function splitText(pieces: string[], max = partChars): string[] {
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) parts.push(current.trim());
    current = '';
  };
  for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
    if (piece.length > max) {
      push();
      for (const paragraph of piece.split(/\n\s*\n/)) {
        if (current.length + paragraph.length + 2 <= max) {
          current = current ? `${current}\n\n${paragraph}` : paragraph;
          continue;
        }
        push();
        let rest = paragraph;
        while (rest.length > max) {
          const window = rest.slice(0, max);
          const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'), window.lastIndexOf(' '));
          const at = cut > max / 2 ? cut + 1 : max;
          parts.push(rest.slice(0, at).trim());
          rest = rest.slice(at);
        }
        current = rest;
      }
      continue;
    }
    if (current.length + piece.length + 2 > max) push();
    current = current ? `${current}\n\n${piece}` : piece;
  }
  push();
  return parts;
}

/** Documents of one text: "Title" for one part, "Title (1/3)" ... for more. */
function docsOf(title: string, pieces: string[]): ImportedDoc[] {
  const parts = splitText(pieces);
  if (parts.length === 0) throw new ImportRefusal('no_text_found', 'No text was found in it.');
  if (parts.length === 1) return [{ title: cleanTitle(title), body: parts[0]! }];
  return parts.map((body, i) => ({
    title: cleanTitle(`${title.slice(0, maxTitle - 12)} (${i + 1}/${parts.length})`),
    body,
  }));
}

const stem = (fileName: string): string => fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');

// ------------------------------------------------------------------------------- file types

const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/**
 * The kind of a file by its content: "%PDF-" for a PDF, a ZIP holding word/document.xml for a
 * .docx, UTF-8 text without NUL bytes for a CSV. A name whose extension says another kind than
 * the content is refused (a renamed file is usually a mistake, sometimes a trick).
 */
export function fileKind(bytes: Buffer, fileName: string): 'pdf' | 'docx' | 'csv' {
  let kind: 'pdf' | 'docx' | 'csv' | null = null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) kind = 'pdf';
  else if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (bytes.includes('word/document.xml', 0, 'latin1')) kind = 'docx';
  } else if (!bytes.subarray(0, 64 * 1024).includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      kind = 'csv';
    } catch {
      kind = null;
    }
  }
  if (!kind)
    throw new ImportRefusal(
      'unsupported_file_type',
      'This file is not a PDF, a Word (.docx) document or a CSV file.',
    );
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase();
  const expected: Record<string, string> = { pdf: 'pdf', docx: 'docx', csv: 'csv', txt: 'csv', tsv: 'csv' };
  if (extension && expected[extension] && expected[extension] !== kind)
    throw new ImportRefusal(
      'file_type_mismatch',
      `The file's name says .${extension}, but its content is ${kind === 'csv' ? 'text' : kind.toUpperCase()}.`,
    );
  if (extension && !expected[extension])
    throw new ImportRefusal(
      'unsupported_file_type',
      'This file is not a PDF, a Word (.docx) document or a CSV file.',
    );
  return kind;
}

// --------------------------------------------------------------------------------------- PDF

interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
}

export async function pdfDocs(bytes: Buffer, fileName: string): Promise<ImportedDoc[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pages: string[];
  let title = stem(fileName);
  try {
    const loading = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    const pdf = await loading.promise;
    try {
      const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
      if (typeof info?.Title === 'string' && info.Title.trim()) title = info.Title;
      pages = [];
      for (let n = 1; n <= Math.min(pdf.numPages, maxPdfPages); n++) {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        pages.push(
          unwrapLines(
            tidyText(
              (content.items as PdfTextItem[])
                .map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : ''))
                .join(''),
            ),
          ),
        );
        page.cleanup();
      }
    } finally {
      await loading.destroy();
    }
  } catch (error) {
    if (error instanceof ImportRefusal) throw error;
    throw new ImportRefusal('pdf_unreadable', 'This PDF could not be read (damaged or password-protected).');
  }
  return docsOf(title, pages);
}

/**
 * A PDF's text comes line by line as printed: a line that does not end a sentence and is followed by
 * one that starts in lower case is the same sentence wrapped, and is joined again.
 */
export function unwrapLines(text: string): string {
  return text.replace(/([^.:!?;\n])\n(?=[a-zà-ÿ0-9(])/g, '$1 ');
}

// -------------------------------------------------------------------------------------- DOCX

export async function docxDocs(bytes: Buffer, fileName: string): Promise<ImportedDoc[]> {
  const mammoth = await import('mammoth');
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw new ImportRefusal('docx_unreadable', 'This Word document could not be read.');
  }
  const paragraphs = tidyText(text).split(/\n\s*\n/);
  return docsOf(headingOf(paragraphs) ?? stem(fileName), paragraphs);
}

/** A first paragraph that reads as a heading (short, one line, no full stop) names the document. */
export function headingOf(paragraphs: string[]): string | null {
  const first = paragraphs[0]?.trim() ?? '';
  return first && first.length <= 80 && !first.includes('\n') && !/[.:;!?]$/.test(first) ? first : null;
}

// --------------------------------------------------------------------------------------- CSV

const questionHeaders = new Set([
  'question',
  'questions',
  'q',
  'vraag',
  'vragen',
  'spørsmål',
  'sporsmal',
  'spørsmal',
]);
const answerHeaders = new Set(['answer', 'answers', 'a', 'antwoord', 'antwoorden', 'svar']);

/**
 * One document per row (question as title, answer as text): a search then finds the one row a
 * customer asks about, not a whole file. The first row must name the columns (question/answer,
 * vraag/antwoord, spørsmål/svar, in any order, comma or semicolon separated); rows without both
 * are reported by line and skipped.
 */
export function csvDocs(bytes: Buffer): {
  docs: ImportedDoc[];
  lineErrors: { line: number; reason: ErrorReason }[];
} {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const lineErrors: { line: number; reason: ErrorReason }[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (error) => {
        lineErrors.push({ line: Number(error?.lines ?? 0), reason: 'csv_bad_line' });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    throw new ImportRefusal('csv_no_header', 'The CSV could not be read.');
  }
  const header = records[0];
  const names = header?.record.map((cell) => cell.trim().toLowerCase()) ?? [];
  const q = names.findIndex((name) => questionHeaders.has(name));
  const a = names.findIndex((name) => answerHeaders.has(name));
  if (!header || q === -1 || a === -1)
    throw new ImportRefusal(
      'csv_no_header',
      'The first line must name the columns "question" and "answer" (or vraag/antwoord, spørsmål/svar).',
    );
  const rows = records.slice(1);
  if (rows.length > csvMaxRows)
    throw new ImportRefusal('csv_too_many_rows', `A CSV may hold at most ${csvMaxRows} rows.`, {
      max: csvMaxRows,
    });
  const docs: ImportedDoc[] = [];
  for (const { record, info } of rows) {
    const question = tidyText(record[q] ?? '');
    const answer = tidyText(record[a] ?? '');
    // info.lines is the line the record ends on; the record starts lower for a multi-line answer
    const line = info.lines;
    if (!question || !answer) lineErrors.push({ line, reason: 'csv_row_incomplete' });
    else if (question.length > maxTitle) lineErrors.push({ line, reason: 'csv_question_too_long' });
    else docs.push({ title: cleanTitle(question), body: answer });
  }
  lineErrors.sort((x, y) => x.line - y.line);
  if (docs.length === 0 && lineErrors.length === 0)
    throw new ImportRefusal('csv_no_rows', 'The CSV has no questions under its header.');
  return { docs, lineErrors };
}

// --------------------------------------------------------------------------------------- URL

async function readBody(response: IncomingMessage, limit: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > limit) {
    response.destroy();
    throw new ImportRefusal('url_too_large', 'The page is too large.', { maxMb: limit / 1024 / 1024 });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      if (signal.aborted) throw signal.reason;
      size += (chunk as Buffer).length;
      if (size > limit) {
        response.destroy();
        throw new ImportRefusal('url_too_large', 'The page is too large.', { maxMb: limit / 1024 / 1024 });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    response.destroy();
    throw error;
  }
  return Buffer.concat(chunks);
}

export interface UrlImportOptions {
  allowList: OutboundAllowList;
  lookup?: HostLookup;
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * The main text of a web page: fetched through the outbound guard (a private address only where
 * the platform admin allowed it; redirects not followed), at most 2 MB in 15 s, then
 * Readability's article text (menus, footers and scripts left out).
 */
export async function urlDocs(
  url: string,
  options: UrlImportOptions,
): Promise<{ sourceName: string; docs: ImportedDoc[] }> {
  const timeoutMs = options.timeoutMs ?? urlTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: IncomingMessage;
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    throw new ImportRefusal('invalid_url', 'This is not a valid URL.');
  }
  let html: Buffer;
  try {
    response = await outboundRequest(
      {
        url: href,
        headers: {
          accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5',
          'user-agent': 'Mindframe knowledge import',
        },
        signal,
        timeoutMs,
      },
      { allowList: options.allowList },
      options.lookup,
    );
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400) {
      response.destroy();
      throw new ImportRefusal(
        'url_redirected',
        'The page moved to another address; import that address instead.',
      );
    }
    if (status !== 200) {
      response.destroy();
      throw new ImportRefusal('url_status', `The server answered with status ${status}.`, { status });
    }
    const type = String(response.headers['content-type'] ?? '').toLowerCase();
    if (!/^(text\/html|application\/xhtml\+xml|text\/plain)\b/.test(type)) {
      response.destroy();
      throw new ImportRefusal('url_not_html', 'This address does not give a web page.');
    }
    html = await readBody(response, options.maxBytes ?? urlMaxBytes, signal);
    const charset = /charset=([\w-]+)/.exec(type)?.[1];
    const text = decode(html, charset);
    if (type.startsWith('text/plain')) {
      return { sourceName: href, docs: docsOf(new URL(href).hostname, tidyText(text).split(/\n\s*\n/)) };
    }
    return { sourceName: href, docs: await articleDocs(text, href) };
  } catch (error) {
    if (error instanceof ImportRefusal) throw error;
    if (error instanceof OutboundBlockedError) throw new ImportRefusal(error.reason, error.message);
    if (signal.aborted || (error as { code?: string }).code === 'ETIMEDOUT')
      throw new ImportRefusal('url_timeout', 'The page did not load in time.');
    throw new ImportRefusal('url_unreachable', 'The page could not be reached.');
  }
}

function decode(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

async function articleDocs(html: string, href: string): Promise<ImportedDoc[]> {
  const [{ parseHTML }, { Readability }] = await Promise.all([
    import('linkedom'),
    import('@mozilla/readability'),
  ]);
  const { document } = parseHTML(html);
  const pageTitle = (document.querySelector('title')?.textContent ?? '').trim();
  const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  const text = tidyText(article?.textContent ?? '');
  if (!text) throw new ImportRefusal('no_text_found', 'No text was found in it.');
  const title = article?.title?.trim() || pageTitle || new URL(href).hostname;
  // Readability's text keeps the page's line breaks; paragraphs are its blank lines
  return docsOf(title, text.split(/\n\s*\n/));
}

// ------------------------------------------------------------------------------------ a file

/** Reads an uploaded file (base64) into documents; refuses one over 10 MB or of another type. */
export async function fileImport(name: string, base64: string): Promise<ImportResult> {
  // base64 is 4 characters for 3 bytes: refuse before decoding what is surely too large
  if (Math.floor((base64.length * 3) / 4) - 2 > knowledgeImportMaxBytes) throw tooLarge();
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > knowledgeImportMaxBytes) throw tooLarge();
  const sourceName = cleanTitle(name, 'file');
  const kind = fileKind(bytes, name);
  if (kind === 'pdf') return { kind, sourceName, docs: await pdfDocs(bytes, sourceName), lineErrors: [] };
  if (kind === 'docx') return { kind, sourceName, docs: await docxDocs(bytes, sourceName), lineErrors: [] };
  return { kind, sourceName, ...csvDocs(bytes) };
}

const tooLarge = () =>
  new ImportRefusal('file_too_large', 'The file is larger than 10 MB.', {
    maxMb: knowledgeImportMaxBytes / 1024 / 1024,
  });
