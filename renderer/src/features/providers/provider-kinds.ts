import type { ProviderKind } from '../../contract';

interface KindInfo {
  /** Shown as the base URL's placeholder; the provider's usual address. */
  baseUrl: string;
  /** Whether the base URL must be given (no public default). */
  needsUrl: boolean;
  /** Whether the provider normally needs an API key. */
  needsKey: boolean;
  modelExample: string;
}

export const providerKindInfo: Record<ProviderKind, KindInfo> = {
  openai: {
    baseUrl: 'https://api.openai.com/v1',
    needsUrl: false,
    needsKey: true,
    modelExample: 'gpt-4o-mini',
  },
  azure: {
    baseUrl: 'https://your-resource.openai.azure.com',
    needsUrl: true,
    needsKey: true,
    modelExample: 'my-gpt-4o-deployment',
  },
  anthropic: {
    baseUrl: 'https://api.anthropic.com/v1',
    needsUrl: false,
    needsKey: true,
    modelExample: 'claude-3-5-haiku-latest',
  },
  gemini: {
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    needsUrl: false,
    needsKey: true,
    modelExample: 'gemini-2.0-flash',
  },
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', needsUrl: true, needsKey: false, modelExample: 'llama3.2' },
  lmstudio: {
    baseUrl: 'http://127.0.0.1:1234/v1',
    needsUrl: true,
    needsKey: false,
    modelExample: 'qwen2.5-7b-instruct',
  },
  compatible: {
    baseUrl: 'https://llm.example.com/v1',
    needsUrl: true,
    needsKey: false,
    modelExample: 'my-model',
  },
};

/** Model names typed one per line or separated by commas, trimmed, without duplicates. */
export function parseModels(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((model) => model.trim())
        .filter(Boolean),
    ),
  ];
}

export const isHttpUrl = (value: string) => /^https?:\/\/[^\s]+$/.test(value.trim());
