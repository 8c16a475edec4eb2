import PDFDocument from 'pdfkit';
import type { Language } from '../../../contract';
import type { ReportPaper } from '../../../contract/methods/insight-reports';
import {
  fit,
  heatMap,
  horizontalBars,
  ink,
  lineChart,
  muted,
  palette,
  printable,
  rule,
  stackedBars,
  table,
  type Doc,
} from './draw';
import type { DashboardContent, Panel } from './panels';

export interface PdfPage {
  language: Language;
  paper: ReportPaper;
  title: string;
  organisation: string;
  productName: string;
  /** The brand's colour (the header's rule). */
  accent: string;
  /** "Made 7 Dec 2026" and the like, under the title. */
  subtitle: string;
  filtersHeading: string;
  filters: { label: string; value: string }[];
  headlineHeading: string;
  content: DashboardContent;
  /** Said when the dashboard has no panels (none registered). */
  noPanels: string;
  /** "Page {{page}} of {{pages}}" with the numbers filled in. */
  pageLabel: (page: number, pages: number) => string;
  previousLabel: string;
}

const margin = 48;
const footer = 28;

/** Renders one dashboard as a PDF: its bytes and its page count. */
export function renderPdf(page: PdfPage): Promise<{ bytes: Buffer; pages: number }> {
  const doc: Doc = new PDFDocument({
    size: page.paper === 'letter' ? 'LETTER' : 'A4',
    margins: { top: margin, bottom: margin + footer, left: margin, right: margin },
    bufferPages: true,
    lang: page.language,
    displayTitle: true,
    info: {
      Title: printable(page.title),
      Author: printable(page.organisation),
      Creator: printable(page.productName),
      Producer: printable(page.productName),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = margin;
  const width = doc.page.width - margin * 2;
  const bottom = () => doc.page.height - margin - footer;
  let y = margin;
  const newPage = () => {
    doc.addPage();
    y = margin;
    return y;
  };
  const room = (needed: number) => {
    if (y + needed > bottom()) newPage();
  };

  // ── header ──
  doc.font('Helvetica').fontSize(9).fillColor(muted);
  doc.text(printable(page.productName), left, y, { lineBreak: false });
  doc.text(printable(page.organisation), left, y, { width, align: 'right', lineBreak: false });
  y += 14;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(2)
    .strokeColor(page.accent)
    .stroke();
  y += 12;
  doc.font('Helvetica-Bold').fontSize(20).fillColor(ink);
  doc.text(printable(page.title), left, y, { width });
  y = doc.y + 2;
  doc.font('Helvetica').fontSize(9).fillColor(muted);
  doc.text(printable(page.subtitle), left, y, { width });
  y = doc.y + 12;

  // ── the filter values ──
  doc.font('Helvetica-Bold').fontSize(10).fillColor(ink);
  doc.text(printable(page.filtersHeading), left, y, { width });
  y = doc.y + 3;
  for (const filter of page.filters) {
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(ink);
    doc.text(`${printable(filter.label)}:`, left, y, { width: 120, lineBreak: false });
    doc.font('Helvetica').fillColor(ink);
    doc.text(printable(filter.value), left + 124, y, { width: width - 124 });
    y = Math.max(doc.y, y + 11) + 1;
  }
  y += 10;

  // ── headline figures ──
  const headline = page.content.headline;
  if (headline.length > 0) {
    doc.font('Helvetica-Bold').fontSize(10).fillColor(ink);
    doc.text(printable(page.headlineHeading), left, y, { width });
    y = doc.y + 4;
    const perRow = 4;
    const gap = 8;
    const boxWidth = (width - gap * (perRow - 1)) / perRow;
    const boxHeight = headline.some((h) => h.previous !== undefined) ? 52 : 40;
    headline.forEach((figure, i) => {
      if (i % perRow === 0) {
        if (i > 0) y += boxHeight + gap;
        room(boxHeight);
      }
      const x = left + (i % perRow) * (boxWidth + gap);
      doc.roundedRect(x, y, boxWidth, boxHeight, 3).lineWidth(0.6).strokeColor(rule).stroke();
      doc.font('Helvetica').fontSize(7.5).fillColor(muted);
      doc.text(fit(doc, figure.label, boxWidth - 12), x + 6, y + 6, { lineBreak: false });
      doc.font('Helvetica-Bold').fontSize(14).fillColor(ink);
      doc.text(fit(doc, figure.value, boxWidth - 12), x + 6, y + 17, { lineBreak: false });
      if (figure.previous !== undefined) {
        doc.font('Helvetica').fontSize(7).fillColor(muted);
        const line = `${page.previousLabel}: ${figure.previous} (${figure.change ?? '–'})`;
        doc.text(fit(doc, line, boxWidth - 12), x + 6, y + 37, { lineBreak: false });
      }
    });
    y += boxHeight + 16;
  }

  // ── panels ──
  if (page.content.panels.length === 0) {
    doc.font('Helvetica').fontSize(10).fillColor(muted);
    doc.text(printable(page.noPanels), left, y, { width });
  }
  for (const panel of page.content.panels)
    y = drawPanel(doc, panel, { left, width, y, bottom, newPage, room });

  // ── page numbers ──
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const fy = doc.page.height - margin - 6;
    doc
      .moveTo(left, fy - 6)
      .lineTo(left + width, fy - 6)
      .lineWidth(0.4)
      .strokeColor(rule)
      .stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(muted);
    doc.text(fit(doc, `${page.title} · ${page.organisation}`, width - 90), left, fy, { lineBreak: false });
    doc.text(printable(page.pageLabel(i + 1, range.count)), left, fy, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = keep;
  }
  const pages = range.count;
  doc.end();
  return done.then((bytes) => ({ bytes, pages }));
}

function drawPanel(
  doc: Doc,
  panel: Panel,
  at: {
    left: number;
    width: number;
    y: number;
    bottom: () => number;
    newPage: () => number;
    room: (needed: number) => void;
  },
): number {
  const { left, width } = at;
  let y = at.y;
  const chartHeight = chartHeightOf(panel);
  // the title stays with the chart (or the table's first rows)
  if (y + 22 + (chartHeight || 40) > at.bottom()) y = at.newPage();
  doc.font('Helvetica-Bold').fontSize(12).fillColor(ink);
  doc.text(printable(panel.title), left, y, { width });
  y = doc.y + 2;
  if (panel.description) {
    doc.font('Helvetica').fontSize(8).fillColor(muted);
    doc.text(printable(panel.description), left, y, { width });
    y = doc.y + 2;
  }
  y += 4;
  const chart = panel.chart;
  if (chart) {
    const box = { x: left, y, width, height: chartHeight };
    const format = chart.format ?? ((n: number) => new Intl.NumberFormat('en').format(n));
    if (chart.kind === 'line') lineChart(doc, box, { ...chart, format });
    else if (chart.kind === 'stacked') stackedBars(doc, box, { ...chart, format });
    else if (chart.kind === 'hbars')
      horizontalBars(doc, box, { rows: chart.rows, color: chart.color ?? palette[0]!, format });
    else heatMap(doc, box, { columns: chart.columns, rows: chart.rows, format });
    y += chartHeight + 8;
  }
  doc.font('Helvetica');
  y = table(doc, { x: left, y, width, bottom: at.bottom() }, panel.table, () => {
    const top = at.newPage();
    return top;
  });
  return y + 14;
}

function chartHeightOf(panel: Panel): number {
  const chart = panel.chart;
  if (!chart) return 0;
  if (chart.kind === 'hbars') return Math.max(30, Math.min(10, chart.rows.length) * 15);
  if (chart.kind === 'heat') return 16 + Math.min(14, chart.rows.length) * 18;
  return 150;
}
