import { useCallback, useEffect, useRef, useState } from 'react';
import { toCallError, type CallError } from '../transport';

interface Loaded<T> {
  key: string;
  attempt: number;
  data: T | undefined;
  error: CallError | null;
}

export interface LoadResult<T> {
  /** The last answer, kept while a new key loads (lists stay on screen while filters change). */
  data: T | undefined;
  error: CallError | null;
  /** True until the answer for the current key (and attempt) has arrived. */
  loading: boolean;
  reload(): void;
  /** Changes the loaded data in place (an added row, a live update). */
  update(change: (data: T) => T): void;
}

/**
 * Loads with `fetch` whenever `key` changes (and on `reload`); a late answer for an old key is
 * dropped. With `enabled` false nothing is fetched.
 */
export function useLoad<T>(fetch: () => Promise<T>, key: string, enabled = true): LoadResult<T> {
  const latest = useRef(fetch);
  useEffect(() => {
    latest.current = fetch;
  });
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    latest.current().then(
      (data) => {
        if (current) setLoaded({ key, attempt, data, error: null });
      },
      (error: unknown) => {
        if (current)
          setLoaded((previous) => ({ key, attempt, data: previous?.data, error: toCallError(error) }));
      },
    );
    return () => {
      current = false;
    };
  }, [key, attempt, enabled]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setLoaded((previous) =>
        previous && previous.data !== undefined ? { ...previous, data: change(previous.data) } : previous,
      ),
    [],
  );
  const fresh = loaded !== null && loaded.key === key && loaded.attempt === attempt;
  return {
    data: loaded?.data,
    error: fresh ? loaded.error : null,
    loading: enabled && !fresh,
    reload,
    update,
  };
}
