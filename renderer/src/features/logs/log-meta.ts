import type { BadgeTone } from '../../components/Badge';
import { logLevels, type LogLevel, type LogLine } from '../../contract';

export const levelTone: Record<LogLevel, BadgeTone> = {
  trace: 'neutral',
  debug: 'neutral',
  info: 'info',
  warn: 'warning',
  error: 'danger',
  fatal: 'danger',
};

/** Most lines kept on screen; the oldest go first when live lines keep coming. */
export const maxLines = 2000;

export interface LogFilters {
  minLevel: LogLevel;
  module: string;
  q: string;
  /** Milliseconds, or null for no bound. */
  from: number | null;
  to: number | null;
}

export const atLeastLevel = (level: LogLevel, minimum: LogLevel): boolean =>
  logLevels.indexOf(level) >= logLevels.indexOf(minimum);

/** Whether a live line belongs in the list the filters asked the core for. */
export function matchesFilters(line: LogLine, filters: LogFilters): boolean {
  if (!atLeastLevel(line.level, filters.minLevel)) return false;
  if (filters.module.trim() && line.module.toLowerCase() !== filters.module.trim().toLowerCase())
    return false;
  if (filters.from !== null && line.at < filters.from) return false;
  if (filters.to !== null && line.at > filters.to) return false;
  const q = filters.q.trim().toLowerCase();
  if (!q) return true;
  if (line.message.toLowerCase().includes(q) || line.module.toLowerCase().includes(q)) return true;
  try {
    return JSON.stringify(line.data).toLowerCase().includes(q);
  } catch {
    return false;
  }
}

/** A stable key for a line (lines have no id): time, module and message, with a counter for twins. */
export interface KeyedLine extends LogLine {
  key: string;
}

let counter = 0;
export const keyLines = (lines: readonly LogLine[]): KeyedLine[] =>
  lines.map((line) => ({ ...line, key: `${line.at}-${++counter}` }));

/** Newest first: new live lines go on top; the list never holds more than `max`. */
export function prependLive(
  lines: readonly KeyedLine[],
  incoming: readonly KeyedLine[],
  max = maxLines,
): KeyedLine[] {
  const newestFirst = [...incoming].sort((a, b) => b.at - a.at);
  return [...newestFirst, ...lines].slice(0, max);
}

/** Older lines from "Load older" go below, without repeating a line already shown; bounded too. */
export function appendOlder(
  lines: readonly KeyedLine[],
  older: readonly KeyedLine[],
  max = maxLines,
): KeyedLine[] {
  const seen = new Set(lines.map(lineIdentity));
  const fresh = older.filter((line) => !seen.has(lineIdentity(line)));
  return [...lines, ...fresh].slice(0, max);
}

const lineIdentity = (line: LogLine) => `${line.at}|${line.level}|${line.module}|${line.message}`;

/** The line's data as readable JSON, or null when there is none. */
export function dataText(line: LogLine): string | null {
  if (!line.data || Object.keys(line.data).length === 0) return null;
  try {
    return JSON.stringify(line.data, null, 2);
  } catch {
    return String(line.data);
  }
}

/** The first few short fields of the data, for the line itself: "method=agents.run ms=4.4". */
export function dataSummary(line: LogLine, fields = 4): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(line.data ?? {})) {
    if (parts.length >= fields) break;
    if (value === null || typeof value === 'object') continue;
    const text = String(value);
    parts.push(`${key}=${text.length > 40 ? `${text.slice(0, 39)}…` : text}`);
  }
  return parts.join(' ');
}

/** A datetime-local input's value ("2026-11-20T09:30") as milliseconds, local time. */
export function localDateTime(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi).getTime();
}
