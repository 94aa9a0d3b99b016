// widget/frame.html in an iframe on another origin: the widget renders,
// the iframe is fitted to its content by frame-host.js, the frame sends its
// height to the parent origin only, and the host ignores messages that do
// not come from the frame's window and origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, axeViolations, screenshot } from './helpers.mjs';

let site;
let host;
let browser;

before(async () => {
  site = await serve();
  const dir = mkdtempSync(join(tmpdir(), 'kipp-frame-host-'));
  const page = (frameOrigin) => `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Pemkab</title></head>
<body><main><h1>Berita</h1>
<iframe class="kipp-frame" id="f" title="Nominasi KIPP" style="width:100%;border:0" height="600"
  src="${site.url}widget/frame.html?src=../data/nominees-sample.json&layout=list&limit=3&origin=${frameOrigin}"></iframe>
<p id="after">Sesudah widget.</p>
<script src="${site.url}widget/frame-host.js"></script>
</main></body></html>`;
  writeFileSync(join(dir, 'ok.html'), page('__ORIGIN__'));
  writeFileSync(join(dir, 'summary.html'), `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Pemkab</title></head>
<body><main><h1>Partisipasi</h1>
<iframe class="kipp-frame" id="f" title="Partisipasi KIPP" style="width:100%;border:0" height="600"
  src="${site.url}widget/frame.html?src=summary.json&heading-level=2&origin=__ORIGIN__"></iframe>
<script src="${site.url}widget/frame-host.js"></script>
</main></body></html>`);
  writeFileSync(join(dir, 'wrong.html'), page('https://bukan-situs-ini.example'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>host</title>');
  host = await serve({ root: dir });
  // The host's own origin goes into its page (known only now).
  const origin = new URL(host.url).origin;
  writeFileSync(join(dir, 'ok.html'), page(origin));
  const summary = join(dir, 'summary.html');
  writeFileSync(summary, readFileSync(summary, 'utf8').replace('__ORIGIN__', origin));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await host?.close();
});

async function frameHeight(page) {
  return page.evaluate(() => document.getElementById('f').getBoundingClientRect().height);
}

test('the frame renders its widget and the iframe fits its content', async () => {
  const page = await newPage(browser);
  await page.goto(host.url + 'ok.html');
  const frame = page.frameLocator('#f');
  await frame.locator('kipp-nominees').waitFor();
  await page.waitForFunction(() => {
    const h = document.getElementById('f').getBoundingClientRect().height;
    return h !== 600 && h > 100;
  }, null, { timeout: 20000 });
  const inner = await page.frames()[1].evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const outer = await frameHeight(page);
  assert.ok(Math.abs(outer - inner) <= 2, `iframe ${outer} px for content ${inner} px`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'frame-host-1280');
  // A message from the host page itself (not the frame) is ignored.
  await page.evaluate(() => window.postMessage({ type: 'kipp-frame-height', height: 77 }, '*'));
  await page.waitForTimeout(300);
  assert.equal(await frameHeight(page), outer);
  await page.close();
});

test('a frame told another parent origin sends nothing; the iframe keeps its height', async () => {
  const page = await newPage(browser);
  await page.goto(host.url + 'wrong.html');
  await page.frameLocator('#f').locator('kipp-nominees').waitFor();
  await page.waitForTimeout(1500);
  assert.equal(await frameHeight(page), 600);
  await page.close();
});

test('a frame without a data file says so; attributes are checked', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/frame.html?layout=<b>');
  assert.match(await page.textContent('.frame-error'), /memerlukan \?src=/);
  await page.goto(site.url + 'widget/frame.html?src=../data/nominees-sample.json&layout=<img>&limit=abc&lang=en');
  await page.locator('kipp-nominees').waitFor();
  const attrs = await page.evaluate(() => [...document.querySelector('kipp-nominees').attributes].map((a) => a.name)
    .filter((n) => n !== 'data-kipp-scheme'));
  assert.deepEqual(attrs.sort(), ['lang', 'src']);
  await page.close();
});

test('a summary file in the frame: the summary view, fitted like the list', async () => {
  const page = await newPage(browser);
  await page.goto(host.url + 'summary.html');
  const frame = page.frameLocator('#f');
  await frame.locator('kipp-nominees .summary').waitFor({ timeout: 20000 });
  assert.match(await frame.locator('kipp-nominees .headline').innerText(), /^107 inovasi dari 36 perangkat daerah; terbanyak /);
  await page.waitForFunction(() => document.getElementById('f').getBoundingClientRect().height > 600, null, { timeout: 20000 });
  const inner = await page.frames()[1].evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  assert.ok(Math.abs((await frameHeight(page)) - inner) <= 2);
  await page.close();
});
