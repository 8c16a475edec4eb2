import type { SearchKind } from '../../contract';

/** Something opened from the palette: a record (as it was found) or a page or action of the app. */
export interface RecentEntry {
  kind: SearchKind | 'page' | 'action';
  id: string;
  /** For records: their title and second line as found (pages and actions are said anew). */
  title?: string;
  subtitle?: string;
  route?: string;
}

const limit = 8;
const keyOf = (userId: string) => `mindframe.palette.recent.${userId}`;

export function readRecent(userId: string | null): RecentEntry[] {
  if (!userId) return [];
  try {
    const parsed = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]') as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (entry): entry is RecentEntry =>
            typeof entry === 'object' &&
            entry !== null &&
            typeof (entry as RecentEntry).kind === 'string' &&
            typeof (entry as RecentEntry).id === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export function rememberRecent(userId: string | null, entry: RecentEntry): void {
  if (!userId) return;
  const rest = readRecent(userId).filter((other) => !(other.kind === entry.kind && other.id === entry.id));
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify([entry, ...rest].slice(0, limit)));
  } catch {
    // private mode or a full storage: recent items are a convenience
  }
}
