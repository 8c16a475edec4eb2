import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../lib/events';
import { EventBus } from '../lib/events';
import { linesBackward } from './backward-lines';
import { LiveTail } from './live-tail';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function backward(
  content: string,
  chunkBytes: number,
  maxLineBytes = 1024,
): Promise<(string | null)[]> {
  dir ??= mkdtempSync(join(tmpdir(), 'mindframe-back-'));
  const file = join(dir, 'f.log');
  writeFileSync(file, content);
  const handle = await open(file, 'r');
  try {
    const out: (string | null)[] = [];
    const { size } = await handle.stat();
    for await (const line of linesBackward(handle, size, { chunkBytes, maxLineBytes })) out.push(line.text);
    return out;
  } finally {
    await handle.close();
  }
}

describe('linesBackward', () => {
  it('gives the same lines as a forward split, for every chunk size, multi-byte characters included', async () => {
    const lines = ['first', 'ünïcødé ✓ 🚀 line', '', 'x'.repeat(50), 'a', '{"msg":"€€€"}', 'last'];
    const content = `${lines.join('\n')}\n`;
    const expected = lines.filter((l) => l !== '').reverse();
    for (const chunk of [1, 2, 3, 5, 7, 16, 64, 4096]) {
      expect(await backward(content, chunk), `chunk ${chunk}`).toEqual(expected);
    }
    // without a final newline the last (partial) line comes first
    expect(await backward('one\ntwo', 3)).toEqual(['two', 'one']);
  });

  it('drops a line longer than the limit without holding it, and goes on', async () => {
    const content = `before\n${'y'.repeat(5000)}\nafter\n`;
    expect(await backward(content, 64, 1000)).toEqual(['after', null, 'before']);
    expect(await backward(`${'z'.repeat(3000)}\nafter\n`, 64, 1000)).toEqual(['after', null]);
  });
});

describe('LiveTail', () => {
  it('lets a burst of 50 through, then 50 a second, and counts the rest as dropped', () => {
    const bus = new EventBus();
    const sent: EventEnvelope[] = [];
    bus.subscribe((event) => sent.push(event));
    let now = 0;
    const live = new LiveTail(bus, { now: () => now });
    const line = (tenantId: string | null) => ({
      at: 0,
      level: 'info' as const,
      module: 'core',
      message: 'm',
      tenantId,
      data: {},
    });
    for (let i = 0; i < 120; i++) live.push(line(null));
    expect(sent).toHaveLength(50);
    expect(live.stats()).toEqual({ emitted: 50, dropped: 70 });
    now += 100; // a tenth of a second: five more
    for (let i = 0; i < 20; i++) live.push(line('t1'));
    expect(sent).toHaveLength(55);
    expect(sent[0]!.to).toEqual({ kind: 'admins', tenantId: null });
    expect(sent[54]).toMatchObject({ name: 'log.line', to: { kind: 'admins', tenantId: 't1' } });
    now += 60_000; // never more than a burst after a quiet minute
    for (let i = 0; i < 100; i++) live.push(line(null));
    expect(sent).toHaveLength(105);
  });
});
