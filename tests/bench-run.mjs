// Runs the browser benchmark (www/bench/index.html?run) in headless Chromium
// and prints its timings: `node tests/bench-run.mjs` after `cargo xtask dist`
// (or KIPP_DIST=<site>). Not part of `node --test` (minutes on a slow machine).

import { serve, launch, newPage } from './helpers.mjs';

const site = await serve();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(`${site.url}bench/index.html?run`);
  await page.waitForFunction(() => document.body.dataset.done, null, { timeout: 30 * 60 * 1000 });
  const json = JSON.parse(await page.textContent('#json'));
  console.log(`${json.engine} — ${json.user_agent}`);
  for (const [k, v] of Object.entries(json.steps)) {
    console.log(`${k.padEnd(26)} ${String(v.ms).padStart(10)} ms  ${v.note ?? ''}`);
  }
  if (json.error) console.log(`error: ${json.error}`);
  if (page.problems.length) console.log(page.problems.join('\n'));
  process.exitCode = document_ok(json) ? 0 : 1;
} finally {
  await browser.close();
  await site.close();
}

function document_ok(json) {
  return !json.error && Object.keys(json.steps).length > 0;
}
