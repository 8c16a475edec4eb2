import type { Severity } from '../../contract';

const minute = 60_000;

/** Minutes to acknowledge and to resolve, per severity. */
export const slaMinutes: Record<Severity, { acknowledge: number; resolve: number }> = {
  SEV1: { acknowledge: 15, resolve: 4 * 60 },
  SEV2: { acknowledge: 30, resolve: 8 * 60 },
  SEV3: { acknowledge: 4 * 60, resolve: 3 * 24 * 60 },
  SEV4: { acknowledge: 24 * 60, resolve: 14 * 24 * 60 },
};

export function dueDates(severity: Severity, from: number): { ackDueAt: number; resolveDueAt: number } {
  const sla = slaMinutes[severity];
  return { ackDueAt: from + sla.acknowledge * minute, resolveDueAt: from + sla.resolve * minute };
}

/** SEV1 is the most severe: rank 1. */
export function severityRank(severity: Severity): number {
  return Number(severity.slice(3));
}
