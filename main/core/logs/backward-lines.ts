import type { FileHandle } from 'node:fs/promises';

const newline = 0x0a;

export interface BackwardLine {
  /** The line's text without its newline; null when it was longer than `maxLineBytes` (skipped). */
  text: string | null;
  /** Bytes the line took in the file, newline included. */
  bytes: number;
}

export interface BackwardOptions {
  chunkBytes?: number;
  /** Longer lines are not kept in memory: they come out as `text: null`. */
  maxLineBytes?: number;
}

/**
 * The lines of `[0, end)` of a file, last first, reading chunks from the end: memory stays at one
 * chunk plus one line whatever the file's size. Newlines are found in bytes (a UTF-8 sequence never
 * contains 0x0A), so a multi-byte character is never cut.
 */
export async function* linesBackward(
  handle: FileHandle,
  end: number,
  options: BackwardOptions = {},
): AsyncGenerator<BackwardLine> {
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  const maxLineBytes = options.maxLineBytes ?? 1024 * 1024;
  let position = end;
  // the start of the file's later data that belongs to a line begun in an earlier chunk
  let carry: Buffer = Buffer.alloc(0);
  // bytes of the current (too long) line that were dropped from the carry
  let dropped = 0;
  const chunk = Buffer.allocUnsafe(chunkBytes);

  const emit = (buffer: Buffer, from: number, to: number, extra: number): BackwardLine => {
    let stop = to;
    if (stop > from && buffer[stop - 1] === 0x0d) stop -= 1;
    return extra > 0
      ? { text: null, bytes: to - from + extra + 1 }
      : { text: buffer.toString('utf8', from, stop), bytes: to - from + 1 };
  };

  while (position > 0) {
    const size = Math.min(chunkBytes, position);
    position -= size;
    const { bytesRead } = await handle.read(chunk, 0, size, position);
    const data =
      carry.length > 0 ? Buffer.concat([chunk.subarray(0, bytesRead), carry]) : chunk.subarray(0, bytesRead);
    let lineEnd = data.length;
    let extra = dropped;
    for (
      let index = data.lastIndexOf(newline, lineEnd - 1);
      index >= 0;
      index = data.lastIndexOf(newline, lineEnd - 1)
    ) {
      if (lineEnd > index + 1 || extra > 0) yield emit(data, index + 1, lineEnd, extra);
      extra = 0;
      lineEnd = index;
      if (lineEnd === 0) break;
    }
    dropped = extra;
    if (lineEnd > maxLineBytes) {
      dropped += lineEnd;
      carry = Buffer.alloc(0);
    } else {
      // copied: `chunk` is reused for the next read
      carry = Buffer.from(data.subarray(0, lineEnd));
    }
  }
  if (carry.length > 0 || dropped > 0) {
    const last = emit(carry, 0, carry.length, dropped);
    yield { ...last, bytes: last.bytes - 1 };
  }
}
