// The organiser app's interactions at national scale, in headless Chromium:
// `node tests/bench-app.mjs` after `cargo xtask dist` (or KIPP_DIST=<site>).
// A benchmark, not a test (not part of `node --test`): it imports
// `kipp sample --preset national` into a new project, then times what an
// officer does on Hasil — switch stage, search, clear the search, sort, drag a
// weight slider, scroll — each from the input event to the next painted frame
// (two animation frames), and reports the longest main-thread task seen
// (PerformanceObserver "longtask"), the DOM size and the JS heap.
// Prints one line per step and a JSON summary (`--json`).

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, launch, newPage, gotoTab, KIPP_CLI } from './helpers.mjs';

const ROOT = join(import.meta.dirname, '..');
const dir = join(ROOT, 'target', 'bench-national');
execFileSync(KIPP_CLI, ['sample', '--preset', 'national', '--out', dir]);

const site = await serve();
const browser = await launch();
const out = {};
try {
  const page = await newPage(browser);
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  await gotoTab(page, 'mulai');
  await page.click('#new-project');
  await page.waitForFunction(() => document.querySelector('#project-list tbody tr.current-row'));
  let t0 = Date.now();
  await page.setInputFiles('#import-files', ['competition.json', 'innovations.csv', 'scores.csv', 'judges.csv']
    .map((f) => join(dir, f)));
  await page.waitForSelector('#apply-import', { timeout: 300000 });
  out.import_preview = { ms: Date.now() - t0 };
  t0 = Date.now();
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr', { timeout: 300000 });
  out.apply_to_ranking = { ms: Date.now() - t0 };
  await page.evaluate(() => {
    window.__long = [];
    window.__longAt = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) { window.__long.push(e.duration); window.__longAt.push([e.startTime, e.duration]); }
    })
      .observe({ type: 'longtask', buffered: false });
  });

  // From the action to the second animation frame after it (the frame that
  // shows the change); the action runs inside the page.
  async function step(name, action, arg) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => { window.__long = []; });
      const ms = await page.evaluate(async ([src, a, i]) => {
        const f = new Function('a', 'i', src);
        const t = performance.now();
        f(a, i);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t;
      }, [action, arg, i]);
      const long = await page.evaluate(() => Math.max(0, ...window.__long));
      times.push([ms, long]);
    }
    times.sort((a, b) => a[0] - b[0]);
    const [ms, long] = times[2];
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    out[name] = { ms: Math.round(ms), longest_task_ms: Math.round(long), dom_nodes: nodes };
  }

  const stageBtn = `const b = [...document.querySelectorAll('.segmented button')][a]; b.click();`;
  await step('stage_switch_to_final', stageBtn, 1);
  await step('stage_switch_to_proposal', `
    const b = [...document.querySelectorAll('.segmented button')];
    b[i % 2 ? 0 : 1].click();`, 0);
  await page.evaluate(() => [...document.querySelectorAll('.segmented button')][0].click());
  await page.waitForTimeout(500);
  const setSearch = `
    const s = document.querySelector('#search');
    s.value = a; s.dispatchEvent(new InputEvent('input', { bubbles: true }));`;
  await step('search', setSearch, 'Kesehatan');
  await step('clear_search', `
    const s = document.querySelector('#search');
    s.value = i % 2 ? 'Kesehatan' : ''; s.dispatchEvent(new InputEvent('input', { bubbles: true }));`, '');
  await page.evaluate((src) => new Function('a', src)(''), setSearch);
  await page.waitForTimeout(500);
  await step('sort_by_title', `
    document.querySelectorAll('#results-table thead button.sort')[1].click();`, 0);
  await page.evaluate(() => document.querySelector('details.sliders').open = true);
  await step('weight_slider', `
    const r = document.querySelector('.slider input[type=range]');
    r.value = String(Number(r.max) * (0.2 + 0.1 * i));
    r.dispatchEvent(new InputEvent('input', { bubbles: true }));`, 0);
  await step('scroll_page', `window.scrollBy(0, 2000);`, 0);
  // Monte Carlo, 10,000 draws, in the app's Web Workers (one per core),
  // with the longest main-thread task during the run.
  await gotoTab(page, 'simulasi');
  await page.fill('#sim-draws', '10000');
  await page.waitForTimeout(1500); // as an officer reads the options
  await page.evaluate(() => { window.__long = []; window.__longAt = []; window.__t0 = performance.now(); });
  t0 = Date.now();
  await page.click('#sim-run');
  await page.waitForSelector('#sim-download', { timeout: 600000 });
  out.monte_carlo_10000 = {
    ms: Date.now() - t0,
    workers: await page.evaluate(() => navigator.hardwareConcurrency),
    longest_task_ms: Math.round(await page.evaluate(() => Math.max(0, ...window.__long))),
    in_page: !!(await page.$('#sim-on-page')),
    // main-thread tasks over 50 ms: [ms after the click, duration]
    long_tasks: await page.evaluate(() => window.__longAt.map(([t, d]) => [Math.round(t - window.__t0), Math.round(d)])),
  };
  // The judge report (leniency, agreement, leave-one-judge-out).
  await page.evaluate(() => { window.__long = []; window.__t0 = performance.now(); });
  t0 = Date.now();
  await page.click('#judges-run');
  await page.waitForFunction(() => [...document.querySelectorAll('h2')].some((h) => /Kecenderungan penilai/.test(h.textContent)), null, { timeout: 120000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  out.judge_report = {
    ms: Date.now() - t0,
    longest_task_ms: Math.round(await page.evaluate(() => Math.max(0, ...window.__long))),
  };
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  out.js_heap_mb = Math.round(heap / 1e6);
  if (page.problems.length) console.log(page.problems.join('\n'));
} finally {
  await browser.close();
  await site.close();
}
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else for (const [k, v] of Object.entries(out)) console.log(k.padEnd(26), JSON.stringify(v));
