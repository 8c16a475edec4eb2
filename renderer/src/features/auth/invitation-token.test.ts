import { describe, expect, it } from 'vitest';
import { invitationToken } from './invitation-token';

const token = 's4fIk-W2pv7cX0aQ9_lmNoPqRsTuVwXyZ012345678';

describe('invitationToken', () => {
  it('takes the token from a pasted link or a bare code', () => {
    expect(invitationToken(`http://127.0.0.1:4870/#/invite/${token}`)).toBe(token);
    expect(invitationToken(`  ${token}\n`)).toBe(token);
  });

  it('refuses text that is no invitation', () => {
    expect(invitationToken('hello')).toBeNull();
    expect(invitationToken('http://127.0.0.1:4870/#/login')).toBeNull();
    expect(invitationToken(`${token}<script>`)).toBeNull();
  });
});
