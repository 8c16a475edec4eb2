import type { BadgeTone } from '../../components/Badge';
import type { RunStatus, RunSummary } from '../../contract';

export const runStatusTone: Record<RunStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  waiting: 'warning',
  succeeded: 'success',
  handed_over: 'accent',
  failed: 'danger',
  cancelled: 'neutral',
  interrupted: 'warning',
};

export const isRunOpen = (status: RunStatus) =>
  status === 'queued' || status === 'running' || status === 'waiting';

/** How long a run took, or has been running so far. */
export function runDuration(
  run: Pick<RunSummary, 'startedAt' | 'finishedAt' | 'createdAt'>,
  now: number,
): number | null {
  const start = run.startedAt ?? null;
  if (start === null) return null;
  return Math.max(0, (run.finishedAt ?? now) - start);
}

/** "2024-05-01" (a date input's value) as the start of that day, local time. */
export function dayStart(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/** The last millisecond of that day, local time. */
export function dayEnd(value: string): number | undefined {
  const start = dayStart(value);
  if (start === undefined) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime() - 1;
}

export function dateInputValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
