import { expect, Page, test } from '@playwright/test';
import JSZip from 'jszip';
import { adminToken, loginAsAdmin, snap } from '../support/session';
import { tintedJpeg } from '../support/images';

/**
 * Admin journey on the training-data studio: upload a ZIP (colour folder + unlabelled files + a non-image) through
 * the page and watch its progress and result → filter unlabelled → select all N matching → label them blue with
 * the bulk dialog → the unlabelled count drops to zero and the balance view counts them. Also: the table with
 * thumbnails, the `?` help overlay and the preview, keyboard-only.
 */

const BLUE = 6;
const UNLABELLED = 14; // more than one page of 10, so "select all N matching" is needed

async function archive(): Promise<Buffer> {
  const zip = new JSZip();
  const stamp = Date.now() % 1_000_000;
  for (let i = 0; i < BLUE; i++) zip.file(`blue/e2e-blue-${i}.jpg`, await tintedJpeg([120, 130, 150], stamp + i));
  for (let i = 0; i < UNLABELLED; i++) zip.file(`e2e-cat-${i}.jpg`, await tintedJpeg([60 + i * 10, 90, 140 - i * 5], stamp + 500 + i));
  zip.file('README.txt', 'not an image\n');
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function api<T>(baseURL: string, path: string): Promise<T> {
  const token = await adminToken(baseURL);
  const res = await fetch(`${baseURL}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

type Balance = { labelled: number; unlabelled: number; traits: { colour: { value: string; count: number }[] } };
const blueCount = (b: Balance) => b.traits.colour.find((c) => c.value === 'blue')!.count;

async function throttleUpload(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 4 * 1024 * 1024, uploadThroughput: 64 * 1024 });
}
async function unthrottle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

test.use({ viewport: { width: 1440, height: 900 } });

test('upload a ZIP, filter unlabelled, select all matching, label them and see the counts change', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const before = await api<Balance>(baseURL!, '/api/admin/training-images/balance');
  const zipBytes = await archive();

  await loginAsAdmin(page);
  await page.goto('/admin/images');
  await expect(page.getByRole('heading', { name: 'Training images', level: 1 })).toBeVisible();

  // ---- upload with visible progress, then the result summary
  await throttleUpload(page);
  await page.getByTestId('zip-input').setInputFiles({ name: 'e2e-set.zip', mimeType: 'application/zip', buffer: zipBytes });
  const progress = page.getByTestId('upload-progress');
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await snap(page, 'training-images-upload-progress');
  await unthrottle(page);
  const result = page.getByTestId('upload-result');
  await expect(result).toContainText(`${BLUE + UNLABELLED} imported`, { timeout: 90_000 });
  await expect(result).toContainText('0 duplicates');
  await expect(result).toContainText('1 rejected');
  await result.getByText('Rejected files').click();
  await expect(result).toContainText('README.txt');
  await snap(page, 'training-images-upload-result');

  // ---- the table shows thumbnails of what arrived (newest first)
  await expect(page.getByRole('row', { name: /e2e-cat-0\.jpg/ }).locator('app-auth-img img')).toBeVisible();
  await expect(page.getByRole('row', { name: /e2e-blue-0\.jpg/ }).getByRole('combobox', { name: /^colour of/i })).toContainText('blue');
  await snap(page, 'training-images-table');

  // ---- filter unlabelled, 10 per page
  await page.getByTestId('chip-unlabelled').click();
  const total = page.getByTestId('total');
  await expect(total).toHaveText(/^\d+ images? match/);
  const unlabelledBefore = Number((await total.textContent())!.match(/\d+/)![0]);
  expect(unlabelledBefore).toBeGreaterThanOrEqual(UNLABELLED);
  await page.locator('mat-paginator .mat-mdc-paginator-touch-target').click(); // the page-size select
  await page.getByRole('option', { name: '10', exact: true }).click();
  await expect(page.locator('tr.mat-mdc-row')).toHaveCount(10);

  // ---- select the page, then every match
  await page.getByTestId('select-page').click();
  await expect(page.getByTestId('selected-count')).toHaveText('10 selected');
  await page.getByTestId('select-all-matching').click();
  await expect(page.getByTestId('selected-count')).toHaveText(`${unlabelledBefore} selected`);

  // ---- bulk label dialog: colour blue + is a cat
  await page.getByTestId('open-bulk').click();
  const dialog = page.getByRole('dialog', { name: /Label the selection/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(`Label ${unlabelledBefore} images`);
  await dialog.getByRole('combobox', { name: 'Cat', exact: true }).click();
  await page.getByRole('option', { name: 'yes', exact: true }).click();
  await dialog.getByRole('combobox', { name: 'Colour', exact: true }).click();
  await page.getByRole('option', { name: 'blue', exact: true }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, 'training-images-bulk-dialog');
  const labelRequest = page.waitForRequest((r) => r.url().endsWith('/api/admin/training-images/labels'));
  await dialog.getByRole('button', { name: 'Apply' }).click();
  const body = (await labelRequest).postDataJSON();
  expect(body).toEqual({ filter: { labelled: 'false' }, label: { is_cat: true, colour: 'blue' } });
  await expect(page.getByTestId('notice')).toContainText(`Labelled ${unlabelledBefore} images`);
  await expect(dialog).toHaveCount(0);

  // ---- the counts change: nothing unlabelled is left, the labelled table holds them, the balance counts them
  await expect(total).toHaveText('0 images match');
  await expect(page.getByText('No images match')).toBeVisible();
  await page.getByRole('option', { name: 'Labelled', exact: true }).click();
  await expect(total).toHaveText(`${before.labelled + BLUE + unlabelledBefore} images match`);
  await page.getByRole('button', { name: /Balance/ }).click();
  const balance = page.getByTestId('balance');
  await expect(balance).toContainText(`${before.labelled + BLUE + unlabelledBefore} labelled, 0 unlabelled`);
  await expect(balance.getByTestId('count-colour-blue')).toHaveText(String(blueCount(before) + BLUE + unlabelledBefore));
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, 'training-images-balance');
  const after = await api<Balance>(baseURL!, '/api/admin/training-images/balance');
  expect(blueCount(after)).toBe(blueCount(before) + BLUE + unlabelledBefore);
  expect(after.unlabelled).toBe(0);
});

test('keyboard: help overlay, focus row, preview and a label shortcut', async ({ page, baseURL }) => {
  // one image of our own, the newest, so it is the first row
  const name = `e2e-keyboard-${Date.now()}.jpg`;
  const token = await adminToken(baseURL!);
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(await tintedJpeg([200, 110, 40], Date.now() % 1_000_000, { width: 480 }))], { type: 'image/jpeg' }), name);
  const res = await fetch(`${baseURL}/api/admin/training-images`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  expect(res.status, await res.clone().text()).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  await expect.poll(async () => (await api<{ state: string }>(baseURL!, `/api/admin/jobs/${jobId}`)).state, { timeout: 60_000 }).toBe('completed');

  await loginAsAdmin(page);
  await page.goto('/admin/images');
  const row = page.getByRole('row', { name: new RegExp(name.replace('.', '\\.')) });
  await expect(row).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Colour: black, blue');
  await snap(page, 'training-images-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // the newest image is the first row and has the focus; "7" labels its colour red, then Enter previews it
  await expect(page.locator('tr.focused')).toContainText(name);
  await page.keyboard.press('7');
  await expect(page.getByTestId('notice')).toContainText('Labelled 1 image (colour red)');
  await expect(row.getByRole('combobox', { name: /^colour of/i })).toContainText('red');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  const preview = page.getByRole('dialog', { name: /Preview/ });
  await expect(preview).toBeVisible();
  await expect(preview.locator('img')).toBeVisible();
  await expect(preview).toContainText('480×480');
  await snap(page, 'training-images-preview');
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);
});
