import type { LogLine } from '../../contract';

export type LevelName = LogLine['level'];

/** pino's numeric levels. */
export const levelNumbers: Record<LevelName, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

export function levelName(level: number): LevelName {
  if (level >= 60) return 'fatal';
  if (level >= 50) return 'error';
  if (level >= 40) return 'warn';
  if (level >= 30) return 'info';
  if (level >= 20) return 'debug';
  return 'trace';
}

/** Fields that become LogLine's own properties, or carry nothing worth showing. */
const ownKeys = new Set(['pid', 'hostname', 'time', 'level', 'msg', 'module', 'tenantId', 'app']);

/** Longer strings in `data` are cut: a log line is a summary, and answers must stay small. */
const maxDataString = 8 * 1024;
const maxDataDepth = 6;

function trimValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string')
    return value.length > maxDataString ? `${value.slice(0, maxDataString)}… [cut]` : value;
  if (!value || typeof value !== 'object') return value;
  if (depth >= maxDataDepth) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 200).map((item) => trimValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = trimValue(item, depth + 1);
  return out;
}

/** A parsed line with its numeric level (the reader and the tail filter on it). */
export interface ParsedLine {
  line: LogLine;
  levelNumber: number;
  /** The raw object, for the error tracker (`err`). */
  fields: Record<string, unknown>;
}

/** pino writes `{"level":30,"time":1700000000000,...`: both read without parsing the rest. */
const headPattern = /^\{"level":(\d{1,3}),"time":(\d{1,16})[,}]/;

export function readHead(text: string): { level: number; time: number } | null {
  const match = headPattern.exec(text);
  return match ? { level: Number(match[1]), time: Number(match[2]) } : null;
}

function numericLevel(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value in levelNumbers) return levelNumbers[value as LevelName];
  return null;
}

function timeOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

/** One JSON line of the log as a LogLine; null for anything that is not one (garbage is skipped). */
export function parseLogLine(text: string): ParsedLine | null {
  if (!text.startsWith('{')) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch {
    return null;
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return null;
  const record = fields as Record<string, unknown>;
  const level = numericLevel(record.level);
  const at = timeOf(record.time);
  if (level === null || at === null) return null;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!ownKeys.has(key)) data[key] = trimValue(value, 1);
  const msg = record.msg;
  return {
    levelNumber: level,
    fields: record,
    line: {
      at,
      level: levelName(level),
      module: typeof record.module === 'string' && record.module.length > 0 ? record.module : 'core',
      message: typeof msg === 'string' ? msg : msg === undefined || msg === null ? '' : JSON.stringify(msg),
      tenantId: typeof record.tenantId === 'string' ? record.tenantId : null,
      data,
    },
  };
}
