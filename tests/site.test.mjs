// The built site as a whole: pages load their bundles from any sub-path, SRI
// hashes match the files, shell pages are axe-core clean, screenshots saved.
// The app's and the widgets' own behaviour is tested in app*.test.mjs and
// widget*.test.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, serve, launch, newPage, axeViolations, screenshot, manifest } from './helpers.mjs';

let site;
let browser;

before(async () => {
  site = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const sri = (file) =>
  'sha384-' + createHash('sha384').update(readFileSync(join(DIST, file))).digest('base64');

test('every bundle file matches the SRI hash in the manifest and the pages', async () => {
  const m = await manifest();
  for (const name of ['kipp-app', 'kipp-nominees', 'kipp-ranking']) assert.ok(m[name], name);
  const embed = readFileSync(join(DIST, 'widget/embed.html'), 'utf8');
  for (const [name, b] of Object.entries(m)) {
    assert.equal(sri(b.js), b.js_integrity, `${name} js`);
    assert.equal(sri(b.wasm), b.wasm_integrity, `${name} wasm`);
    assert.match(b.js, new RegExp(`^pkg/${name}\\.[0-9a-f]{10}\\.js$`));
    // The boot pins the wasm by its hash, so the script's hash pins both.
    assert.ok(readFileSync(join(DIST, b.js), 'utf8').includes(b.wasm_integrity), `${name} boot`);
    assert.ok(b.gzip_bytes <= b.budget_kb * 1000, `${name} within its budget`);
    if (name === 'kipp-nominees' || name === 'kipp-ranking') {
      assert.ok(embed.includes(b.js_integrity), `embed page shows the ${name} hash`);
      assert.ok(embed.includes(b.js), `embed page shows the ${name} file`);
    }
  }
  assert.ok(!embed.includes('{{'), 'no placeholder left in the embed page');
});

test('the app page loads its bundle (wasm, SRI-checked) and shows the demo ranking', async () => {
  const page = await newPage(browser);
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto(site.url + 'index.html?demo');
  const r = await wasm;
  assert.equal(r.status(), 200);
  assert.equal(r.headers()['content-type'], 'application/wasm');
  // Opened with ?demo, the app shows the demo competition's ranking at once.
  const rows = page.locator('#results-table tbody tr');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.ok((await rows.count()) >= 3, 'the demo ranking has rows');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'site-app');
  await page.close();
});

test('the widget page loads the nominee bundle and shows the sample nominees', async () => {
  const page = await newPage(browser);
  const wasm = page.waitForResponse((r) => /kipp-nominees\.[0-9a-f]+\.wasm$/.test(r.url()));
  await page.goto(site.url + 'widget/');
  assert.equal((await wasm).status(), 200);
  await page.waitForLoadState('networkidle');
  assert.ok((await page.locator('kipp-nominees').count()) >= 1);
  assert.equal(
    await page.getAttribute('kipp-nominees >> nth=0', 'src'),
    '../data/nominees-sample.json',
  );
  const data = await page.evaluate(async () => (await fetch('../data/nominees-sample.json')).json());
  assert.equal(data.kipp_nominees, 1);
  assert.ok(data.innovations.length > 0);
  // The sample's nominees are shown (inside the widget's shadow root).
  await page
    .locator('kipp-nominees >> nth=0')
    .getByText(data.innovations[0].title, { exact: true })
    .first()
    .waitFor({ timeout: 30_000 });
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'site-widget');
  await page.close();
});

test('the site works from a sub-path (relative URLs only)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kipp-subpath-'));
  symlinkSync(DIST, join(root, 'kipp'));
  // The helper wants an index.html at its root.
  symlinkSync(join(DIST, 'index.html'), join(root, 'index.html'));
  const sub = await serve({ root });
  try {
    const page = await newPage(browser);
    for (const path of ['kipp/index.html?demo', 'kipp/widget/', 'kipp/widget/embed.html']) {
      await page.goto(sub.url + path);
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await sub.close();
  }
});

test('the embed page shows the snippet with the SRI hash, and is readable at 320 px', async () => {
  const page = await newPage(browser, { width: 320, height: 640 });
  await page.goto(site.url + 'widget/embed.html');
  const snippet = await page.locator('#snippet-nominees').innerText();
  const m = await manifest();
  assert.ok(snippet.includes(`integrity="${m['kipp-nominees'].js_integrity}"`));
  assert.ok(snippet.includes('<kipp-nominees src='));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `no horizontal scroll at 320 px (scrollWidth ${overflow})`);
  await screenshot(page, 'site-embed-320');
  await page.close();
});

test('axe-core: the shell pages have no violations', async () => {
  const page = await newPage(browser);
  for (const path of ['widget/', 'widget/embed.html']) {
    await page.goto(site.url + path);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await axeViolations(page), [], path);
  }
  await page.close();
});
