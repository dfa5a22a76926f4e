import { expect, Page, test } from '@playwright/test';
import { ADMIN, adminToken, snap, loginAsAdmin } from '../support/session';

/**
 * Journey: an admin searches the web (Openverse, served by the local fake provider started by scripts/lib/e2e.sh),
 * selects 5 photos (click + shift-click), picks labels, imports them and finds them in the training set with
 * their licence. Thumbnails and downloads come from the fake provider on loopback (the e2e server allows
 * private addresses for that; the SSRF refusals are covered by the backend tests).
 */
test('search the web, select 5 photos, import them with their licence', async ({ page, baseURL }) => {
  await loginAsAdmin(page);
  await page.goto('/admin/search');
  await expect(page.getByRole('heading', { name: 'Web search' })).toBeVisible();

  // only enabled providers are offered; Openverse is the default
  await expect(page.getByRole('combobox', { name: 'Provider' })).toContainText('Openverse');

  await page.getByLabel('Search words').fill('lilac van British Shorthair');
  await page.getByRole('button', { name: 'Search' }).click();

  const tiles = page.getByTestId('search-result');
  await expect(tiles).toHaveCount(20);
  // licence and attribution are shown per image; thumbnails load from the provider's thumbnail URLs
  await expect(tiles.first()).toContainText('CC BY 2.0');
  await expect(tiles.first()).toContainText('is licensed under');
  await expect
    .poll(() => tiles.first().locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);

  // select 5: click the first, shift+click the fifth
  const picks = page.getByRole('checkbox', { name: /^Select / });
  await picks.nth(0).click();
  await picks.nth(4).click({ modifiers: ['Shift'] });
  await expect(page.getByText('5 selected')).toBeVisible();
  for (let i = 0; i < 5; i++) await expect(picks.nth(i)).toHaveAttribute('aria-checked', 'true');
  await expect(picks.nth(5)).toHaveAttribute('aria-checked', 'false');

  // labels to apply on import (from GET /api/vocabulary)
  await page.getByRole('combobox', { name: 'Colour', exact: true }).click();
  await page.getByRole('option', { name: 'Lilac', exact: true }).click();
  await snap(page, 'image-search-selected');

  await page.getByRole('button', { name: /Import 5 photos/ }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('5 imported', { timeout: 60_000 });
  await expect(summary).toContainText('0 failed');
  // the refreshed results mark what is now in the training set
  await expect(page.getByText('Already imported', { exact: true })).toHaveCount(5);
  await expect(picks.nth(0)).toHaveAttribute('aria-disabled', 'true');
  await snap(page, 'image-search-imported');

  // they are in the training set with their licence (checked through the training-images API)
  const token = await adminToken(baseURL!);
  const res = await fetch(`${baseURL}/api/admin/training-images?source=web-search&pageSize=50`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total: number; items: Array<{ source: string; label: { colour: string | null }; web: { provider: string; url: string; licence: string; attribution: string } }> };
  expect(body.total).toBe(5);
  const licences = body.items.map((i) => i.web.licence).sort();
  // the first five Openverse fixtures: CC BY 2.0, CC BY-SA 4.0, CC0 1.0, CC BY-NC 2.0, Public Domain Mark 1.0
  expect(licences).toEqual(['CC BY 2.0', 'CC BY-NC 2.0', 'CC BY-SA 4.0', 'CC0 1.0', 'Public Domain Mark 1.0']);
  for (const item of body.items) {
    expect(item.source).toBe('web-search');
    expect(item.web.provider).toBe('openverse');
    expect(item.web.attribution).toMatch(/ by Photographer \d/);
    expect(item.label.colour).toBe('lilac');
  }

  // and in the training images table, each with its licence (the newest images come first)
  await page.goto('/admin/images');
  for (const licence of licences) await expect(page.getByText(licence, { exact: true }).first()).toBeVisible();
  await snap(page, 'image-search-training-images');
});

test('a provider failure shows a readable message naming the provider', async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto('/admin/search');
  await page.getByLabel('Search words').fill('provider-error');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert')).toContainText('Openverse answered with an error (500)');
});
