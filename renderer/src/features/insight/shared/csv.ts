/** A column of a CSV file: the row's field and the header the user reads. */
export interface CsvColumn<Row> {
  key: keyof Row & string;
  label: string;
}

export type CsvValue = string | number | boolean | null | undefined;

/** The UTF-8 byte order mark: Excel reads the file as UTF-8 with it (æ, ø, å, ë stay whole). */
export const utf8Bom = '\uFEFF';

/** One field, quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // numbers as plain numbers: no grouping, a point for decimals, whatever the language
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, a header line, one line per row, CRLF between lines (RFC 4180). */
export function toCsv<Row extends object>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [
    columns.map((column) => csvField(column.label)).join(','),
    ...rows.map((row) => columns.map((column) => csvField(row[column.key] as CsvValue)).join(',')),
  ];
  return `${utf8Bom}${lines.join('\r\n')}\r\n`;
}

/** A file name that is safe everywhere: `conversations-by-channel-2026-12-07.csv`. */
export function csvFileName(base: string, now: number): string {
  const safe = base.replace(/[^a-z0-9_-]+/gi, '-').replace(/^-+|-+$/g, '') || 'export';
  return `${safe}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

/** Hands the file to the browser's download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
