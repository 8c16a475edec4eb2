import type { TicketPriority, TicketSlaState, TicketSlaTargets, TicketStatus } from '../../contract';

const minute = 60_000;

/** First response and resolution targets per priority, in minutes, until an admin sets their own. */
export const defaultSlaTargets: TicketSlaTargets['targets'] = {
  urgent: { firstResponse: 15, resolution: 4 * 60 },
  high: { firstResponse: 60, resolution: 8 * 60 },
  normal: { firstResponse: 4 * 60, resolution: 24 * 60 },
  low: { firstResponse: 8 * 60, resolution: 72 * 60 },
};

/** Share of a target's time after which it is "due soon". */
export const dueSoonShare = 0.8;

export function dueTimes(
  targets: TicketSlaTargets['targets'],
  priority: TicketPriority,
  from: number,
): { firstResponseDueAt: number; resolutionDueAt: number } {
  const target = targets[priority];
  return {
    firstResponseDueAt: from + target.firstResponse * minute,
    resolutionDueAt: from + target.resolution * minute,
  };
}

export interface SlaFacts {
  status: TicketStatus;
  createdAt: number;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  firstRespondedAt: number | null;
  firstResponseBreachedAt: number | null;
  resolutionBreachedAt: number | null;
  solvedAt: number | null;
}

const isDone = (status: TicketStatus) => status === 'solved' || status === 'closed';

/**
 * Where a ticket stands against its targets at `now`: the first response counts until a person
 * replied, then the resolution. Solved: met when no target was missed.
 */
export function slaState(facts: SlaFacts, now: number): TicketSlaState {
  const { firstResponseDueAt: firstDue, resolutionDueAt: resolveDue } = facts;
  if (firstDue === null && resolveDue === null) return 'none';
  const firstLate =
    facts.firstResponseBreachedAt !== null ||
    (firstDue !== null &&
      (facts.firstRespondedAt === null
        ? !isDone(facts.status) && now >= firstDue
        : facts.firstRespondedAt > firstDue));
  const resolveLate =
    facts.resolutionBreachedAt !== null ||
    (resolveDue !== null &&
      (isDone(facts.status) ? (facts.solvedAt ?? now) > resolveDue : now >= resolveDue));
  if (isDone(facts.status)) return firstLate || resolveLate ? 'breached' : 'met';
  if (firstLate || resolveLate) return 'breached';
  const counting = facts.firstRespondedAt === null && firstDue !== null ? firstDue : resolveDue;
  if (counting === null) return 'ok';
  const span = counting - facts.createdAt;
  return span > 0 && now - facts.createdAt >= span * dueSoonShare ? 'due_soon' : 'ok';
}
