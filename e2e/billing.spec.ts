import { expect, test, type Page } from '@playwright/test';
import { languages, signIn, tr, trPattern, useDemoApp, watchProblems, type Language } from './helpers';

// Plans and billing as the demo's people see them (issue 16): `mindframe demo` builds a platform that
// sells plans to its customer organisations, with a year of subscriptions and invoices. The owner of
// the demo's organisation sees its plan cards, its usage against the plan's limits and its invoices in
// English, Dutch and Norwegian; the platform administrator sees every customer with the revenue each
// brings in a month.
test.describe.configure({ mode: 'serial' });

/** An amount of Norwegian kroner as Intl writes it in each language ("NOK 349", "NOK 349,00", "349 kr"). */
const kroner = /(NOK|kr)\s?[\d\u00a0\u202f .,]*\d|\d[\d\u00a0\u202f .,]*\s?(kr|NOK)/;

const demo = useDemoApp();

async function chooseLanguage(page: Page, language: Language) {
  await page.locator(`header button[lang="${language}"]`).first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test("the owner's billing page shows plan cards, usage meters and invoices in English, Dutch and Norwegian", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  watchProblems(page, problems);
  await signIn(page, demo);
  for (const language of languages) {
    await chooseLanguage(page, language);
    // the sidebar's entry leads there
    await page
      .getByRole('navigation', { name: tr(language, 'nav.label') })
      .getByRole('link', { name: tr(language, 'nav.billing'), exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: tr(language, 'billing.title') })).toBeVisible();

    // the current plan with its payment status
    const current = page.getByRole('region', { name: tr(language, 'billing.current.title') });
    await expect(current.getByText(tr(language, 'billing.status.active'), { exact: true })).toBeVisible({
      timeout: 20_000,
    });

    // plan cards, each with its name and a price in kroner, the current one marked
    const plans = page.getByRole('region', { name: tr(language, 'billing.plans.title') });
    const cards = plans.getByRole('list').first().getByRole('listitem');
    await expect(cards.first()).toBeVisible({ timeout: 20_000 });
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    for (const plan of ['starter', 'pro', 'enterprise'])
      await expect(
        cards.filter({ hasText: tr(language, `billing.builtinPlans.${plan}.name`) }).first(),
      ).toContainText(kroner);
    await expect(plans.getByText(tr(language, 'billing.plans.current'), { exact: true })).toHaveCount(1);
    // the yearly prices
    await plans.getByText(tr(language, 'billing.plans.interval.year'), { exact: true }).click();
    await expect(
      plans.getByText(trPattern(language, 'billing.plans.per.year', { part: true })).first(),
    ).toBeVisible();
    // and the comparison of what each includes
    await expect(plans.getByRole('table', { name: tr(language, 'billing.compare.title') })).toContainText(
      tr(language, 'billing.limits.liveAgents'),
    );

    // usage meters against the plan's limits: a progress bar with its figures in words
    const usage = page.getByRole('region', { name: tr(language, 'billing.usage.title') });
    const meters = usage.getByRole('progressbar');
    await expect(meters.first()).toBeVisible({ timeout: 20_000 });
    expect(await meters.count()).toBeGreaterThanOrEqual(2);
    await expect(
      usage.getByText(trPattern(language, 'billing.usage.usedOf', { part: true })).first(),
    ).toBeVisible();
    await expect(meters.first()).toHaveAccessibleName(/\S/);

    // invoices: paid ones, with amounts in kroner and their period
    const invoices = page.getByRole('table', { name: tr(language, 'billing.invoices.title') });
    await expect(invoices).toBeVisible({ timeout: 20_000 });
    const rows = invoices.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    await expect(
      rows.filter({ hasText: tr(language, 'billing.invoices.status.paid') }).first(),
    ).toContainText(kroner);
  }
  expect(problems).toEqual([]);
});

test("the platform administrator's customers list shows each organisation's plan and monthly revenue", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const problems: string[] = [];
  watchProblems(page, problems);
  await signIn(page, demo);
  await chooseLanguage(page, 'en');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: tr('en', 'nav.platformBilling'), exact: true })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: tr('en', 'platformBilling.title') }),
  ).toBeVisible();
  const customers = page.getByRole('table', { name: tr('en', 'platformBilling.customers.title') });
  await expect(customers).toBeVisible({ timeout: 20_000 });
  const rows = customers.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  // the demo's own organisation is a customer too
  await expect(rows.filter({ hasText: 'Sykkelverksted Nord' })).toHaveCount(1);

  // revenue per customer: the "per month" column, in kroner, more than nothing for paying customers
  const mrrColumn = (await customers.locator('thead th').allInnerTexts()).findIndex((text) =>
    new RegExp(tr('en', 'platformBilling.customers.columns.mrr'), 'i').test(text),
  );
  expect(mrrColumn).toBeGreaterThan(0);
  const revenues = await rows.locator(`td:nth-child(${mrrColumn + 1})`).allInnerTexts();
  for (const revenue of revenues) expect(revenue).toMatch(kroner);
  const amounts = revenues.map((text) =>
    Number(text.replace(/[^\d,.]/g, '').replace(/[.,](?=\d{3}\b)/g, '')),
  );
  expect(amounts.filter((amount) => amount > 0).length).toBeGreaterThanOrEqual(3);

  // and the total a month
  await expect(page.getByTestId('total-mrr')).toHaveText(kroner);
  // a paying customer's next invoice is on the list
  expect((await customers.innerText()).match(/\b20\d\d\b/g)?.length ?? 0).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});
