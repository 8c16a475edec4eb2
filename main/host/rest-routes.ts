import type { z } from 'zod';
import { methods, restRunBodySchema, type ApiKeyScope, type MethodName } from '../contract';

/**
 * The REST API v1 as data: `rest-v1.ts` registers these routes and `openapi.ts` documents them, both
 * from this table alone. Whatever is particular to one route is a field of its entry.
 */

export type RestParams = Record<string, string>;
export type RestQuery = Record<string, string | string[] | undefined>;

/** Statuses of a successful answer: 200 done, 201 created, 202 accepted and still going on. */
export type SuccessStatus = 200 | 201 | 202;
/** Statuses of a refusal (see `httpStatusFor` of the contract for the codes behind them). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503;

/** The tags that group the operations of the document, in the order they are shown. */
export const restTags = {
  agents: 'The agents of the tenant, and runs of their live version.',
  analytics: 'Figures about runs: outcomes, tokens and cost.',
  events: "Events other systems send into the tenant's insight (funnels, usage, dashboards).",
  health: 'Whether the installation is up (public, no key needed).',
  insight: 'Sigma level, capability, control charts and attribution of the numbers you send.',
  logs: "The tenant's log lines.",
  runs: 'Runs of agents, with their steps.',
  search: 'Full-text search of the knowledge base.',
} as const;
export type RestTag = keyof typeof restTags;

interface RestRouteBase {
  method: 'GET' | 'POST';
  /** OpenAPI style: `/api/v1/agents/{id}/runs` */
  path: string;
  contract: MethodName;
  scope: ApiKeyScope;
  tag: RestTag;
  /** A few words, without a full stop. */
  summary: string;
  /** Sentences for the document (the needed scope is added to them). */
  description: string;
  /** Path parameters and the input field each one fills. */
  params?: Record<string, string>;
  /** The statuses of a successful answer; the first unless `statusFor` picks one of the others. */
  statuses: readonly [SuccessStatus, ...SuccessStatus[]];
  /** Which of `statuses` an answer gets, for a route with more than one. */
  statusFor?(data: unknown): SuccessStatus;
  /** The statuses of the refusals it may answer. */
  errors: readonly ErrorStatus[];
}

/** Input fields in the query string (documented one by one from the contract's input schema). */
interface QueryRestRoute extends RestRouteBase {
  from: 'query';
}

/** Input from the path only; other query fields are still passed on, so the contract refuses them. */
interface PathRestRoute extends RestRouteBase {
  from: 'none';
}

/** Input in a JSON body. */
interface BodyRestRoute extends RestRouteBase {
  from: 'body';
  body: {
    /** The body as sent, for the document (the contract's input unless `shape` makes that input). */
    schema: z.ZodType;
    required: boolean;
    /** Makes the contract input from the body and the path fields; without it the body is the input. */
    shape?(body: unknown, fromPath: Record<string, string>): unknown;
  };
}

export type RestRoute = QueryRestRoute | PathRestRoute | BodyRestRoute;

/** What every route may answer: bad input, no or a wrong key, not allowed, too many requests, a failure inside. */
const refusals = [400, 401, 403, 429, 500] as const satisfies readonly ErrorStatus[];

const numericFields = new Set(['limit', 'from', 'to']);

/** Query strings are text: numbers for the numeric fields, the rest as sent (zod judges them). */
function queryInput(query: RestQuery): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    input[name] =
      typeof value === 'string' && numericFields.has(name) && /^-?\d{1,16}$/.test(value)
        ? Number(value)
        : value;
  }
  return input;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The contract input of a request to `route`. */
export function restInput(route: RestRoute, params: RestParams, query: RestQuery, body: unknown): unknown {
  const fromPath = Object.fromEntries(
    Object.entries(route.params ?? {}).map(([name, field]) => [field, params[name]!]),
  );
  if (route.from !== 'body') return route.params ? { ...queryInput(query), ...fromPath } : queryInput(query);
  if (route.body.shape) return route.body.shape(body, fromPath);
  if (Object.keys(fromPath).length === 0) return body ?? {};
  // anything but an object is passed on as it is, for the contract to refuse
  return body === undefined ? fromPath : isPlainObject(body) ? { ...body, ...fromPath } : body;
}

/** The success status of an answer with `data`. */
export function restStatus(route: RestRoute, data: unknown): SuccessStatus {
  return route.statusFor?.(data) ?? route.statuses[0];
}

/** `{message?, data?}` or `{input}`, and `wait`, as the input of `agents.run`. */
function runInput(raw: unknown, fromPath: Record<string, string>): unknown {
  if (raw !== undefined && !isPlainObject(raw)) return raw;
  const body = isPlainObject(raw) ? raw : {};
  const input = body.input ?? {
    ...(body.message !== undefined ? { message: body.message } : {}),
    ...(body.data !== undefined ? { data: body.data } : {}),
  };
  return { ...fromPath, input, ...(body.wait !== undefined ? { wait: body.wait } : {}) };
}

export const restRoutes: readonly RestRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/agents',
    contract: 'agents.list',
    scope: 'agents:read',
    tag: 'agents',
    summary: "The tenant's agents",
    description: "The tenant's agents.",
    from: 'query',
    statuses: [200],
    errors: refusals,
  },
  {
    method: 'POST',
    path: '/api/v1/agents/{id}/runs',
    contract: 'agents.run',
    scope: 'agents:run',
    tag: 'agents',
    summary: 'Start a run of the live version',
    description:
      'Start a run of the live version. Body: {message?, data?} or {input}, and wait: true to answer when it ends. 202 while it runs, 200 when done. 409 when the agent was never deployed.',
    params: { id: 'agentId' },
    from: 'body',
    body: { schema: restRunBodySchema, required: false, shape: runInput },
    statuses: [200, 202],
    statusFor: (data) => {
      const status = (data as { status?: string }).status;
      return status === 'queued' || status === 'running' ? 202 : 200;
    },
    errors: [...refusals, 404, 409, 503],
  },
  {
    method: 'GET',
    path: '/api/v1/runs/{id}',
    contract: 'runs.get',
    scope: 'runs:read',
    tag: 'runs',
    summary: 'One run with its steps, tokens, cost and errors',
    description: 'One run with its steps, tokens, cost and errors.',
    params: { id: 'runId' },
    from: 'none',
    statuses: [200],
    errors: [...refusals, 404],
  },
  {
    method: 'GET',
    path: '/api/v1/search',
    contract: 'knowledge.search',
    scope: 'search:read',
    tag: 'search',
    summary: 'Full-text search of the knowledge base (q, limit)',
    description: 'Full-text search of the knowledge base (q, limit).',
    from: 'query',
    statuses: [200],
    errors: refusals,
  },
  {
    method: 'GET',
    path: '/api/v1/logs',
    contract: 'logs.query',
    scope: 'logs:read',
    tag: 'logs',
    summary: "The tenant's log lines, newest first",
    description: "The tenant's log lines, newest first.",
    from: 'query',
    statuses: [200],
    errors: refusals,
  },
  {
    method: 'GET',
    path: '/api/v1/analytics/summary',
    contract: 'analytics.summary',
    scope: 'analytics:read',
    tag: 'analytics',
    summary: 'Runs by outcome, tokens and cost (from, to: ms since the epoch)',
    description: 'Runs by outcome, tokens and cost (from, to: ms since the epoch).',
    from: 'query',
    statuses: [200],
    errors: refusals,
  },
  {
    method: 'POST',
    path: '/api/v1/events',
    contract: 'events.ingest',
    scope: 'events:write',
    tag: 'events',
    summary: 'Record a batch of up to 1,000 events (or one custom event)',
    description:
      'Record events in the tenant\'s insight: `{ "events": [{ "id"?, "name", "actor", "at"?, "session"?, "source"?, "campaign"?, "properties"? }] }` with up to 1,000 items. ' +
      "Each item is checked on its own: the answer counts the accepted, the duplicates (an `id` seen before is stored once and counted once) and the rejected items, and names each rejected item's index, field and reason. " +
      '`at` is in milliseconds since the epoch (now when absent); `properties` holds up to 50 strings, numbers, booleans or nulls. ' +
      'The older single event `{ "type", "level"?, "message"?, "data"? }` is still accepted: it becomes an event named by its type and a line in the tenant\'s log.',
    from: 'body',
    body: { schema: methods['events.ingest'].input, required: true },
    statuses: [201],
    errors: [...refusals, 503],
  },
  {
    method: 'POST',
    path: '/api/v1/insight/sigma',
    contract: 'insight.sigma',
    scope: 'analytics:read',
    tag: 'insight',
    summary: 'DPMO, sigma level and yield (defects, units, opportunitiesPerUnit)',
    description:
      'DPMO, sigma level with the conventional 1.5 sigma shift (convention one_tailed, the default, or two_tailed) and yield, from defects, units and opportunitiesPerUnit. The sigma level is null when unbounded (no defects, or only defects).',
    from: 'body',
    body: { schema: methods['insight.sigma'].input, required: true },
    statuses: [200],
    errors: refusals,
  },
  {
    method: 'POST',
    path: '/api/v1/insight/capability',
    contract: 'insight.capability',
    scope: 'analytics:read',
    tag: 'insight',
    summary: 'Process capability Cp and Cpk against usl and lsl',
    description:
      'Cp and Cpk against the specification limits usl and lsl, from the values (mean and sample standard deviation) or from a known mean and sigma.',
    from: 'body',
    body: { schema: methods['insight.capability'].input, required: true },
    statuses: [200],
    errors: refusals,
  },
  {
    method: 'POST',
    path: '/api/v1/insight/control-chart',
    contract: 'insight.controlChart',
    scope: 'analytics:read',
    tag: 'insight',
    summary: 'XmR control chart with the Western Electric or Nelson rules',
    description:
      'Centre, limits (X-bar plus and minus 2.66 times the mean moving range, or centre plus and minus 3 sigma when both are given) and, for each rule that fires (we1-we4 or n1-n8), the index of the point that first completes it.',
    from: 'body',
    body: { schema: methods['insight.controlChart'].input, required: true },
    statuses: [200],
    errors: refusals,
  },
  {
    method: 'POST',
    path: '/api/v1/insight/attribution',
    contract: 'insight.attribution',
    scope: 'analytics:read',
    tag: 'insight',
    summary: 'Credit one conversion to the touches before it',
    description:
      'Credits a conversion ({ at, value }) to the touches ({ channel, at }, ms since the epoch) within the lookback window (lookbackDays, default 30) by first_touch, last_touch, linear, time_decay (halfLifeDays, default 7) or position_based (40/20/40). The credits add up to the value to the cent.',
    from: 'body',
    body: { schema: methods['insight.attribution'].input, required: true },
    statuses: [200],
    errors: refusals,
  },
];
