import type { Hash } from 'node:crypto';
import { Transform } from 'node:stream';

/** Passes bytes through while hashing (and counting) them. */
export function hashingStream(hash: Hash, onBytes?: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
}
