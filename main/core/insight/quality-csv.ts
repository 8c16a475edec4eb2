import { parse as parseCsv } from 'csv-parse/sync';
import type { ItemError } from './ingest';

/** One measurement read from a CSV line (`line` counts the header as line 1). */
export interface MeasurementLine {
  line: number;
  process: string;
  at: number;
  value: number;
}

export interface MeasurementsRead {
  columns: string[];
  rows: MeasurementLine[];
  errors: ItemError[];
}

/** At most this many measurements in one import. */
export const maxMeasurementLines = 100_000;

/**
 * Reads a CSV of measurements: a header with `at` and `value`, and `process` (a process's name)
 * unless the import is for one process (`forProcess`, whose name every line then gets). `at` is ms
 * since the epoch or an ISO 8601 time; `value` a number (a decimal point, or a comma when the cell
 * has no point: "12,5"). Each line is checked on its own, as the events import does.
 */
export function readMeasurementsCsv(csv: string, forProcess: string | null): MeasurementsRead {
  let records: string[][];
  try {
    records = parseCsv(csv.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { columns: [], rows: [], errors: [{ at: line, field: 'csv', reason: 'invalid_format' }] };
  }
  const header = (records[0] ?? []).map((column) => column.trim().toLowerCase());
  const errors: ItemError[] = [];
  const rows: MeasurementLine[] = [];
  const needed = forProcess === null ? ['process', 'at', 'value'] : ['at', 'value'];
  for (const column of needed) {
    if (!header.includes(column)) errors.push({ at: 1, field: column, reason: 'required' });
  }
  if (errors.length > 0) return { columns: header, rows, errors };
  const body = records.slice(1);
  if (body.length > maxMeasurementLines)
    return {
      columns: header,
      rows,
      errors: [{ at: 1, field: 'csv', reason: 'csv_too_many_rows', params: { max: maxMeasurementLines } }],
    };
  const col = (name: string) => header.indexOf(name);
  body.forEach((record, i) => {
    const line = i + 2;
    const lineErrors: ItemError[] = [];
    const process = forProcess ?? (record[col('process')] ?? '').trim();
    if (process === '') lineErrors.push({ at: line, field: 'process', reason: 'required' });
    const atCell = (record[col('at')] ?? '').trim();
    const at = timeOf(atCell);
    if (atCell === '') lineErrors.push({ at: line, field: 'at', reason: 'required' });
    else if (at === null) lineErrors.push({ at: line, field: 'at', reason: 'invalid_date' });
    const valueCell = (record[col('value')] ?? '').trim();
    const value = numberOf(valueCell);
    if (valueCell === '') lineErrors.push({ at: line, field: 'value', reason: 'required' });
    else if (value === null) lineErrors.push({ at: line, field: 'value', reason: 'invalid_value' });
    if (lineErrors.length > 0) errors.push(...lineErrors);
    else rows.push({ line, process, at: at!, value: value! });
  });
  return { columns: header, rows, errors };
}

function timeOf(cell: string): number | null {
  if (/^\d{1,16}$/.test(cell)) return Number(cell);
  // a date and time with a zone, or a bare date (UTC midnight); not free text Date.parse guesses at
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(cell)) return null;
  const parsed = Date.parse(cell.replace(' ', 'T'));
  return Number.isNaN(parsed) || parsed < 0 ? null : parsed;
}

function numberOf(cell: string): number | null {
  const text = /^-?\d+,\d+$/.test(cell) ? cell.replace(',', '.') : cell;
  if (!/^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= 1e12 ? value : null;
}
