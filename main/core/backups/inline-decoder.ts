import { createDecipheriv, createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

/**
 * Decrypts and decompresses a backup's payload while it is being written, on another thread, so
 * the check that it decodes to the database costs no extra pass. Every byte passed to the file is
 * fed here; the file's bytes are afterwards hashed again from disk and compared.
 */
export class InlineDecoder {
  private readonly databaseHash = createHash('sha256');
  private readonly decompress = createBrotliDecompress({ chunkSize: 1 << 20 });
  private readonly decipher;
  private readonly done: Promise<void>;

  constructor(encryption: { key: Buffer; iv: Buffer } | null) {
    this.decipher = encryption ? createDecipheriv('aes-256-gcm', encryption.key, encryption.iv) : null;
    this.decompress.on('data', (chunk: Buffer) => this.databaseHash.update(chunk));
    this.done = finished(this.decompress);
    // a failure is reported by result(); until then it must not go unhandled
    this.done.catch(() => undefined);
  }

  /** A pass-through stage that feeds every chunk to the decoder, respecting its back-pressure. */
  tap(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, next) => {
        const plain = this.decipher ? this.decipher.update(chunk) : chunk;
        if (this.decompress.write(plain)) next(null, chunk);
        else this.decompress.once('drain', () => next(null, chunk));
      },
    });
  }

  /** Ends decoding (with the GCM tag when encrypted); the SHA-256 of what came out, or why not. */
  async result(tag: Buffer | null): Promise<{ databaseSha256: string } | { error: string }> {
    try {
      if (this.decipher && tag) {
        this.decipher.setAuthTag(tag);
        this.decompress.end(this.decipher.final());
      } else this.decompress.end();
      await this.done;
      return { databaseSha256: this.databaseHash.digest('hex') };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
}
