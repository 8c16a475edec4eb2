import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLine } from '../../contract';
import { linesBackward } from './backward-lines';
import { levelNumbers, parseLogLine, readHead, type LevelName } from './log-line';

export interface LogQuery {
  minLevel?: LevelName;
  /** Exact module name, any case; lines without one are "core". */
  module?: string;
  /** Case-insensitive text anywhere in the line's JSON (the message included). */
  q?: string;
  /** Lines at or after this time (ms). */
  from?: number;
  /** Lines before this time (ms, exclusive): pass the last answer's `nextTo` to page back. */
  to?: number;
  limit?: number;
  /** Only lines carrying this tenantId (a tenant admin's view); undefined: every line. */
  tenantId?: string;
}

export interface LogPage {
  lines: LogLine[];
  /** Pass as `to` for the lines before these; null when there are none. */
  nextTo: number | null;
}

export interface LogReaderOptions {
  /** Bytes one query may read before it answers what it has (with `nextTo` to go on). */
  maxScanBytes?: number;
  chunkBytes?: number;
  maxLineBytes?: number;
}

interface LogFile {
  name: string;
  date: string;
  number: number;
}

/** `mindframe.<yyyy-MM-dd>.<n>.log` as pino-roll writes it (date and number optional). */
const fileNamePattern = /^mindframe(?:\.(\d{4}-\d{2}-\d{2}))?(?:\.(\d+))?\.log$/;

/** Below this a file is read from its end; above it a `to` bound is found by bisection first. */
const bisectAbove = 1024 * 1024;
const probeBytes = 64 * 1024;

/**
 * Reads the JSON-line log files of a folder newest first, never holding more than a chunk and a line
 * of a file in memory, so 100 MB files are fine. Lines within a file are in time order (one writer
 * appends); files are ordered by their date and number.
 */
export class LogReader {
  private readonly maxScanBytes: number;
  private readonly chunkBytes: number;
  private readonly maxLineBytes: number;

  constructor(
    readonly logDir: string,
    options: LogReaderOptions = {},
  ) {
    this.maxScanBytes = options.maxScanBytes ?? 256 * 1024 * 1024;
    this.chunkBytes = options.chunkBytes ?? 256 * 1024;
    this.maxLineBytes = options.maxLineBytes ?? 1024 * 1024;
  }

  /** The log files, newest first. */
  async files(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.logDir);
    } catch {
      return [];
    }
    const files: LogFile[] = [];
    for (const name of names) {
      const match = fileNamePattern.exec(name);
      if (match) files.push({ name, date: match[1] ?? '', number: Number(match[2] ?? 0) });
    }
    files.sort((a, b) => (a.date === b.date ? b.number - a.number : a.date < b.date ? 1 : -1));
    return files.map((file) => join(this.logDir, file.name));
  }

  async query(query: LogQuery): Promise<LogPage> {
    const limit = Math.max(1, query.limit ?? 200);
    const minLevel = levelNumbers[query.minLevel ?? 'info'];
    const moduleWanted = query.module?.trim().toLowerCase() || undefined;
    const text = query.q?.trim().toLowerCase() || undefined;
    // the text as it appears inside a JSON string (quotes and backslashes escaped)
    const textEscaped = text ? JSON.stringify(text).slice(1, -1) : undefined;
    const tenantNeedle = query.tenantId ? `"tenantId":${JSON.stringify(query.tenantId)}` : undefined;
    const moduleNeedle = moduleWanted && moduleWanted !== 'core' ? `"module":` : undefined;

    const lines: LogLine[] = [];
    let scanned = 0;
    let lastTime: number | undefined;

    for (const file of await this.files()) {
      let handle: FileHandle;
      try {
        handle = await open(file, 'r');
      } catch {
        continue; // removed by rotation meanwhile
      }
      try {
        const { size } = await handle.stat();
        const end = query.to !== undefined ? await this.endBefore(handle, size, query.to) : size;
        for await (const raw of linesBackward(handle, end, {
          chunkBytes: this.chunkBytes,
          maxLineBytes: this.maxLineBytes,
        })) {
          scanned += raw.bytes;
          if (raw.text === null) continue;
          const rawText = raw.text;
          let parsed: ReturnType<typeof parseLogLine> | undefined;
          let head = readHead(rawText);
          if (!head) {
            parsed = parseLogLine(rawText);
            if (!parsed) continue; // garbage
            head = { level: parsed.levelNumber, time: parsed.line.at };
          }
          const time = head.time;
          if (query.to !== undefined && time >= query.to) continue;
          if (query.from !== undefined && time < query.from) return this.page(lines, null);
          // out of budget: stop between two milliseconds, so `nextTo` loses nothing
          if (scanned > this.maxScanBytes && lastTime !== undefined && time !== lastTime)
            return this.page(lines, lastTime);
          lastTime = time;

          if (head.level < minLevel) continue;
          if (tenantNeedle && !rawText.includes(tenantNeedle)) continue;
          if (moduleNeedle && !rawText.includes(moduleNeedle)) continue;
          if (text) {
            const lower = rawText.toLowerCase();
            if (!lower.includes(text) && !(textEscaped && lower.includes(textEscaped))) continue;
          }
          parsed ??= parseLogLine(rawText);
          if (!parsed) continue;
          const line = parsed.line;
          if (query.tenantId !== undefined && line.tenantId !== query.tenantId) continue;
          if (moduleWanted && line.module.toLowerCase() !== moduleWanted) continue;

          if (lines.length < limit) {
            lines.push(line);
            continue;
          }
          // one more match exists: page at a millisecond boundary
          const boundary = lines[lines.length - 1]!.at;
          if (line.at !== boundary) return this.page(lines, boundary);
          const before = lines.filter((l) => l.at !== boundary);
          return before.length > 0 ? this.page(before, boundary + 1) : this.page(lines, boundary);
        }
      } finally {
        await handle.close();
      }
    }
    return this.page(lines, null);
  }

  private page(lines: LogLine[], nextTo: number | null): LogPage {
    return { lines, nextTo };
  }

  /**
   * An offset in the file such that every line before it that was written before `to` lies before
   * it: found by bisection on the lines' times, so paging back through a big file does not read its
   * newer part again. Errs towards the end of the file (those lines are filtered anyway).
   */
  private async endBefore(handle: FileHandle, size: number, to: number): Promise<number> {
    if (size <= bisectAbove) return size;
    let low = 0;
    let high = size;
    const buffer = Buffer.allocUnsafe(probeBytes);
    while (high - low > probeBytes) {
      const middle = Math.floor((low + high) / 2);
      const time = await this.firstTimeAfter(handle, buffer, middle, size);
      if (time !== null && time >= to) high = middle;
      else low = middle;
    }
    if (high >= size) return size;
    // the end of the line that holds `high`
    const { bytesRead } = await handle.read(buffer, 0, probeBytes, high);
    const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
    return newline < 0 ? size : high + newline + 1;
  }

  /** The time of the first whole readable line that starts after `offset`, within one probe. */
  private async firstTimeAfter(
    handle: FileHandle,
    buffer: Buffer,
    offset: number,
    size: number,
  ): Promise<number | null> {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(probeBytes, size - offset), offset);
    const data = buffer.subarray(0, bytesRead);
    let start = offset === 0 ? 0 : data.indexOf(0x0a) + 1;
    if (start === 0 && offset !== 0) return null;
    while (start < data.length) {
      const end = data.indexOf(0x0a, start);
      if (end < 0) return null;
      const text = data.toString('utf8', start, end);
      const time = readHead(text)?.time ?? parseLogLine(text)?.line.at;
      if (time !== undefined) return time;
      start = end + 1;
    }
    return null;
  }
}
