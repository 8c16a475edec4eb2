import type { MethodOutput } from '../../contract';

export type CostRow = MethodOutput<'runs.costs'>['rows'][number];
export type CostGrouping = 'day' | 'agent' | 'model' | 'all';

export interface CostLine {
  key: string;
  day: string | null;
  agentName: string | null;
  model: string | null;
  steps: number;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
}

export interface CostTotals {
  steps: number;
  tokensIn: number;
  tokensOut: number;
  costMicros: number;
}

/** The cost rows summed per day, agent or model (or kept per day × agent × model); biggest cost first, days newest first. */
export function groupCosts(rows: readonly CostRow[], by: CostGrouping): CostLine[] {
  const lines = new Map<string, CostLine>();
  for (const row of rows) {
    const key =
      by === 'day'
        ? row.day
        : by === 'agent'
          ? row.agentId
          : by === 'model'
            ? row.model
            : `${row.day}|${row.agentId}|${row.model}`;
    const line = lines.get(key) ?? {
      key,
      day: by === 'day' || by === 'all' ? row.day : null,
      agentName: by === 'agent' || by === 'all' ? row.agentName : null,
      model: by === 'model' || by === 'all' ? row.model : null,
      steps: 0,
      tokensIn: 0,
      tokensOut: 0,
      costMicros: 0,
    };
    line.steps += row.steps;
    line.tokensIn += row.tokensIn;
    line.tokensOut += row.tokensOut;
    line.costMicros += row.costMicros;
    lines.set(key, line);
  }
  const list = [...lines.values()];
  if (by === 'day') return list.sort((a, b) => (b.day ?? '').localeCompare(a.day ?? ''));
  if (by === 'all')
    return list.sort((a, b) => (b.day ?? '').localeCompare(a.day ?? '') || b.costMicros - a.costMicros);
  return list.sort((a, b) => b.costMicros - a.costMicros || (a.key < b.key ? -1 : 1));
}

export function totalCosts(rows: readonly CostRow[]): CostTotals {
  return rows.reduce(
    (sum, row) => ({
      steps: sum.steps + row.steps,
      tokensIn: sum.tokensIn + row.tokensIn,
      tokensOut: sum.tokensOut + row.tokensOut,
      costMicros: sum.costMicros + row.costMicros,
    }),
    { steps: 0, tokensIn: 0, tokensOut: 0, costMicros: 0 },
  );
}
