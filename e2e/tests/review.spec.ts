import { expect, Page, test } from '@playwright/test';
import { ADMIN, adminToken, snap, loginAsAdmin } from '../support/session';
import { tintedJpeg } from '../support/images';

/**
 * Admin journey (issue 9): a breeder uploads a photo and rejects the result with a correction; the admin finds
 * it at the top of the review queue, corrects the colour, adds it to the training set, and finds it there.
 */

async function api(base: string, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
}

/**
 * The breeder needs a model. The committed starter model is normally active; when it is missing, train a
 * tiny one (cat / not cat) through the admin API (upload, label, train, activate) so this journey still runs.
 */
async function ensureModel(base: string): Promise<void> {
  const token = await adminToken(base);
  const active = ((await (await api(base, token, '/api/admin/models')).json()) as Array<{ isActive: boolean }>).some((m) => m.isActive);
  if (active) return;
  test.info().annotations.push({ type: 'model', description: 'no starter model: trained a small cat/not-cat model first' });
  const seed = Date.now() % 100_000;
  const form = new FormData();
  for (let i = 0; i < 12; i++) form.append('files', new Blob([new Uint8Array(await tintedJpeg([120, 130, 150], seed + i, { width: 320, height: 240 }))], { type: 'image/jpeg' }), `rv-${seed}-${i}.jpg`);
  const upload = await api(base, token, '/api/admin/training-images', { method: 'POST', body: form });
  expect(upload.status).toBe(202);
  const jobId = ((await upload.json()) as { jobId: string }).jobId;
  await expect.poll(async () => ((await (await api(base, token, `/api/admin/jobs/${jobId}`)).json()) as { state: string }).state, { timeout: 90_000 }).toBe('completed');
  const list = (await (await api(base, token, '/api/admin/training-images?pageSize=200&labelled=false')).json()) as { items: Array<{ id: string; originalName: string }> };
  const mine = list.items.filter((i) => i.originalName?.startsWith(`rv-${seed}-`));
  for (const [k, img] of mine.entries()) {
    const res = await api(base, token, '/api/admin/training-images/labels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [img.id], label: { is_cat: k % 2 === 0 } }),
    });
    expect(res.status).toBe(200);
  }
  const started = await api(base, token, '/api/admin/training-runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ traits: ['is_cat'] }) });
  expect(started.status, await started.clone().text()).toBe(201);
  const runId = ((await started.json()) as { id: string }).id;
  let modelId = '';
  await expect
    .poll(
      async () => {
        const run = (await (await api(base, token, `/api/admin/training-runs/${runId}`)).json()) as { state: string; modelId?: string };
        modelId = run.modelId ?? '';
        return run.state;
      },
      { timeout: 240_000, intervals: [1000] },
    )
    .toBe('completed');
  if (modelId) await api(base, token, `/api/admin/models/${modelId}/activate`, { method: 'POST' });
  await expect.poll(async () => ((await (await api(base, token, '/api/admin/models')).json()) as Array<{ isActive: boolean }>).some((m) => m.isActive)).toBe(true);
}

async function chooseOption(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('review a rejected prediction, correct the colour, add it to the training set and find it there', async ({ page, baseURL }) => {
  test.setTimeout(360_000);
  const base = baseURL!;
  await ensureModel(base);

  // 1. The breeder: upload (public API, no login) and say "no, it is lilac".
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(await tintedJpeg([120, 130, 150], Date.now() % 100_000, { width: 320, height: 240 }))], { type: 'image/jpeg' }), 'my-cat.jpg');
  const created = await fetch(`${base}/api/predictions`, { method: 'POST', body: form });
  expect(created.status, `upload answered ${created.status}: ${await created.clone().text()}`).toBe(201);
  const prediction = (await created.json()) as { id: string; answerToken: string; traits: Record<string, { value: unknown }> };
  const fb = await fetch(`${base}/api/predictions/${prediction.id}/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accepted: false, correction: { colour: 'lilac' }, answerToken: prediction.answerToken }),
  });
  expect(fb.status).toBe(201);

  // 2. The admin: the review queue puts breeder rejections first.
  await loginAsAdmin(page);
  await page.goto('/admin/predictions');
  const table = page.getByTestId('predictions-table');
  const row = table.locator(`tr[data-prediction-id="${prediction.id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Rejected');
  await expect(row).toContainText('Should be: Colour: Lilac');
  const firstRowStatus = table.locator('tr[data-prediction-id]').first();
  await expect(firstRowStatus).toContainText('Rejected');

  // filter chips: rejected by breeder, not reviewed yet
  await chooseOption(page, 'filter-feedback', 'Rejected by breeder');
  await chooseOption(page, 'filter-review', 'Not reviewed');
  await expect(page.getByTestId('filter-chips')).toContainText('Rejected by breeder');
  await expect(row).toBeVisible();
  await snap(page, 'review-01-queue');

  // 3. Open the review panel: it starts from the breeder's correction; the admin says cream.
  await row.getByTestId('open-review').click();
  const panel = page.getByTestId('review-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('label-colour')).toContainText('Lilac');
  await chooseOption(page, 'label-colour', 'Cream');
  await expect(panel.getByTestId('label-colour')).toContainText('Cream');
  await expect(panel.getByTestId('add-to-training').locator('input')).toBeChecked();
  await snap(page, 'review-02-panel');
  await panel.getByTestId('save-correction').click();

  await expect(page.getByTestId('review-notice')).toContainText('added the photo to the training set');
  const trainingId = (await panel.getByTestId('training-image-id').textContent())!.trim();
  expect(trainingId).toMatch(/^[a-f0-9]{24}$/);
  await expect(row.getByTestId('in-training-chip')).toBeVisible();
  await expect(row).toContainText('Corrected');
  await snap(page, 'review-03-done');

  // Pressing save again does not add a second copy.
  await panel.getByTestId('save-correction').click();
  await expect(panel.getByTestId('training-image-id')).toHaveText(trainingId);

  // 4. Find it in the training set: the training images page, and its API (source + label + link back).
  const token = await adminToken(base);
  const res = await fetch(`${base}/api/admin/training-images?source=prediction-review&pageSize=100`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: Array<{ id: string; predictionId: string; label: Record<string, unknown>; source: string }> };
  const mine = body.items.filter((i) => i.predictionId === prediction.id);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ id: trainingId, source: 'prediction-review' });
  expect(mine[0].label.colour).toBe('cream');

  await page.goto('/admin/images?source=prediction-review');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // the link's filter is applied: the source chip is selected
  await expect(page.getByRole('option', { name: 'Prediction review' })).toHaveAttribute('aria-selected', 'true');
  await snap(page, 'review-04-training-images');
});
