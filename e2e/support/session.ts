import { expect, Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import * as path from 'node:path';
import * as fs from 'node:fs';

export const ADMIN = {
  username: process.env.E2E_ADMIN_USERNAME ?? 'e2e-admin',
  password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e admin password 123',
};

/** Signs in through the real login page. */
export async function loginAsAdmin(page: Page): Promise<void> {
  await page.goto('/admin/login');
  await page.getByRole('textbox', { name: /username/i }).fill(ADMIN.username);
  await page.getByRole('textbox', { name: /password/i }).fill(ADMIN.password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await expect(page).not.toHaveURL(/\/admin\/login/);
}

/** An access token for API set-up calls in specs. */
export async function adminToken(baseURL: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts', 'screenshots');
/** WCAG 2.1 A/AA rules (axe-core); a state passes when no serious or critical rule fails. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Checks the page as it is now with axe-core and fails the test on any serious or critical WCAG 2.1 A/AA
 * violation, naming the rule, what it is about and the first elements that break it.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `accessibility of "${name}"`).toEqual([]);
}

/**
 * Saves a full-page screenshot as a test artefact (e2e/artifacts/screenshots/NAME.png), and checks the same
 * state for accessibility (expectAccessible): every state a journey looks at is also one a keyboard or
 * screen-reader user can use.
 */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // photos load after the page: wait (briefly) until every visible image has its pixels
  await page
    .waitForFunction(() => Array.from(document.images).every((i) => i.complete && (i.naturalWidth > 0 || !i.offsetParent)), null, { timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}
