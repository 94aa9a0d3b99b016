// The organiser app as an officer's workplace: the officer's workbook in
// one drop (ranked as `kipp rank` ranks the same workbook), projects that a
// template click or the demo never overwrite, undo of a replacing import
// (button and Ctrl+Z), a later stage's scores added weeks later, and the
// project list after a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, mkdirSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, serve, launch, newPage, axeViolations, screenshot, gotoTab, OFFICER_BOOK, OFFICER_COMP } from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BOOK = OFFICER_BOOK;
const COMP = OFFICER_COMP;
const DEMO = join(DIST, 'demo');

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

async function openEmpty(page) {
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  await gotoTab(page, 'mulai');
  await page.click('#new-project');
  await page.waitForFunction(() => document.querySelector('#project-list tbody tr.current-row'));
}

async function drop(page, files) {
  await gotoTab(page, 'mulai');
  await page.setInputFiles('#import-files', files);
  await page.waitForSelector('#apply-import, .problems');
}

test('the officer workbook imports in one drop and ranks as `kipp rank` ranks it', async () => {
  const page = await newPage(browser);
  await openEmpty(page);
  await drop(page, [COMP, BOOK]);
  const tables = await page.$$eval('#import-tables tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => {
      const sel = td.querySelector('select');
      return sel ? sel.value : td.textContent;
    })));
  const kinds = Object.fromEntries(tables.filter((r) => r[1] !== '–').map((r) => [r[1], r[2]]));
  assert.equal(kinds['Inovasi'], 'innovations');
  for (const j of [1, 2, 3, 4, 5]) assert.equal(kinds[`Juri ${j}`], 'scores');
  assert.ok(await page.$('#apply-import'), await page.textContent('.preview'));
  await screenshot(page, 'app-import-workbook-1280');
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  await gotoTab(page, 'ekspor');
  const dl = page.waitForEvent('download');
  await page.click('#export-csv');
  const got = readFileSync(await (await dl).path(), 'utf8');
  const want = execFileSync('cargo', ['run', '-q', '-p', 'kipp-cli', '--', 'rank', COMP,
    '--innovations', BOOK, '--scores', BOOK, '--format', 'csv'],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(got, want);
  assert.deepEqual(page.problems.filter((p) => !/favicon|404/.test(p)), []);
  await page.close();
});

test('a preset or the demo after an import opens a new project; the work stays in the list', async () => {
  const page = await newPage(browser);
  await openEmpty(page);
  await page.fill('#project-name', 'Kerja Bagian Organisasi');
  await page.press('#project-name', 'Tab');
  await drop(page, [COMP, BOOK]);
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  await gotoTab(page, 'mulai');
  await page.click('section[aria-labelledby=preset-h] button');
  await page.waitForFunction(() => location.hash === '#kompetisi');
  await gotoTab(page, 'mulai');
  const names = await page.$$eval('#project-list tbody th', (t) => t.map((x) => x.textContent));
  assert.ok(names.some((n) => n.includes('Kerja Bagian Organisasi')), names.join(' | '));
  // Reload: the list is still there, and the officer's project opens with its data.
  await page.goto(site.url + 'index.html#mulai');
  await page.waitForSelector('#project-list');
  const row = page.locator('#project-list tbody tr', { hasText: 'Kerja Bagian Organisasi' });
  await row.locator('button', { hasText: 'Buka' }).click();
  await page.waitForSelector('#results-table tbody tr');
  assert.match(await page.textContent('.comp-name'), /Banyumas/);
  await screenshot(page, 'app-projects-results-1280');
  await gotoTab(page, 'mulai');
  await screenshot(page, 'app-projects-start-1280');
  assert.deepEqual(await axeViolations(page), []);
  await page.setViewportSize({ width: 320, height: 800 });
  await screenshot(page, 'app-projects-start-320');
  await page.close();
});

test('undo after a replacing import restores everything (button and Ctrl+Z), redo brings it back', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  const before = await page.$$eval('#results-table tbody tr', (r) => r.length);
  await drop(page, [COMP, BOOK]);
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  assert.match(await page.textContent('.comp-name'), /Banyumas/);
  await page.click('#undo');
  await page.waitForFunction(() => !/Banyumas/.test(document.querySelector('.comp-name').textContent));
  assert.equal(await page.$$eval('#results-table tbody tr', (r) => r.length), before);
  await page.click('#redo');
  await page.waitForFunction(() => /Banyumas/.test(document.querySelector('.comp-name').textContent));
  await page.locator('main').focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !/Banyumas/.test(document.querySelector('.comp-name').textContent));
  await page.close();
});

test('the presentation stage\'s scores, imported later, add to the proposal stage\'s', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  // The demo's scores split by stage, as two files arriving weeks apart.
  const text = readFileSync(join(DEMO, 'scores.csv'), 'utf8').trim().split('\n');
  const head = text[0];
  const first = text.slice(1).filter((l) => l.startsWith('proposal,'));
  const later = text.slice(1).filter((l) => !l.startsWith('proposal,'));
  assert.ok(first.length > 0 && later.length > 0);
  const ids = await page.$$eval('#results-table tbody tr .sub.id', (e) => e.map((x) => x.textContent));
  await drop(page, [{ name: 'nilai-proposal.csv', mimeType: 'text/csv', buffer: Buffer.from([head, ...first].join('\n')) }]);
  assert.ok(await page.$('#import-changes'));
  await page.click('#apply-import');
  await drop(page, [{ name: 'nilai-presentasi.csv', mimeType: 'text/csv', buffer: Buffer.from([head, ...later].join('\n')) }]);
  await page.click('#apply-import');
  await gotoTab(page, 'hasil');
  await page.waitForSelector('#results-table tbody tr');
  const again = await page.$$eval('#results-table tbody tr .sub.id', (e) => e.map((x) => x.textContent));
  assert.deepEqual(again, ids, 'the last stage ranks as before: nothing was replaced');
  await page.close();
});

// One judge's proposal sheet as a wide CSV that names no judge, with the
// judge's own header for the first criterion ("Nilai Latar" for
// "Latar Belakang dan Tujuan").
function wideSheet(judge, withJudge = false) {
  const comp = JSON.parse(readFileSync(join(DEMO, 'competition.json'), 'utf8'));
  const crits = comp.stages[0].criteria;
  const rows = readFileSync(join(DEMO, 'scores.csv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split(','))
    .filter((r) => r[0] === comp.stages[0].id && r[2] === judge);
  const by = new Map();
  for (const [, inn, , crit, v] of rows) {
    if (!by.has(inn)) by.set(inn, {});
    by.get(inn)[crit] = v;
  }
  const who = withJudge ? ['Juri'] : [];
  const head = ['No', 'ID Inovasi', ...who, ...crits.map((c, i) => (i === 0 ? 'Nilai Latar' : c.name)), 'Jumlah'];
  const lines = [...by.entries()].map(([inn, v], n) =>
    [n + 1, inn, ...(withJudge ? [judge] : []), ...crits.map((c) => v[c.id] ?? ''), ''].join(';'));
  return { csv: [head.join(';'), ...lines].join('\n'), values: rows.length, first: crits[0] };
}

test('a sheet without its judge and with an unknown header: chosen in the preview, remembered', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  const judge = 'J03';
  const sheet = wideSheet(judge);
  // The officer's project: the demo without J03's proposal sheets.
  const all = readFileSync(join(DEMO, 'scores.csv'), 'utf8').trim().split('\n');
  const without = [all[0], ...all.slice(1).filter((l) => !/^proposal,[^,]*,J03,/.test(l))].join('\n');
  await drop(page, [{ name: 'nilai.csv', mimeType: 'text/csv', buffer: Buffer.from(without) }]);
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');

  await drop(page, [{ name: 'lembar-juri.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet.csv) }]);
  // Nothing to apply yet: the judge is unknown and a column is not read.
  assert.equal(await page.$('#apply-import'), null);
  assert.ok(await page.$eval('details.sheet-reading', (d) => d.open));
  await screenshot(page, 'app-import-choices-1280');
  assert.deepEqual(await axeViolations(page), []);
  await page.fill('#sheet-judge-0', judge);
  await page.press('#sheet-judge-0', 'Tab');
  const select = page.locator('select.column-choice[data-header="Nilai Latar"]');
  await select.waitFor();
  await select.selectOption(`=${sheet.first.id}`);
  await page.waitForSelector('#apply-import');
  const change = await page.$$eval('#import-changes tbody tr', (r) => r.map((x) => x.textContent));
  assert.equal(change.length, 1, change.join(' | '));
  assert.match(change[0], new RegExp(`^${judge}`));
  assert.match(change[0], new RegExp(String(sheet.values)));
  await page.setViewportSize({ width: 320, height: 800 });
  await screenshot(page, 'app-import-choices-320');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
  await page.click('button.lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('.sheet-reading summary'), /How the score sheets are read/);
  await screenshot(page, 'app-import-choices-320-en');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'app-import-choices-1280-en');
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  // Remembered: the next sheet with that header is read without asking.
  await drop(page, [{ name: 'lembar-juri-lagi.csv', mimeType: 'text/csv',
    buffer: Buffer.from(wideSheet(judge, true).csv) }]);
  await page.waitForSelector('#apply-import');
  await page.click('button.lang');
  await page.close();
});

test('a file with mixed problems lists all of them in one round, grouped with their places', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
  const lines = readFileSync(join(DEMO, 'scores.csv'), 'utf8').trim().split('\n');
  const bad = [lines[0]];
  // A number that is not one (parse), three rows for innovations nobody
  // entered (cross-file), and a value above the scale (range).
  const cols = lines[1].split(',');
  bad.push([...cols.slice(0, 4), 'tujuh'].join(','));
  for (const id of ['X-001', 'X-002', 'X-003']) bad.push([cols[0], id, ...cols.slice(2)].join(','));
  bad.push([...cols.slice(0, 4), '1000'].join(','));
  bad.push(...lines.slice(2));
  await drop(page, [{ name: 'nilai.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\n')) }]);
  const rows = await page.$$eval('.preview .problems-table tbody tr', (r) => r.map((x) => x.textContent));
  const text = rows.join(' | ');
  assert.ok(rows.some((r) => /tujuh/.test(r)), text);
  assert.equal(rows.filter((r) => /X-00/.test(r)).length, 1, text);
  assert.ok(rows.some((r) => /X-001.*3 kali/.test(r)), text);
  assert.ok(rows.some((r) => /1\.000|1000/.test(r)), text);
  assert.equal(await page.$('#apply-import'), null);
  await page.close();
});

test('a file too large for the browser is refused at once with its size and the limit; the others preview', async () => {
  // 65 MiB of nothing (sparse): the app must refuse it by its size, unread.
  const dir = join(ROOT, 'target', 'e2e-big');
  mkdirSync(dir, { recursive: true });
  const big = join(dir, 'nilai-semua-juri.csv');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 65 << 20);
  closeSync(fd);
  const page = await newPage(browser);
  await openEmpty(page);
  await drop(page, [big, ...['competition.json', 'innovations.csv', 'scores.csv', 'judges.csv'].map((f) => join(DEMO, f))]);
  await page.waitForSelector('#apply-import');
  const problems = await page.locator('.problems-table').first().innerText();
  assert.match(problems, /nilai-semua-juri\.csv/);
  assert.match(problems, /terlalu besar untuk aplikasi di peramban: 65 MB \(paling banyak 64 MB\)/);
  assert.match(problems, /baris perintah `kipp`/);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'app-too-large');
  // The other files import as usual.
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  await page.close();
});

test('a national project (4,000 innovations) saves and reloads', async () => {
  const dir = join(ROOT, 'target', 'e2e-national');
  execFileSync('cargo', ['run', '-q', '-p', 'kipp-cli', '--', 'sample', '--preset', 'national', '--out', dir],
    { cwd: ROOT });
  const page = await newPage(browser);
  await openEmpty(page);
  await page.fill('#project-name', 'Nasional uji');
  await page.press('#project-name', 'Tab');
  const t0 = Date.now();
  await page.setInputFiles('#import-files', ['competition.json', 'innovations.csv', 'scores.csv', 'judges.csv']
    .map((f) => join(dir, f)));
  await page.waitForSelector('#apply-import, .problems', { timeout: 120000 });
  assert.ok(await page.$('#apply-import'), await page.textContent('.preview'));
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr', { timeout: 120000 });
  await page.waitForFunction(() => /Tersimpan/.test(document.querySelector('.save-state')?.textContent ?? ''),
    null, { timeout: 120000 });
  const imported = Date.now() - t0;
  const t1 = Date.now();
  await page.goto(site.url + 'index.html#hasil');
  await page.waitForSelector('#results-table tbody tr', { timeout: 120000 });
  const reloaded = Date.now() - t1;
  const name = JSON.parse(readFileSync(join(dir, 'competition.json'), 'utf8')).name;
  assert.equal((await page.textContent('.comp-name')).trim(), name);
  await gotoTab(page, 'mulai');
  const row = await page.locator('#project-list tbody tr', { hasText: 'Nasional uji' }).textContent();
  assert.match(row, /4\.000/);
  console.log(`national: import+save ${imported} ms, reload ${reloaded} ms`);
  await page.close();
});

test('a panic shows a readable message over the app, and the saved work stays as it was', async () => {
  const page = await newPage(browser);
  await openEmpty(page);
  await page.fill('#project-name', 'Sebelum galat');
  await page.press('#project-name', 'Tab');
  await drop(page, ['competition.json', 'innovations.csv', 'scores.csv', 'judges.csv'].map((f) => join(DEMO, f)));
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  await page.waitForFunction(() => /Tersimpan/.test(document.querySelector('.save-state')?.textContent ?? ''));
  const journal = await page.evaluate(() => localStorage.getItem('kipp-app/journal'));
  assert.match(journal, /Sebelum galat/);
  // A bug: the app's wasm panics (the export exists for this test).
  await page.evaluate(async () => {
    const m = await import(document.querySelector('script[type=module][src*="kipp-app"]').src);
    try { m.panicForTests(); } catch { /* the abort, as in an event handler */ }
  });
  const alert = page.locator('#kipp-crash[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /kipp berhenti karena kesalahan.*tersimpan aman/s);
  assert.match(await alert.innerText(), /panic provoked by a test/);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('#kipp-crash') !== null), true,
    'focus goes to the message\'s reload link');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'app-panic-1280');
  // What the officer does next is not written over the saved work.
  await gotoTab(page, 'mulai').catch(() => {});
  await page.fill('#project-name', 'Sesudah galat').catch(() => {});
  await page.press('#project-name', 'Tab').catch(() => {});
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => localStorage.getItem('kipp-app/journal')), journal);
  // Reload: the project as it was saved before the panic.
  page.problems.length = 0; // the panic and the abort, on purpose
  await page.goto(site.url + 'index.html#mulai');
  await page.waitForSelector('#project-list tbody tr.current-row');
  assert.equal(await page.inputValue('#project-name'), 'Sebelum galat');
  await gotoTab(page, 'hasil');
  await page.waitForSelector('#results-table tbody tr');
  assert.equal(await page.$('#kipp-crash'), null);
  assert.deepEqual(page.problems, []);
  await page.close();
});
