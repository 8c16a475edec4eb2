import { describe, expect, it } from 'vitest';
import { audioDurationMs, looksLike, voiceAudioType } from './audio';
import { ClipStore } from './clips';

/** A PCM WAV of `ms` milliseconds (16-bit mono at `rate`). */
function wav(ms: number, rate = 22_050): Buffer {
  const data = Buffer.alloc(Math.round((rate * 2 * ms) / 1000));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** An Ogg page carrying `packet`, with the granule position given. */
function oggPage(packet: Buffer, granule: bigint, sequence: number): Buffer {
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(1, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = 1;
  return Buffer.concat([header, Buffer.from([packet.length]), packet]);
}

function opusHead(preSkip: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48_000, 12);
  return head;
}

/** An EBML element: its id bytes, a size (8-byte unknown size when `unknown`), its body. */
function element(id: number[], body: Buffer, unknown = false): Buffer {
  const size = unknown
    ? Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    : Buffer.from([0x40 | (body.length >> 8), body.length & 0xff]);
  return Buffer.concat([Buffer.from(id), size, body]);
}

const simpleBlock = (timecode: number) => {
  const body = Buffer.alloc(8);
  body[0] = 0x81; // track 1
  body.writeInt16BE(timecode, 1);
  body[3] = 0x80;
  return element([0xa3], body);
};

/** A WebM as a browser's MediaRecorder writes it: unknown sizes, no Duration, clusters of blocks. */
function recordedWebm(): Buffer {
  const header = element([0x1a, 0x45, 0xdf, 0xa3], element([0x42, 0x82], Buffer.from('webm')));
  const info = element(
    [0x15, 0x49, 0xa9, 0x66],
    element([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])),
  );
  const tracks = element([0x16, 0x54, 0xae, 0x6b], Buffer.alloc(6));
  const cluster = (timecode: number, blocks: number[]) =>
    element(
      [0x1f, 0x43, 0xb6, 0x75],
      Buffer.concat([
        element([0xe7], Buffer.from([timecode >> 8, timecode & 0xff])),
        ...blocks.map(simpleBlock),
      ]),
      true,
    );
  const clusters = Buffer.concat([cluster(0, [0, 20, 980]), cluster(1000, [0, 460])]);
  return Buffer.concat([
    header,
    element([0x18, 0x53, 0x80, 0x67], Buffer.concat([info, tracks, clusters]), true),
  ]);
}

describe('voice recordings', () => {
  it('takes the types browsers and tools name, as the transcription request names them', () => {
    expect(voiceAudioType('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(voiceAudioType('Audio/Ogg; codecs=opus')).toBe('audio/ogg');
    expect(voiceAudioType('audio/x-wav')).toBe('audio/wav');
    expect(voiceAudioType('audio/mp3')).toBe('audio/mpeg');
    expect(voiceAudioType('audio/x-m4a')).toBe('audio/mp4');
    expect(voiceAudioType('audio/flac')).toBeNull();
    expect(voiceAudioType('application/json')).toBeNull();
    expect(voiceAudioType(undefined)).toBeNull();
  });

  it('checks the bytes are that kind of file', () => {
    expect(looksLike(wav(100), 'audio/wav')).toBe(true);
    expect(looksLike(wav(100), 'audio/webm')).toBe(false);
    expect(looksLike(recordedWebm(), 'audio/webm')).toBe(true);
    expect(looksLike(oggPage(opusHead(312), 0n, 0), 'audio/ogg')).toBe(true);
    expect(looksLike(Buffer.from('ID3\x04\x00'), 'audio/mpeg')).toBe(true);
    expect(looksLike(Buffer.from([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg')).toBe(true);
    expect(looksLike(Buffer.from('\x00\x00\x00\x18ftypM4A '), 'audio/mp4')).toBe(true);
    expect(looksLike(Buffer.from('<html>not audio</html>'), 'audio/mp4')).toBe(false);
    expect(looksLike(Buffer.alloc(0), 'audio/wav')).toBe(false);
  });

  it('tells how long a WAV, an Ogg Opus and a recorded WebM are', () => {
    expect(audioDurationMs(wav(1750), 'audio/wav')).toBe(1750);
    // a streamed WAV (sizes unknown) counts what arrived
    const streamed = wav(500);
    streamed.writeUInt32LE(0xffffffff, 40);
    expect(audioDurationMs(streamed, 'audio/wav')).toBe(500);
    const ogg = Buffer.concat([
      oggPage(opusHead(312), 0n, 0),
      oggPage(Buffer.from('OpusTags'), 0n, 1),
      oggPage(Buffer.alloc(10), 48_000n + 312n, 2),
      oggPage(Buffer.alloc(10), 2n * 48_000n + 312n, 3),
    ]);
    expect(audioDurationMs(ogg, 'audio/ogg')).toBe(2000);
    expect(audioDurationMs(recordedWebm(), 'audio/webm')).toBe(1460);
    // a recording cut short in its last block still says the time of that block
    const cut = recordedWebm();
    expect(audioDurationMs(cut.subarray(0, cut.length - 4), 'audio/webm')).toBe(1460);
    expect(audioDurationMs(Buffer.from('RIFF'), 'audio/wav')).toBeNull();
    expect(audioDurationMs(Buffer.from([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg')).toBeNull();
  });

  it('never throws on a damaged file', () => {
    for (let seed = 1; seed < 300; seed++) {
      const junk = Buffer.from(Array.from({ length: 64 }, (_, i) => (seed * 31 + i * 17) & 0xff));
      for (const type of ['audio/wav', 'audio/ogg', 'audio/webm'] as const) {
        const header = type === 'audio/wav' ? 'RIFF' : type === 'audio/ogg' ? 'OggS' : '\x1a\x45\xdf\xa3';
        const file = Buffer.concat([Buffer.from(header, 'latin1'), junk]);
        const ms = audioDurationMs(file, type);
        expect(ms === null || (Number.isFinite(ms) && ms >= 0)).toBe(true);
      }
    }
  });
});

describe('spoken replies waiting for their visitor', () => {
  const clip = (text: string) => ({ audio: Buffer.from(text), mimeType: 'audio/mpeg' });

  it('hands a clip out once, to its channel and visitor only', () => {
    const store = new ClipStore();
    const id = store.put('channel-one-0000000', 'visitor-token-aaaaaaaa', clip('hello'));
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(store.take('channel-one-0000000', id, undefined)).toBeNull();
    expect(store.take('channel-one-0000000', id, 'visitor-token-bbbbbbbb')).toBeNull();
    expect(store.take('channel-two-0000000', id, 'visitor-token-aaaaaaaa')).toBeNull();
    expect(store.take('channel-one-0000000', id, 'visitor-token-aaaaaaaa')?.audio.toString()).toBe('hello');
    expect(store.take('channel-one-0000000', id, 'visitor-token-aaaaaaaa')).toBeNull();
  });

  it('forgets clips after their time, and the oldest when memory is full', () => {
    let now = 1_000;
    const store = new ClipStore({ ttlMs: 60_000, maxBytes: 10, now: () => now });
    const first = store.put('c', 't', clip('12345'));
    const second = store.put('c', 't', clip('67890'));
    const third = store.put('c', 't', clip('abc'));
    expect(store.take('c', first, 't')).toBeNull();
    expect(store.size).toBe(2);
    now += 60_001;
    expect(store.take('c', second, 't')).toBeNull();
    expect(store.take('c', third, 't')).toBeNull();
    expect(store.size).toBe(0);
  });
});
