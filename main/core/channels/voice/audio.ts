/**
 * What the voice channel checks of a recording before it goes to a transcription server: its type
 * (from the request's Content-Type, names browsers and tools use mapped to one), that the bytes are
 * that kind of file, and how long it is (for the conversation's call log).
 */

/** The audio types voice takes, by the name the transcription request uses. */
export const voiceAudioTypes = ['audio/webm', 'audio/ogg', 'audio/wav', 'audio/mpeg', 'audio/mp4'] as const;
export type VoiceAudioType = (typeof voiceAudioTypes)[number];

/** The largest recording taken (push to talk: about two minutes of Opus). */
export const maxVoiceBytes = 2 * 1024 * 1024;

const aliases: Record<string, VoiceAudioType> = {
  'audio/webm': 'audio/webm',
  'audio/ogg': 'audio/ogg',
  'audio/opus': 'audio/ogg',
  'audio/wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mpeg': 'audio/mpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/mp4': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
  'audio/aac': 'audio/mp4',
};

/** The voice type of a Content-Type header (`audio/webm;codecs=opus` → `audio/webm`), or null. */
export function voiceAudioType(contentType: string | undefined): VoiceAudioType | null {
  if (!contentType) return null;
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return aliases[base] ?? null;
}

const ascii = (audio: Buffer, at: number, text: string): boolean =>
  audio.length >= at + text.length && audio.toString('latin1', at, at + text.length) === text;

/** Whether the bytes look like a file of `type` (its signature), so nothing else reaches a server. */
export function looksLike(audio: Buffer, type: VoiceAudioType): boolean {
  switch (type) {
    case 'audio/wav':
      return ascii(audio, 0, 'RIFF') && ascii(audio, 8, 'WAVE');
    case 'audio/ogg':
      return ascii(audio, 0, 'OggS');
    case 'audio/webm':
      return audio.length >= 4 && audio.readUInt32BE(0) === 0x1a45dfa3;
    case 'audio/mp4':
      return (
        ascii(audio, 4, 'ftyp') || (audio.length >= 2 && audio[0] === 0xff && (audio[1]! & 0xf6) === 0xf0)
      );
    case 'audio/mpeg':
      // an ID3 tag, or an MPEG audio frame's sync word
      return (
        ascii(audio, 0, 'ID3') || (audio.length >= 2 && audio[0] === 0xff && (audio[1]! & 0xe0) === 0xe0)
      );
  }
}

/** How long a recording is, in milliseconds, where its container says so; null where it cannot be told. */
export function audioDurationMs(audio: Buffer, type: VoiceAudioType): number | null {
  try {
    const ms =
      type === 'audio/wav'
        ? wavDuration(audio)
        : type === 'audio/ogg'
          ? oggDuration(audio)
          : type === 'audio/webm'
            ? webmDuration(audio)
            : null;
    return ms !== null && Number.isFinite(ms) && ms >= 0 && ms < 24 * 3_600_000 ? Math.round(ms) : null;
  } catch {
    return null;
  }
}

/** RIFF/WAVE: the data chunk's size over the byte rate of the fmt chunk. */
function wavDuration(audio: Buffer): number | null {
  let byteRate = 0;
  let at = 12;
  while (at + 8 <= audio.length) {
    const id = audio.toString('latin1', at, at + 4);
    const size = audio.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 16 <= audio.length) byteRate = audio.readUInt32LE(at + 16);
    if (id === 'data') {
      if (!byteRate) return null;
      // a streamed WAV says 0 or 0xFFFFFFFF: what arrived counts
      const data =
        size === 0 || size === 0xffffffff ? audio.length - at - 8 : Math.min(size, audio.length - at - 8);
      return (data / byteRate) * 1000;
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

/** Ogg (Opus or Vorbis): the last page's granule position over the sample rate. */
function oggDuration(audio: Buffer): number | null {
  let rate: number | null = null;
  let preSkip = 0;
  const opus = audio.indexOf('OpusHead', 0, 'latin1');
  if (opus >= 0 && opus + 12 <= audio.length) {
    rate = 48_000;
    preSkip = audio.readUInt16LE(opus + 10);
  } else {
    const vorbis = audio.indexOf('\x01vorbis', 0, 'latin1');
    if (vorbis >= 0 && vorbis + 16 <= audio.length) rate = audio.readUInt32LE(vorbis + 12);
  }
  if (!rate) return null;
  const last = audio.lastIndexOf('OggS', audio.length - 1, 'latin1');
  if (last < 0 || last + 14 > audio.length) return null;
  const granule = Number(audio.readBigInt64LE(last + 6));
  if (granule <= 0) return null;
  return ((granule - preSkip) / rate) * 1000;
}

// Matroska/WebM element IDs (with their marker bits, as they are written)
const ebml = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
} as const;
/** Elements whose children are read (the rest are skipped by their size). */
const masters = new Set<number>([ebml.segment, ebml.info, ebml.cluster, ebml.blockGroup]);

/** An EBML variable-size integer at `at`: its value (marker bit removed, or kept for IDs) and length. */
function vint(
  audio: Buffer,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | null {
  const first = audio[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || at + length > audio.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = audio[at + i]!;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUnsigned(audio: Buffer, at: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + audio[at + i]!;
  return value;
}

/**
 * WebM: the Info's Duration when the file has one; a browser's MediaRecorder writes none (it
 * streams), so otherwise the last block's time (cluster timecode + the block's offset).
 */
function webmDuration(audio: Buffer): number | null {
  let scaleNs = 1_000_000;
  let declared: number | null = null;
  let cluster = 0;
  let last: number | null = null;
  let at = 0;
  let steps = 0;
  while (at < audio.length && steps++ < 1_000_000) {
    const id = vint(audio, at, true);
    if (!id) break;
    const size = vint(audio, at + id.length, false);
    if (!size) break;
    const body = at + id.length + size.length;
    if (masters.has(id.value)) {
      at = body;
      continue;
    }
    if (size.unknown) break;
    const end = body + size.value;
    if (end > audio.length) {
      // the recording's last block may be cut short: its time is still in its header
      if (id.value !== ebml.simpleBlock && id.value !== ebml.block) break;
    }
    if (id.value === ebml.timecodeScale) scaleNs = readUnsigned(audio, body, size.value) || scaleNs;
    else if (id.value === ebml.duration)
      declared =
        size.value === 4 ? audio.readFloatBE(body) : size.value === 8 ? audio.readDoubleBE(body) : null;
    else if (id.value === ebml.timecode) cluster = readUnsigned(audio, body, size.value);
    else if (id.value === ebml.simpleBlock || id.value === ebml.block) {
      const track = vint(audio, body, false);
      if (track && body + track.length + 2 <= audio.length)
        last = cluster + audio.readInt16BE(body + track.length);
    }
    at = end;
  }
  const ticks = declared ?? last;
  return ticks === null ? null : (ticks * scaleNs) / 1_000_000;
}
