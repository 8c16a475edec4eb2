import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('undoes and redoes edits in order', () => {
    const history = new History<number>();
    let state = 0;
    const edit = (next: number) => {
      history.record(state);
      state = next;
    };
    edit(1);
    edit(2);
    edit(3);
    state = history.undo(state)!;
    expect(state).toBe(2);
    state = history.undo(state)!;
    expect(state).toBe(1);
    state = history.redo(state)!;
    expect(state).toBe(2);
    expect(history.canRedo).toBe(true);
    edit(10);
    expect(history.canRedo).toBe(false);
    expect(history.redo(state)).toBeNull();
    state = history.undo(state)!;
    expect(state).toBe(2);
    state = history.undo(state)!;
    state = history.undo(state)!;
    expect(state).toBe(0);
    expect(history.undo(state)).toBeNull();
  });

  it('merges edits with the same key inside the window, but not after it or after a seal', () => {
    let now = 0;
    const history = new History<string>(100, 1000, () => now);
    let state = '';
    const type = (next: string) => {
      history.record(state, 'node1.prompt');
      state = next;
    };
    type('H');
    now += 200;
    type('He');
    now += 200;
    type('Hel');
    expect(history.undo(state)).toBe('');
    state = 'Hel';
    history.clear();
    type('Hell');
    now += 5000;
    type('Hello');
    expect(history.undo(state)).toBe('Hell');
    history.clear();
    state = 'a';
    type('ab');
    history.seal();
    type('abc');
    expect(history.undo(state)).toBe('ab');
  });

  it('keeps at most `limit` steps', () => {
    const history = new History<number>(3);
    for (let i = 0; i < 10; i++) history.record(i);
    let state = 10;
    const seen: number[] = [];
    for (let next = history.undo(state); next !== null; next = history.undo(state)) {
      seen.push(next);
      state = next;
    }
    expect(seen).toEqual([9, 8, 7]);
  });
});
