/**
 * Which dimensions each event is rolled up by, hour by hour (insight_rollups), and which numeric
 * property its `total` sums. Every event counts in the total row (dim '' value ''), by `source` and
 * by `campaign` when it has them, and by the properties listed here for its name. A property that is
 * missing (or not a string, number or boolean) adds no row for that dimension. A dimension name with
 * a `+` (channel+language) is the pair of both values joined by `|`, so a dashboard can split by
 * both at once without raw rows.
 *
 * Chosen for the dashboards: conversations by channel and language (volume, containment, hand-offs,
 * first response of people, rating, sentiment and intent), runs by status, agent and trigger (with
 * their cost), searches by whether they found anything, sign-ins by method. Events another system
 * sends keep their source and campaign only: a property of theirs is not a dimension unless listed.
 */

export interface RollupPlan {
  /** Properties rolled up as dimensions (a `a+b` pair is both values joined by `|`). */
  dims: readonly string[];
  /** The numeric property summed into `total` (else a numeric `value` property, else nothing). */
  sum?: string;
}

const conversation: RollupPlan = { dims: ['channel', 'language', 'channel+language'] };

export const rollupPlans: Readonly<Record<string, RollupPlan>> = {
  'conversation.started': conversation,
  'conversation.message': {
    dims: ['channel', 'language', 'channel+language', 'sentiment', 'intent'],
  },
  'conversation.handoff': conversation,
  'conversation.closed': { dims: ['channel', 'language', 'channel+language', 'contained'] },
  'conversation.rated': {
    dims: ['channel', 'language', 'channel+language', 'rating', 'channel+rating', 'language+rating'],
  },
  /** A person's first reply to a handed-off conversation: `seconds` since the hand-off. */
  'ticket.first_response': { dims: ['channel', 'language', 'channel+language'], sum: 'seconds' },
  'ticket.solved': { dims: ['channel', 'priority'], sum: 'seconds' },
  /** `cost` in micros of the tenant's currency; tokens are a property for funnels and exports. */
  'run.finished': { dims: ['status', 'agent', 'trigger'], sum: 'cost' },
  'search.query': { dims: ['zero', 'language'] },
  'auth.sign_in': { dims: ['method'] },
  'api.call': { dims: ['key'] },
  'billing.changed': { dims: ['plan'] },
};

export type PropValue = string | number | boolean | null;

/** The dimension values of one event: [dim, value] pairs beside the total. */
export function dimensionsOf(
  name: string,
  source: string | null,
  campaign: string | null,
  props: Record<string, PropValue> | null,
): [string, string][] {
  const out: [string, string][] = [['', '']];
  if (source) out.push(['source', source]);
  if (campaign) out.push(['campaign', campaign]);
  const plan = rollupPlans[name];
  if (!plan || !props) return out;
  for (const dim of plan.dims) {
    if (dim.includes('+')) {
      const parts = dim.split('+').map((key) => valueText(props[key]));
      if (parts.every((part) => part !== null)) out.push([dim, parts.join('|')]);
    } else {
      const value = valueText(props[dim]);
      if (value !== null) out.push([dim, value]);
    }
  }
  return out;
}

/** What an event adds to `total`. */
export function summedOf(name: string, props: Record<string, PropValue> | null): number {
  if (!props) return 0;
  const key = rollupPlans[name]?.sum ?? 'value';
  const value = props[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function valueText(value: PropValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value.slice(0, 100);
  return String(value);
}
