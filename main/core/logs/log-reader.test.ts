import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../contract';
import { LogReader, type LogQuery } from './log-reader';

let dataDir: string;
let logDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mindframe-logread-'));
  logDir = join(dataDir, 'logs');
  mkdirSync(logDir);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const t0 = Date.UTC(2026, 10, 20, 8, 0, 0);
const tenantA = '0194a1b2-0000-7000-8000-00000000000a';
const tenantB = '0194a1b2-0000-7000-8000-00000000000b';

/** A line as pino writes it: level and time first. */
function line(fields: { level: number; time: number; msg: string; [key: string]: unknown }): string {
  const { level, time, ...rest } = fields;
  return JSON.stringify({ level, time, app: 'mindframe', pid: 1, hostname: 'box', ...rest });
}

function writeLog(name: string, lines: string[]): void {
  writeFileSync(join(logDir, name), lines.map((l) => `${l}\n`).join(''));
}

/** Pages through every answer, newest first. */
async function all(reader: LogReader, query: LogQuery): Promise<{ lines: LogLine[]; pages: number }> {
  const lines: LogLine[] = [];
  let to = query.to;
  let pages = 0;
  for (;;) {
    const page = await reader.query({ ...query, ...(to !== undefined ? { to } : {}) });
    pages += 1;
    lines.push(...page.lines);
    if (page.nextTo === null) return { lines, pages };
    expect(pages, 'paging must end').toBeLessThan(10_000);
    to = page.nextTo;
  }
}

describe('LogReader', () => {
  beforeEach(() => {
    // two days, the older one split by a restart-free size roll: .1 then .2
    writeLog('mindframe.2026-11-19.1.log', [
      line({ level: 30, time: t0 - 86_400_000, msg: 'old day start' }),
      line({ level: 50, time: t0 - 86_000_000, msg: 'old failure', module: 'runtime', tenantId: tenantA }),
    ]);
    writeLog('mindframe.2026-11-20.2.log', [
      line({ level: 20, time: t0, msg: 'debug detail', module: 'guardian' }),
      line({ level: 30, time: t0 + 1000, msg: 'core started' }),
      line({
        level: 30,
        time: t0 + 2000,
        msg: 'change applied',
        module: 'dispatch',
        tenantId: tenantA,
        method: 'agents.create',
        ms: 3.2,
      }),
      line({ level: 40, time: t0 + 3000, msg: 'Provider slow', module: 'runtime', tenantId: tenantB }),
      line({
        level: 50,
        time: t0 + 4000,
        msg: 'method failed',
        module: 'dispatch',
        tenantId: tenantB,
        err: { type: 'TypeError', message: 'x is undefined' },
      }),
      line({ level: 60, time: t0 + 5000, msg: 'uncaught exception', module: 'process' }),
    ]);
  });

  it('answers newest first across files, with level names, module (default core), tenant and data', async () => {
    const reader = new LogReader(logDir);
    const page = await reader.query({ minLevel: 'trace' });
    expect(page.lines.map((l) => l.message)).toEqual([
      'uncaught exception',
      'method failed',
      'Provider slow',
      'change applied',
      'core started',
      'debug detail',
      'old failure',
      'old day start',
    ]);
    expect(page.nextTo).toBeNull();
    expect(page.lines[3]).toEqual({
      at: t0 + 2000,
      level: 'info',
      module: 'dispatch',
      message: 'change applied',
      tenantId: tenantA,
      data: { method: 'agents.create', ms: 3.2 },
    });
    expect(page.lines[4]).toMatchObject({ module: 'core', tenantId: null, level: 'info', data: {} });
    expect(page.lines[0]!.level).toBe('fatal');
  });

  it('filters by minimum level, module, text and time', async () => {
    const reader = new LogReader(logDir);
    const messages = async (query: LogQuery) => (await reader.query(query)).lines.map((l) => l.message);

    expect(await messages({})).not.toContain('debug detail'); // info by default
    expect(await messages({ minLevel: 'warn' })).toEqual([
      'uncaught exception',
      'method failed',
      'Provider slow',
      'old failure',
    ]);
    expect(await messages({ minLevel: 'error', module: 'Dispatch' })).toEqual(['method failed']);
    expect(await messages({ module: 'core' })).toEqual(['core started', 'old day start']);
    expect(await messages({ minLevel: 'trace', module: 'guardian' })).toEqual(['debug detail']);
    // case-insensitive, in the message or anywhere in the JSON
    expect(await messages({ q: 'provider SLOW' })).toEqual(['Provider slow']);
    expect(await messages({ q: 'agents.create' })).toEqual(['change applied']);
    expect(await messages({ q: 'X IS UNDEFINED' })).toEqual(['method failed']);
    expect(await messages({ q: 'nothing like this' })).toEqual([]);
    expect(await messages({ from: t0 + 2000, to: t0 + 4000 })).toEqual(['Provider slow', 'change applied']);
    expect(await messages({ to: t0 + 1000 })).toEqual(['old failure', 'old day start']);
    expect(await messages({ from: t0 + 4500 })).toEqual(['uncaught exception']);
  });

  it("shows a tenant's admin only the lines carrying that tenant", async () => {
    const reader = new LogReader(logDir);
    const ofA = await reader.query({ minLevel: 'trace', tenantId: tenantA });
    expect(ofA.lines.map((l) => l.message)).toEqual(['change applied', 'old failure']);
    const ofB = await reader.query({ minLevel: 'trace', tenantId: tenantB });
    expect(ofB.lines.map((l) => l.message)).toEqual(['method failed', 'Provider slow']);
    // a tenant id appearing elsewhere in a line (not as the line's tenant) does not count
    writeLog('mindframe.2026-11-21.3.log', [
      line({ level: 30, time: t0 + 10_000, msg: 'about A', details: { tenantId: tenantA } }),
    ]);
    expect((await reader.query({ tenantId: tenantA })).lines.map((l) => l.message)).toEqual([
      'change applied',
      'old failure',
    ]);
  });

  it('pages back in time with nextTo, without losing or repeating lines of the same millisecond', async () => {
    const lines: string[] = [];
    // 100 lines; every 7 share a millisecond, so page ends fall inside a millisecond
    for (let i = 0; i < 100; i++)
      lines.push(line({ level: 30, time: t0 + 100_000 + Math.floor(i / 7), msg: `n${i}` }));
    writeLog('mindframe.2026-11-21.3.log', lines);
    const reader = new LogReader(logDir);
    const first = await reader.query({ limit: 10, q: '"msg":"n' });
    // n99..n90 would fill 10, but n90 shares its millisecond with n89..n84: it goes to the next page
    expect(first.lines.map((l) => l.message)).toEqual([
      'n99',
      'n98',
      'n97',
      'n96',
      'n95',
      'n94',
      'n93',
      'n92',
      'n91',
    ]);
    expect(first.nextTo).toBe(t0 + 100_000 + 13);
    const { lines: everything, pages } = await all(reader, { limit: 10, q: '"msg":"n' });
    expect(everything.map((l) => l.message)).toEqual(Array.from({ length: 100 }, (_, i) => `n${99 - i}`));
    expect(pages).toBeGreaterThan(10);
    // a page that is one single millisecond is still answered
    const crowded = await reader.query({ limit: 3, q: '"msg":"n', to: t0 + 100_000 + 1 });
    expect(crowded.lines.map((l) => l.message)).toEqual(['n6', 'n5', 'n4']);
    expect(crowded.nextTo).toBe(t0 + 100_000);
  });

  it('skips garbage: non-JSON, truncated lines, JSON that is not a log line, blank lines and a giant line', async () => {
    writeLog('mindframe.2026-11-21.3.log', [
      'plain text from somewhere',
      line({ level: 30, time: t0 + 20_000, msg: 'before garbage' }),
      '{"level":30,"time":17',
      '[1,2,3]',
      '{"hello":"world"}',
      '',
      '\u0000\u0001\u00ff binary \ufffd',
      `{"level":30,"time":${t0 + 20_500},"msg":"${'x'.repeat(3 * 1024 * 1024)}"}`,
      JSON.stringify({ msg: 'fields in another order', time: t0 + 21_000, level: 40 }),
      `${line({ level: 30, time: t0 + 22_000, msg: 'windows ending' })}\r`,
      line({ level: 30, time: t0 + 23_000, msg: 'after garbage ✓ ünïcode' }),
    ]);
    // and a last line still being written
    const fd = openSync(join(logDir, 'mindframe.2026-11-21.3.log'), 'a');
    writeSync(fd, '{"level":30,"time":1');
    closeSync(fd);
    const reader = new LogReader(logDir, { maxLineBytes: 1024 * 1024 });
    const page = await reader.query({ from: t0 + 10_000 });
    expect(page.lines.map((l) => l.message)).toEqual([
      'after garbage ✓ ünïcode',
      'windows ending',
      'fields in another order',
      'before garbage',
    ]);
  });

  it('reads a 50 MB file from its end, and pages deep into it by bisection', async () => {
    const file = join(logDir, 'mindframe.2026-11-21.3.log');
    const fd = openSync(file, 'w');
    const padding = 'p'.repeat(300);
    const count = 150_000;
    let batch: string[] = [];
    for (let i = 0; i < count; i++) {
      const tenantId = i % 3 === 0 ? tenantA : tenantB;
      const level = i % 1000 === 0 ? 50 : 30;
      batch.push(
        line({ level, time: t0 + 1_000_000 + i, msg: `line ${i}`, module: 'runtime', tenantId, padding }),
      );
      if (batch.length === 5000) {
        writeSync(fd, `${batch.join('\n')}\n`);
        batch = [];
      }
    }
    closeSync(fd);
    const { size } = await import('node:fs').then((fs) => fs.statSync(file));
    expect(size).toBeGreaterThan(50 * 1024 * 1024);

    const reader = new LogReader(logDir);
    const newest = await reader.query({ limit: 5 });
    expect(newest.lines.map((l) => l.message)).toEqual([
      `line ${count - 1}`,
      `line ${count - 2}`,
      `line ${count - 3}`,
      `line ${count - 4}`,
      `line ${count - 5}`,
    ]);
    // deep in the file: found by bisection, not by reading the newer 45 MB
    const deep = await reader.query({ limit: 2, to: t0 + 1_000_000 + 10_000 });
    expect(deep.lines.map((l) => l.message)).toEqual(['line 9999', 'line 9998']);
    expect(deep.nextTo).toBe(t0 + 1_000_000 + 9998);
    // a filter that scans the whole file
    const errorsOfA = await reader.query({ minLevel: 'error', tenantId: tenantA, limit: 1000 });
    expect(errorsOfA.lines.map((l) => l.message)).toEqual(
      Array.from({ length: count / 1000 }, (_, k) => count - 1000 * (k + 1))
        .filter((i) => i % 3 === 0)
        .map((i) => `line ${i}`)
        .concat('old failure'),
    );
    // the lines older than the 5 MB budget are left for the next page
    const budgeted = new LogReader(logDir, { maxScanBytes: 5 * 1024 * 1024 });
    const partial = await budgeted.query({ q: 'no such text' });
    // (with that budget, the deep page is only reachable because bisection skips the newer lines)
    const deepOnBudget = await budgeted.query({ limit: 2, to: t0 + 1_000_000 + 10_000 });
    expect(deepOnBudget.lines.map((l) => l.message)).toEqual(['line 9999', 'line 9998']);
    expect(partial.lines).toEqual([]);
    expect(partial.nextTo).not.toBeNull();
    expect(partial.nextTo!).toBeLessThan(t0 + 1_000_000 + count);
  }, 60_000);

  it('answers nothing, not an error, when there is no log folder yet', async () => {
    const reader = new LogReader(join(dataDir, 'nowhere'));
    expect(await reader.query({})).toEqual({ lines: [], nextTo: null });
  });
});
