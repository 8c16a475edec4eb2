import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

/** Bytes written between two flushes to disk. */
const flushEvery = 4 * 1024 * 1024;

/**
 * A file sink that flushes to disk every few MiB instead of once at the end: one large fsync makes
 * the filesystem journal stall every other writer on the disk (the app's own database commits)
 * for as long as it takes to write it all.
 */
export function syncedFileSink(handle: FileHandle): Writable {
  let unflushed = 0;
  return new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, done) {
      void (async () => {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
        unflushed += chunk.length;
        if (unflushed >= flushEvery) {
          unflushed = 0;
          await handle.datasync();
        }
      })().then(() => done(), done);
    },
    final(done) {
      handle.sync().then(() => done(), done);
    },
  });
}
