// The benchmark page (www/bench/) and the kipp-wasm JavaScript API behind it:
// the simulation worker posts progress, gives the main thread's result bit
// for bit, and stops on a cancel message; errors come back as located
// problems; the page is axe-core clean. The full benchmark (national scale,
// minutes on a slow machine) is not run here: `node tests/bench-run.mjs`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, axeViolations, screenshot } from './helpers.mjs';

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

test('bench: the worker simulates in slices, matches the main thread, and cancels', async () => {
  const page = await newPage(browser);
  await page.goto(`${site.url}bench/index.html`);
  const r = await page.evaluate(async () => {
    const kipp = await import(window.kippBench.wasmUrl);
    await kipp.ready;
    const files = kipp.sample({ seed: 5 });
    const s = new kipp.Session(files, 'en');
    const opts = { draws: 300, seed: 3, resample_judges: true };
    const direct = s.simulate(opts, null);
    let progress = 0;
    const run = window.kippBench.runSimulation(files, opts, () => progress++);
    const done = await run.promise;
    let big = null;
    let asked = false;
    big = window.kippBench.runSimulation(files, { draws: 1000000, seed: 1 }, () => {
      if (!asked) {
        asked = true;
        big.cancel();
      }
    });
    const stopped = await big.promise;
    let errors = null;
    try {
      kipp.rank({ competition: { name: 'c.json', text: '{"kipp": 1,\n "stages": 7}' }, innovations: 'id\n', scores: '' }, 'en');
    } catch (e) {
      errors = e;
    }
    return {
      type: done.type,
      same: JSON.stringify(done.result) === JSON.stringify(direct),
      draws: done.result.stages.map((x) => x.draws),
      progress,
      stopped: { type: stopped.type, done: stopped.done, total: stopped.total },
      errors,
    };
  });
  assert.equal(r.type, 'result');
  assert.ok(r.same, 'worker result equals Session.simulate in the page');
  assert.ok(r.draws.every((d) => d === 300), `draws ${r.draws}`);
  assert.ok(r.progress >= 2, `progress messages: ${r.progress}`);
  assert.equal(r.stopped.type, 'cancelled');
  assert.ok(r.stopped.done < r.stopped.total, `stopped at ${r.stopped.done}`);
  assert.ok(Array.isArray(r.errors) && r.errors.length > 0, 'located problems thrown');
  const p = r.errors.find((e) => e.file === 'c.json');
  assert.ok(p && p.line === 2 && p.column > 0 && /stages/i.test(p.message), JSON.stringify(r.errors));
  assert.deepEqual(page.problems, []);
});

test('bench: the page is axe-core clean', async () => {
  const page = await newPage(browser);
  await page.goto(`${site.url}bench/index.html`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'bench');
});
