import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CheckStatus } from '../../contract';
import { useFormat } from '../../i18n/format';
import type { ScorePoint, ValueSeries } from './guardian-meta';

const indigo = '#4f46e5';
const slate = '#94a3b8';
const grid = '#e2e8f0';

interface TooltipProps {
  active?: boolean;
  payload?: readonly { value?: unknown; payload?: { at?: number } }[];
}

function ScoreTooltip({ active, payload, scoreLabel }: TooltipProps & { scoreLabel(score: number): string }) {
  const { dateTime } = useFormat();
  const point = payload?.[0];
  if (!active || !point || typeof point.value !== 'number' || point.payload?.at === undefined) return null;
  return (
    <div className="rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg">
      <p className="font-semibold">{scoreLabel(point.value)}</p>
      <p className="text-slate-300">{dateTime(point.payload.at)}</p>
    </div>
  );
}

/** The score over time, 0–100, as an area under a line. */
export function ScoreChart({
  points,
  label,
  tick,
  scoreLabel,
}: {
  points: ScorePoint[];
  /** What a screen reader hears instead of the drawing. */
  label: string;
  tick(ms: number): string;
  scoreLabel(score: number): string;
}) {
  return (
    <div role="img" aria-label={label} className="h-60 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={points}
          margin={{ top: 8, right: 12, bottom: 0, left: -20 }}
          accessibilityLayer={false}
        >
          <defs>
            <linearGradient id="score-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={indigo} stopOpacity={0.25} />
              <stop offset="100%" stopColor={indigo} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke={grid} vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={tick}
            tick={{ fontSize: 11, fill: '#64748b' }}
            stroke={grid}
            minTickGap={40}
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tick={{ fontSize: 11, fill: '#64748b' }}
            stroke={grid}
            width={48}
          />
          <Tooltip
            content={<ScoreTooltip scoreLabel={scoreLabel} />}
            cursor={{ stroke: slate, strokeDasharray: '3 3' }}
          />
          <Area
            type="monotone"
            dataKey="score"
            stroke={indigo}
            strokeWidth={2}
            fill="url(#score-fill)"
            isAnimationActive={false}
            dot={false}
            activeDot={{ r: 3.5 }}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

const statusColour: Record<CheckStatus, string> = { ok: '#10b981', warn: '#f59e0b', critical: '#ef4444' };

/** A small line of one check's value over time, coloured by the check's latest status. */
export function Sparkline({ series, label }: { series: ValueSeries; label: string }) {
  const latest = series.points.at(-1)?.status ?? 'ok';
  return (
    <div role="img" aria-label={label} className="h-9 w-28 shrink-0">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={series.points}
          margin={{ top: 4, right: 2, bottom: 4, left: 2 }}
          accessibilityLayer={false}
        >
          <YAxis hide domain={['auto', 'auto']} />
          <Line
            type="monotone"
            dataKey="value"
            stroke={statusColour[latest]}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
