/**
 * The breeders' journeys on the real stack (API + engine + FerretDB/GridFS), in Chromium:
 * upload → visible upload progress → analysing → result with every trait → feedback → thank-you;
 * a wrong file type gets a clear message; a photo without a cat gets the not-a-cat state.
 * Screenshots at phone (390×844) and desktop (1440×900) sizes are kept as artefacts.
 */
import { expect, Page, test } from '@playwright/test';
import sharp from 'sharp';
import { snap } from '../support/session';

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
        for (const trait of ['Colour', 'Pattern', 'Tabby', 'Colourpoint']) {
          await expect(page.getByRole('heading', { level: 3, name: new RegExp(trait, 'i') })).toBeVisible();
        }
        await expect(page.getByRole('meter').or(page.getByRole('progressbar')).first()).toBeVisible();
      }
      await expect(page.locator('app-image-tile img')).toBeVisible();
      await snap(page, `breeder-result-${viewport.name}`);

      await page.getByRole('button', { name: /Yes, that’s right/ }).click();
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
