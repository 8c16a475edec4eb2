import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import type { ErrorReason, MessageParams } from '../../contract';
import { validationReason } from '../lib/validation-reasons';
import { ingestEventSchema, type IngestEvent } from '../../contract/methods/insight';
import type { PropValue } from './dimensions';
import type { TrackInput, WriteResult } from './tracker';

/** One problem of a batch item or a CSV line. */
export interface ItemError {
  at: number;
  field: string;
  reason: ErrorReason;
  params?: MessageParams;
}

/** The most items one `POST /api/v1/events` takes. */
export const maxBatch = 1000;

/** The columns of a CSV import that are fields of the event; every other column is a property. */
const eventColumns = new Set(['name', 'actor', 'at', 'id', 'session', 'source', 'campaign']);

/** Zod's issues as per-item errors: the field path and a reason of the contract (said by the app). */
function issueErrors(at: number, issues: readonly z.core.$ZodIssue[], input: unknown): ItemError[] {
  return issues.map((issue) => {
    const { reason, params } = validationReason(issue, input);
    return { at, field: issue.path.map(String).join('.'), reason, ...(params ? { params } : {}) };
  });
}

/** Validates each item of a batch on its own: the valid ones as events, the others as errors. */
export function validateBatch(
  items: readonly unknown[],
  source: string,
): { events: TrackInput[]; errors: ItemError[]; rejected: number } {
  const events: TrackInput[] = [];
  const errors: ItemError[] = [];
  let rejected = 0;
  items.forEach((item, index) => {
    const parsed = ingestEventSchema.safeParse(item);
    if (!parsed.success) {
      rejected++;
      errors.push(...issueErrors(index, parsed.error.issues, item).slice(0, 5));
      return;
    }
    events.push(toTrack(parsed.data, source));
  });
  return { events, errors: errors.slice(0, 200), rejected };
}

export function toTrack(event: IngestEvent, source: string): TrackInput {
  return {
    name: event.name,
    actor: event.actor,
    ...(event.at !== undefined ? { at: event.at } : {}),
    id: event.id ?? null,
    session: event.session ?? null,
    source: event.source ?? source,
    campaign: event.campaign ?? null,
    props: (event.properties as Record<string, PropValue> | undefined) ?? null,
  };
}

export interface CsvRead {
  columns: string[];
  rows: { line: number; event: TrackInput }[];
  errors: ItemError[];
}

/**
 * Reads a CSV of events: a header naming the columns (name and actor needed; at as ms since the
 * epoch or an ISO 8601 time; id, session, source, campaign optional), every other column a
 * property (a number when it reads as one, true/false as booleans, empty as absent). Each line is
 * checked on its own; `line` counts the header as line 1.
 */
export function readCsv(csv: string, now: number): CsvRead {
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
  const header = (records[0] ?? []).map((column) => column.trim());
  const errors: ItemError[] = [];
  const rows: { line: number; event: TrackInput }[] = [];
  for (const needed of ['name', 'actor']) {
    if (!header.includes(needed)) errors.push({ at: 1, field: needed, reason: 'required' });
  }
  if (errors.length > 0) return { columns: header, rows, errors };
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const item: Record<string, unknown> = {};
    const properties: Record<string, PropValue> = {};
    header.forEach((column, c) => {
      const cell = record[c] ?? '';
      if (cell === '') return;
      if (eventColumns.has(column)) item[column] = column === 'at' ? timeOf(cell) : cell;
      else properties[column] = typedCell(cell);
    });
    if (Object.keys(properties).length > 0) item.properties = properties;
    const parsed = ingestEventSchema.safeParse(item);
    if (!parsed.success) {
      errors.push(...issueErrors(line, parsed.error.issues, item).slice(0, 5));
      return;
    }
    rows.push({ line, event: toTrack(parsed.data, 'import') });
  });
  for (const row of rows) row.event.at ??= now;
  return { columns: header, rows, errors };
}

function timeOf(cell: string): number | string {
  if (/^-?\d+$/.test(cell)) return Number(cell);
  const parsed = Date.parse(cell);
  return Number.isNaN(parsed) ? cell : parsed;
}

function typedCell(cell: string): PropValue {
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(cell) && cell.length < 16) return Number(cell);
  return cell;
}

export type { WriteResult };
