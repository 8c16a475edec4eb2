import { randomToken, safeEqual, sha256Hex } from '../../lib/crypto';

/**
 * Spoken replies waiting for their visitor (issue 13, voice): kept in memory for a short while,
 * under an unguessable id (192 random bits), bound to the channel and to the visitor token of the
 * conversation, and handed out once. Nothing is written to the disk; a restart forgets them (the
 * widget then speaks the reply with the browser's own voice).
 */
export interface Clip {
  audio: Buffer;
  mimeType: string;
}

interface Held extends Clip {
  publicId: string;
  tokenHash: string;
  expiresAt: number;
}

export interface ClipStoreOptions {
  /** How long a clip waits to be fetched. */
  ttlMs: number;
  /** Bytes held at most over all clips; the oldest go first. */
  maxBytes: number;
  now: () => number;
}

export class ClipStore {
  private readonly clips = new Map<string, Held>();
  private bytes = 0;
  private readonly options: ClipStoreOptions;

  constructor(options: Partial<ClipStoreOptions> = {}) {
    this.options = { ttlMs: 5 * 60_000, maxBytes: 64 * 1024 * 1024, now: Date.now, ...options };
  }

  /** Keeps a clip for `publicId`'s visitor with `visitorToken`; answers its id. */
  put(publicId: string, visitorToken: string, clip: Clip): string {
    this.sweep();
    while (this.bytes + clip.audio.length > this.options.maxBytes && this.clips.size > 0) {
      const oldest = this.clips.keys().next().value as string;
      this.drop(oldest);
    }
    const id = randomToken(24);
    this.clips.set(id, {
      ...clip,
      publicId,
      tokenHash: sha256Hex(visitorToken),
      expiresAt: this.options.now() + this.options.ttlMs,
    });
    this.bytes += clip.audio.length;
    return id;
  }

  /** The clip, once, for the channel and visitor it was made for; null otherwise (and it stays). */
  take(publicId: string, id: string, visitorToken: string | undefined): Clip | null {
    this.sweep();
    const held = this.clips.get(id);
    if (!held || visitorToken === undefined || held.publicId !== publicId) return null;
    if (!safeEqual(sha256Hex(visitorToken), held.tokenHash)) return null;
    this.drop(id);
    return { audio: held.audio, mimeType: held.mimeType };
  }

  get size(): number {
    return this.clips.size;
  }

  private drop(id: string): void {
    const held = this.clips.get(id);
    if (!held) return;
    this.clips.delete(id);
    this.bytes -= held.audio.length;
  }

  /** Forgets expired clips (they are kept in the order they were made, so the expired come first). */
  private sweep(): void {
    const now = this.options.now();
    for (const [id, held] of this.clips) {
      if (held.expiresAt > now) break;
      this.drop(id);
    }
  }
}
