/**
 * The breeders' journeys on the real stack (API + engine + FerretDB/GridFS), in Chromium:
 * upload → visible upload progress → analysing → result with every trait → feedback → thank-you;
 * a wrong file type gets a clear message; a photo without a cat gets the not-a-cat state.
 * Screenshots at phone (390×844) and desktop (1440×900) sizes are kept as artefacts.
 */
import { expect, Page, test } from '@playwright/test';
import sharp from 'sharp';
import JSZip from 'jszip';
import { adminToken, snap } from '../support/session';

/** A photo-sized, detailed JPEG (large enough that a throttled upload shows its progress). */
async function photo(width = 1200, height = 900): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let s = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const i = (y * width + x) * 3;
      const n = (s & 0x3f) - 32;
      raw[i] = Math.max(0, Math.min(255, 110 + n + ((x >> 5) % 2) * 20));
      raw[i + 1] = Math.max(0, Math.min(255, 115 + n));
      raw[i + 2] = Math.max(0, Math.min(255, 130 + n));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

/** A landscape with no animal in it: sky, hills, a lake. */
async function landscape(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b82c4"/><stop offset="1" stop-color="#cfe6f7"/></linearGradient></defs>
    <rect width="800" height="600" fill="url(#sky)"/>
    <circle cx="640" cy="110" r="55" fill="#ffe9a8"/>
    <path d="M0 360 Q 200 250 400 340 T 800 320 V 600 H 0 Z" fill="#4d7c3a"/>
    <path d="M0 450 Q 300 400 800 470 V 600 H 0 Z" fill="#2f5d8a"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

async function chooseFile(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator('input[type="file"]').first().setInputFiles({ name, mimeType, buffer });
}

async function throttleUpload(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 40,
    downloadThroughput: 4 * 1024 * 1024,
    uploadThroughput: 96 * 1024,
  });
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
]) {
  test.describe(`breeder on ${viewport.name}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('uploads a photo, watches it upload and be analysed, reads every trait and says it was right', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('British Shorthair');
      await snap(page, `breeder-landing-${viewport.name}`);

      await chooseFile(page, 'my-cat.jpg', 'image/jpeg', await photo());
      await expect(page.getByRole('img', { name: /Preview of my-cat.jpg/ })).toBeVisible();
      await throttleUpload(page);
      await page.getByRole('button', { name: /Analyse photo/ }).click();

      const progress = page.getByRole('progressbar', { name: 'Upload progress' });
      await expect(progress).toBeVisible();
      await snap(page, `breeder-uploading-${viewport.name}`);
      await expect(page).toHaveURL(/\/result\/[A-Za-z0-9_-]{22}$/, { timeout: 60_000 });

      // the result: a cat with its coat traits, or the clear not-a-cat state — the engine decides
      const headline = page.getByRole('heading', { level: 1 });
      await expect(headline).toBeVisible();
      if ((await headline.textContent())?.includes('doesn’t look like a cat')) {
        await expect(page.getByText('We could not find a cat in this photo')).toBeVisible();
      } else {
        for (const trait of ['Colour', 'White pattern', 'Tabby', 'Colourpoint']) {
          await expect(page.getByRole('heading', { level: 3, name: trait, exact: true })).toBeVisible();
        }
        await expect(page.getByRole('meter').or(page.getByRole('progressbar')).first()).toBeVisible();
      }
      await expect(page.locator('app-image-tile img')).toBeVisible();
      await snap(page, `breeder-result-${viewport.name}`);

      await page.getByRole('button', { name: /Yes, that’s right/ }).click();
      // where the model was not sure of something, "yes" first offers to fill that in (skippable)
      const fillIn = page.getByRole('heading', { name: /fill in what it couldn’t tell/ });
      await expect(page.getByRole('heading', { name: 'Thank you!' }).or(fillIn)).toBeVisible();
      if (await fillIn.isVisible()) {
        await snap(page, `breeder-fill-in-${viewport.name}`);
        await page.getByRole('button', { name: /Skip/ }).click();
      }
      await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
      await snap(page, `breeder-thanks-${viewport.name}`);

      // the shared link shows the same result, with the feedback remembered
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: /Yes, that’s right/ })).toHaveCount(0);
    });

    test('a text file named .jpg gets a clear message and nothing is sent', async ({ page }) => {
      const posted: string[] = [];
      page.on('request', (r) => r.method() === 'POST' && posted.push(r.url()));
      await page.goto('/');
      await chooseFile(page, 'cat.jpg', 'image/jpeg', Buffer.from('hello, this is a text file and not a photo\n'.repeat(10)));
      await expect(page.getByRole('alert')).toContainText(/not a photo|not an image|JPEG/i);
      await snap(page, `breeder-wrong-type-${viewport.name}`);
      expect(posted.filter((u) => u.includes('/api/predictions'))).toEqual([]);
    });
  });
}

test('a photo without a cat gets the not-a-cat state', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await chooseFile(page, 'lake.jpg', 'image/jpeg', await landscape());
  await page.getByRole('button', { name: /Analyse photo/ }).click();
  await expect(page).toHaveURL(/\/result\//, { timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This doesn’t look like a cat');
  await expect(page.getByRole('heading', { level: 3, name: /Colour/i })).toHaveCount(0);
  await snap(page, 'breeder-not-a-cat-desktop');
});

/**
 * Synthetic "cats" the product can learn: textured blue-grey coats filling the frame, against the landscapes
 * above as non-cats. The admin uploads them as a labelled ZIP, trains is_cat + colour and activates the model
 * through the API; a breeder's new photo of the same kind then gets a cat result with every trait.
 */
async function coat(seed: number, rgb: [number, number, number] = [118, 128, 146], width = 640, height = 480): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let s = seed * 7919 + 17;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const fur = ((s >> 8) % 31) - 15 + Math.round(6 * Math.sin((x + y * 0.3) / 3));
      const i = (y * width + x) * 3;
      raw[i] = Math.max(0, Math.min(255, rgb[0] + fur));
      raw[i + 1] = Math.max(0, Math.min(255, rgb[1] + fur));
      raw[i + 2] = Math.max(0, Math.min(255, rgb[2] + fur));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).blur(0.8).jpeg({ quality: 88 }).toBuffer();
}

async function landscapeVariant(i: number): Promise<Buffer> {
  const hues = ['#3b82c4', '#5fa8d3', '#87a96b', '#d8a25e', '#6d5a8e'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="${hues[i % hues.length]}"/>
    <circle cx="${100 + ((i * 97) % 440)}" cy="${60 + ((i * 31) % 80)}" r="${30 + (i % 4) * 8}" fill="#ffe9a8"/>
    <path d="M0 ${260 + (i % 5) * 10} Q 200 ${200 + (i % 3) * 20} 320 ${250 + (i % 4) * 12} T 640 ${240 + (i % 6) * 8} V 480 H 0 Z" fill="#4d7c3a"/>
    <path d="M0 ${360 + (i % 3) * 10} Q 240 330 640 ${370 + (i % 4) * 9} V 480 H 0 Z" fill="#2f5d8a"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

async function api(baseURL: string, token: string, path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${baseURL}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

test.describe('breeder with a model trained on the admin\'s photos', () => {
  let previousModelId: string | null = null;

  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(300_000);
    const token = await adminToken(baseURL!);
    const models = (await api(baseURL!, token, '/api/admin/models')) as Array<{ id: string; isActive: boolean }>;
    previousModelId = models.find((m) => m.isActive)?.id ?? null;

    const zip = new JSZip();
    for (let i = 0; i < 14; i++) zip.file(`blue/coat-${i}.jpg`, await coat(1000 + i));
    for (let i = 0; i < 14; i++) zip.file(`red/coat-${i}.jpg`, await coat(2000 + i, [196, 104, 44]));
    for (let i = 0; i < 14; i++) zip.file(`not-cat/view-${i}.jpg`, await landscapeVariant(i));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await zip.generateAsync({ type: 'nodebuffer' }))], { type: 'application/zip' }), 'coats.zip');
    const { jobId } = await api(baseURL!, token, '/api/admin/training-images/zip', { method: 'POST', body: form });
    await expect.poll(async () => (await api(baseURL!, token, `/api/admin/jobs/${jobId}`)).state, { timeout: 120_000, intervals: [500] }).toBe('completed');

    const run = await api(baseURL!, token, '/api/admin/training-runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ traits: ['is_cat', 'colour'], seed: 7 }),
    });
    let modelId: string | undefined;
    await expect
      .poll(
        async () => {
          const r = await api(baseURL!, token, `/api/admin/training-runs/${run.id}`);
          if (r.state === 'failed' || r.state === 'cancelled') throw new Error(`training ${r.state}: ${r.error}`);
          modelId = r.modelId;
          return r.state;
        },
        { timeout: 240_000, intervals: [1000] },
      )
      .toBe('completed');
    await api(baseURL!, token, `/api/admin/models/${modelId}/activate`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 2500)); // the API re-reads the active-model pointer every 2 s
  });

  test.afterAll(async ({ baseURL }) => {
    if (!previousModelId) return;
    const token = await adminToken(baseURL!);
    await api(baseURL!, token, `/api/admin/models/${previousModelId}/activate`, { method: 'POST' });
  });

  test('a cat photo gets every trait in breeder terms, with confidences and "not sure" marks', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    await chooseFile(page, 'blue-cat.jpg', 'image/jpeg', await coat(4242));
    await page.getByRole('button', { name: /Analyse photo/ }).click();
    await expect(page).toHaveURL(/\/result\//, { timeout: 60_000 });
    const headline = page.getByRole('heading', { level: 1 });
    await expect(headline).not.toHaveText('This doesn’t look like a cat');
    for (const trait of ['Colour', 'White pattern', 'Tabby', 'Colourpoint']) {
      await expect(page.getByRole('heading', { level: 3, name: trait, exact: true })).toBeVisible();
    }
    await expect(page.getByText(/Blue/).first()).toBeVisible();
    // pattern, tabby and colourpoint were not trained: the model must say it is not sure, and why
    await expect(page.getByText(/Not sure/).first()).toBeVisible();
    await expect(page.getByText(/has not learnt this trait yet/).first()).toBeVisible();
    // and it learnt two colours: the colour row names them, so a breeder with a lilac cat knows why it says blue
    await expect(page.getByText('This model has learnt only blue and red so far', { exact: false })).toBeVisible();
    await snap(page, 'breeder-cat-result-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, 'breeder-cat-result-phone');

    await page.getByRole('button', { name: /No, something’s wrong/ }).click();
    await expect(page.getByRole('heading', { name: 'What is it really?' })).toBeVisible();
    await snap(page, 'breeder-correction-phone');
    // a "no" that changes nothing is not sent: the form says what to do
    await page.getByRole('button', { name: /Send correction/ }).click();
    await expect(page.getByTestId('unchanged')).toContainText('Nothing is changed yet');
    await page.getByRole('combobox', { name: /Colour/ }).click();
    await page.getByRole('option', { name: /Lilac/ }).click();
    await page.getByRole('button', { name: /Send correction/ }).click();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  });
});
