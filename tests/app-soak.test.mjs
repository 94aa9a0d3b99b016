// Soak (issue 16): an officer's national project through many rounds of work
// in one tab — a judge's scores file arrives again and is re-imported, a
// weight is edited, the ranking is looked at — and memory does not grow
// with the rounds. KIPP_SOAK_CYCLES sets the rounds (200 by default).
//
// Bounds, after ten warm-up rounds (GC forced before each reading): the JS
// heap grows by at most 48 MB over the rest, the wasm memory (which never
// shrinks: its high-water mark) by at most 64 MB, and the page's DOM by at
// most 2,000 nodes. Stated in SECURITY.md.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, newPage, gotoTab, KIPP_CLI } from './helpers.mjs';

const ROOT = join(import.meta.dirname, '..');
const CYCLES = Number(process.env.KIPP_SOAK_CYCLES ?? 200);
const MB = 1 << 20;

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

/** The national sample, its scores split into one file per judge. */
function nationalFiles() {
  const dir = join(ROOT, 'target', 'e2e-soak');
  mkdirSync(dir, { recursive: true });
  execFileSync(KIPP_CLI, ['sample', '--preset', 'national', '--out', dir]);
  const [head, ...rows] = readFileSync(join(dir, 'scores.csv'), 'utf8').trim().split('\n');
  const col = head.split(',').indexOf('judge');
  assert.ok(col >= 0, head);
  const byJudge = new Map();
  for (const r of rows) {
    const j = r.split(',')[col];
    if (!byJudge.has(j)) byJudge.set(j, [head]);
    byJudge.get(j).push(r);
  }
  const judges = [...byJudge.keys()].sort();
  const files = judges.map((j) => {
    const f = join(dir, `nilai-${j}.csv`);
    writeFileSync(f, byJudge.get(j).join('\n') + '\n');
    return f;
  });
  return { dir, files };
}

test(`a national project re-imported, edited and re-ranked ${CYCLES} times: memory stays bounded`, async () => {
  const { dir, files } = nationalFiles();
  const page = await newPage(browser);
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  await gotoTab(page, 'mulai');
  await page.click('#new-project');
  await page.waitForFunction(() => document.querySelector('#project-list tbody tr.current-row'));
  await page.setInputFiles('#import-files',
    ['competition.json', 'innovations.csv', 'judges.csv'].map((f) => join(dir, f)).concat(files));
  await page.waitForSelector('#apply-import', { timeout: 120000 });
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr', { timeout: 120000 });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const js = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    const { wasm, nodes } = await page.evaluate(async () => {
      const m = await import(document.querySelector('script[type=module][src*="kipp-app"]').src);
      const exports = await m.default();
      return { wasm: exports.memory.buffer.byteLength, nodes: document.getElementsByTagName('*').length };
    });
    return { js, wasm, nodes };
  };

  const weights = page.locator('input[id^="s0-c"][id$="-w"]');
  let warm = null;
  let last = null;
  const t0 = Date.now();
  for (let i = 0; i < CYCLES; i++) {
    // A judge's file arrives again (re-import replaces that file's scores).
    await gotoTab(page, 'mulai');
    await page.setInputFiles('#import-files', [files[i % files.length]]);
    await page.waitForSelector('#apply-import', { timeout: 60000 });
    await page.click('#apply-import');
    // A weight is edited: the ranking is recomputed.
    await gotoTab(page, 'kompetisi');
    await weights.last().fill(String(10 + (i % 3)));
    await page.waitForSelector('.editor-status .ok');
    // The ranking is looked at.
    await gotoTab(page, 'hasil');
    await page.waitForSelector('#results-table tbody tr');
    if (i === 9) warm = await memory();
  }
  last = await memory();
  const seconds = (Date.now() - t0) / 1000;
  const grow = {
    js: (last.js - warm.js) / MB,
    wasm: (last.wasm - warm.wasm) / MB,
    nodes: last.nodes - warm.nodes,
  };
  console.log(`soak: ${CYCLES} rounds in ${seconds.toFixed(0)} s; after round 10 ` +
    `JS heap ${(warm.js / MB).toFixed(1)} MB, wasm ${(warm.wasm / MB).toFixed(0)} MB, ${warm.nodes} nodes; ` +
    `at the end JS heap ${(last.js / MB).toFixed(1)} MB, wasm ${(last.wasm / MB).toFixed(0)} MB, ${last.nodes} nodes`);
  // Still the same project and ranking: nothing was lost on the way.
  assert.match(await page.textContent('.comp-name'), /\S/);
  assert.ok(grow.js <= 48, `JS heap grew by ${grow.js.toFixed(1)} MB`);
  assert.ok(grow.wasm <= 64, `wasm memory grew by ${grow.wasm.toFixed(0)} MB`);
  assert.ok(grow.nodes <= 2000, `DOM grew by ${grow.nodes} nodes`);
  await page.close();
});
