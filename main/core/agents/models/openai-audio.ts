import type * as OpenAiModule from 'openai';
import type { OutboundAllowList } from '../../lib/outbound-guard';
import { createClient, toProviderError, type ProviderConnection, type ProviderError } from './openai-model';

/**
 * Speech to text and text to speech through the `openai` SDK (issue 13, voice): OpenAI itself, or
 * any server that speaks the same API on this machine or the network (whisper.cpp's server,
 * faster-whisper-server, LocalAI, openedai-speech ...). Every request goes through the outbound
 * guard (createClient); a failure is a ProviderError that keeps only the kind of failure and the
 * HTTP status, never what the server wrote.
 */

function sdk(): typeof OpenAiModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (see openai-model.ts)
  return require('openai') as typeof OpenAiModule;
}

export interface Transcript {
  text: string;
  /** How long the audio was, when the server said so (whisper's verbose answer). */
  durationMs: number | null;
}

/** The file name a transcription server sees: some pick the decoder by its extension. */
const extensions: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'mp4',
};

/** Whisper models answer `verbose_json` with the audio's duration; newer ones take only `json`. */
const speaksVerbose = (model: string): boolean => /whisper/i.test(model);

/** Whisper's language codes: Norwegian bokmål is `no`. */
const whisperLanguage = (language: string): string => (language === 'nb' ? 'no' : language);

/** The longest text one speech request takes (OpenAI's limit). */
export const maxSpeechInput = 4096;
/** The largest spoken reply taken from a server. */
export const maxSpeechBytes = 8 * 1024 * 1024;

export class OpenAiAudio {
  private readonly client;

  constructor(
    private readonly connection: ProviderConnection,
    allowList: OutboundAllowList,
  ) {
    this.client = createClient(connection, allowList);
  }

  /** Audio (one of `extensions`' types) to text; `language` is a hint (ISO 639-1) when known. */
  async transcribe(input: {
    audio: Buffer;
    mimeType: string;
    model: string;
    language?: string;
    signal: AbortSignal;
  }): Promise<Transcript> {
    const file = await sdk().toFile(input.audio, `speech.${extensions[input.mimeType] ?? 'webm'}`, {
      type: input.mimeType,
    });
    const language = input.language ? { language: whisperLanguage(input.language) } : {};
    try {
      if (speaksVerbose(input.model)) {
        const answer = await this.client.audio.transcriptions.create(
          { file, model: input.model, response_format: 'verbose_json', ...language },
          { signal: input.signal },
        );
        const seconds = typeof answer.duration === 'number' ? answer.duration : NaN;
        return {
          text: typeof answer.text === 'string' ? answer.text : '',
          durationMs: Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null,
        };
      }
      const answer = await this.client.audio.transcriptions.create(
        { file, model: input.model, response_format: 'json', ...language },
        { signal: input.signal },
      );
      return { text: typeof answer.text === 'string' ? answer.text : '', durationMs: null };
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** Text to speech (mp3); answers the audio and its type. */
  async speak(input: {
    text: string;
    model: string;
    voice: string;
    signal: AbortSignal;
  }): Promise<{ audio: Buffer; mimeType: string }> {
    try {
      const response = await this.client.audio.speech.create(
        {
          model: input.model,
          voice: input.voice,
          input: input.text.slice(0, maxSpeechInput),
          response_format: 'mp3',
        },
        { signal: input.signal },
      );
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxSpeechBytes) throw this.tooLarge();
      const audio = Buffer.from(await response.arrayBuffer());
      if (audio.length > maxSpeechBytes) throw this.tooLarge();
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      return { audio, mimeType: /^audio\/[a-z0-9.+-]+$/.test(type) ? type : 'audio/mpeg' };
    } catch (error) {
      throw this.failure(error);
    }
  }

  private tooLarge(): ProviderError {
    return toProviderError(new Error('The spoken reply is larger than allowed.'));
  }

  private failure(error: unknown): ProviderError {
    return toProviderError(error, this.connection.apiKey, true);
  }
}
