import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signIn, tr, useDemoApp, type Language } from './helpers';

// A dashboard's PDF on the served demo installation (issue 17, reports): the conversations view's PDF
// button asks for the paper size and downloads the PDF the core made; its first page is turned into
// a PNG with pdftoppm (kept under test-results/ to look at) and must not be blank, and pdftotext
// reads the dashboard's title and the organisation on it, in English, Norwegian and Dutch. The
// reports view lists the demo's scheduled report and says that e-mail is not set up.
test.describe.configure({ mode: 'serial' });

const app = useDemoApp();
const out = join(__dirname, '..', 'test-results', 'insight-report');

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.locator(`header button[lang="${language}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** The share of a gray PGM's pixels that are not (nearly) white. */
function inkShare(pgm: Buffer): number {
  // P5 <width> <height> <max>\n<bytes>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const [whole, width, height] = header;
  const pixels = pgm.subarray(whole.length);
  const count = Number(width) * Number(height);
  let ink = 0;
  for (let i = 0; i < count; i++) if (pixels[i]! < 200) ink++;
  return ink / count;
}

for (const [language, paper] of [
  ['en', 'a4'],
  ['nb', 'a4'],
  ['nl', 'letter'],
] as const) {
  test(`the conversations dashboard as a PDF in ${language} (${paper}), looked at with pdftoppm`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    mkdirSync(out, { recursive: true });
    await signIn(page, app);
    await chooseLanguage(page, language);
    await page.goto(`${app.url}/#/insight/conversations`);
    await expect(
      page.getByRole('heading', { level: 1, name: tr(language, 'insight.titles.conversations') }),
      // the section's charts load with the first view
    ).toBeVisible({ timeout: 30_000 });

    await page.getByTestId('insight-pdf-button').click();
    const dialog = page.getByRole('dialog', { name: tr(language, 'insight.pdfButton.title') });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(tr(language, 'insight.pdfButton.paper')).selectOption(paper);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      dialog.getByRole('button', { name: tr(language, 'insight.pdfButton.download') }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^conversations-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(out, `conversations-${language}.pdf`);
    await download.saveAs(file);
    // the dialog says it is done, with the page count
    await expect(dialog.getByRole('status')).toContainText(download.suggestedFilename());

    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [file]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    // A4 is 595 × 842 points, Letter 612 × 792
    expect(info).toMatch(paper === 'a4' ? /Page size:\s+595\.\d+ x 841\.\d+/ : /Page size:\s+612 x 792/);

    // the first page as a PNG (kept to look at) and as gray pixels: not blank
    const png = join(out, `conversations-${language}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, png]);
    expect(statSync(`${png}.png`).size).toBeGreaterThan(10_000);
    const gray = execFileSync('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file]);
    const share = inkShare(gray);
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.6);

    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-']).toString();
    expect(text).toContain(tr(language, 'insight.titles.conversations'));
    expect(text).toContain('Sykkelverksted Nord');
    expect(text).toContain(tr(language, 'insight.pdf.filtersHeading'));
    expect(text).toContain(tr(language, 'insight.pdf.headline'));
  });
}

test('the reports view lists the demo’s scheduled report and says e-mail is not set up', async ({ page }) => {
  await signIn(page, app);
  await chooseLanguage(page, 'nb');
  await page.goto(`${app.url}/#/insight/reports`);
  await expect(page.getByRole('heading', { level: 1, name: tr('nb', 'insight.titles.reports') })).toBeVisible(
    { timeout: 30_000 },
  );
  await expect(page.getByRole('table', { name: tr('nb', 'insight.reports.tableLabel') })).toBeVisible();
  await expect(page.getByText(tr('nb', 'insight.reports.noSmtpTitle'))).toBeVisible();
  await page.screenshot({ path: join(out, 'reports-nb.png'), fullPage: true });
});
