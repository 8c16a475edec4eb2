import { expect, test, type Browser, type Page } from '@playwright/test';
import { heading, nav, ownerOf, useServedApp, watchProblems } from './helpers';

const app = useServedApp();

const owner = ownerOf('Acme Robotics', 'olivia@acme.test');
const viewer = { name: 'Vera Viewer', email: 'vera@acme.test', password: 'viewer pass phrase 42' };

/** A new browser window on the app that records Content-Security-Policy refusals and page errors. */
async function openWindow(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  watchProblems(page, problems);
  return page;
}

test('first run: set up, sign out and in, invite a viewer who can only look, verify the audit chain', async ({
  browser,
}) => {
  const problems: string[] = [];
  const page = await openWindow(browser, problems);
  let inviteLink = '';

  await test.step('the first-run setup checks the form and creates the owner', async () => {
    await page.goto(app.url);
    await expect(heading(page, 'Set up Mindframe')).toBeVisible();
    // beside setting up: a demo in one click, and the exact commands that build and open one in a
    // folder of its own, each with its copy button
    await expect(page.getByRole('heading', { name: 'Explore a demo', level: 2 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Build the demo here' })).toBeVisible();
    await page.getByText('Or build the demo from a terminal, in a folder of its own').click();
    await expect(
      page.getByText('npx mindframe demo --data-dir mindframe-demo', { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy the command that builds the demo' })).toBeVisible();
    await page.getByLabel('Organisation name').fill(owner.org);
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('E-mail address').fill('not-an-address');
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm password').fill('something else');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expect(page.getByText('Enter a valid e-mail address, such as name@example.com.')).toBeVisible();
    await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
    await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
    await expect(page.getByLabel('E-mail address')).toBeFocused();

    await page.getByLabel('E-mail address').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByLabel('Confirm password').fill(owner.password);
    await page.getByRole('button', { name: 'Create organisation' }).click();
    // the owner is signed in and lands in the onboarding wizard, which leads to the dashboard
    await expect(heading(page, 'Get started')).toBeVisible();
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await expect(heading(page, 'Dashboard')).toBeVisible();
  });

  await test.step('the dashboard shows the live health card with a score', async () => {
    const health = page.getByRole('region', { name: 'System health' });
    await expect(health.getByRole('img', { name: /^Health score: \d{1,3} out of 100$/ })).toBeVisible();
    const checks = health.getByRole('list', { name: 'Health checks' }).getByRole('listitem');
    // the Guardian's database check, as the dashboard now shows it (one health system)
    await expect(checks.filter({ hasText: 'Database' })).toContainText(
      'The database answers and its integrity check passed.',
    );
    await expect(
      page.getByRole('region', { name: 'Recent activity' }).getByText('Installation set up'),
    ).toBeVisible();
  });

  await test.step('sign out, then a wrong password is refused and the right one signs in', async () => {
    await page.getByRole('button', { name: `${owner.name} account menu` }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await expect(heading(page, 'Sign in')).toBeVisible();

    await page.getByLabel('E-mail address').fill(owner.email);
    await page.getByLabel('Password').fill('definitely not it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The e-mail address or password is not correct.');

    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(heading(page, 'Dashboard')).toBeVisible();
  });

  await test.step('the owner invites a viewer and reads the invitation link', async () => {
    await nav(page, 'Team').click();
    await expect(heading(page, 'Team')).toBeVisible();
    await page.getByRole('button', { name: 'Invite' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a team member' });
    await dialog.getByLabel('E-mail address').fill(viewer.email);
    await dialog.getByLabel('Name').fill(viewer.name);
    await dialog.getByLabel('Role').selectOption({ label: 'Viewer' });
    await dialog.getByRole('button', { name: 'Create invitation' }).click();

    inviteLink = await dialog.getByLabel('Invitation link').inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${app.url.replace(/[.]/g, '\\.')}/#/invite/[\\w-]{20,}$`));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    const row = page
      .getByRole('table', { name: 'Team members' })
      .getByRole('row', { name: new RegExp(viewer.name) });
    await expect(row).toContainText(viewer.email);
    await expect(row).toContainText('Invited');
  });

  await test.step('in another browser the viewer accepts the invitation and sees the team read-only', async () => {
    const guest = await openWindow(browser, problems);
    // the viewer got the link by message: they open the app and paste it on the sign-in screen
    await guest.goto(app.url);
    await guest.getByRole('button', { name: 'Have an invitation?' }).click();
    await guest.getByLabel('Invitation link or code').fill('not an invitation');
    await guest.getByRole('button', { name: 'Continue' }).click();
    await expect(guest.getByText('This is not an invitation link or code.', { exact: false })).toBeVisible();
    await guest.getByLabel('Invitation link or code').fill(inviteLink);
    await guest.getByRole('button', { name: 'Continue' }).click();
    await expect(heading(guest, 'Accept your invitation')).toBeVisible();
    await guest.getByLabel('Password').fill(viewer.password);
    await guest.getByRole('button', { name: 'Accept and sign in' }).click();
    await expect(heading(guest, 'Dashboard')).toBeVisible();
    await expect(
      guest.getByRole('button', { name: /^Acme Robotics Viewer Switch organisation$/ }),
    ).toContainText('Viewer');

    await nav(guest, 'Team').click();
    await expect(heading(guest, 'Team')).toBeVisible();
    const table = guest.getByRole('table', { name: 'Team members' });
    await expect(table.getByRole('row', { name: new RegExp(owner.name) })).toContainText('Owner');
    await expect(
      guest.getByText('Only admins and owners can invite people or change members.'),
    ).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Invite' })).toHaveCount(0);
    await expect(table.getByRole('combobox')).toHaveCount(0);
    await expect(table.getByRole('button')).toHaveCount(0);

    const answer = await guest.evaluate(async () => {
      type PageStorage = { sessionStorage: { getItem(key: string): string | null } };
      const csrfToken =
        (globalThis as unknown as PageStorage).sessionStorage.getItem('mindframe.csrfToken') ?? '';
      const response = await fetch('/api/call/users.invite', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ email: 'mallory@acme.test', role: 'admin' }),
      });
      return {
        csrfToken,
        status: response.status,
        body: (await response.json()) as { ok: boolean; error?: { code: string; message: string } },
      };
    });
    expect(answer.csrfToken).not.toBe('');
    expect(answer.status).toBe(403);
    expect(answer.body.ok).toBe(false);
    expect(answer.body.error?.code).toBe('FORBIDDEN');
    expect(answer.body.error?.message).not.toMatch(/CSRF/i);

    // the sidebar shows only what a viewer can use; the page itself still says why when reached
    await expect(nav(guest, 'Audit log')).toHaveCount(0);
    await guest.goto(`${new URL(guest.url()).origin}/#/audit`);
    await expect(guest.getByText('You need the admin role to see the audit log')).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Verify chain' })).toHaveCount(0);
    await guest.context().close();
  });

  await test.step('the owner sees the accepted invitation and verifies the audit chain', async () => {
    await expect(
      page.getByRole('table', { name: 'Team members' }).getByRole('row', { name: new RegExp(viewer.name) }),
    ).toContainText('Active');
    await nav(page, 'Audit log').click();
    await expect(heading(page, 'Audit log')).toBeVisible();
    const entries = page.getByRole('table', { name: 'Audit entries' });
    await expect(entries.getByRole('row', { name: /Invitation accepted/ })).toContainText(viewer.name);
    await expect(entries.getByRole('row', { name: /Member invited/ })).toContainText(
      `${viewer.email} as Viewer`,
    );

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByText(/^Chain intact — \d+ entries checked$/)).toBeVisible();
  });

  await test.step('the language switch translates the page', async () => {
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: /^NL/ }).click();
    await expect(heading(page, 'Auditlog')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Keten controleren' })).toBeVisible();
  });

  await page.context().close();
  expect(problems).toEqual([]);
});
