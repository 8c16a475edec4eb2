import type { Language } from '../../../contract';
import { emptyAllowList, type OutboundAllowList } from '../../lib/outbound-guard';
import { OpenAiAudio } from '../models/openai-audio';
import type { ProvidersService } from './providers-service';

/** What the voice channel gets of a tenant's provider (structurally channels/voice's VoiceProvider). */
export interface ProviderVoice {
  transcriptionModel: string;
  transcribe(input: {
    audio: Buffer;
    mimeType: string;
    language?: Language;
    signal: AbortSignal;
  }): Promise<{ text: string; durationMs: number | null }>;
  speak:
    ((input: { text: string; signal: AbortSignal }) => Promise<{ audio: Buffer; mimeType: string }>) | null;
}

/**
 * The tenant's voice provider (issue 13): the first provider by name with a transcription model,
 * its SDK client built once per provider revision, every request through the outbound guard.
 */
export class ProviderVoices {
  private readonly clients = new Map<string, { revision: number; audio: OpenAiAudio }>();

  constructor(
    private readonly providers: ProvidersService,
    private readonly allowList: OutboundAllowList = emptyAllowList,
  ) {}

  find(tenantId: string): ProviderVoice | null {
    const found = this.providers.voiceProvider(tenantId);
    const transcriptionModel = found?.voice.transcriptionModel;
    if (!found || !transcriptionModel) return null;
    const key = `${tenantId}:${found.providerId}`;
    // built on first use, so a provider the SDK cannot be set up for fails the call, not the lookup
    const client = async (): Promise<OpenAiAudio> => {
      let cached = this.clients.get(key);
      if (!cached || cached.revision !== found.revision) {
        cached = { revision: found.revision, audio: new OpenAiAudio(found.connection, this.allowList) };
        this.clients.set(key, cached);
      }
      return cached.audio;
    };
    const { speechModel, speechVoice } = found.voice;
    return {
      transcriptionModel,
      transcribe: async (input) =>
        (await client()).transcribe({
          audio: input.audio,
          mimeType: input.mimeType,
          model: transcriptionModel,
          ...(input.language ? { language: input.language } : {}),
          signal: input.signal,
        }),
      speak:
        speechModel && speechVoice
          ? async (input) =>
              (await client()).speak({
                text: input.text,
                model: speechModel,
                voice: speechVoice,
                signal: input.signal,
              })
          : null,
    };
  }
}
