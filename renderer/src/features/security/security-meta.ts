import type { BadgeTone } from '../../components/Badge';
import type { SecurityEvent, SecuritySeverity } from '../../contract';

export const severityTone: Record<SecuritySeverity, BadgeTone> = {
  low: 'neutral',
  medium: 'warning',
  high: 'danger',
  critical: 'danger',
};

const rank: Record<SecuritySeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Whether a live event belongs in a list filtered to this severity and up ('' = all). */
export function matchesSeverity(event: SecurityEvent, minSeverity: SecuritySeverity | ''): boolean {
  return minSeverity === '' || rank[event.severity] >= rank[minSeverity];
}

/** A live event replaces the row it updates (a growing burst) or goes on top, newest first. */
export function mergeLive(events: SecurityEvent[], event: SecurityEvent): SecurityEvent[] {
  const rest = events.filter((e) => e.id !== event.id);
  return [event, ...rest];
}

/** The allow-list editor's text: one range per line; blank lines and # comments are ignored. */
export function parseAllowList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0);
}

/** The core's device labels ("Chrome on Windows", "Mindframe desktop", "Script"), to translate. */
export type DeviceLabel =
  | { kind: 'unknown' }
  | { kind: 'desktop' }
  | { kind: 'named'; browser: string; os: string | null }
  | { kind: 'raw'; text: string };

export function parseDevice(device: string): DeviceLabel {
  if (device === 'Unknown device') return { kind: 'unknown' };
  if (device === 'Mindframe desktop') return { kind: 'desktop' };
  const match = /^(\S+)(?: on (\S+))?$/.exec(device);
  if (!match) return { kind: 'raw', text: device };
  return { kind: 'named', browser: match[1]!, os: match[2] ?? null };
}
