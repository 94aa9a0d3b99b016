// <kipp-ranking> in headless Chromium, against the built site (dist/): the
// published ranking per stage with its digest, the `simulate` what-if clearly
// marked and reset, English, axe-core, screenshots at 1280 and 320 px.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, serve, launch, newPage, axeViolations, screenshot } from './helpers.mjs';

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

const ranking = JSON.parse(readFileSync(join(DIST, 'widget/ranking.json'), 'utf8'));

async function ready(page, sel) {
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.ranking, .notice-error'),
    sel,
    { timeout: 20000 },
  );
}

const ranks = (w) => w.locator('tbody tr td.rank').allInnerTexts();
const titles = (w) => w.locator('tbody tr .title').allInnerTexts();

test('the published ranking per stage, with its digest', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/ranking.html');
  await ready(page, '#sim');
  const w = page.locator('#sim');
  const stage0 = ranking.result.stages[0];
  assert.equal(await w.locator('tbody tr').count(), stage0.rows.length);
  assert.deepEqual(await ranks(w), stage0.rows.map((r) => (r.rank == null ? '–' : String(r.rank))));
  const title = (id) => ranking.innovations.find((i) => i.id === id).title;
  assert.deepEqual(await titles(w), stage0.rows.map((r) => title(r.id)));
  // id-ID numbers: 95,65
  const score = await w.locator('tbody tr').first().locator('td.num').nth(1).innerText();
  assert.equal(score, String(Math.round(stage0.rows[0].score * 100) / 100).replace('.', ','));
  assert.equal(await w.locator('.badge.advanced').count(), stage0.rows.filter((r) => r.advanced).length);
  assert.match(await w.locator('.digest').innerText(), new RegExp(ranking.result.digest));
  assert.match(await w.locator('.table-title').innerText(), /Hasil resmi/);
  assert.equal(await w.locator('.banner').count(), 0);
  // The second stage.
  await w.locator('button.stage').nth(1).click();
  const stage1 = ranking.result.stages[1];
  assert.equal(await w.locator('tbody tr').count(), stage1.rows.length);
  assert.equal(await w.locator('.badge.advanced').first().innerText(), 'Pemenang');
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'widget-ranking-1280');
  await page.close();
});

test('simulate: moving a weight re-ranks, clearly marked; reset restores the official result', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/ranking.html');
  await ready(page, '#sim');
  const w = page.locator('#sim');
  const official = await titles(w);
  assert.equal(
    await w.locator('input[type=range]').count(),
    ranking.competition.stages[0].criteria.length,
  );
  assert.ok(await w.locator('button.reset').isDisabled());
  // Keyboard: the first weight to its maximum.
  await w.locator('input[type=range]').first().focus();
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('#sim').shadowRoot.querySelector('.banner'));
  assert.equal(await w.locator('.banner').innerText(), 'SIMULASI — BUKAN HASIL RESMI'.toUpperCase());
  assert.match(await w.locator('.table-title').innerText(), /Simulasi — bukan hasil resmi/);
  assert.notDeepEqual(await titles(w), official, 'the order changes');
  assert.ok((await w.locator('thead th').allInnerTexts()).includes('Peringkat resmi'));
  // In plain words, counted from the rows shown and the published ones.
  if (ranking.competition.stages[0].advance) {
    const was = new Set(ranking.result.stages[0].rows.filter((r) => r.advanced).map((r) => r.id));
    const nowTitles = await w.evaluate((el) => [...el.shadowRoot.querySelectorAll('tbody tr.advanced .title')].map((t) => t.textContent));
    const title = (id) => ranking.innovations?.find((i) => i.id === id)?.title || id;
    const kept = [...was].filter((id) => nowTitles.includes(title(id))).length;
    assert.equal(await w.locator('.sim-words').innerText(),
      `Dengan bobot ini, ${kept} dari ${was.size} inovasi yang lolos tetap lolos; ${nowTitles.length - kept} masuk dan ${was.size - kept} keluar.`);
  }
  await screenshot(page, 'widget-ranking-simulated');
  // All weights zero: no ranking.
  for (const r of await w.locator('input[type=range]').all()) {
    await r.focus();
    await page.keyboard.press('Home');
  }
  assert.match(await w.locator('.notice-empty').innerText(), /Semua bobot nol/);
  await w.locator('button.reset').click();
  assert.equal(await w.locator('.banner').count(), 0);
  assert.deepEqual(await titles(w), official);
  assert.match(await w.locator('.table-title').innerText(), /Hasil resmi/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('without simulate, in English; axe-core clean; 320 px', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/ranking.html');
  await ready(page, '#sim');
  await ready(page, '#plain');
  const w = page.locator('#plain');
  assert.equal(await w.locator('input[type=range]').count(), 0);
  assert.match(await w.locator('.table-title').innerText(), /Official result/);
  assert.equal(await w.locator('.badge.advanced').first().innerText(), 'Advances');
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#sim input[type=range]').first().focus();
  await page.keyboard.press('End');
  assert.deepEqual(await axeViolations(page), [], 'while simulating');
  await page.setViewportSize({ width: 320, height: 640 });
  await page.waitForTimeout(200);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `scrollWidth ${width}`);
  await screenshot(page, 'widget-ranking-320');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a tampered ranking file is marked not verified; a 1e308 score is refused', async () => {
  const page = await newPage(browser);
  const tampered = JSON.parse(JSON.stringify(ranking));
  const row = tampered.result.stages[0].rows[2];
  row.score += 3;
  const huge = JSON.parse(JSON.stringify(ranking));
  huge.result.stages[0].rows[0].score = 1e308;
  await page.route('**/widget/tampered.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(tampered) }));
  await page.route('**/widget/huge.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(huge) }));
  await page.goto(site.url + 'widget/ranking.html');
  await page.evaluate(() => {
    for (const [id, src] of [['t', 'tampered.json'], ['h', 'huge.json']]) {
      const el = document.createElement('kipp-ranking');
      el.id = id;
      el.setAttribute('src', src);
      document.querySelector('main').prepend(el);
    }
  });
  await ready(page, '#t');
  const t = page.locator('#t');
  assert.match(await t.locator('.banner.unverified').innerText(), /Tidak terverifikasi.*\(1: .*score\)/s);
  const title = tampered.innovations.find((i) => i.id === row.id)?.title ?? row.id;
  assert.match(await t.locator('tbody tr', { hasText: title }).first().innerText(), /tidak terverifikasi/);
  await ready(page, '#h');
  const h = await page.locator('#h .notice-error').innerText();
  assert.match(h, /rows\[0\]\.score.*di luar batas/);
  assert.ok(!/0{100}/.test(await page.locator('#h').innerText()), 'no 309-digit number');
  await page.close();
});
