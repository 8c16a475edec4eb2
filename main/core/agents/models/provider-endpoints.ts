import type { ProviderKind } from '../../../contract';

/**
 * Default OpenAI-compatible base URLs. Anthropic and Gemini speak the chat-completions format at
 * these addresses; local servers (Ollama, LM Studio) at theirs.
 */
export const defaultBaseUrls: Record<ProviderKind, string | null> = {
  openai: 'https://api.openai.com/v1',
  azure: null,
  anthropic: 'https://api.anthropic.com/v1/',
  gemini: 'https://generativelanguage.googleapis.com/v1beta/openai/',
  // the loopback address, not "localhost": both servers listen on IPv4, and this is the host:port
  // the platform admin allows for the installation
  ollama: 'http://127.0.0.1:11434/v1',
  lmstudio: 'http://127.0.0.1:1234/v1',
  compatible: null,
};

/** Local servers accept any key; the SDK insists on one. */
export const placeholderKeys: Partial<Record<ProviderKind, string>> = {
  ollama: 'ollama',
  lmstudio: 'lm-studio',
  compatible: 'none',
};

export const defaultAzureApiVersion = '2024-10-21';
