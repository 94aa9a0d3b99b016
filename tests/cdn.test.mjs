// The widget bundles loaded from another origin, as from a CDN: with CORS
// headers the widget works; without them on the wasm, the box says that the
// server does not allow it (CORS) instead of a blank box; a file that does
// not match its SRI hash is named as such.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, manifest } from './helpers.mjs';

let browser;
const servers = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

/// A CDN serving the site with `headers(path)`, and a host page elsewhere
/// that loads the nominee bundle from it.
async function setup(headers, { integrity } = {}) {
  const cdn = await serve({ headers });
  servers.push(cdn);
  const m = await manifest();
  const b = m['kipp-nominees'];
  const dir = mkdtempSync(join(tmpdir(), 'kipp-cdn-host-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Pemkab</title>
<script type="module" src="${cdn.url}${b.js}" integrity="${integrity ?? b.js_integrity}" crossorigin="anonymous"></script></head>
<body><main><kipp-nominees id="w" src="${cdn.url}data/nominees-sample.json"><p>Daftar nominasi (cadangan)</p></kipp-nominees></main></body></html>`);
  const host = await serve({ root: dir });
  servers.push(host);
  return host;
}

const everything = () => ({ 'Access-Control-Allow-Origin': '*' });

async function shadowText(page) {
  await page.waitForFunction(() => {
    const el = document.getElementById('w');
    return el.shadowRoot?.querySelector('.browser, .notice-error');
  }, null, { timeout: 20000 });
  return page.evaluate(() => document.getElementById('w').shadowRoot.textContent);
}

test('from a CDN with CORS headers the widget works', async () => {
  const host = await setup(everything);
  const page = await newPage(browser);
  await page.goto(host.url);
  assert.match(await shadowText(page), /Menampilkan/);
  await page.close();
});

test('a CDN without CORS on the wasm: the box says it is CORS, with the server', async () => {
  const host = await setup((path) => (path.endsWith('.js') ? everything() : {}));
  const page = await newPage(browser);
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(host.url);
  const text = await shadowText(page);
  assert.match(text, /tidak mengizinkan halaman ini memuat kipp-nominees\.[0-9a-f]+\.wasm \(CORS/);
  assert.ok(errors.some((e) => /kipp-nominees: .*CORS/.test(e)), errors.join('\n'));
  await page.close();
});

test('a data file without CORS: the widget says so', async () => {
  const host = await setup((path) => (path.endsWith('.json') ? {} : everything()));
  const page = await newPage(browser);
  await page.goto(host.url);
  assert.match(await shadowText(page), /CORS/);
  await page.close();
});

test('the stable loader pkg/kipp-nominees.js loads the current bundle', async () => {
  const cdn = await serve({ headers: everything });
  servers.push(cdn);
  const m = await manifest();
  const { readFile } = await import('node:fs/promises');
  const { DIST } = await import('./helpers.mjs');
  const loader = await readFile(join(DIST, 'pkg', 'kipp-nominees.js'), 'utf8');
  assert.ok(loader.includes(`import "./${m['kipp-nominees'].js.split('/').pop()}";`), loader);
  const dir = mkdtempSync(join(tmpdir(), 'kipp-cdn-stable-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Pemkab</title>
<script type="module" src="${cdn.url}pkg/kipp-nominees.js"></script></head>
<body><main><kipp-nominees id="w" src="${cdn.url}data/nominees-sample.json"></kipp-nominees></main></body></html>`);
  const host = await serve({ root: dir });
  servers.push(host);
  const page = await newPage(browser);
  await page.goto(host.url);
  assert.match(await shadowText(page), /Menampilkan/);
  await page.close();
});
