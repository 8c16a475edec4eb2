import { describe, expect, it } from 'vitest';
import { passwordStrength } from './password-strength';

describe('password strength hint', () => {
  it('follows the length rule first', () => {
    expect(passwordStrength('')).toBe('empty');
    expect(passwordStrength('Sh0rt!')).toBe('tooShort');
  });
  it('calls repeated characters and keyboard rows weak, however long', () => {
    expect(passwordStrength('aaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passwordStrength('1234567890123456')).toBe('weak');
    expect(passwordStrength('passwordpassword')).toBe('weak');
  });
  it('grows with length, variety and unrelated words', () => {
    expect(passwordStrength('bicyclerepair')).toBe('weak');
    expect(passwordStrength('bicyclerepairshop')).toBe('fair');
    expect(passwordStrength('purple bicycle under rain')).toBe('strong');
    expect(passwordStrength('Fjord-Lamp-42-Quiet')).toBe('strong');
  });
});
