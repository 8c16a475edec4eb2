import { describe, expect, it } from 'vitest';
import { resetToken } from './reset-token';

const token = 'Abc_def-0123456789xyzABCDEFGHIJ';

describe('a pasted reset link or code', () => {
  it('finds the token in a link or takes the code as it is', () => {
    expect(resetToken(`https://mindframe.example/#/reset/${token}`)).toBe(token);
    expect(resetToken(`  ${token}\n`)).toBe(token);
  });
  it('refuses what is neither', () => {
    expect(resetToken('hello')).toBeNull();
    expect(resetToken('https://mindframe.example/#/invite/abc')).toBeNull();
    expect(resetToken('https://x/#/reset/%E0%A4%A')).toBeNull();
  });
});
