// The officer's competition carried through (issue "officer's workplace
// 2/2"): a panel decision puts the 21st into the presentation stage; the
// detail panel opens in view; the administrative check; the official
// report printed by Chromium to PDF (read back with pdftotext, its pages
// rendered with pdftoppm to look at).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCREENSHOTS, serve, launch, newPage, axeViolations, screenshot, gotoTab, OFFICER_BOOK, OFFICER_COMP } from './helpers.mjs';

const BOOK = OFFICER_BOOK;
const COMP = OFFICER_COMP;

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

/// A new project with the officer's workbook in it.
async function officerProject(page) {
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  await gotoTab(page, 'mulai');
  await page.click('#new-project');
  await page.waitForFunction(() => document.querySelector('#project-list tbody tr.current-row'));
  await page.setInputFiles('#import-files', [COMP, BOOK]);
  await page.waitForSelector('#apply-import');
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
}

async function stageButton(page, n) {
  await page.locator('.segmented button').nth(n).click();
  await page.waitForFunction((i) => document.querySelectorAll('.segmented button')[i]?.getAttribute('aria-pressed') === 'true', n);
}

// The results table is windowed: only rows near the view are in the DOM;
// `aria-rowcount` counts them all (plus the header row).
async function rowCount(page) {
  return Number(await page.getAttribute('#results-table', 'aria-rowcount')) - 1;
}

// The id of row `i` (0-based), reached as a keyboard user does: focus the
// first row, then ↓ until row i has focus.
async function idAt(page, i) {
  await page.focus('#results-table tbody tr[aria-rowindex="2"] button.linkish');
  for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
  await page.waitForFunction((n) => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') === String(n), i + 2);
  return page.textContent(`#results-table tbody tr[aria-rowindex="${i + 2}"] .sub.id`);
}

test('a panel decision puts the 21st into the next stage; the detail panel opens in view', async () => {
  const page = await newPage(browser);
  await officerProject(page);
  await stageButton(page, 0);
  assert.equal(await rowCount(page), 107);
  const next = await idAt(page, 20);
  // The row is far down the page; its detail must come into view with focus.
  const row = page.locator('#results-table tbody tr', { hasText: next });
  await row.locator('button.linkish').click();
  await page.waitForSelector('#detail-heading');
  await page.waitForFunction(() => document.activeElement?.id === 'detail-heading');
  const box = await page.evaluate(() => {
    const r = document.getElementById('detail-heading').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, h: innerHeight };
  });
  assert.ok(box.top >= -2 && box.bottom <= box.h, `detail heading in view: ${JSON.stringify(box)}`);
  await page.fill('#decision-reason', 'Rapat pleno: inovasi unggulan daerah.');
  await page.click('.decision-form button[type=submit]');
  await page.waitForSelector('.badge.decision');
  await stageButton(page, 1);
  assert.equal(await rowCount(page), 21);
  await page.fill('#search', next);
  await page.waitForFunction(() => document.querySelector('#results-table')?.getAttribute('aria-rowcount') === '2');
  assert.equal(await page.textContent('#results-table tbody tr[data-row] .sub.id'), next,
    `${next} enters the presentation stage`);
  await page.fill('#search', '');
  await screenshot(page, 'app-decision-next-stage-1280');
  await page.close();
});

test('the administrative check: changed with a reason, audited, ineligible ones under their own filter', async () => {
  const page = await newPage(browser);
  await officerProject(page);
  await gotoTab(page, 'administrasi');
  await page.waitForSelector('#admin-table tbody tr');
  assert.match(await page.textContent('#admin-counts'), /^107 inovasi: 107 memenuhi syarat, 0 tidak/);
  const first = await page.textContent('#admin-table tbody tr:first-child .sub.id');
  await page.fill('#admin-search', first);
  await page.waitForFunction(() => document.querySelectorAll('#admin-table tbody tr').length === 1);
  await page.click('#admin-table tbody tr button');
  await page.waitForSelector('#eligibility-reason');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'eligibility-reason');
  await page.click('#eligibility-save');
  assert.ok(await page.isVisible('#eligibility-err'));
  // Keyboard only from here: type the reason, Tab to the button, Enter.
  await page.focus('#eligibility-reason');
  await page.keyboard.type('Inovasi belum berjalan satu tahun.');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'eligibility-save');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /106 memenuhi syarat, 1 tidak/.test(document.querySelector('#admin-counts').textContent));
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'app-admin-1280');
  await page.setViewportSize({ width: 320, height: 800 });
  await screenshot(page, 'app-admin-320');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
  await page.click('button.lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('#admin-counts'), /106 eligible, 1 not eligible/);
  await screenshot(page, 'app-admin-320-en');
  await page.click('button.lang');
  await page.setViewportSize({ width: 1280, height: 800 });
  // Results: not ranked, listed under its own filter with the reason.
  await gotoTab(page, 'hasil');
  await stageButton(page, 0);
  assert.equal(await rowCount(page), 106);
  await page.fill('#search', first);
  await page.waitForFunction(() => document.querySelector('#results-table')?.getAttribute('aria-rowcount') === '1');
  await page.fill('#search', '');
  await page.selectOption('#filter', 'ineligible');
  await page.waitForSelector('#ineligible-table');
  assert.match(await page.textContent('#ineligible-table'), new RegExp(`${first}.*belum berjalan`));
  // The audit list.
  await gotoTab(page, 'keputusan');
  assert.match(await page.textContent('.audit'), /Seleksi administrasi.*belum berjalan/);
  await page.close();
});

test('the official report prints to A4 with the ranking, the decisions and the signatures, without buttons', async () => {
  const page = await newPage(browser);
  await officerProject(page);
  await stageButton(page, 0);
  const next = await idAt(page, 20);
  const row = page.locator('#results-table tbody tr', { hasText: next });
  await row.locator('button.linkish').click();
  await page.fill('#decision-reason', 'Rapat pleno: inovasi unggulan daerah.');
  await page.click('.decision-form button[type=submit]');
  await page.waitForSelector('.badge.decision');
  await gotoTab(page, 'laporan');
  await page.fill('#report-place', 'Purwokerto');
  await page.fill('#report-chair', 'Dr. Siti Aminah');
  await page.fill('#report-date', '2020-08-27');
  await page.selectOption('#report-stage', '0');
  await page.waitForSelector('.report-page[data-stage=proposal]');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'app-report-1280');
  const dir = mkdtempSync(join(tmpdir(), 'kipp-report-'));
  const pdf = join(dir, 'berita-acara.pdf');
  await page.emulateMedia({ media: 'print' });
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  writeFileSync(join(SCREENSHOTS, 'app-report.txt'), text);
  assert.match(text, /BERITA ACARA PENILAIAN/);
  assert.match(text, /Purwokerto/);
  assert.match(text, /27 Agustus 2020/);
  assert.match(text, new RegExp(next));
  assert.match(text, /Rapat pleno: inovasi unggulan/);
  assert.match(text, /Dr\. Siti Aminah/);
  for (const j of ['J1', 'J2', 'J3', 'J4', 'J5']) assert.match(text, new RegExp(`\\b${j}\\b`));
  // No interface chrome: no menu, no buttons, no fields.
  for (const chrome of ['Cetak', 'Urungkan', 'Lembar nilai', 'Simpan sebagai PDF', 'Ekspor']) {
    assert.ok(!text.includes(chrome), `"${chrome}" is not printed`);
  }
  // Pages: numbered, and no row cut in two (every ranked id on one line).
  const pages = text.split('\f').filter((p) => p.trim());
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  assert.match(pages[0], /\b1\s*\/\s*\d+\s*$/m);
  const ranked = await page.$$eval('.report-ranking tbody tr td:nth-child(2)', (t) => t.map((x) => x.textContent));
  assert.equal(ranked.length, 107);
  for (const id of ranked) assert.ok(text.includes(id), `${id} printed`);
  // The pages as images, to look at.
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, join(dir, 'page')]);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.png'))) {
    renameSync(join(dir, f), join(SCREENSHOTS, `app-report-pdf-${f}`));
  }
  await page.emulateMedia({ media: 'screen' });
  // The same report to edit in Word or LibreOffice: a standalone HTML file.
  const dl = page.waitForEvent('download');
  await page.click('#save-report');
  const d = await dl;
  assert.match(d.suggestedFilename(), /berita-acara-proposal\.html$/);
  const html = readFileSync(await d.path(), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<style>[^]*\.report-table[^]*<\/style>/);
  assert.match(html, /BERITA ACARA PENILAIAN[^]*Dr\. Siti Aminah/);
  assert.ok(!/<button/.test(html), 'no buttons in the document');
  await page.close();
});

test('participation at the top of Hasil and as an annex of the report', async () => {
  const page = await newPage(browser);
  await officerProject(page);
  const line = await page.locator('#participation').innerText();
  assert.match(line, /^Partisipasi: 107 inovasi dari 36 perangkat daerah; terbanyak .+ Evaluasi Proposal: 107 dinilai, 20 lolos\.$/);
  await gotoTab(page, 'laporan');
  const annex = page.locator('#report-participation');
  await annex.waitFor();
  assert.match(await annex.innerText(), /107 inovasi dari 36 perangkat daerah/);
  assert.equal(await annex.locator('tbody tr').count(), 36);
  await page.click('text=English');
  await page.waitForFunction(() => /innovations from 36 agencies/.test(document.getElementById('report-participation')?.textContent ?? ''));
  await gotoTab(page, 'hasil');
  assert.match(await page.locator('#participation').innerText(), /^Participation: 107 innovations from 36 agencies; most from /);
  await screenshot(page, 'app-hasil-participation-en-1280');
  await page.close();
});
