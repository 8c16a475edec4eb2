import type { BackupKind, RetentionPolicy } from '../../contract';

export interface RetentionCandidate {
  file: string;
  createdAt: number;
  kind: BackupKind;
  verified: boolean;
}

export interface RetentionPlan {
  keep: string[];
  delete: RetentionCandidate[];
}

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}`;
/** The Monday that starts the week, in local time. */
function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(monday);
}

/**
 * Grandfather-father-son retention: the newest N, then the newest backup of each of the last D days,
 * W weeks and M months that have one. The newest verified backup is always kept.
 */
export function planRetention(candidates: RetentionCandidate[], policy: RetentionPolicy): RetentionPlan {
  const newestFirst = [...candidates].sort((a, b) => b.createdAt - a.createdAt);
  const keep = new Set<string>();
  newestFirst.slice(0, policy.keepLast).forEach((c) => keep.add(c.file));
  const buckets: [number, (d: Date) => string][] = [
    [policy.daily, dayKey],
    [policy.weekly, weekKey],
    [policy.monthly, monthKey],
  ];
  for (const [limit, keyOf] of buckets) {
    const seen = new Set<string>();
    for (const c of newestFirst) {
      if (seen.size >= limit) break;
      const key = keyOf(new Date(c.createdAt));
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(c.file);
    }
  }
  const newestVerified = newestFirst.find((c) => c.verified);
  if (newestVerified) keep.add(newestVerified.file);
  return {
    keep: newestFirst.filter((c) => keep.has(c.file)).map((c) => c.file),
    delete: newestFirst.filter((c) => !keep.has(c.file)),
  };
}
