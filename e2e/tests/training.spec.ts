import { expect, Page, test } from '@playwright/test';
import JSZip from 'jszip';
import { ADMIN, adminToken, snap, loginAsAdmin } from '../support/session';
import { tintedJpeg } from '../support/images';

/**
 * Admin journey: a small labelled set (uploaded as a ZIP with colour folders) → Training: start a colour-only
 * run → watch stage, progress, curves and log until it completes → Models: activate the new model (with the
 * confirmation) → it is the active model.
 */

const COLOURS: Record<string, [number, number, number]> = {
  black: [25, 25, 28],
  blue: [120, 130, 150],
  red: [200, 110, 40],
};
const PER_COLOUR = 8;

/** Labelled training images through the real API: a ZIP whose folder names are colours, imported by the worker. */
async function seedLabelledSet(baseURL: string): Promise<void> {
  const token = await adminToken(baseURL);
  const zip = new JSZip();
  const stamp = Date.now() % 100_000;
  for (const [colour, rgb] of Object.entries(COLOURS)) {
    for (let i = 0; i < PER_COLOUR; i++) zip.file(`${colour}/e2e-train-${i}.jpg`, await tintedJpeg(rgb, stamp + i * 13 + colour.length * 1000, { width: 96, spread: 41 }));
  }
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await zip.generateAsync({ type: 'nodebuffer' }))], { type: 'application/zip' }), 'training-set.zip');
  const res = await fetch(`${baseURL}/api/admin/training-images/zip`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  expect(res.status, await res.clone().text()).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  await expect
    .poll(
      async () => {
        const job = await fetch(`${baseURL}/api/admin/jobs/${jobId}`, { headers: { Authorization: `Bearer ${token}` } });
        return ((await job.json()) as { state: string }).state;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe('completed');
}

test('start a training run, watch it to completion and activate the model', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await seedLabelledSet(baseURL!);
  await loginAsAdmin(page);

  await page.goto('/admin/training');
  await expect(page.getByRole('heading', { name: 'Training', level: 1 })).toBeVisible();
  const form = page.locator('form.start-form');
  for (const trait of ['Is a cat', 'Pattern', 'Tabby', 'Colourpoint']) {
    await form.getByRole('checkbox', { name: trait, exact: true }).uncheck();
  }
  await expect(form.getByRole('checkbox', { name: 'Colour', exact: true })).toBeChecked();
  await form.getByLabel('Epochs cap').fill('60');
  await form.getByLabel('Model name (optional)').fill('E2E colour model');
  await snap(page, 'training-start-form');
  await page.getByTestId('start-training').click();

  const state = page.getByTestId('run-state');
  await expect(state).toHaveText(/queued|running|completed/);
  // Live progress: the stage line and the log console fill in while the worker runs.
  await expect(page.getByTestId('run-log')).toContainText('Froze the labelled set', { timeout: 60_000 });
  await expect(state).toHaveText('completed', { timeout: 180_000 });
  await expect(page.getByTestId('run-progress')).toHaveText('100 %');
  await expect(page.getByTestId('run-log')).toContainText('Registered model');
  await expect(page.locator('ngx-charts-line-chart').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Test metrics' })).toBeVisible();
  await expect(page.getByTestId('run-history')).toContainText('completed');
  await snap(page, 'training-run-completed');

  await page.getByTestId('run-model-link').click();
  await expect(page).toHaveURL(/\/admin\/models/);
  const detail = page.getByTestId('model-detail');
  await expect(detail).toContainText('E2E colour model');
  await expect(detail.getByTestId('confusion-matrix')).toBeVisible();
  // a colour-only model: it names the pattern as not trained, and the colours it had no photos of (which ones
  // depends on what earlier tests labelled in this database; no test labels cinnamon or fawn)
  await expect(detail.getByTestId('model-unlearnt')).toContainText('Pattern not trained at all');
  await expect(detail.getByTestId('model-unlearnt')).toContainText(/Colour\s.*cinnamon, fawn/);

  const row = page.locator('tr', { hasText: 'E2E colour model' }).first();
  await row.getByTestId('activate-model').click();
  await expect(page.getByTestId('activate-confirm')).toContainText('E2E colour model');
  await page.getByTestId('confirm-activate').click();
  await expect(page.getByTestId('models-notice')).toContainText('is now the active model');
  await expect(row.getByTestId('active-chip')).toBeVisible();
  await expect(page.getByTestId('active-model-name')).toHaveText('E2E colour model');
  await snap(page, 'models-activated');

  // The API agrees: exactly one active model, the new one.
  const token = await adminToken(baseURL!);
  const models = (await (await fetch(`${baseURL}/api/admin/models`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Array<{ name: string; isActive: boolean }>;
  expect(models.filter((m) => m.isActive).map((m) => m.name)).toEqual(['E2E colour model']);
});
