import { expect, test } from '@playwright/test';
import { Page } from '@playwright/test';
import { ADMIN, adminToken, snap, loginAsAdmin } from '../support/session';
import { tintedJpeg } from '../support/images';

/**
 * Admin journey: a seeded training set (and predictions with feedback when a model is loaded) → "Refresh now"
 * → every dashboard chart renders with its numbers in a table; filters re-query; delete asks first.
 */

const LABELS: Array<Record<string, unknown>> = [
  { is_cat: true, colour: 'blue', pattern: 'self', is_tabby: false, is_pointed: false },
  { is_cat: true, colour: 'blue', pattern: 'self', is_tabby: false, is_pointed: false },
  { is_cat: true, colour: 'blue', pattern: 'bicolour', is_tabby: false, is_pointed: false },
  { is_cat: true, colour: 'red', pattern: 'self', is_tabby: true, is_pointed: false },
  { is_cat: true, colour: 'cream', pattern: 'van', is_tabby: false, is_pointed: true },
  { is_cat: false },
];
const UNLABELLED = 2;

async function waitForJob(baseURL: string, token: string, jobId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 240; i++) {
    const res = await fetch(`${baseURL}/api/admin/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } });
    const job = (await res.json()) as Record<string, any>;
    if (['completed', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job ${jobId} did not finish`);
}

test('dashboards render every chart from a seeded dataset', async ({ page, baseURL }) => {
  const base = baseURL!;
  const token = await adminToken(base);
  const auth = { authorization: `Bearer ${token}` };
  const runSeed = Date.now() % 100_000;

  // Training set through the admin upload API, then labels through the bulk-label API.
  const form = new FormData();
  for (let i = 0; i < LABELS.length + UNLABELLED; i++) {
    form.append('files', new Blob([new Uint8Array(await tintedJpeg([128, 128, 128], runSeed + i, { width: 96, height: 72, spread: 255 }))], { type: 'image/jpeg' }), `dash-${runSeed}-${i}.jpg`);
  }
  const upload = await fetch(`${base}/api/admin/training-images`, { method: 'POST', headers: auth, body: form });
  expect(upload.status).toBe(202);
  expect((await waitForJob(base, token, ((await upload.json()) as { jobId: string }).jobId)).state).toBe('completed');
  const list = (await (await fetch(`${base}/api/admin/training-images?pageSize=200&labelled=false`, { headers: auth })).json()) as { items: unknown };
  const mine = (list.items as Array<{ id: string; originalName: string }>).filter((i) => i.originalName?.startsWith(`dash-${runSeed}-`));
  expect(mine.length).toBe(LABELS.length + UNLABELLED);
  mine.sort((a, b) => a.originalName.localeCompare(b.originalName, 'en', { numeric: true }));
  for (let i = 0; i < LABELS.length; i++) {
    const res = await fetch(`${base}/api/admin/training-images/labels`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [mine[i].id], label: LABELS[i] }),
    });
    expect(res.status).toBe(200);
  }

  // Predictions with breeder feedback, when a model is loaded (the starter model normally is).
  let predictionsMade = 0;
  for (let i = 0; i < 3; i++) {
    const body = new FormData();
    body.append('image', new Blob([new Uint8Array(await tintedJpeg([128, 128, 128], runSeed + 100 + i, { width: 96, height: 72, spread: 255 }))], { type: 'image/jpeg' }), `p${i}.jpg`);
    const res = await fetch(`${base}/api/predictions`, { method: 'POST', body });
    if (res.status !== 201 && res.status !== 200) break;
    const p = (await res.json()) as { id: string; answerToken: string };
    predictionsMade++;
    await fetch(`${base}/api/predictions/${p.id}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // the uploader answers, with the token only the upload's answer carries
      body: JSON.stringify({ ...(i === 1 ? { accepted: false, correction: { colour: 'lilac' } } : { accepted: true }), answerToken: p.answerToken }),
    });
  }
  test.info().annotations.push({ type: 'predictions seeded', description: String(predictionsMade) });

  await loginAsAdmin(page);
  await page.goto('/admin/dashboards');
  await expect(page.getByRole('heading', { name: 'Dashboards', level: 1 })).toBeVisible();

  // Refresh now: progress while the worker runs, then the charts.
  await expect(page.getByRole('button', { name: /refresh now/i })).toBeEnabled();
  await page.waitForLoadState('networkidle');
  const reloaded = page.waitForResponse((r) => r.url().includes('/api/admin/reports/training-images') && r.ok(), { timeout: 90_000 });
  await page.getByRole('button', { name: /refresh now/i }).click();
  await reloaded; // the page reloads every report once the snapshot job has completed
  await expect(page.getByTestId('last-snapshot')).toContainText(/Last snapshot: \d{4}-\d{2}-\d{2}/, { timeout: 60_000 });
  await expect(page.getByTestId('training-summary')).toContainText(/labelled/);

  const cards = ['training-size', 'training-balance', 'training-sources', 'training-thinnest'];
  if (predictionsMade) cards.push('predictions-per-day', 'predictions-verdicts', 'predictions-admin-verdicts');
  for (const id of cards) {
    const card = page.locator(`[data-chart="${id}"]`);
    await expect(card.locator('svg').first(), `chart ${id}`).toBeVisible();
    await expect(card.locator('tbody tr').first(), `table of ${id}`).toBeVisible();
  }
  // Models and the active model's real-world card: drawn when a model exists, otherwise they say what to do.
  for (const id of ['models-accuracy', 'models-test-metrics', 'predictions-acceptance']) {
    const card = page.locator(`[data-chart="${id}"]`);
    await expect(card.locator('svg').first().or(card.locator('.empty'))).toBeVisible();
  }
  // Numbers are readable without hovering: the balance table lists the seeded colours.
  const balance = page.locator('[data-chart="training-balance"]');
  await expect(balance.locator('tbody')).toContainText('blue');
  await expect(balance.locator('tbody')).toContainText('cream');
  await expect(page.locator('[data-chart="training-thinnest"] tbody tr')).toHaveCount(30);
  await snap(page, 'dashboards');

  // CSV of a table.
  const [download] = await Promise.all([page.waitForEvent('download'), balance.getByRole('button', { name: /csv/i }).click()]);
  expect(download.suggestedFilename()).toBe('training-balance.csv');

  // Filters re-query every chart: grouping by pattern changes the balance chart.
  await page.getByRole('combobox', { name: 'Trait' }).click();
  await page.getByRole('option', { name: 'Pattern' }).click();
  await expect(page.locator('[data-chart="training-balance"] h3')).toHaveText(/Balance per pattern/);
  await expect(balance.locator('tbody')).toContainText('van');

  // Delete asks first; cancelling keeps everything.
  await page.getByRole('button', { name: /delete reporting data/i }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Training images, models and predictions are not touched');
  await snap(page, 'dashboards-delete-confirm');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(balance.locator('svg').first()).toBeVisible();
});
