import { expect, Page } from '@playwright/test';
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
/** Saves a full-page screenshot as a test artefact (e2e/artifacts/screenshots/NAME.png). */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // photos load after the page: wait (briefly) until every visible image has its pixels
  await page
    .waitForFunction(() => Array.from(document.images).every((i) => i.complete && (i.naturalWidth > 0 || !i.offsetParent)), null, { timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
