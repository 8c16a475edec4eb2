import type { ReactElement } from 'react';
import { CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartColors } from './chart-colors';

interface DayChartFrame {
  /** A day's short tick (e.g. "7 dec"). */
  tick: (day: number) => string;
  /** A day in full, for the tooltip's title. */
  dayLabel: (day: number) => string;
  /** A figure as the tooltip says it. */
  value: (value: number) => string;
  minTickGap?: number;
  /** Days on a time scale (gaps between days drawn as such) rather than one slot per row. */
  timeScale?: boolean;
}

/**
 * What every per-day chart of the section draws around its series: the grid, days along the bottom,
 * whole counts up the side, the tooltip and the legend. Spread into the chart as its first children.
 */
export function dayChartFrame({
  tick,
  dayLabel,
  value,
  minTickGap = 24,
  timeScale = false,
}: DayChartFrame): ReactElement[] {
  return [
    <CartesianGrid key="grid" stroke={chartColors.grid} vertical={false} />,
    <XAxis
      key="x"
      dataKey="day"
      {...(timeScale
        ? { type: 'number' as const, scale: 'time' as const, domain: ['dataMin', 'dataMax'] }
        : {})}
      tickFormatter={tick}
      tick={axisTick}
      stroke={chartColors.grid}
      minTickGap={minTickGap}
    />,
    <YAxis key="y" allowDecimals={false} tick={axisTick} stroke={chartColors.grid} width={48} />,
    <Tooltip
      key="tooltip"
      labelFormatter={(label) => dayLabel(Number(label))}
      formatter={(figure) => value(Number(figure))}
    />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
  ];
}
