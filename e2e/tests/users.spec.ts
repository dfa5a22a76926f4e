import { Browser, expect, Page, test } from '@playwright/test';
import { ADMIN, snap } from '../support/session';

/** Admin journey (issue 9): add an admin, they sign in and change their password, the first admin disables them. */

async function signIn(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.goto('/admin/login');
  await page.getByRole('textbox', { name: /username/i }).fill(user.username);
  await page.getByRole('textbox', { name: /password/i }).fill(user.password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await expect(page).not.toHaveURL(/\/admin\/login/);
}

async function secondBrowser(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  return ctx.newPage();
}

test('add an admin, who signs in and changes their password; the first admin disables them', async ({ page, browser }) => {
  const second = { username: `e2e-second-${Date.now() % 1_000_000}`, password: 'initial password 4711' };
  const changed = 'changed password 0815';

  // 1. The first admin adds a second one; the rules show while typing.
  await signIn(page, ADMIN);
  await page.goto('/admin/users');
  const add = page.getByTestId('add-admin-form');
  await add.getByRole('textbox', { name: 'Username' }).fill(second.username);
  await add.getByLabel('Initial password').fill('short');
  await expect(add.getByTestId('add-admin')).toBeDisabled();
  await expect(add.locator('#password-rules li').first()).not.toHaveClass(/ok/);
  await add.getByLabel('Initial password').fill(second.password);
  await expect(add.locator('#password-rules li.ok')).toHaveCount(3);
  await add.getByTestId('add-admin').click();
  await expect(page.getByTestId('users-notice')).toContainText(`Added admin “${second.username}”`);
  const row = page.getByTestId('users-table').locator(`tr[data-username="${second.username}"]`);
  await expect(row).toContainText('Active');
  // nobody can disable themselves: no button on the own row
  const ownRow = page.getByTestId('users-table').locator(`tr[data-username="${ADMIN.username}"]`);
  await expect(ownRow).toContainText('You cannot disable yourself');
  await expect(ownRow.getByTestId('toggle-user')).toHaveCount(0);
  await snap(page, 'users-01-added');

  // 2. The second admin signs in elsewhere and changes their password.
  const other = await secondBrowser(browser);
  await signIn(other, second);
  await other.goto('/admin/users');
  const pw = other.getByTestId('change-password-form');
  await pw.getByLabel('Current password').fill('not the password');
  await pw.getByLabel('New password', { exact: true }).fill(changed);
  await pw.getByLabel('Repeat new password').fill(changed);
  await pw.getByTestId('change-password').click();
  await expect(pw.getByRole('alert')).toContainText('current password is not right');
  await pw.getByLabel('Current password').fill(second.password);
  await pw.getByTestId('change-password').click();
  await expect(other.getByTestId('password-notice')).toContainText('Your password was changed');
  await snap(other, 'users-02-password-changed');

  // 3. The first admin disables them, after confirming.
  await page.reload();
  await row.getByTestId('toggle-user').click();
  await expect(page.getByTestId('toggle-confirm')).toContainText(`Disable “${second.username}”?`);
  await page.getByTestId('confirm-toggle').click();
  await expect(row).toContainText('Disabled');
  const audit = page.getByTestId('audit-table');
  const auditRow = (who: string, what: string) => audit.locator('tr', { hasText: who }).filter({ hasText: `${what} ${second.username}` });
  await expect(auditRow(ADMIN.username, 'disabled')).toHaveCount(1);
  await expect(auditRow(second.username, 'changed the password of')).toHaveCount(1);
  await expect(auditRow(ADMIN.username, 'added admin')).toHaveCount(1);
  await snap(page, 'users-03-disabled');

  // 4. The disabled admin is out: the next admin call sends them to sign in, and signing in fails.
  await other.goto('/admin/users');
  await expect(other).toHaveURL(/\/admin\/login/);
  await other.getByRole('textbox', { name: /username/i }).fill(second.username);
  await other.getByRole('textbox', { name: /password/i }).fill(changed);
  await other.getByRole('button', { name: /sign in|log in/i }).click();
  await expect(other.getByRole('alert')).toContainText('Wrong username or password');
  await other.context().close();
});
