import { describe, expect, it } from 'vitest';
import { redactSecret } from './openai-model';

describe('redactSecret', () => {
  const key = 'sk-proj-4f9c2e7a1b3d5f7092c4e6a8b0d2f4a6';
  it('removes a key in full, in part and masked, and leaves other text alone', () => {
    expect(redactSecret(`Incorrect API key provided: ${key}.`, key)).toBe(
      'Incorrect API key provided: [redacted].',
    );
    expect(redactSecret(`bad key ...${key.slice(-20)} here`, key)).toBe('bad key ...[redacted] here');
    expect(redactSecret('Incorrect API key provided: sk-pro***f4a6.', key)).toBe(
      'Incorrect API key provided: sk-pro***f4a6.',
    );
    expect(redactSecret('The provider did not answer in time.', key)).toBe(
      'The provider did not answer in time.',
    );
    expect(redactSecret(`two: ${key} ${key}`, key)).toBe('two: [redacted] [redacted]');
  });
});
