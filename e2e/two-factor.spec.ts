import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { heading, nav, ownerOf, setUpOwner, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

const owner = ownerOf('Acme Robotics', 'olivia@acme.test');

/**
 * What an authenticator app with this key shows. One step ahead of now: the code that confirmed the
 * set-up (this step) is spent, and the core accepts one step of clock drift either way.
 */
function nextCode(manualKey: string): string {
  const totp = new TOTP({ secret: Secret.fromBase32(manualKey.replace(/\s/g, '')) });
  return totp.generate({ timestamp: Date.now() + 30_000 });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: `${owner.name} account menu` }).click();
  await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
  await expect(heading(page, 'Sign in')).toBeVisible();
}

async function password(page: Page) {
  await page.getByLabel('E-mail address').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(heading(page, 'Two-factor sign-in')).toBeVisible();
}

test('two-factor sign-in: enrol with the key on screen, sign in with a code, then with a recovery code once', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  watchProblems(page, problems);
  let manualKey = '';
  let recoveryCodes: string[] = [];

  await test.step('set up the organisation', async () => {
    await page.goto(app.url);
    await setUpOwner(page, owner);
  });

  await test.step('turn on two-factor sign-in from the account menu', async () => {
    await page.getByRole('button', { name: `${owner.name} account menu` }).click();
    await page.getByRole('menuitem', { name: 'Your account' }).click();
    await expect(heading(page, 'Your account')).toBeVisible();
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    manualKey = await page.getByLabel('Set-up key').inputValue();
    expect(manualKey.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
    // a wrong code is refused and nothing is turned on
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    await expect(page.getByText('The code is not correct.', { exact: false })).toBeVisible();
    const code = new TOTP({ secret: Secret.fromBase32(manualKey.replace(/\s/g, '')) }).generate();
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    const list = page.getByRole('list', { name: 'Recovery codes' });
    await expect(list.getByRole('listitem')).toHaveCount(10);
    recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes[0]).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await expect(page.getByText('On', { exact: true })).toBeVisible();
    await expect(page.getByText('10 recovery codes left.')).toBeVisible();
  });

  await test.step('the team page shows two-factor as on', async () => {
    await nav(page, 'Team').click();
    const row = page.getByRole('row').filter({ hasText: owner.email });
    await expect(row.getByText('On', { exact: true })).toBeVisible();
  });

  await test.step('sign out, and sign in again with the password and a code', async () => {
    await signOut(page);
    await password(page);
    await page.getByLabel('Authentication code').fill('123456');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByText('The code is not correct.', { exact: false })).toBeVisible();
    await page.getByLabel('Authentication code').fill(nextCode(manualKey));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(heading(page, 'Team')).toBeVisible();
  });

  await test.step('sign in with a recovery code instead; it works once', async () => {
    await signOut(page);
    await password(page);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(heading(page, 'Team')).toBeVisible();

    await signOut(page);
    await password(page);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByText('This recovery code is not correct or was used before.')).toBeVisible();
    await expect(heading(page, 'Two-factor sign-in')).toBeVisible();
    // another code still works, and the account page counts what is left
    await page.getByLabel('Recovery code').fill(recoveryCodes[1]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(heading(page, 'Team')).toBeVisible();
    await page.goto(`${app.url}#/account`);
    await expect(page.getByText('8 recovery codes left.')).toBeVisible();
  });

  expect(problems).toEqual([]);
  await context.close();
});
