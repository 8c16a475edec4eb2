import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const flushAt = 1024 * 1024;

/** Writes lines to a file synchronously, in large writes. */
export class LineWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'wx', 0o600);
  }

  write(line: string): void {
    this.parts.push(line, '\n');
    this.size += line.length + 1;
    if (this.size >= flushAt) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

/** Reads a file of lines synchronously, a chunk at a time (for work inside one transaction). */
export function* readLinesSync(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let pending: Buffer[] = [];
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      let start = 0;
      for (let i = chunk.indexOf(10, 0); i !== -1 && i < read; i = chunk.indexOf(10, start)) {
        pending.push(Buffer.from(chunk.subarray(start, i)));
        yield Buffer.concat(pending).toString('utf8');
        pending = [];
        start = i + 1;
      }
      if (start < read) pending.push(Buffer.from(chunk.subarray(start, read)));
    }
    if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
