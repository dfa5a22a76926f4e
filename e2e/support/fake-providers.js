/**
 * Fake web-image-search providers for tests (no internet). One plain Node HTTP server answering in each
 * provider's real response format, written from the public API documentation:
 *   /openverse/v1/images/?q=&page=&page_size=&license=&license_type=     (+ POST /openverse/v1/auth_tokens/token/)
 *   /wikimedia/w/api.php?action=query&generator=search&gsrnamespace=6&prop=imageinfo&iiprop=url|extmetadata|size…
 *   /google/customsearch/v1?key=&cx=&q=&searchType=image&num=&start=&rights=
 *   /brave/res/v1/images/search?q=&count=    (X-Subscription-Token header)
 * and the images the results point at: /images/<name>.jpg (and thumbnails), generated JPEGs made with sharp,
 * distinct per name. Special words in q: "provider-error" (the provider's 5xx error format), "provider-slow"
 * (answers after 20 s), "no-results". Helpers for download tests: /redirect?to=URL (302), /not-an-image.
 *
 * Usage: node e2e/support/fake-providers.js PORT [HOST]   — or require() it: startFakeProviders(port, host).
 * Credentials it accepts: Google key "fake-key" + cx "fake-cx"; Brave token "fake-token";
 * Openverse client "fake-id"/"fake-secret" (token "fake-openverse-token").
 */
'use strict';
const http = require('node:http');
const { URL } = require('node:url');
const sharp = require('sharp');

const TOTAL = { openverse: 45, wikimedia: 45, google: 40, brave: 60 };
const SLOW_MS = 20_000;
const COATS = ['Lilac van', 'Blue bicolour', 'Cream self', 'Black tabby', 'Chocolate colourpoint', 'Red van', 'White self', 'Cinnamon bicolour'];
const OPENVERSE_LICENCES = [
  ['by', '2.0'],
  ['by-sa', '4.0'],
  ['cc0', '1.0'],
  ['by-nc', '2.0'],
  ['pdm', '1.0'],
  ['by-nd', '3.0'],
];
const WIKI_LICENCES = [
  ['CC BY-SA 4.0', 'https://creativecommons.org/licenses/by-sa/4.0'],
  ['CC BY 2.0', 'https://creativecommons.org/licenses/by/2.0'],
  ['Public domain', ''],
  ['CC0', 'http://creativecommons.org/publicdomain/zero/1.0/deed.en'],
];

function titleFor(prefix, q, n) {
  const coat = COATS[n % COATS.length];
  return `${coat} British Shorthair ${n + 1}${q ? ` (${q.slice(0, 40)})` : ''}`.replace(/\s+/g, ' ');
}

function licenceUrl(code, version) {
  if (code === 'cc0') return 'https://creativecommons.org/publicdomain/zero/1.0/';
  if (code === 'pdm') return 'https://creativecommons.org/publicdomain/mark/1.0/';
  return `https://creativecommons.org/licenses/${code}/${version}/`;
}

function uuidFor(n) {
  const h = (n * 2654435761 >>> 0).toString(16).padStart(8, '0');
  return `${h}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A distinct JPEG per name (seeded colours and stripes), cached. */
const imageCache = new Map();
async function jpegFor(name, width, height) {
  const key = `${name}@${width}x${height}`;
  if (imageCache.has(key)) return imageCache.get(key);
  let seed = 0;
  for (const ch of name) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 16777216;
  const base = [rnd() * 255, rnd() * 255, rnd() * 255];
  const raw = Buffer.alloc(width * height * 3);
  const stripe = 6 + Math.floor(rnd() * 20);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const band = Math.floor((x + y) / stripe) % 2 ? 40 : -40;
      for (let c = 0; c < 3; c++) raw[i + c] = Math.max(0, Math.min(255, base[c] + band + (rnd() - 0.5) * 30));
    }
  }
  const p = sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
  imageCache.set(key, p);
  return p;
}

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', ...headers });
  res.end(text);
}

function pageOf(total, page, size) {
  const start = (page - 1) * size;
  const out = [];
  for (let n = start; n < Math.min(total, start + size); n++) out.push(n);
  return out;
}

// ---------- Openverse ----------
function openverse(req, res, u, origin, q) {
  if (u.pathname === '/openverse/v1/auth_tokens/token/' && req.method === 'POST') {
    return readBody(req).then((body) => {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== 'fake-id' || form.get('client_secret') !== 'fake-secret') {
        return send(res, 401, { error: 'invalid_client' });
      }
      send(res, 200, { access_token: 'fake-openverse-token', scope: 'read write groups', expires_in: 36000, token_type: 'Bearer' });
    });
  }
  const thumb = u.pathname.match(/^\/openverse\/v1\/images\/([^/]+)\/thumb\/$/);
  if (thumb) return image(res, `ov-thumb-${thumb[1]}`, 200, 150);
  if (u.pathname !== '/openverse/v1/images/') return send(res, 404, { detail: 'Not found.' });
  if (q.includes('provider-error')) return send(res, 500, { detail: 'Internal server error (fake).' });
  const auth = req.headers.authorization;
  if (auth && auth !== 'Bearer fake-openverse-token') return send(res, 401, { detail: 'Invalid token.' });
  const page = Number(u.searchParams.get('page') || 1);
  const size = Number(u.searchParams.get('page_size') || 20);
  if (!auth && size > 20) return send(res, 401, { detail: 'Authentication credentials were not provided.' });
  if (!Number.isInteger(page) || page < 1) return send(res, 400, { detail: 'Invalid page.' });
  const licences = (u.searchParams.get('license') || '').split(',').filter(Boolean);
  const commercial = u.searchParams.get('license_type') === 'commercial';
  let all = q.includes('no-results') ? [] : Array.from({ length: TOTAL.openverse }, (_, n) => n);
  all = all.filter((n) => {
    const [code] = OPENVERSE_LICENCES[n % OPENVERSE_LICENCES.length];
    if (licences.length && !licences.includes(code)) return false;
    if (commercial && code.includes('nc')) return false;
    return true;
  });
  const pageCount = Math.ceil(all.length / size);
  if (page > pageCount && all.length) return send(res, 400, { detail: `Invalid page: page ${page} is beyond the ${pageCount} pages of results.` });
  const results = all.slice((page - 1) * size, page * size).map((n) => {
    const [code, version] = OPENVERSE_LICENCES[n % OPENVERSE_LICENCES.length];
    const id = uuidFor(n);
    const title = titleFor('ov', q, n);
    const creator = `Photographer ${n % 7}`;
    const lic = `${code === 'cc0' ? 'CC0' : code === 'pdm' ? 'Public Domain Mark' : `CC ${code.toUpperCase()}`} ${version}`;
    return {
      id,
      title,
      indexed_on: '2024-05-01T10:00:00Z',
      foreign_landing_url: `https://www.flickr.com/photos/example/${1000 + n}`,
      url: `${origin}/images/ov-${n}.jpg`,
      creator,
      creator_url: `https://www.flickr.com/photos/photographer${n % 7}`,
      license: code,
      license_version: version,
      license_url: licenceUrl(code, version),
      provider: 'flickr',
      source: 'flickr',
      category: 'photograph',
      genres: null,
      filesize: null,
      filetype: 'jpg',
      tags: [{ name: 'cat', accuracy: null, unstable__provider: 'flickr' }, { name: 'british shorthair', accuracy: null, unstable__provider: 'flickr' }],
      attribution: `"${title}" by ${creator} is ${code === 'pdm' ? 'marked with' : 'licensed under'} ${lic}. To view ${code === 'pdm' ? 'the terms' : 'a copy of this license'}, visit ${licenceUrl(code, version)}.`,
      fields_matched: ['title'],
      mature: false,
      height: 480,
      width: 640,
      thumbnail: `${origin}/openverse/v1/images/${id}/thumb/`,
      detail_url: `${origin}/openverse/v1/images/${id}/`,
      related_url: `${origin}/openverse/v1/images/${id}/related/`,
      unstable__sensitivity: [],
    };
  });
  send(res, 200, { result_count: all.length, page_count: pageCount, page_size: size, page, results, warnings: [] });
}

// ---------- Wikimedia Commons ----------
function wikimedia(req, res, u, origin, q) {
  const thumb = u.pathname.match(/^\/wikimedia\/thumb\/(.+)$/);
  if (thumb) return image(res, `wm-thumb-${thumb[1]}`, 320, 240);
  if (u.pathname !== '/wikimedia/w/api.php') return send(res, 404, 'Not Found');
  const ua = req.headers['user-agent'] || '';
  if (!ua || /^(node|undici|python-requests|curl)\b/i.test(ua)) {
    return send(res, 403, 'Please set a user-agent and respect our robot policy https://w.wiki/4wJS.');
  }
  const p = u.searchParams;
  if (q.includes('provider-error')) return send(res, 503, 'Wikimedia Error: our servers are currently under maintenance (fake).', { 'content-type': 'text/html' });
  if (p.get('action') !== 'query' || p.get('generator') !== 'search' || p.get('prop') !== 'imageinfo') {
    return send(res, 200, { error: { code: 'badvalue', info: 'Unrecognized value for parameter "action".', '*': 'See the API help.' }, servedby: 'mw-api-fake' });
  }
  if (!p.get('gsrsearch')) {
    return send(res, 200, { error: { code: 'missingparam', info: 'The "gsrsearch" parameter must be set.' }, servedby: 'mw-api-fake' });
  }
  const limit = Math.min(Number(p.get('gsrlimit') || 10), 500);
  const offset = Number(p.get('gsroffset') || 0);
  const width = Number(p.get('iiurlwidth') || 0);
  const props = (p.get('iiprop') || '').split('|');
  const total = q.includes('no-results') ? 0 : TOTAL.wikimedia;
  const pages = {};
  for (let n = offset; n < Math.min(total, offset + limit); n++) {
    const isPdf = n % 11 === 5; // File: namespace also holds documents; they must be filtered out
    const file = `${titleFor('wm', '', n).replace(/ /g, '_')}.${isPdf ? 'pdf' : 'jpg'}`;
    const [licence, lurl] = WIKI_LICENCES[n % WIKI_LICENCES.length];
    const info = {};
    if (props.includes('url')) {
      info.url = `${origin}/images/wm-${n}.${isPdf ? 'pdf' : 'jpg'}`;
      info.descriptionurl = `https://commons.wikimedia.org/wiki/File:${encodeURIComponent(file)}`;
      info.descriptionshorturl = `https://commons.wikimedia.org/w/index.php?curid=${50000 + n}`;
      if (width) {
        info.thumburl = `${origin}/wikimedia/thumb/${encodeURIComponent(file)}/${width}px-${encodeURIComponent(file)}.jpg`;
        info.thumbwidth = width;
        info.thumbheight = Math.round((width * 3) / 4);
      }
    }
    if (props.includes('size')) Object.assign(info, { size: 123456 + n, width: 640, height: 480 });
    if (props.includes('mime')) info.mime = isPdf ? 'application/pdf' : 'image/jpeg';
    if (props.includes('extmetadata')) {
      info.extmetadata = {
        DateTime: { value: '2024-03-02 10:00:00', source: 'mediawiki-metadata', hidden: '' },
        ObjectName: { value: titleFor('wm', '', n), source: 'mediawiki-metadata', hidden: '' },
        Credit: { value: '<span class="int-own-work" lang="en">Own work</span>', source: 'commons-desc-page', hidden: '' },
        Artist: {
          value: `<a href="//commons.wikimedia.org/wiki/User:Cat_Fancier_${n % 5}" title="User:Cat Fancier ${n % 5}">Cat Fancier&nbsp;${n % 5}</a>`,
          source: 'commons-desc-page',
        },
        LicenseShortName: { value: licence, source: 'commons-desc-page', hidden: '' },
        ...(lurl ? { LicenseUrl: { value: lurl, source: 'commons-desc-page', hidden: '' } } : {}),
        UsageTerms: { value: licence === 'Public domain' ? 'Public domain' : `Creative Commons ${licence.replace(/^CC /, '')}`, source: 'commons-desc-page', hidden: '' },
      };
    }
    pages[String(50000 + n)] = {
      pageid: 50000 + n,
      ns: 6,
      title: `File:${file.replace(/_/g, ' ')}`,
      index: n - offset + 1,
      imagerepository: 'local',
      imageinfo: [info],
    };
  }
  const body = { batchcomplete: '' };
  if (offset + limit < total) body.continue = { gsroffset: offset + limit, continue: 'gsroffset||' };
  if (Object.keys(pages).length) body.query = { pages };
  send(res, 200, body);
}

// ---------- Google Programmable Search ----------
function googleError(res, code, message, status) {
  send(res, code, { error: { code, message, errors: [{ message, domain: 'global', reason: status === 'INVALID_ARGUMENT' ? 'badRequest' : 'backendError' }], status } });
}
function google(req, res, u, origin, q) {
  const thumb = u.pathname.match(/^\/google\/thumb\/(.+)$/);
  if (thumb) return image(res, `g-thumb-${thumb[1]}`, 150, 113);
  if (u.pathname !== '/google/customsearch/v1') return send(res, 404, 'Not Found');
  const p = u.searchParams;
  if (p.get('key') !== 'fake-key') return googleError(res, 400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT');
  if (p.get('cx') !== 'fake-cx') return googleError(res, 400, 'Request contains an invalid argument.', 'INVALID_ARGUMENT');
  if (q.includes('provider-error')) return googleError(res, 500, 'Backend Error', 'INTERNAL');
  const num = Number(p.get('num') || 10);
  const start = Number(p.get('start') || 1);
  if (num > 10 || num < 1) return googleError(res, 400, 'Request contains an invalid argument.', 'INVALID_ARGUMENT');
  if (start + num - 1 > 100) return googleError(res, 400, 'Request contains an invalid argument.', 'INVALID_ARGUMENT');
  const image = p.get('searchType') === 'image';
  const total = q.includes('no-results') ? 0 : TOTAL.google;
  const items = [];
  for (let n = start - 1; n < Math.min(total, start - 1 + num); n++) {
    const title = `${titleFor('g', '', n)} | Example Cattery`;
    items.push({
      kind: 'customsearch#result',
      title,
      htmlTitle: title.replace('British Shorthair', '<b>British Shorthair</b>'),
      link: image ? `${origin}/images/g-${n}.jpg` : `https://www.example-cattery.test/cats/${n}`,
      displayLink: 'www.example-cattery.test',
      snippet: title,
      htmlSnippet: title,
      mime: 'image/jpeg',
      fileFormat: 'image/jpeg',
      image: {
        contextLink: `https://www.example-cattery.test/cats/${n}`,
        height: 480,
        width: 640,
        byteSize: 54321,
        thumbnailLink: `${origin}/google/thumb/${n}.jpg`,
        thumbnailHeight: 113,
        thumbnailWidth: 150,
      },
    });
  }
  const request = { title: `Google Custom Search - ${q}`, totalResults: String(total), searchTerms: q, count: num, startIndex: start, inputEncoding: 'utf8', outputEncoding: 'utf8', safe: p.get('safe') || 'off', cx: p.get('cx'), searchType: 'image' };
  const body = {
    kind: 'customsearch#search',
    url: { type: 'application/json', template: 'https://www.googleapis.com/customsearch/v1?q={searchTerms}&num={count?}&start={startIndex?}&...' },
    queries: { request: [request] },
    context: { title: 'Cat Identifier fake engine' },
    searchInformation: { searchTime: 0.21, formattedSearchTime: '0.21', totalResults: String(total), formattedTotalResults: String(total) },
  };
  if (start - 1 + num < total) body.queries.nextPage = [{ ...request, startIndex: start + num }];
  if (items.length) body.items = items; // the real API omits "items" when nothing matched
  send(res, 200, body);
}

// ---------- Brave Search ----------
function braveError(res, status, code, detail) {
  send(res, status, { type: 'ErrorResponse', error: { id: uuidFor(status), status, code, detail, meta: { component: 'api' } }, time: Math.floor(Date.now() / 1000) });
}
function brave(req, res, u, origin, q) {
  const thumb = u.pathname.match(/^\/brave\/thumb\/(.+)$/);
  if (thumb) return image(res, `b-thumb-${thumb[1]}`, 200, 150);
  if (u.pathname !== '/brave/res/v1/images/search') return send(res, 404, 'Not Found');
  if (req.headers['x-subscription-token'] !== 'fake-token') {
    return braveError(res, 422, 'SUBSCRIPTION_TOKEN_INVALID', 'The provided subscription token is invalid.');
  }
  if (q.includes('provider-error')) return braveError(res, 500, 'INTERNAL_ERROR', 'An internal error occurred (fake).');
  const count = Number(u.searchParams.get('count') || 50);
  if (count < 1 || count > 200) return braveError(res, 422, 'VALIDATION', 'Unable to validate request parameter(s): count must be between 1 and 200.');
  const total = q.includes('no-results') ? 0 : TOTAL.brave;
  const results = [];
  for (let n = 0; n < Math.min(total, count); n++) {
    results.push({
      type: 'image_result',
      title: `${titleFor('b', '', n)} - Example Cattery`,
      url: `https://www.example-cattery.test/gallery/${n}`,
      source: 'example-cattery.test',
      page_fetched: '2025-01-15T08:00:00Z',
      thumbnail: { src: `${origin}/brave/thumb/${n}.jpg`, width: 200, height: 150 },
      properties: { url: `${origin}/images/b-${n}.jpg`, placeholder: `${origin}/brave/thumb/${n}.jpg`, width: 640, height: 480 },
      meta_url: { scheme: 'https', netloc: 'example-cattery.test', hostname: 'www.example-cattery.test', favicon: '', path: '› gallery' },
      confidence: 'high',
    });
  }
  send(res, 200, { type: 'images', query: { original: q, spellcheck_off: true, show_strict_warning: false }, results, extra: { might_be_offensive: false } });
}

// ---------- images and download helpers ----------
function image(res, name, width, height) {
  return jpegFor(name, width, height).then((bytes) => {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length, 'cache-control': 'public, max-age=3600' });
    res.end(bytes);
  });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function createFakeProviders() {
  const requests = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://fake.invalid');
    const origin = `http://${req.headers.host}`;
    const q = (u.searchParams.get('q') || u.searchParams.get('gsrsearch') || '').toLowerCase();
    requests.push({ method: req.method, path: u.pathname, query: Object.fromEntries(u.searchParams), headers: { ...req.headers } });
    const handle = () => {
      if (u.pathname === '/health') return send(res, 200, { ok: true });
      if (u.pathname === '/redirect') return res.writeHead(302, { location: u.searchParams.get('to') || '/' }).end();
      if (u.pathname === '/not-an-image') return send(res, 200, '<html><body>not an image</body></html>', { 'content-type': 'text/html' });
      const img = u.pathname.match(/^\/images\/([\w.-]+)\.(jpg|pdf)$/);
      if (img) {
        if (img[2] === 'pdf') return send(res, 200, '%PDF-1.4 fake', { 'content-type': 'application/pdf' });
        return image(res, img[1], 640, 480);
      }
      if (u.pathname.startsWith('/openverse/')) return openverse(req, res, u, origin, q);
      if (u.pathname.startsWith('/wikimedia/')) return wikimedia(req, res, u, origin, q);
      if (u.pathname.startsWith('/google/')) return google(req, res, u, origin, q);
      if (u.pathname.startsWith('/brave/')) return brave(req, res, u, origin, q);
      send(res, 404, 'Not Found');
    };
    const delay = q.includes('provider-slow') && !/^\/images\//.test(u.pathname) ? SLOW_MS : 0;
    const run = () => Promise.resolve(handle()).catch((err) => send(res, 500, { detail: String(err) }));
    if (delay) {
      const t = setTimeout(run, delay);
      res.on('close', () => clearTimeout(t));
    } else run();
  });
  server.requests = requests;
  return server;
}

/** Starts the fake providers; resolves to {url, requests, close}. */
function startFakeProviders(port = 0, host = '127.0.0.1') {
  const server = createFakeProviders();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({
        server,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`,
        requests: server.requests,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

module.exports = { createFakeProviders, startFakeProviders, TOTAL };

if (require.main === module) {
  const port = Number(process.argv[2] || 0);
  const host = process.argv[3] || '127.0.0.1';
  startFakeProviders(port, host).then(({ url }) => console.log(`fake image-search providers listening on ${url}`));
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
