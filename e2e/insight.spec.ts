import { expect, test, type Locator, type Page } from '@playwright/test';
import { languages, signIn, tr, useDemoApp, type Language } from './helpers';

// The demo installation's Insight section (issue 17) in English, Dutch and Norwegian: every view says
// its title in the chosen language and draws its charts from the demo's six months of events, and
// the usage and conversations charts reach back six months when the 6-month range is chosen (read
// from the first and last day of the chart's own table of numbers). The platform admin (the demo's
// owner) sees the unit economics of the installation too. One test per language, each view checked
// with soft assertions, so a view that fails does not hide how the others do.

const app = useDemoApp();
const day = 86_400_000;

type ChartKind = 'recharts' | 'funnel' | 'heatmap';
const views: { path: string; title: string; chart: ChartKind }[] = [
  { path: '#/insight', title: 'insight.titles.overview', chart: 'recharts' },
  { path: '#/insight/conversations', title: 'insight.titles.conversations', chart: 'recharts' },
  { path: '#/insight/funnels', title: 'insight.titles.funnels', chart: 'funnel' },
  { path: '#/insight/retention', title: 'insight.titles.retention', chart: 'heatmap' },
  { path: '#/insight/marketing', title: 'insight.titles.marketing', chart: 'recharts' },
  { path: '#/insight/quality', title: 'insight.titles.quality', chart: 'recharts' },
  { path: '#/platform/economics', title: 'insight.titles.economics', chart: 'recharts' },
];

/** The UI's language, chosen with the header's language buttons. */
async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.locator(`header button[lang="${language}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** What a drawn chart has: recharts' drawing with marks of data in it (lines, bars, areas, slices, dots). */
const dataMarks = (scope: Locator) =>
  scope.locator(
    'svg.recharts-surface :is(path.recharts-line-curve, path.recharts-area-area, .recharts-bar-rectangle path, path.recharts-rectangle, path.recharts-sector, circle.recharts-dot, .recharts-scatter-symbol path)',
  );

async function expectCharts(page: Page, kind: ChartKind, where: string): Promise<void> {
  const main = page.locator('main');
  if (kind === 'recharts') {
    await expect
      .soft(dataMarks(main).first(), `${where}: a chart with data`)
      .toBeVisible({ timeout: 30_000 });
  } else if (kind === 'funnel') {
    // the funnel's bars: a step's share as a bar's width, inside the chart's image
    await expect
      .soft(main.locator('[role=img] div[style*="width"]').first(), `${where}: the funnel's bars`)
      .toBeVisible({ timeout: 30_000 });
  } else {
    // the retention heat map: cohorts as rows, each cell a share in %
    await expect
      .soft(main.locator('table tbody td').filter({ hasText: '%' }).first(), `${where}: the heat map`)
      .toBeVisible({ timeout: 30_000 });
  }
}

/** A chart card (shared/ChartCard.tsx) by its title. */
const card = (page: Page, title: string) =>
  page
    .locator('main section')
    .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });

/**
 * The first and last day of a chart's table of numbers, as days before now (0 = today): the first
 * column says each day as the UI does (a medium date in the page's language), read back here by
 * formatting the days of the last 400 in that language until one reads the same.
 */
async function tableSpan(page: Page, chart: Locator): Promise<{ first: number; last: number; rows: number }> {
  await chart.getByRole('button', { name: tr(await lang(page), 'insight.shared.showTable') }).click();
  const cells = chart.locator('table tbody tr td:first-child');
  await expect(cells.first()).toBeVisible({ timeout: 20_000 });
  // the longer range's answer replaces the shorter one's rows when it arrives
  await expect
    .poll(() => cells.count(), { timeout: 30_000, message: 'a row per day of the 6 months' })
    .toBeGreaterThanOrEqual(170);
  const texts = (await cells.allInnerTexts()).map((t) => t.trim());
  const ages = await page.evaluate(
    ({ texts, day }) => {
      const browser = globalThis as unknown as {
        document: { documentElement: { lang: string } };
        navigator: { languages: readonly string[] };
      };
      const locales = [
        browser.document.documentElement.lang,
        ...browser.navigator.languages,
        'en-GB',
        'en-US',
        'nl-NL',
        'nb-NO',
      ];
      const formats = locales.map((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }));
      const now = Date.now();
      return [texts[0]!, texts[texts.length - 1]!].map((text) => {
        for (let d = 0; d <= 400; d++) if (formats.some((f) => f.format(now - d * day) === text)) return d;
        return -1;
      });
    },
    { texts, day },
  );
  return { first: ages[0]!, last: ages[1]!, rows: texts.length };
}

async function lang(page: Page): Promise<Language> {
  return ((await page.locator('html').getAttribute('lang')) ?? 'en') as Language;
}

for (const language of languages) {
  test(`the Insight pages in ${language}: titles in ${language}, charts over the demo's data, six months of usage and conversations`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    // what broke a page, said beside the assertion it failed
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message.slice(0, 200)));
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, app);
    await chooseLanguage(page, language);
    for (const view of views) {
      errors.length = 0;
      // each view from a fresh load: a view that breaks does not take the next one with it
      await page.goto(`${app.url}/${view.path}`);
      await page.reload();
      const where = `${language} ${view.path}`;
      await expect
        .soft(
          page.getByRole('heading', { level: 1, name: tr(language, view.title), exact: true }),
          `${where}: its h1`,
        )
        .toBeVisible({ timeout: 20_000 });
      await expectCharts(page, view.chart, where);
      expect.soft(errors, `${where}: no errors in the page`).toEqual([]);
    }

    // the usage and conversations charts reach back six months when the 6-month range is chosen
    const charts = [
      { path: '#/insight', title: 'insight.overview.dailyTitle' },
      { path: '#/insight/conversations', title: 'insight.conversations.volumeTitle' },
    ];
    for (const chart of charts) {
      await page.goto(`${app.url}/${chart.path}`);
      await page.reload();
      const preset = page.getByRole('button', {
        name: tr(language, 'insight.shared.presets.180d'),
        exact: true,
      });
      await preset.click();
      await expect(preset).toHaveAttribute('aria-pressed', 'true');
      const found = card(page, tr(language, chart.title));
      await expect(dataMarks(found).first(), `${chart.path}: drawn`).toBeVisible({ timeout: 30_000 });
      const span = await tableSpan(page, found);
      // the demo's history starts 180 days ago: the chart's first day is about then, its last today
      expect.soft(span.first, `${chart.path}: its first day`).toBeGreaterThanOrEqual(175);
      expect.soft(span.last, `${chart.path}: its last day`).toBeGreaterThanOrEqual(0);
      expect.soft(span.last, `${chart.path}: its last day`).toBeLessThanOrEqual(1);
      expect.soft(span.rows, `${chart.path}: a row per day`).toBeGreaterThanOrEqual(170);
    }
  });
}
