/**
 * Undo/redo of immutable snapshots. `record(before)` is called with the state an edit is about to
 * replace; edits with the same coalesce key within `coalesceMs` (typing in one field) are one step.
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private readonly limit = 200,
    private readonly coalesceMs = 1_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Remembers `before` as the state to go back to; returns false when merged into the last step. */
  record(before: T, coalesceKey?: string): boolean {
    const at = this.now();
    const merge =
      coalesceKey !== undefined &&
      coalesceKey === this.lastKey &&
      at - this.lastAt <= this.coalesceMs &&
      this.past.length > 0;
    this.lastKey = coalesceKey ?? null;
    this.lastAt = at;
    this.future = [];
    if (merge) return false;
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    return true;
  }

  /** The state to show instead of `current`, or null when there is nothing to undo. */
  undo(current: T): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(current);
    this.lastKey = null;
    return previous;
  }

  redo(current: T): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(current);
    this.lastKey = null;
    return next;
  }

  /** Ends coalescing, so the next edit is its own step even with the same key. */
  seal(): void {
    this.lastKey = null;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.lastKey = null;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
