import { describe, expect, it } from 'vitest';
import { commandScore } from './match';

describe('palette commands are matched by the start of their words, in any order', () => {
  it('finds an action by a word of its label or its keywords', () => {
    expect(commandScore('backup', 'Make a backup now')).toBeGreaterThan(0);
    expect(commandScore('now back', 'Make a backup now')).toBeGreaterThan(0);
    expect(commandScore('invite', 'Een lid uitnodigen', 'invite add person')).toBeGreaterThan(0);
    expect(commandScore('sikkerhets', 'Ta sikkerhetskopi nå')).toBeGreaterThan(0);
  });

  it('ranks a match in the label above one in the keywords, and refuses a word found nowhere', () => {
    expect(commandScore('new', 'New agent', 'create')).toBeGreaterThan(
      commandScore('create', 'New agent', 'create'),
    );
    expect(commandScore('agent pizza', 'New agent')).toBe(0);
    expect(commandScore('', 'New agent')).toBe(0);
  });

  it('ignores case and accents', () => {
    expect(commandScore('GA NAAR inbox', 'Ga naar Inbox')).toBeGreaterThan(0);
    expect(commandScore('apne', 'Åpne hjelp')).toBeGreaterThan(0);
  });
});
