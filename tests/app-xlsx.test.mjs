// The XLSX module (issue "national scale", "A light first load"): reading
// and writing .xlsx files is a module of its own (pkg/kipp-xlsx.*), not in
// the app's first download. It is loaded once, on first use, with a
// progress note; after that, imports and exports of workbooks work offline;
// a module that fails to load is reported plainly and changes nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, gotoTab, screenshot, OFFICER_BOOK, OFFICER_COMP } from './helpers.mjs';

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

const isModule = (url) => /\/pkg\/kipp-xlsx\.[0-9a-f]{10}\.(js|wasm)$/.test(url);

/// Counts the requests for the module's files.
function countModule(page) {
  const seen = [];
  page.on('request', (r) => {
    if (isModule(r.url())) seen.push(r.url().endsWith('.js') ? 'js' : 'wasm');
  });
  return seen;
}

async function openDemo(page) {
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
}

async function importFiles(page, files) {
  await gotoTab(page, 'mulai');
  await page.setInputFiles('#import-files', files);
}

test('the first load has no XLSX code; the officer workbook loads the module once, with a note; then XLSX works offline', async () => {
  const page = await newPage(browser);
  const seen = countModule(page);
  // Slow the module's wasm a little, so that the progress note can be seen.
  await page.route((u) => isModule(u.href) && u.href.endsWith('.wasm'), async (route) => {
    await new Promise((ok) => setTimeout(ok, 700));
    await route.continue();
  });
  await openDemo(page);
  assert.deepEqual(seen, [], 'nothing of the module on the first load');

  await gotoTab(page, 'mulai');
  await page.click('#new-project');
  await page.waitForFunction(() => document.querySelector('#project-list tbody tr.current-row'));
  await page.setInputFiles('#import-files', [OFFICER_COMP, OFFICER_BOOK]);
  await page.waitForFunction(() => /Memuat modul XLSX/.test(document.querySelector('.notice')?.textContent ?? ''));
  await page.waitForSelector('#apply-import');
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  assert.ok(Number(await page.getAttribute('#results-table', 'aria-rowcount')) > 1);
  assert.deepEqual(seen.sort(), ['js', 'wasm']);
  const before = await page.textContent('#results-table tbody');

  // The network goes away; everything XLSX keeps working.
  await page.context().setOffline(true);
  await importFiles(page, [OFFICER_BOOK]);
  await page.waitForSelector('#apply-import');
  assert.doesNotMatch(await page.textContent('main'), /Modul XLSX gagal/);
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  assert.equal(await page.textContent('#results-table tbody'), before, 'the same workbook, the same ranking');

  await gotoTab(page, 'ekspor');
  const xdl = page.waitForEvent('download');
  await page.click('#export-xlsx');
  const xlsx = readFileSync(await (await xdl).path());
  assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const sheets = new Set(xlsx.toString('latin1').match(/xl\/worksheets\/sheet\d+\.xml/g));
  assert.ok(sheets.size >= 3, `a sheet per stage and the summary: ${[...sheets]}`);

  await gotoTab(page, 'lembar-nilai');
  const tdl = page.waitForEvent('download');
  await page.locator('button[id^="templates-"]').first().click();
  const zip = readFileSync(await (await tdl).path());
  assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK');
  const books = zip.toString('latin1').match(/nilai-[a-z0-9_-]+\.xlsx/g) ?? [];
  assert.ok(books.length >= 5, `a workbook per judge: ${books}`);

  assert.deepEqual(seen.sort(), ['js', 'wasm'], 'the module was loaded once');
  await page.context().setOffline(false);
  assert.deepEqual(page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await page.close();
});

test('a module that does not load is said plainly, at the file, and changes nothing', async () => {
  const page = await newPage(browser);
  await page.route((u) => isModule(u.href), (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openDemo(page);
  const ranking = await page.textContent('#results-table tbody');
  const name = await page.textContent('header');

  await importFiles(page, [OFFICER_BOOK]);
  await page.waitForSelector('.problems');
  const problems = await page.textContent('.problems');
  assert.match(problems, /KIPP_Banyumas_2020\.xlsx/);
  assert.match(problems, /Modul XLSX gagal dimuat/);
  assert.match(problems, /tidak ada yang berubah/);
  assert.match(problems, /muat ulang halaman/);
  assert.equal(await page.$('#apply-import'), null, 'no preview to apply');
  await screenshot(page, 'app-xlsx-module-failed');
  assert.doesNotMatch(await page.textContent('.notice'), /Memuat modul/);

  // An export that needs the module says why it failed.
  await gotoTab(page, 'ekspor');
  await page.click('#export-xlsx');
  await page.waitForFunction(() => /modul XLSX gagal dimuat/.test(document.querySelector('.notice')?.textContent ?? ''));

  await gotoTab(page, 'hasil');
  await page.waitForSelector('#results-table tbody tr');
  assert.equal(await page.textContent('#results-table tbody'), ranking, 'the ranking is unchanged');
  assert.equal(await page.textContent('header'), name, 'the same project');
  assert.deepEqual(
    // Only the module's own 404s (one per attempt: the import, the export).
    page.problems.filter((p) => !/kipp-xlsx/.test(p) && !/status of 404/.test(p)),
    [],
  );
  await page.close();
});
