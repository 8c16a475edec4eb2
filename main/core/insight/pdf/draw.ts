import { scaleBand, scaleLinear } from 'd3-scale';

/**
 * The PDF engine's small drawing module: charts as vector paths on a pdfkit page (lines, stacked
 * bars, horizontal bars, heat-map cells) and tables of their numbers. Scales and ticks come from
 * d3-scale; everything is drawn with the standard Helvetica (WinAnsi covers æøå, ë, é …).
 */

export type Doc = PDFKit.PDFDocument;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A horizontal line across a chart at a value (a control limit, a specification limit). */
export interface Reference {
  label: string;
  value: number;
  color: string;
  dashed?: boolean;
}

/** A point drawn as a dot over a line (a point where a control-chart rule fired). */
export interface Mark {
  index: number;
  value: number;
  color: string;
  /** Said in the legend. */
  name: string;
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** The section's palette: each ≥ 3:1 against white (lines and bars). */
export const palette = ['#4f46e5', '#0e7490', '#b45309', '#047857', '#be123c', '#6d28d9', '#475569'];
export const ink = '#0f172a';
export const muted = '#475569';
export const rule = '#cbd5e1';

/**
 * Text the standard fonts can print: WinAnsi has Latin-1 and a few more (– — … ‘ ’ “ ” € •);
 * what else Intl or a name brings (the minus sign, narrow spaces, arrows) is said in WinAnsi.
 */
export function printable(text: string): string {
  return text
    .replace(/[\u2212\u2010\u2011]/g, '-')
    .replace(/[\u202f\u2009\u2007]/g, '\u00a0')
    .replace(/\u2265/g, '>=')
    .replace(/\u2264/g, '<=')
    .replace(/\u2192/g, '->')
    .replace(/\u00d7/g, 'x')
    .replace(/\u03c3/g, '\u00a0sigma')
    .replace(
      /[^\t\n\r\u0020-\u00ff\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122]/g,
      '?',
    );
}

function label(doc: Doc, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}) {
  doc.text(printable(text), x, y, { lineBreak: false, ...options });
}

/** A shortened text that fits `width` at the current font size. */
export function fit(doc: Doc, text: string, width: number): string {
  const safe = printable(text);
  if (doc.widthOfString(safe) <= width) return safe;
  let cut = safe;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The y axis: nice ticks with light grid lines; answers the scale. */
function yAxis(doc: Doc, plot: Box, max: number, format: (n: number) => string, min = 0) {
  const y = scaleLinear()
    .domain([min, max > min ? max : min + 1])
    .nice(5)
    .range([plot.y + plot.height, plot.y]);
  doc.fontSize(7).fillColor(muted);
  for (const tick of y.ticks(5)) {
    const ty = y(tick);
    doc
      .moveTo(plot.x, ty)
      .lineTo(plot.x + plot.width, ty)
      .lineWidth(0.4)
      .strokeColor(rule)
      .stroke();
    label(doc, format(tick), plot.x - 44, ty - 3, { width: 40, align: 'right' });
  }
  return y;
}

/** X labels: at most `count` of them, evenly spread. */
function xLabels(doc: Doc, labels: string[], at: (i: number) => number, y: number, count = 6) {
  if (labels.length === 0) return;
  const step = Math.max(1, Math.ceil(labels.length / count));
  doc.fontSize(7).fillColor(muted);
  for (let i = 0; i < labels.length; i += step)
    label(doc, labels[i]!, at(i) - 30, y, { width: 60, align: 'center' });
}

/** A legend line under a chart. */
function legend(doc: Doc, series: { name: string; color: string }[], x: number, y: number, width: number) {
  let cx = x;
  doc.fontSize(7.5);
  for (const s of series) {
    const text = printable(s.name);
    const w = doc.widthOfString(text) + 18;
    if (cx + w > x + width) break;
    doc.rect(cx, y + 1, 8, 8).fill(s.color);
    doc.fillColor(ink);
    label(doc, text, cx + 11, y + 1.5);
    cx += w;
  }
}

const plotOf = (box: Box): Box => ({
  x: box.x + 48,
  y: box.y + 4,
  width: box.width - 56,
  height: box.height - 34,
});

/** Lines over an x axis of labels (days …), one per series, with a legend. */
export function lineChart(
  doc: Doc,
  box: Box,
  chart: {
    labels: string[];
    series: Series[];
    format: (n: number) => string;
    references?: Reference[] | undefined;
    marks?: Mark[] | undefined;
  },
): void {
  const plot = plotOf(box);
  const references = chart.references ?? [];
  const values = [...chart.series.flatMap((s) => s.values), ...references.map((r) => r.value)];
  const max = Math.max(0, ...values);
  // a control chart's values (and limits) may sit far from 0 or below it: the axis starts at the lowest
  const lowest = Math.min(...values);
  const min =
    references.length > 0 && values.length > 0 ? lowest - (max - lowest) * 0.05 : Math.min(0, lowest);
  const y = yAxis(doc, plot, max, chart.format, Number.isFinite(min) ? min : 0);
  const n = chart.labels.length;
  const x = scaleLinear()
    .domain([0, Math.max(1, n - 1)])
    .range([plot.x, plot.x + plot.width]);
  for (const r of references) {
    const ry = y(r.value);
    doc.save();
    if (r.dashed) doc.dash(4, { space: 3 });
    doc
      .moveTo(plot.x, ry)
      .lineTo(plot.x + plot.width, ry)
      .lineWidth(0.9)
      .strokeColor(r.color)
      .stroke();
    doc.restore();
    doc.fontSize(6.5).fillColor(r.color);
    label(doc, r.label, plot.x + plot.width - 120, ry - 8, { width: 118, align: 'right' });
  }
  for (const s of chart.series) {
    if (s.values.length === 0) continue;
    doc.lineWidth(1.4).strokeColor(s.color);
    s.values.forEach((value, i) => {
      if (i === 0) doc.moveTo(x(i), y(value));
      else doc.lineTo(x(i), y(value));
    });
    if (s.values.length === 1) doc.circle(x(0), y(s.values[0]!), 1.5).fill(s.color);
    else doc.stroke();
  }
  for (const m of chart.marks ?? []) {
    doc.circle(x(m.index), y(m.value), 3.2).lineWidth(1).fillAndStroke(m.color, '#ffffff');
  }
  xLabels(doc, chart.labels, x, plot.y + plot.height + 4);
  legend(
    doc,
    [
      ...chart.series,
      ...(chart.marks?.[0] ? [{ name: chart.marks[0].name, color: chart.marks[0].color }] : []),
    ],
    plot.x,
    plot.y + plot.height + 16,
    plot.width,
  );
}

/** Bars per x label with the series stacked (sentiment per day …), with a legend. */
export function stackedBars(
  doc: Doc,
  box: Box,
  chart: { labels: string[]; series: Series[]; format: (n: number) => string },
): void {
  const plot = plotOf(box);
  const totals = chart.labels.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const y = yAxis(doc, plot, Math.max(0, ...totals), chart.format);
  const x = scaleBand<number>()
    .domain(chart.labels.map((_, i) => i))
    .range([plot.x, plot.x + plot.width])
    .padding(0.2);
  chart.labels.forEach((_, i) => {
    let base = 0;
    for (const s of chart.series) {
      const value = s.values[i] ?? 0;
      if (value <= 0) continue;
      const top = y(base + value);
      doc.rect(x(i)!, top, x.bandwidth(), y(base) - top).fill(s.color);
      base += value;
    }
  });
  xLabels(doc, chart.labels, (i) => x(i)! + x.bandwidth() / 2, plot.y + plot.height + 4);
  legend(doc, chart.series, plot.x, plot.y + plot.height + 16, plot.width);
}

/** One bar per row, longest first as given, the value at its end. */
export function horizontalBars(
  doc: Doc,
  box: Box,
  chart: { rows: { label: string; value: number }[]; color: string; format: (n: number) => string },
): void {
  const labelWidth = Math.min(150, box.width * 0.35);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...chart.rows.map((r) => r.value))])
    .range([0, box.width - labelWidth - 50]);
  const y = scaleBand<number>()
    .domain(chart.rows.map((_, i) => i))
    .range([box.y, box.y + box.height])
    .padding(0.25);
  doc.fontSize(7.5);
  chart.rows.forEach((row, i) => {
    const top = y(i)!;
    const h = y.bandwidth();
    doc.fillColor(ink);
    label(doc, fit(doc, row.label, labelWidth - 6), box.x, top + h / 2 - 3.5);
    const w = Math.max(0.5, x(row.value));
    doc.rect(box.x + labelWidth, top, w, h).fill(chart.color);
    doc.fillColor(muted);
    label(doc, chart.format(row.value), box.x + labelWidth + w + 4, top + h / 2 - 3.5);
  });
}

/** The cell's colour: white to the palette's first colour by share of the largest value. */
function heat(share: number): string {
  const from = [238, 242, 255];
  const to = [49, 46, 129];
  const mix = from.map((c, i) => Math.round(c + (to[i]! - c) * Math.max(0, Math.min(1, share))));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** A heat map: rows × columns of cells shaded by value, the value printed in each (blank: no value). */
export function heatMap(
  doc: Doc,
  box: Box,
  chart: {
    columns: string[];
    rows: { label: string; cells: (number | null)[]; shares?: (number | null)[] }[];
    format: (n: number) => string;
  },
): void {
  const labelWidth = Math.min(110, box.width * 0.25);
  const headerHeight = 14;
  const width = (box.width - labelWidth) / Math.max(1, chart.columns.length);
  const height = Math.min(18, (box.height - headerHeight) / Math.max(1, chart.rows.length));
  const max = Math.max(1, ...chart.rows.flatMap((r) => r.cells.map((c) => c ?? 0)));
  doc.fontSize(7).fillColor(muted);
  chart.columns.forEach((column, j) =>
    label(doc, fit(doc, column, width - 2), box.x + labelWidth + j * width, box.y + 2, {
      width,
      align: 'center',
    }),
  );
  chart.rows.forEach((row, i) => {
    const top = box.y + headerHeight + i * height;
    doc.fontSize(7).fillColor(ink);
    label(doc, fit(doc, row.label, labelWidth - 6), box.x, top + height / 2 - 3);
    row.cells.forEach((value, j) => {
      if (value === null) return;
      const share = row.shares?.[j] ?? value / max;
      const left = box.x + labelWidth + j * width;
      doc.rect(left + 0.5, top + 0.5, width - 1, height - 1).fill(heat(share));
      doc.fillColor(share > 0.55 ? '#ffffff' : ink);
      label(doc, fit(doc, chart.format(value), width - 2), left, top + height / 2 - 3, {
        width,
        align: 'center',
      });
    });
  });
}

export interface TableSpec {
  columns: { label: string; align?: 'left' | 'right' }[];
  rows: string[][];
}

/**
 * A table from `y` down; a row that does not fit starts a new page (`newPage` answers the new y)
 * and the header is repeated there. Answers the y under the table.
 */
export function table(
  doc: Doc,
  area: { x: number; y: number; width: number; bottom: number },
  spec: TableSpec,
  newPage: () => number,
): number {
  const rowHeight = 13;
  const share = spec.columns.length > 4 ? 0.22 : 0.34;
  const first =
    spec.columns.length > 1 ? Math.max(area.width * share, area.width / spec.columns.length) : area.width;
  const rest = spec.columns.length > 1 ? (area.width - first) / (spec.columns.length - 1) : 0;
  const widths = spec.columns.map((_, i) => (i === 0 ? first : rest));
  const lefts = widths.map((_, i) => area.x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  let y = area.y;
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(7.5).fillColor(ink);
    spec.columns.forEach((column, i) =>
      label(doc, fit(doc, column.label, widths[i]! - 6), lefts[i]! + 3, y + 3, {
        width: widths[i]! - 6,
        align: column.align ?? (i === 0 ? 'left' : 'right'),
      }),
    );
    doc
      .moveTo(area.x, y + rowHeight)
      .lineTo(area.x + area.width, y + rowHeight)
      .lineWidth(0.6)
      .strokeColor(muted)
      .stroke();
    doc.font('Helvetica');
    y += rowHeight + 1;
  };
  header();
  spec.rows.forEach((row, r) => {
    if (y + rowHeight > area.bottom) {
      y = newPage();
      header();
    }
    if (r % 2 === 1) doc.rect(area.x, y, area.width, rowHeight).fill('#f1f5f9');
    doc.fontSize(7.5).fillColor(ink);
    row.forEach((cell, i) =>
      label(doc, fit(doc, cell, widths[i]! - 6), lefts[i]! + 3, y + 3, {
        width: widths[i]! - 6,
        align: spec.columns[i]?.align ?? (i === 0 ? 'left' : 'right'),
      }),
    );
    y += rowHeight;
  });
  return y + 4;
}
