// The organiser app (crates/kipp-app) in headless Chromium: demo at once,
// import with preview, a weight change re-ranks, exported CSV equals
// `kipp rank --format csv`, reload restores the work, a bad file lists its
// located errors and keeps the work, panel decisions, verify, axe-core on
// every screen, screenshots of every screen at 1280 and 320 px.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, serve, launch, newPage, axeViolations, screenshot, gotoTab, KIPP_CLI } from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(DIST, 'demo');
const demoFiles = ['competition.json', 'innovations.csv', 'scores.csv', 'judges.csv']
  .map((f) => join(DEMO, f))
  .filter((f) => existsSync(f));

const TABS = ['mulai', 'kompetisi', 'administrasi', 'lembar-nilai', 'hasil', 'keputusan', 'simulasi', 'verifikasi', 'laporan', 'ekspor'];

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

/**
 * Problems of a page without Chromium's console echo of the browser's own
 * `/favicon.ico` request (a real failed request of the page is still listed
 * by its `http 404: <url>` entry).
 */
const quiet = (problems) =>
  problems.filter((p) => !/^console: Failed to load resource: .* 404/.test(p));

/** Opens the app on the demo and waits for the ranking. */
async function openDemo(page) {
  await page.goto(site.url + 'index.html?demo#hasil');
  await page.waitForSelector('#results-table tbody tr');
}

/** Ids of the rows of the results table, in the order shown. */
async function rowIds(page) {
  return page.$$eval('#results-table tbody tr .sub.id', (els) => els.map((e) => e.textContent));
}

/** Imports files through the start screen's picker and applies the preview. */
async function importFiles(page, files) {
  await gotoTab(page, 'mulai');
  await page.setInputFiles('#import-files', files);
  await page.waitForSelector('#apply-import, .problems');
}

test('opens on the synthetic demo with a ranking, labelled as synthetic', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  const ids = await rowIds(page);
  assert.ok(ids.length >= 5, `ranking rows: ${ids.length}`);
  const firstRank = await page.textContent('#results-table tbody tr td.rank');
  assert.equal(firstRank.trim(), '1');
  assert.ok(await page.isVisible('.badge.synthetic'));
  // id-ID numbers: a decimal comma, never a decimal point, in the scores.
  const scores = await page.$$eval('#results-table td.score', (els) => els.map((e) => e.textContent));
  assert.ok(scores.some((s) => /^\d+,\d+$/.test(s)), `scores ${scores.slice(0, 3)}`);
  assert.ok(!scores.some((s) => /^\d+\.\d+$/.test(s)));
  // No column header spills into its neighbour (a fixed width once let
  // "Peringkat ▼" overlap "Judul").
  const spill = await page.$$eval('#results-table thead th', (ths) =>
    ths.filter((th) => th.offsetParent && th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent.trim()));
  assert.deepEqual(spill, []);
  assert.deepEqual(quiet(page.problems), []);
  await page.close();
});

test('every screen is axe-core clean and captured at 1280 and 320 px', async () => {
  for (const width of [1280, 320]) {
    const page = await newPage(browser, { width, height: 900 });
    await openDemo(page);
    for (const slug of TABS) {
      await gotoTab(page, slug);
      await page.waitForTimeout(100);
      const v = await axeViolations(page);
      assert.deepEqual(v, [], `${slug} at ${width}px`);
      const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wider <= 1, `${slug}: page wider than the viewport by ${wider}px at ${width}`);
      await screenshot(page, `app-${slug}-${width}`);
    }
    // The detail view of the first innovation.
    await gotoTab(page, 'hasil');
    await page.click('#results-table tbody tr button.linkish');
    await page.waitForSelector('#detail-heading');
    assert.deepEqual(await axeViolations(page), [], `detail at ${width}px`);
    await screenshot(page, `app-detail-${width}`);
    // No horizontal scrolling of the page itself at 320 px.
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 1, `page wider than the viewport by ${over}px at ${width}`);
    assert.deepEqual(quiet(page.problems), []);
    await page.close();
  }
});

test('import the sample files, preview, apply; a weight change re-ranks', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await importFiles(page, demoFiles);
  const preview = await page.textContent('.preview');
  assert.match(preview, /Inovasi/);
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  assert.ok(!(await page.isVisible('.top .badge.synthetic')), 'imported files are not the demo');
  const before = await rowIds(page);
  // Competition editor: give the last criterion of the first stage a huge weight.
  await gotoTab(page, 'kompetisi');
  const weights = page.locator('input[id^="s0-c"][id$="-w"]');
  const n = await weights.count();
  assert.ok(n >= 2);
  await weights.nth(n - 1).fill('1000');
  await page.waitForSelector('.editor-status .ok');
  await gotoTab(page, 'hasil');
  await page.click('.segmented .seg >> nth=0').catch(() => {});
  const after0 = await rowIds(page);
  // Compare on the first stage in both cases.
  await weights.first().isVisible().catch(() => {});
  assert.notDeepEqual(after0, before, 'the ranking changed');
  assert.deepEqual(quiet(page.problems), []);
  await page.close();
});

test('weight sliders re-rank at once without changing the competition', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  const before = await rowIds(page);
  await page.click('.sliders summary');
  const slider = page.locator('.slider input[type=range]').first();
  await slider.evaluate((el) => {
    el.value = el.max;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForSelector('.sliders .alert-soft');
  const after = await rowIds(page);
  assert.notDeepEqual(after, before);
  await page.click('text=Kembalikan bobot');
  assert.deepEqual(await rowIds(page), before);
  await page.close();
});

test('a trial weight of 0 ranks as `kipp rank` without that criterion; moves and who enters or leaves are shown', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  const dir = mkdtempSync(join(tmpdir(), 'kipp-zero-'));
  const comp = JSON.parse(readFileSync(join(DEMO, 'competition.json'), 'utf8'));
  const stageId = comp.stages[0].id;
  const dropped = comp.stages[0].criteria[0].id;
  const rank = (compFile, scoresFile) => {
    const args = ['rank', compFile, '--innovations', join(DEMO, 'innovations.csv'), '--scores', scoresFile];
    if (existsSync(join(DEMO, 'judges.csv'))) args.push('--judges', join(DEMO, 'judges.csv'));
    args.push('--format', 'json');
    return JSON.parse(execFileSync(KIPP_CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 })).stages[0].rows;
  };
  const official = rank(join(DEMO, 'competition.json'), join(DEMO, 'scores.csv'));
  comp.stages[0].criteria.shift();
  writeFileSync(join(dir, 'competition.json'), JSON.stringify(comp));
  const lines = readFileSync(join(DEMO, 'scores.csv'), 'utf8').split('\n');
  const head = lines[0].split(',');
  const [si, ci] = [head.indexOf('stage'), head.indexOf('criterion')];
  writeFileSync(join(dir, 'scores.csv'), lines.filter((l) => {
    const f = l.split(',');
    return !(f[si] === stageId && f[ci] === dropped);
  }).join('\n'));
  const without = rank(join(dir, 'competition.json'), join(dir, 'scores.csv'));

  // The first stage (the demo opens on the last).
  await page.locator('.segmented .seg').first().click();
  await page.waitForSelector('#w-0-0', { state: 'attached' });
  await page.click('.sliders summary');
  await page.fill('#wn-0-0', '0');
  await page.waitForSelector('.trial-summary');
  // The table is windowed: compare the rows in view, in order.
  const shown = await page.$$eval('#results-table tbody tr', (trs) => trs
    .filter((tr) => tr.querySelector('.sub.id'))
    .map((tr) => ({
      id: tr.querySelector('.sub.id').textContent,
      rank: tr.querySelector('td.rank').textContent.trim(),
      move: tr.querySelector('td.move [aria-hidden]').textContent,
      entered: tr.classList.contains('entered'),
      left: tr.classList.contains('left'),
    })));
  assert.ok(shown.length >= 10, `rows in view: ${shown.length}`);
  const want = without.slice(0, shown.length);
  assert.deepEqual(shown.map((r) => r.id), want.map((r) => r.id), 'the order of `kipp rank` without the criterion');
  const before = new Map(official.map((r) => [r.id, r]));
  for (const [k, r] of shown.entries()) {
    assert.equal(r.rank, String(want[k].rank), r.id);
    const d = before.get(r.id).rank - want[k].rank;
    assert.equal(r.move, d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '=', r.id);
    assert.equal(r.entered, want[k].advanced && !before.get(r.id).advanced, r.id);
  }
  // The sentence counts who changed rank and who enters and leaves.
  const adv = (rows) => new Set(rows.filter((r) => r.advanced).map((r) => r.id));
  const [a0, a1] = [adv(official), adv(without)];
  const entered = [...a1].filter((x) => !a0.has(x)).length;
  const left = [...a0].filter((x) => !a1.has(x)).length;
  const movedN = without.filter((r) => r.rank != null && before.get(r.id).rank != null && before.get(r.id).rank !== r.rank).length;
  const ranked = without.filter((r) => r.rank != null).length;
  const sentence = await page.locator('.trial-summary [role=status]').textContent();
  assert.ok(sentence.includes(`${movedN} dari ${ranked} inovasi berpindah peringkat; ${entered} masuk dan ${left} keluar`), sentence);
  assert.ok(entered + left > 0 || movedN > 0, 'dropping a criterion changes something in the demo');
  // A 0 is not written into the competition; the reason is said.
  assert.equal(await page.locator('.sliders button.primary').isDisabled(), true);
  await page.waitForSelector('#no-apply');
  // The filter shows only the rows that change status.
  await page.selectOption('#filter', 'changed');
  const changed = await page.$$eval('#results-table tbody tr', (trs) => trs.filter((tr) => tr.querySelector('.sub.id')).length);
  assert.equal(changed, entered + left);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'app-whatif-zero');
  await page.selectOption('#filter', 'all');
  await page.click('text=Kembalikan bobot');
  await page.waitForSelector('.trial-summary', { state: 'detached' });
  assert.equal(await page.locator('td.move').count(), 0);
  assert.deepEqual(quiet(page.problems), []);
  await page.close();
});

test('exported CSV equals `kipp rank --format csv` on the same inputs', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await gotoTab(page, 'ekspor');
  const dl = page.waitForEvent('download');
  await page.click('#export-csv');
  const file = await (await dl).path();
  const got = readFileSync(file, 'utf8');
  const args = ['run', '-q', '-p', 'kipp-cli', '--', 'rank', join(DEMO, 'competition.json'),
    '--innovations', join(DEMO, 'innovations.csv'), '--scores', join(DEMO, 'scores.csv')];
  if (existsSync(join(DEMO, 'judges.csv'))) args.push('--judges', join(DEMO, 'judges.csv'));
  args.push('--format', 'csv');
  const want = execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(got, want);
  await page.close();
});

test('reload right after a change restores the work (IndexedDB and the journal)', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await gotoTab(page, 'kompetisi');
  await page.fill('#comp-name', 'Kompetisi Uji Pulih');
  // No waiting: every change is written when it happens.
  await page.goto(site.url + 'index.html#kompetisi');
  await page.waitForSelector('#comp-name');
  assert.equal(await page.inputValue('#comp-name'), 'Kompetisi Uji Pulih');
  assert.match(await page.textContent('.notice'), /dipulihkan/);
  await page.close();
});

test('a bad file lists every located error and the work stays', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  const before = await rowIds(page);
  const dir = mkdtempSync(join(tmpdir(), 'kipp-app-'));
  const bad = join(dir, 'scores.csv');
  const scores = readFileSync(join(DEMO, 'scores.csv'), 'utf8').split('\n');
  // Line 3: not a number; line 5: an unknown stage.
  const cols = scores[2].split(',');
  cols[cols.length - 1] = 'sepuluh';
  scores[2] = cols.join(',');
  const c5 = scores[4].split(',');
  c5[0] = 'tahap-hantu';
  scores[4] = c5.join(',');
  writeFileSync(bad, scores.join('\n'));
  await importFiles(page, [bad]);
  await page.waitForSelector('.problems-table');
  const rows = await page.$$eval('.problems-table tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.ok(rows.length >= 1);
  assert.ok(rows.every((r) => r[0] === 'scores.csv'), JSON.stringify(rows));
  assert.ok(rows.some((r) => r[1] === '3'), `line 3 reported: ${JSON.stringify(rows)}`);
  assert.ok(!(await page.isVisible('#apply-import')));
  await gotoTab(page, 'hasil');
  assert.deepEqual(await rowIds(page), before, 'the work did not change');
  await screenshot(page, 'app-bad-file');
  await page.close();
});

test('panel decision needs a reason, shows both, lands in the audit list and the JSON export', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await page.click('#results-table tbody tr button.linkish');
  await page.waitForSelector('.decision-form');
  await page.click('.decision-form button[type=submit]');
  assert.ok(await page.isVisible('#reason-err'));
  await page.fill('#decision-reason', 'Verifikasi lapangan menemukan inovasi belum berjalan.');
  await page.click('.decision-form button[type=submit]');
  await page.waitForSelector('.badge.decision');
  await gotoTab(page, 'keputusan');
  assert.match(await page.textContent('main'), /belum berjalan/);
  assert.equal(await page.locator('.audit li').count(), 1);
  await gotoTab(page, 'ekspor');
  const dl = page.waitForEvent('download');
  await page.click('#export-json');
  const json = JSON.parse(readFileSync(await (await dl).path(), 'utf8'));
  assert.equal(json.decisions.length, 1);
  assert.match(json.digest, /^[0-9a-f]{64}$/);
  // XLSX: a sheet per stage, the summary, and the decisions sheet.
  const xdl = page.waitForEvent('download');
  await page.click('#export-xlsx');
  const xlsx = readFileSync(await (await xdl).path()).toString('latin1');
  const sheets = new Set(xlsx.match(/xl\/worksheets\/sheet\d+\.xml/g));
  assert.equal(sheets.size, json.stages.length + 2);
  // CSV: the decision and its reason as the last two columns.
  const cdl = page.waitForEvent('download');
  await page.click('#export-csv');
  const csv = readFileSync(await (await cdl).path(), 'utf8');
  assert.match(csv.split('\n')[0], /;keputusan;alasan$/);
  assert.match(csv, /belum berjalan/);
  await page.close();
});

test('verify: the exported result matches; a tampered one shows the differences', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await gotoTab(page, 'ekspor');
  const dl = page.waitForEvent('download');
  await page.click('#export-json');
  const path = await (await dl).path();
  const dir = mkdtempSync(join(tmpdir(), 'kipp-verify-'));
  const good = join(dir, 'hasil.json');
  writeFileSync(good, readFileSync(path));
  await gotoTab(page, 'verifikasi');
  await page.setInputFiles('#verify-file', good);
  await page.waitForSelector('.ok-box');
  const r = JSON.parse(readFileSync(path, 'utf8'));
  const rows = r.stages[0].rows;
  [rows[0].rank, rows[1].rank] = [rows[1].rank, rows[0].rank];
  const badFile = join(dir, 'hasil-ubah.json');
  writeFileSync(badFile, JSON.stringify(r));
  await page.setInputFiles('#verify-file', badFile);
  await page.waitForSelector('main .problems');
  assert.match(await page.textContent('main .problems'), /Peringkat/);
  // Counts are of innovations, not rows of both stages summed.
  const ids = new Set(r.stages.flatMap((s) => s.rows.map((x) => x.id)));
  assert.match(await page.textContent('#verify-counts'), new RegExp(`^${ids.size} inovasi, ${r.stages.length} tahap`));
  // The top score raised by 0,01 is its own difference; `kipp verify` says the same.
  const t = JSON.parse(readFileSync(path, 'utf8'));
  t.stages[0].rows[0].score += 0.01;
  const scoreFile = join(dir, 'hasil-nilai.json');
  writeFileSync(scoreFile, JSON.stringify(t));
  await page.setInputFiles('#verify-file', scoreFile);
  await page.waitForSelector('#verify-differences tr[data-field=score]');
  const fields = await page.$$eval('#verify-differences tbody tr', (tr) => tr.map((x) => x.dataset.field));
  assert.deepEqual(fields, ['score']);
  const cli = spawnSync('cargo', ['run', '-q', '-p', 'kipp-cli', '--', 'verify', scoreFile,
    join(DIST, 'demo', 'competition.json'), '--innovations', join(DIST, 'demo', 'innovations.csv'),
    '--scores', join(DIST, 'demo', 'scores.csv'), '--judges', join(DIST, 'demo', 'judges.csv'), '--format', 'json'],
  { cwd: ROOT, encoding: 'utf8' });
  assert.equal(cli.status, 3, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout).differences.map((d) => d.field), fields);
  await screenshot(page, 'app-verify-diff');
  await page.close();
});

test('English switch and keyboard-only use', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  // Keyboard: skip link first, then the language button, then the menu.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'lang');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('nav'), /Results/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#mulai');
  assert.match(await page.textContent('main h1'), /Start/);
  // Sorting by keyboard on the results.
  await page.click('button.lang');
  await page.close();
});

test('a full browser storage is reported plainly', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  await gotoTab(page, 'kompetisi');
  await page.fill('#comp-name', 'Perubahan');
  await page.waitForSelector('#save-failed');
  assert.match(await page.textContent('#save-failed'), /Gagal menyimpan; salinan tersimpan sebelumnya tetap utuh/);
  await page.close();
});

test('project file: save, open on a fresh browser, decisions kept', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await page.click('#results-table tbody tr button.linkish');
  await page.fill('#decision-reason', 'Keputusan pleno uji.');
  await page.click('.decision-form button[type=submit]');
  await page.waitForSelector('.badge.decision');
  await gotoTab(page, 'ekspor');
  const dl = page.waitForEvent('download');
  await page.click('#save-project');
  const saved = await (await dl).path();
  const dir = mkdtempSync(join(tmpdir(), 'kipp-project-'));
  const file = join(dir, 'kerja.kipp-project.json');
  writeFileSync(file, readFileSync(saved));
  const project = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(project.kipp_project, 2);
  await page.close();

  const fresh = await newPage(browser);
  await openDemo(fresh);
  await gotoTab(fresh, 'ekspor');
  await fresh.setInputFiles('#open-project', file);
  await fresh.waitForSelector('#apply-import');
  assert.match(await fresh.textContent('.preview'), /berkas proyek/);
  await fresh.click('#apply-import');
  await gotoTab(fresh, 'keputusan');
  assert.match(await fresh.textContent('main'), /Keputusan pleno uji/);
  await fresh.close();
});

test('formula-like text is neutralised in the exported CSV', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  const dir = mkdtempSync(join(tmpdir(), 'kipp-formula-'));
  const lines = readFileSync(join(DEMO, 'innovations.csv'), 'utf8').split('\n');
  const head = lines[0].split(',');
  const ti = head.indexOf('title');
  const cells = lines[1].split(',');
  cells[ti] = '=HYPERLINK("http://example.invalid")'.replaceAll('"', '');
  lines[1] = cells.join(',');
  const inn = join(dir, 'innovations.csv');
  writeFileSync(inn, lines.join('\n'));
  await importFiles(page, [inn]);
  await page.click('#apply-import');
  await gotoTab(page, 'ekspor');
  const dl = page.waitForEvent('download');
  await page.click('#export-csv');
  const csv = readFileSync(await (await dl).path(), 'utf8');
  assert.ok(csv.includes("'=HYPERLINK("), 'neutralised with a leading quote');
  assert.ok(!/[;,]=HYPERLINK/.test(csv));
  await page.close();
});

test('simulation runs and shows rank intervals; judge report', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await gotoTab(page, 'simulasi');
  await page.fill('#sim-draws', '200');
  await page.click('#sim-run');
  await page.waitForSelector('#sim-table tbody tr');
  assert.ok((await page.locator('#sim-table tbody tr').count()) > 3);
  assert.equal(await page.locator('svg.plot').count(), 1);
  // Every label of the plot stays inside it (long titles end in "…").
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll('svg.plot text')]
      .map((t) => ({ text: t.textContent, x: t.getBBox().x }))
      .filter((b) => b.x < 0),
  );
  assert.deepEqual(outside, []);
  await page.click('#judges-run');
  await page.waitForSelector('text=Kesepakatan antarpenilai');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'app-simulasi-run-1280');
  await page.close();
});

test('Monte Carlo runs in Web Workers: bit for bit `kipp simulate` with 1, 3 and the default number of workers; progress, cancel, the page answers', async () => {
  const cli = JSON.parse(execFileSync(KIPP_CLI, ['simulate', join(DEMO, 'competition.json'),
    '--innovations', join(DEMO, 'innovations.csv'), '--scores', join(DEMO, 'scores.csv'),
    '--judges', join(DEMO, 'judges.csv'), '--draws', '3000', '--seed', '9007199254740993',
    '--kappa', '40', '--resample-judges', '--format', 'json'], { encoding: 'utf8' }));
  assert.ok(cli.stages[0].rows.length > 3);
  let page;
  // 'none': worker.js cannot load, the same run goes on in the page (and says so)
  for (const workers of ['1', '3', 'none', '']) {
    page = await newPage(browser);
    if (workers === 'none') await page.route('**/worker.js', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await page.goto(site.url + `index.html?demo${workers && workers !== 'none' ? `&workers=${workers}` : ''}#hasil`);
    await page.waitForSelector('#results-table tbody tr');
    await gotoTab(page, 'simulasi');
    await page.fill('#sim-draws', '3000');
    await page.fill('#sim-seed', '9007199254740993'); // beyond 2^53: must reach the workers intact
    await page.fill('#sim-kappa', '40');
    await page.check('#sim-resample');
    await page.click('#sim-run');
    await page.waitForSelector('#sim-download');
    if (workers === 'none') {
      assert.match(await page.textContent('#sim-on-page'), /berjalan di halaman ini/);
      page.problems.length = 0; // the 404 of worker.js, on purpose
    } else {
      assert.equal(await page.$('#sim-on-page'), null, 'ran in workers');
    }
    const dl = page.waitForEvent('download');
    await page.click('#sim-download');
    const fromApp = JSON.parse(readFileSync(await (await dl).path(), 'utf8'));
    assert.deepEqual(fromApp, cli, `workers=${workers || 'default'}`);
    if (workers) await page.close();
  }

  // A long run: progress as numbers and time left, the page answers, cancel stops it.
  await page.fill('#sim-draws', '2000000');
  await page.click('#sim-run');
  await page.waitForFunction(() => /[1-9][\d.]* \/ 2\.000\.000 undian · sekitar \d+ (detik|menit) lagi/
    .test(document.querySelector('#sim-progress-text')?.textContent ?? ''));
  const handled = await page.evaluate(async () => {
    const box = document.querySelector('#sim-resample');
    const t0 = performance.now();
    box.click();
    await new Promise((r) => requestAnimationFrame(r));
    return { ms: performance.now() - t0, checked: box.checked };
  });
  assert.equal(handled.checked, false, 'the click was handled during the run');
  // (How fast is a benchmark's business, not a test's: tests/bench-app.mjs.)
  console.log(`click handled in ${Math.round(handled.ms)} ms during a worker run`);
  const before = await page.getAttribute('#sim-progress', 'value');
  assert.ok(await page.$('#sim-progress'), 'still running after the click');
  await page.click('text=Hentikan');
  await page.waitForSelector('text=Simulasi dihentikan.');
  assert.equal(await page.$('#sim-progress'), null);
  assert.ok(Number(before) < 2000000);
  // the earlier result stays
  assert.ok(await page.$('#sim-download'));
  assert.deepEqual(quiet(page.problems), []);
  await page.close();
});

test('simulation findings in words are `kipp simulate`\'s and `kipp judges`\' numbers; the plot draws the cut-off at N', async () => {
  const input = [join(DEMO, 'competition.json'), '--innovations', join(DEMO, 'innovations.csv'),
    '--scores', join(DEMO, 'scores.csv'), '--judges', join(DEMO, 'judges.csv')];
  const cli = (args) => JSON.parse(execFileSync(KIPP_CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const sim = cli(['simulate', ...input, '--draws', '1000', '--seed', '5', '--kappa', '20', '--format', 'json']).stages[0];
  const official = cli(['rank', ...input, '--format', 'json']).stages[0].rows;
  const judges = cli(['judges', ...input, '--format', 'json']).stages[0];
  const p = new Map(sim.rows.map((r) => [r.id, r.p_advance]));
  const adv = official.filter((r) => r.advanced);
  const n = adv.length;
  let kept = 0;
  for (const r of adv) kept += p.get(r.id) ?? 0;
  const secure = adv.filter((r) => (p.get(r.id) ?? 0) >= 0.95).length;
  const uncertain = official.filter((r) => { const x = p.get(r.id) ?? 0; return x > 0.05 && x < 0.95; });
  const idNum = (x, d) => x.toLocaleString('id-ID', { maximumFractionDigits: d, minimumFractionDigits: 0 });

  for (const [width, lang] of [[1280, 'id'], [320, 'id'], [1280, 'en'], [320, 'en']]) {
    const page = await newPage(browser);
    await page.setViewportSize({ width, height: 900 });
    await openDemo(page);
    if (lang === 'en') await page.click('text=English');
    await gotoTab(page, 'simulasi');
    // Every parameter is explained next to it.
    for (const k of ['draws', 'seed', 'kappa', 'resample']) {
      const help = await page.getAttribute(`#sim-${k}`, 'aria-describedby');
      assert.ok((await page.textContent(`#${help}`)).length > 30, k);
    }
    await page.fill('#sim-draws', '1000');
    await page.fill('#sim-seed', '5');
    await page.fill('#sim-kappa', '20');
    await page.click('#sim-run');
    await page.waitForSelector('#sim-findings');
    const keptText = await page.textContent('#find-kept');
    const secureText = await page.textContent('#find-secure');
    if (lang === 'id') {
      assert.equal(keptText, `Dalam 1.000 undian bobot yang masuk akal, rata-rata ${idNum(Math.round(kept * 10) / 10, 1)} dari ${n} inovasi yang lolos tetap lolos.`);
      assert.ok(secureText.startsWith(`${secure} dari ${n} lolos di sedikitnya 95% undian; ${uncertain.length} inovasi`), secureText);
    } else {
      assert.ok(keptText.includes(`on average ${(Math.round(kept * 10) / 10).toString()} of the ${n}`), keptText);
    }
    // The uncertain innovations listed first, officially advancing first.
    const listed = await page.$$eval('#uncertain-table tbody tr .sub.id', (els) => els.map((e) => e.textContent));
    assert.deepEqual([...listed].sort(), uncertain.map((r) => r.id).sort());
    const advSet = new Set(adv.map((r) => r.id));
    const firstOut = listed.findIndex((id) => !advSet.has(id));
    if (firstOut >= 0) assert.ok(listed.slice(firstOut).every((id) => !advSet.has(id)));
    // The plot: ranks N-20..N+20 by default, the cut-off line between N and N+1.
    const plot = await page.evaluate(() => {
      const svg = document.querySelector('figure.plot-figure svg');
      const axis = svg.querySelector('line');
      const ticks = [...svg.querySelectorAll(':scope > text')].map((t) => t.textContent);
      const cut = svg.querySelector('line.cutoff');
      const labels = [...svg.querySelectorAll('g > text:first-of-type')].map((t) => t.textContent);
      return { x1: +axis.getAttribute('x1'), x2: +axis.getAttribute('x2'), lo: ticks[0], hi: ticks[1],
        cut: +cut.getAttribute('x1'), cutLabel: ticks.at(-1), labels, title: svg.querySelector('title').textContent,
        desc: svg.querySelector('desc').textContent };
    });
    const [lo, hi] = [Number(plot.lo.replace(/\./g, '').replace(/,/g, '')), Number(plot.hi.replace(/\./g, '').replace(/,/g, ''))];
    const want = plot.x1 + (n + 0.5 - lo) / (hi - lo) * (plot.x2 - plot.x1);
    assert.ok(Math.abs(plot.cut - want) < 0.01, `cut-off at ${plot.cut}, rank ${n} + 0.5 is at ${want}`);
    assert.ok(plot.cutLabel.endsWith(String(n)), plot.cutLabel);
    assert.ok(plot.labels[0].startsWith(`${Math.max(1, n - 20)}. `), plot.labels[0]);
    assert.ok(plot.labels.at(-1).startsWith(`${n + 20}. `), plot.labels.at(-1));
    assert.ok(plot.desc.length > 40);
    // Judge report read in words: leave one judge out as `kipp judges` says.
    await page.click('#judges-run');
    await page.waitForSelector('.judge-findings');
    const jtext = await page.locator('.judge-findings').first().textContent();
    for (const l of judges.leave_one_out.filter((x) => x.advancing_changed > 0)) {
      const s = lang === 'id' ? `Tanpa juri ${l.judge}, ${l.advancing_changed} inovasi berubah status lolos.`
        : `Without judge ${l.judge}, ${l.advancing_changed} innovations change their advancing status.`;
      assert.ok(jtext.includes(s), s);
    }
    const weak = Object.values(judges.alpha).filter((a) => a != null && a < 0.667).length;
    if (weak > 0) assert.match(jtext, lang === 'id' ? new RegExp(`Kesepakatan lemah .* pada ${weak} kriteria`) : new RegExp(`Weak agreement .* on ${weak} criteria`));
    assert.deepEqual(await axeViolations(page), [], `${width} ${lang}`);
    await page.locator('#sim-findings').screenshot({ path: join(ROOT, 'tests', 'screenshots', `app-sim-findings-${lang}-${width}.png`) });
    await page.locator('figure.plot-figure').screenshot({ path: join(ROOT, 'tests', 'screenshots', `app-sim-plot-${lang}-${width}.png`) });
    if (width === 1280 && lang === 'id') {
      // The whole field on demand.
      await page.click('text=Tampilkan semua');
      const all = sim.rows.filter((r) => r.p50 != null).length;
      await page.waitForFunction((all) => document.querySelectorAll('figure.plot-figure svg g').length === all, all);
      await page.waitForSelector('text=Hanya di sekitar batas');
    }
    assert.deepEqual(quiet(page.problems), []);
    await page.close();
  }
});

test('a scenario saved from trial weights survives reload, compares as `kipp compare`, and is promoted with a reason', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await page.locator('.segmented .seg').first().click();
  await page.waitForSelector('#w-0-0', { state: 'attached' });
  await page.click('.sliders summary');
  await page.fill('#wn-0-0', '60');
  await page.waitForSelector('.trial-summary');
  await page.fill('#trial-scenario-name', 'Latar belakang 60');
  await page.click('#trial-scenario-save');
  await page.waitForSelector('text=Skenario «Latar belakang 60» disimpan.');
  // Saved in the project: opening the app again (not the demo) keeps it.
  await page.goto(site.url + 'index.html#simulasi');
  await page.waitForSelector('.scenario-list li');
  assert.match(await page.textContent('.scenario-list li'), /Latar belakang 60/);
  await page.selectOption('#cmp-a', 'official');
  await page.selectOption('#cmp-b', '0');
  await page.click('#cmp-run');
  await page.waitForSelector('#compare-table tbody tr');

  const dir = mkdtempSync(join(tmpdir(), 'kipp-scen-'));
  const comp = JSON.parse(readFileSync(join(DEMO, 'competition.json'), 'utf8'));
  comp.stages[0].criteria[0].weight = 60;
  writeFileSync(join(dir, 'b.json'), JSON.stringify(comp));
  const cli = JSON.parse(execFileSync(KIPP_CLI, ['compare', join(DEMO, 'competition.json'), join(dir, 'b.json'),
    '--innovations', join(DEMO, 'innovations.csv'), '--scores', join(DEMO, 'scores.csv'),
    '--judges', join(DEMO, 'judges.csv'), '--format', 'json'], { encoding: 'utf8' }));
  const rows = await page.$$eval('#compare-table tbody tr', (trs) => trs.map((tr) => ({
    stage: tr.dataset.stage,
    tau: tr.querySelector('.tau').textContent,
    rho: tr.querySelector('.rho').textContent,
    entered: parseInt(tr.querySelector('.entered').textContent, 10),
    left: parseInt(tr.querySelector('.left').textContent, 10),
  })));
  assert.deepEqual(rows.map((r) => r.stage), cli.stages.map((s) => s.id));
  const parse = (t) => Number(t.replace(/\./g, '').replace(',', '.'));
  for (const [k, r] of rows.entries()) {
    const s = cli.stages[k];
    assert.ok(Math.abs(parse(r.tau) - s.kendall_tau_b) < 0.0005 + 1e-12, `${r.tau} vs ${s.kendall_tau_b}`);
    assert.ok(Math.abs(parse(r.rho) - s.spearman_rho) < 0.0005 + 1e-12, `${r.rho} vs ${s.spearman_rho}`);
    assert.equal(r.entered, s.entered.length);
    assert.equal(r.left, s.left.length);
  }
  assert.ok(cli.stages[0].kendall_tau_b < 1, 'the weights change the order');
  assert.equal(await page.locator('figure.slope svg').count(), cli.stages.length);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('section.scenarios').screenshot({ path: join(ROOT, 'tests', 'screenshots', 'app-scenarios.png') });
  // Promote: a reason is required; then the competition has the weight and the audit says so.
  await page.click('.promote summary');
  await page.click('.promote button');
  await page.waitForSelector('text=Tulis alasan sebelum');
  await page.fill('#promote-reason-0', 'Rapat tim evaluasi');
  await page.click('.promote button');
  await page.waitForSelector('text=kini menjadi kompetisi');
  await gotoTab(page, 'keputusan');
  await page.waitForSelector('.audit-promote');
  assert.match(await page.textContent('.audit-promote'), /Latar belakang 60.*dijadikan kompetisi.*Rapat tim evaluasi/);
  await gotoTab(page, 'ekspor');
  const dl = page.waitForEvent('download');
  await page.click('#export-competition');
  const exported = JSON.parse(readFileSync(await (await dl).path(), 'utf8'));
  assert.equal(exported.stages[0].criteria[0].weight, 60);
  assert.deepEqual(quiet(page.problems), []);
  await page.close();
});

test('the judge report is made in a Web Worker and equals `kipp judges`; without a worker, the page makes the same', async () => {
  const cli = JSON.parse(execFileSync(KIPP_CLI, ['judges', join(DEMO, 'competition.json'),
    '--innovations', join(DEMO, 'innovations.csv'), '--scores', join(DEMO, 'scores.csv'),
    '--judges', join(DEMO, 'judges.csv'), '--format', 'json'], { encoding: 'utf8' }));
  const texts = [];
  for (const mode of ['worker', 'none']) {
    const page = await newPage(browser);
    if (mode === 'none') await page.route('**/worker.js', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await openDemo(page);
    await gotoTab(page, 'simulasi');
    await page.click('#judges-run');
    await page.waitForSelector('text=Kesepakatan antarpenilai');
    assert.equal(await page.$('#judges-running'), null, 'the "computing" note went');
    if (mode === 'none') {
      assert.match(await page.textContent('#sim-on-page'), /berjalan di halaman ini/);
      page.problems.length = 0; // the 404 of worker.js, on purpose
    } else {
      assert.equal(await page.$('#sim-on-page'), null, 'made in a worker');
    }
    const stages = await page.evaluate(() => [...document.querySelectorAll('section.card')]
      .filter((s) => s.querySelector('caption')?.textContent.startsWith('Kecenderungan penilai'))
      .map((s) => [...s.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent))));
    assert.equal(stages.length, cli.stages.length);
    stages.forEach((rows, k) => {
      const want = cli.stages[k];
      assert.deepEqual(rows.map((r) => [r[0], Number(r[1])]), want.judges.map((j) => [j.id, j.sheets]));
      rows.forEach((r, i) => {
        const shown = Number(r[2].replace('−', '-').replace(/\./g, '').replace(',', '.'));
        assert.ok(Math.abs(shown - want.judges[i].leniency) <= 0.0051, `${r[0]}: ${r[2]} vs ${want.judges[i].leniency}`);
        const loo = want.leave_one_out.find((l) => l.judge === r[0]);
        assert.equal(r[3], loo ? String(loo.advancing_changed) : '–');
      });
    });
    texts.push(JSON.stringify(stages));
    assert.deepEqual(quiet(page.problems), []);
    await page.close();
  }
  assert.equal(texts[0], texts[1], 'the worker and the page show the same report');
});

test('privacy: once the app is ready, nothing leaves the browser: only the site\'s own files, by GET, without data', async () => {
  const page = await newPage(browser);
  const origin = new URL(site.url).origin;
  let ready = false;
  const after = [];
  page.on('request', (r) => {
    if (ready) after.push({ url: r.url(), method: r.method(), body: r.postData() ?? null, type: r.resourceType() });
  });
  page.on('websocket', (w) => after.push({ url: w.url(), method: 'WEBSOCKET', body: null }));
  await openDemo(page);
  ready = true;
  // What an officer does with real scores: import, rank, simulate, the
  // judge report, exports (the XLSX module loads on first use), the report.
  await gotoTab(page, 'mulai');
  await page.click('#new-project');
  await page.waitForFunction(() => document.querySelector('#project-list tbody tr.current-row'));
  await page.setInputFiles('#import-files', ['competition.json', 'innovations.csv', 'scores.csv', 'judges.csv']
    .map((f) => join(DEMO, f)));
  await page.click('#apply-import');
  await page.waitForSelector('#results-table tbody tr');
  await gotoTab(page, 'simulasi');
  await page.fill('#sim-draws', '1000');
  await page.click('#sim-run');
  await page.waitForSelector('#sim-download');
  await page.click('#judges-run');
  await page.waitForSelector('text=Kesepakatan antarpenilai');
  await gotoTab(page, 'ekspor');
  for (const id of ['#export-csv', '#export-xlsx', '#export-json']) {
    const dl = page.waitForEvent('download');
    await page.click(id);
    await dl;
  }
  await gotoTab(page, 'laporan');
  await page.waitForTimeout(300);
  const own = (q) => {
    const u = new URL(q.url);
    if (u.protocol === 'blob:' || u.protocol === 'data:') return true; // in the page: downloads, icons
    return q.method === 'GET' && q.body === null && u.origin === origin && u.search === '' &&
      /^\/(pkg\/[\w.-]+\.(js|wasm)|worker\.js|favicon\.svg)$/.test(u.pathname);
  };
  assert.deepEqual(after.filter((q) => !own(q)), [], 'requests that are not the site\'s own files');
  // The test saw the lazily loaded parts (so it would see a stray request there).
  assert.ok(after.some((q) => q.url.endsWith('/worker.js')), JSON.stringify(after.map((q) => q.url)));
  assert.ok(after.some((q) => /\/pkg\/kipp-xlsx\.[0-9a-f]+\.wasm$/.test(q.url)));
  assert.deepEqual(quiet(page.problems), []);
  await page.close();
});

test('a plain loading note shows before the wasm arrives, goes at the first render, and says so when the wasm fails', async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.match(html, /id="kipp-loading"[^>]*role="status"/);
  assert.match(html, /Memuat aplikasi penilaian/);
  let page = await newPage(browser);
  await openDemo(page);
  assert.equal(await page.$('#kipp-loading'), null, 'removed once the app runs');
  await page.close();
  page = await newPage(browser);
  await page.route('**/pkg/kipp-app.*.wasm', (r) => r.fulfill({ status: 404, body: 'not found' }));
  await page.goto(site.url + 'index.html');
  await page.waitForFunction(() => /gagal dimuat/.test(document.querySelector('#kipp-loading')?.textContent ?? ''));
  assert.equal(await page.getAttribute('#kipp-loading', 'role'), 'alert');
  await page.close();
});

test('widget files: nominees from the final results and the published ranking', async () => {
  const page = await newPage(browser);
  await openDemo(page);
  await gotoTab(page, 'ekspor');
  await page.fill('#pub-publisher', 'Pemerintah Kabupaten Contoh');
  let dl = page.waitForEvent('download');
  await page.click('#export-nominees');
  const nominees = JSON.parse(readFileSync(await (await dl).path(), 'utf8'));
  assert.equal(nominees.kipp_nominees, 1);
  assert.equal(nominees.publisher, 'Pemerintah Kabupaten Contoh');
  assert.ok(nominees.innovations.length > 0);
  for (const n of nominees.innovations) {
    assert.ok(n.id && n.title);
    assert.equal(n.achievements[0].level, 'kabupaten');
  }
  dl = page.waitForEvent('download');
  await page.click('#export-ranking');
  const ranking = JSON.parse(readFileSync(await (await dl).path(), 'utf8'));
  assert.equal(ranking.kipp_ranking, 1);
  assert.equal(ranking.competition.kipp, 1);
  assert.match(ranking.result.digest, /^[0-9a-f]{64}$/);
  assert.deepEqual(
    nominees.innovations.map((n) => n.id),
    ranking.result.winners,
    'nominees are the winners of the last stage',
  );
  assert.ok(ranking.innovations.every((i) => 'id' in i && 'title' in i));
  // Only innovations of the result, and the result itself unchanged.
  const inResult = new Set(ranking.result.stages.flatMap((s) => s.rows.map((r) => r.id)));
  assert.ok(ranking.innovations.every((i) => inResult.has(i.id)));
  assert.ok(!('decisions' in ranking.result));
  // With the kipp site's address: the nominees file, its embed page and
  // oEmbed file in one ZIP (the button waits for an absolute address).
  assert.ok(await page.isDisabled('#export-nominees-page'));
  await page.fill('#pub-site', 'kipp.contoh.example');
  assert.ok(await page.isDisabled('#export-nominees-page'));
  await page.fill('#pub-site', 'https://kipp.contoh.example/');
  dl = page.waitForEvent('download');
  await page.click('#export-nominees-page');
  const zip = await (await dl).path();
  const listing = execFileSync('python3', ['-c', `import sys, zipfile, json
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))`, zip], { encoding: 'utf8' });
  const files = JSON.parse(listing);
  const names = Object.keys(files);
  assert.equal(names.length, 4, names.join(', '));
  const data = names.find((n) => n.endsWith('-nominasi.json'));
  const stem = data.replace(/\.json$/, '');
  assert.deepEqual(JSON.parse(files[data]).innovations.map((n) => n.id), ranking.result.winners);
  assert.ok(files[`${stem}.html`].includes(`href="https://kipp.contoh.example/${stem}.oembed.json"`));
  assert.equal(JSON.parse(files[`${stem}.oembed.json`]).type, 'rich');
  assert.match(files['README.txt'], new RegExp(`https://kipp\\.contoh\\.example/${stem}\\.html`));
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});
