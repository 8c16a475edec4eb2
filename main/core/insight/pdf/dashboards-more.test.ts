import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../../testing/harness';

/**
 * The marketing, quality and economics dashboards as PDFs through insight.reportPdf on a real
 * database: a valid PDF whose text holds each panel's title and a figure worked by hand.
 * Marketing: the events of marketing.test.ts (first touch credits "Spring search" 370.00).
 */

const day = 86_400_000;
const d = (n: number) => Date.UTC(2026, 9, 1) + n * day;

let h: Harness;
let owner: SignedIn;

const csv = (rows: string[][]) =>
  ['name,actor,at,source,campaign,medium,value', ...rows.map((r) => r.join(','))].join('\n');

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: true }).promise;
  const texts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: texts.join('\n').replace(/\s+/g, ' ') };
}

/** Writes the PDF where a person can look at it (PDF_OUT=dir). */
function keep(name: string, bytes: Buffer) {
  const dir = process.env.PDF_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${name}.pdf`, bytes);
}

beforeAll(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Pedal & Co', 'owner@pedal.test');
  await expectOk(
    h.core,
    'insight.saveCampaign',
    {
      name: 'Spring search',
      channel: 'paid_search',
      spend: 20_000,
      startsAt: d(-30),
      endsAt: d(30),
      utmSource: 'google',
      utmMedium: 'cpc',
      utmCampaign: 'spring',
    },
    owner.call,
  );
  await expectOk(
    h.core,
    'insight.saveCampaign',
    {
      name: 'Newsletter',
      channel: 'email',
      spend: 5_000,
      startsAt: d(0),
      endsAt: d(30),
      utmCampaign: 'news',
    },
    owner.call,
  );
  const touch = (actor: string, n: number, source: string, campaign: string, medium: string) => [
    'visitor.touch',
    actor,
    String(d(n)),
    source,
    campaign,
    medium,
    '',
  ];
  const event = (name: string, actor: string, n: number, value = '') => [
    name,
    actor,
    String(d(n)),
    '',
    '',
    '',
    value,
  ];
  await expectOk(
    h.core,
    'insight.import',
    {
      csv: csv([
        touch('v1', 6, 'google', 'spring', 'cpc'),
        touch('v1', 13, 'mail', 'news', 'email'),
        event('conversation.started', 'v1', 13),
        event('lead', 'v1', 13),
        event('purchase', 'v1', 20, '300'),
        touch('v2', 11, 'google', 'spring', 'cpc'),
        touch('v2', 18, 'mail', 'news', 'email'),
        touch('v2', 25, 'google', 'spring', 'cpc'),
        event('customer', 'v2', 25, '70.00'),
        touch('v3', 5, 'mail', 'news', 'email'),
        event('conversation.started', 'v3', 5),
        ['visitor.touch', 'v4', String(d(2)), '', '', '', ''],
        event('conversation.started', 'v4', 2),
        event('customer', 'v5', 22, '100'),
      ]),
    },
    owner.call,
  );
});
afterAll(() => h?.close());

describe('marketing PDF', () => {
  it('prints the lead funnel, the channel and campaign tables and the attribution model among the filters', async () => {
    const pdf = await expectOk(
      h.core,
      'insight.reportPdf',
      { dashboard: 'marketing', from: d(0), to: d(30), filters: { model: 'first_touch' }, paper: 'a4' },
      owner.call,
    );
    const bytes = Buffer.from(pdf.contentBase64, 'base64');
    keep('marketing', bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await pdfText(bytes);
    expect(read.pages).toBe(pdf.pages);
    expect(read.text).not.toContain('not in the PDF yet');
    for (const title of ['Lead funnel', 'Attribution per channel', 'Attribution per campaign'])
      expect(read.text).toContain(title);
    // the model asked for, and the lookback the view defaults to
    expect(read.text).toContain('Attribution model');
    expect(read.text).toContain('First touch');
    expect(read.text).toContain('Lookback window (days)');
    expect(read.text).toContain('30');
    // first touch: every conversion to Spring search, 300 + 70 = 370.00; its ROAS 370 ÷ 100 = 3.7
    expect(read.text).toContain('Spring search');
    expect(read.text).toMatch(/370\b/);
    expect(read.text).toContain('3.7x');
    // the funnel: 4 visitors, 3 of them in a conversation, 1 lead
    expect(read.text).toMatch(/1\. Visitors.*4/);
  });

  it('defaults to the view\u2019s model (position based) when the filters name none', async () => {
    const pdf = await expectOk(
      h.core,
      'insight.reportPdf',
      { dashboard: 'marketing', from: d(0), to: d(30) },
      owner.call,
    );
    const read = await pdfText(Buffer.from(pdf.contentBase64, 'base64'));
    expect(read.text).toContain('Position based');
    // position based: Spring search 206.00
    expect(read.text).toMatch(/206\b/);
  });
});

describe('quality PDF', () => {
  // the series of quality.test.ts: 12 points alternating 12/8, then 9 at 10.5 (Nelson 2 at the 21st)
  const values = [12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, ...Array<number>(9).fill(10.5)];

  it('prints the process table and each process’s individuals chart with the rules that fired in words', async () => {
    const process = await expectOk(
      h.core,
      'insight.saveProcess',
      { kind: 'imported', name: 'Reparatietijd', unit: 'min', rules: 'nelson', usl: 13, lsl: 7 },
      owner.call,
    );
    const now = h.clock.now();
    const start = Math.floor((now - 30 * day) / day) * day;
    const csvText =
      'at,value\n' + values.map((v, i) => `${new Date(start + i * day).toISOString()},${v}`).join('\n');
    await expectOk(h.core, 'insight.importMeasurements', { csv: csvText, processId: process.id }, owner.call);
    const pdf = await expectOk(
      h.core,
      'insight.reportPdf',
      { dashboard: 'quality', from: start, to: now + 1, paper: 'letter' },
      owner.call,
    );
    const bytes = Buffer.from(pdf.contentBase64, 'base64');
    keep('quality', bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Letter: 612 × 792 points
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
    const read = await pdfText(bytes);
    expect(read.pages).toBe(pdf.pages);
    expect(read.text).not.toContain('not in the PDF yet');
    expect(read.text).toContain('Processes');
    expect(read.text).toContain('Individuals chart: Reparatietijd');
    expect(read.text).toContain('DPMO');
    expect(read.text).toContain('Signal');
    // the rule in words (σ said in the standard fonts), its reference lines with the limits
    expect(read.text).toContain('Rules that fired: Nelson rule 2: 9 points in a row on one side');
    expect(read.text).toContain('USL 13');
    expect(read.text).toContain('LSL 7');
    expect(read.text).toMatch(/UCL \d/);
  });
});

describe('economics PDF', () => {
  it('prints the installation’s unit economics for a platform admin, with the page’s settings as filters', async () => {
    // the first organisation's owner is the platform admin; a cost of 4,321.00 in the current month
    const now = h.clock.now();
    const month = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
    await expectOk(h.core, 'insight.saveCost', { month, category: 'hosting', amount: 432_100 }, owner.call);
    const pdf = await expectOk(
      h.core,
      'insight.reportPdf',
      { dashboard: 'economics', filters: { months: 6, forecastMonths: 3 } },
      owner.call,
    );
    const bytes = Buffer.from(pdf.contentBase64, 'base64');
    keep('economics', bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await pdfText(bytes);
    expect(read.pages).toBe(pdf.pages);
    for (const title of [
      'Unit economics',
      'MRR movements',
      'MRR and forecast',
      'Revenue and costs per month',
    ])
      expect(read.text).toContain(title);
    expect(read.text).toContain('Months ahead');
    expect(read.text).toMatch(/4,321/);
  });

  it('refuses the economics PDF, and a schedule of it, to anyone but a platform admin', async () => {
    const member = await inviteAndAccept(h.core, owner, 'ada@pedal.test', 'admin');
    const answer = await h.core.dispatch('insight.reportPdf', { dashboard: 'economics' }, member.call);
    expect(answer.ok).toBe(false);
    expect((answer as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const schedule = await h.core.dispatch(
      'insight.saveReport',
      { dashboard: 'economics', frequency: 'weekly', recipients: [member.me.user.id] },
      member.call,
    );
    expect(schedule.ok).toBe(false);
    expect((schedule as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    // the other dashboards stay theirs
    expect((await h.core.dispatch('insight.reportPdf', { dashboard: 'marketing' }, member.call)).ok).toBe(
      true,
    );
  });
});
