// <kipp-nominees> in headless Chromium, against the built site (dist/):
// several instances and layouts, filters and search, keyboard only, axe-core,
// a host page with an aggressive WordPress-like theme, a strict CSP and a
// hostile nominee file, broken and missing files, blocked WebAssembly, and
// screenshots at 1280 and 320 px (tests/screenshots/widget-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, SCREENSHOTS, serve, launch, newPage, axeViolations, screenshot } from './helpers.mjs';

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

const sample = JSON.parse(readFileSync(join(DIST, 'data/nominees-sample.json'), 'utf8'));

/** Scrolls `sel` into view (the widget starts lazily) and waits until it has rendered. */
async function ready(page, sel) {
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (sel) =>
      document
        .querySelector(sel)
        ?.shadowRoot?.querySelector('.browser, .ranking, .summary, .notice-error, .notice-empty'),
    sel,
    { timeout: 20000 },
  );
}

/** The focused element, looking into shadow roots. */
const deepFocus = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    let host = null;
    while (el?.shadowRoot?.activeElement) {
      host = el;
      el = el.shadowRoot.activeElement;
    }
    return el
      ? { host: host?.id ?? null, tag: el.tagName, cls: el.className, i: el.dataset?.i ?? null, text: el.textContent }
      : null;
  });

test('several instances: layouts, languages, region, inline JSON, limit', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/');
  for (const id of ['#cards', '#table', '#list', '#inline']) await ready(page, id);

  // Without `limit`, 12 at first and "show more".
  const all = sample.innovations.length;
  assert.equal(await page.locator('#cards li.item').count(), Math.min(12, all));
  assert.equal(await page.locator('#cards .summary').innerText(), `Menampilkan ${Math.min(12, all)} dari ${all} inovasi`);
  await page.locator('#cards button.more').click();
  assert.equal(await page.locator('#cards li.item').count(), all);
  const first = await page.locator('#cards li.item button.open').first().innerText();
  const latest = Math.max(...sample.innovations.flatMap((i) => i.achievements.map((a) => a.year)));
  const firstInn = sample.innovations.find((i) => i.title === first);
  assert.ok(firstInn.achievements.some((a) => a.year === latest), 'latest achievements first');
  assert.equal(await page.locator('#cards .summary').innerText(),
    `Menampilkan ${sample.innovations.length} dari ${sample.innovations.length} inovasi`);

  // English table, 5 at a time.
  assert.equal(await page.locator('#table table tbody tr').count(), 5);
  assert.match(await page.locator('#table .summary').innerText(), /^Showing 5 of \d+ innovations$/);
  await page.locator('#table button.more').click();
  assert.equal(await page.locator('#table table tbody tr').count(), 10);
  assert.equal(await page.locator('#table thead th').first().innerText(), 'Innovation');

  // region="Kabupaten Banyumas"
  const banyumas = sample.innovations.filter((i) => i.region === 'Kabupaten Banyumas').length;
  assert.equal(await page.locator('#list li.item').count(), banyumas);

  // Inline JSON with the preset level=kabupaten; the filter can be cleared.
  assert.equal(await page.locator('#inline li.item').count(), 2);
  assert.equal(await page.locator('#inline select').nth(1).inputValue(), 'kabupaten');

  assert.deepEqual(page.problems, []);
  await screenshot(page, 'widget-demo-1280');
  await page.close();
});

test('visitors filter by year, level, result, category and search by name or unit', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/');
  await ready(page, '#cards');
  const w = page.locator('#cards');
  // Without `limit` 12 are shown at first; every filter starts again at 12.
  const count = () => w.locator('li.item').count();
  const shown = (x) => Math.min(12, x);
  const n = sample.innovations.length;

  await w.locator('select').nth(0).selectOption('2021');
  const in2021 = sample.innovations.filter((i) => i.achievements.some((a) => a.year === 2021));
  assert.equal(await count(), shown(in2021.length));
  assert.ok(in2021.length > 0 && in2021.length < n);

  await w.locator('select').nth(0).selectOption('');
  await w.locator('select').nth(1).selectOption('nasional');
  assert.equal(await count(),
    shown(sample.innovations.filter((i) => i.achievements.some((a) => a.level === 'nasional')).length));

  await w.locator('select').nth(2).selectOption('Top 45');
  assert.equal(await count(), shown(sample.innovations.filter((i) =>
    i.achievements.some((a) => a.level === 'nasional' && a.result === 'Top 45')).length));
  await w.locator('button.clear').click();
  assert.equal(await count(), shown(n));
  assert.equal(await w.locator('select').nth(1).inputValue(), '');

  await w.locator('select').nth(3).selectOption('kesehatan');
  assert.equal(await count(), shown(sample.innovations.filter((i) => i.category === 'kesehatan').length));
  // Category options by name, not slug.
  assert.ok((await w.locator('select').nth(3).locator('option').allInnerTexts()).includes('Kesehatan'));
  await w.locator('button.clear').click();

  await w.locator('input[type=search]').fill('puskesmas');
  const byUnit = sample.innovations.filter((i) =>
    [i.title, i.long_title, i.unit, i.agency].some((t) => t?.toLowerCase().includes('puskesmas')));
  assert.equal(await count(), shown(byUnit.length));
  await w.locator('input[type=search]').fill('gasing');
  assert.equal(await count(), 1);
  await w.locator('input[type=search]').fill('tidak-ada-yang-cocok');
  assert.equal(await count(), 0);
  assert.match(await w.locator('.notice-empty').innerText(), /Tidak ada inovasi yang cocok/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('keyboard only: Tab to the filters, Enter opens the dialog, Esc closes it, focus returns', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/');
  await ready(page, '#cards');
  await page.locator('#cards').evaluate((el) => el.scrollIntoView());
  // Start just before the widget: the last link of the intro paragraph.
  await page.locator('main p a').last().focus();
  await page.keyboard.press('Tab');
  let f = await deepFocus(page);
  assert.equal(f.host, 'cards');
  assert.equal(f.tag, 'INPUT', 'Tab reaches the search box first');
  await page.keyboard.type('gasing');
  assert.equal(await page.locator('#cards li.item').count(), 1);
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    f = await deepFocus(page);
    if (f.cls === 'open') break;
  }
  assert.equal(f.cls, 'open', 'Tab reaches the innovation button');
  const opener = f.i;
  await page.keyboard.press('Enter');
  const dialog = page.locator('#cards dialog');
  await page.waitForFunction(() => document.querySelector('#cards').shadowRoot.querySelector('dialog').open);
  const labelled = await dialog.evaluate((d) =>
    d.getRootNode().getElementById(d.getAttribute('aria-labelledby'))?.textContent);
  assert.equal(labelled, 'GASING');
  f = await deepFocus(page);
  assert.equal(f.cls, 'close', 'focus moves into the dialog');
  assert.match(await dialog.innerText(), /Gerakan Anti Stunting/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#cards').shadowRoot.querySelector('dialog').open);
  f = await deepFocus(page);
  assert.equal(f.cls, 'open');
  assert.equal(f.i, opener, 'focus returns to the button that opened the dialog');
  // Enter on the close button closes as well.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#cards').shadowRoot.querySelector('dialog').open);
  f = await deepFocus(page);
  assert.equal(f.cls, 'close', 'reopened: focus moves into the dialog again');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#cards').shadowRoot.querySelector('dialog').open,
    null, { timeout: 5000 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('axe-core: no violations in the widgets (lists, table, open dialog)', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/');
  for (const id of ['#cards', '#table', '#list', '#inline']) await ready(page, id);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#table button.open').first().click();
  await page.waitForFunction(() => document.querySelector('#table').shadowRoot.querySelector('dialog').open);
  assert.deepEqual(await axeViolations(page), [], 'with the dialog open');
  await page.close();
});

test('320 px: no horizontal scroll, dialog fits', async () => {
  const page = await newPage(browser, { width: 320, height: 640 });
  await page.goto(site.url + 'widget/');
  for (const id of ['#cards', '#table', '#list', '#inline']) await ready(page, id);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `scrollWidth ${width}`);
  await screenshot(page, 'widget-demo-320');
  await page.locator('#cards button.open').nth(1).click();
  const box = await page.locator('#cards dialog').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320, `dialog within the screen: ${JSON.stringify(box)}`);
  await page.screenshot({ path: join(SCREENSHOTS, 'widget-dialog-320.png') });
  await page.close();
});

test('hostile file, aggressive theme, strict CSP: no script runs, host page intact', async () => {
  const page = await newPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const source = await (await fetch(site.url + 'widget/hostile.html')).text();
  await page.goto(site.url + 'widget/hostile.html');
  for (const id of ['#hostile', '#left', '#right', '#broken', '#missing']) await ready(page, id);
  const w = page.locator('#hostile');
  assert.equal(await w.locator('li.item').count(), 3);
  // Open every dialog: its content is text too.
  for (let i = 0; i < 3; i++) {
    await w.locator('button.open').nth(i).click();
    await page.waitForFunction(() => document.querySelector('#hostile').shadowRoot.querySelector('dialog').open);
    await page.waitForTimeout(100);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#hostile').shadowRoot.querySelector('dialog').open);
  }
  await w.locator('button.open').first().click();
  await page.waitForFunction(() => document.querySelector('#hostile').shadowRoot.querySelector('dialog').open);
  const inside = await w.evaluate((el) => {
    const r = el.shadowRoot;
    return {
      elements: [...r.querySelectorAll('script, iframe, svg, img, style, object, embed')].map((e) => e.tagName),
      hrefs: [...r.querySelectorAll('a')].map((a) => a.href),
      onattrs: [...r.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      title: r.querySelector('dialog h2').textContent,
      styleAttrs: r.querySelectorAll('[style]').length,
    };
  });
  assert.deepEqual(inside.elements, [], 'no element made from the data');
  assert.deepEqual(inside.onattrs, []);
  assert.equal(inside.styleAttrs, 0, 'no inline style attribute');
  assert.equal(inside.title, "<script>window.__pwned='title'</script>", 'markup shown as text');
  assert.deepEqual(inside.hrefs.map((h) => new URL(h).protocol), ['https:', 'http:']);
  assert.ok(inside.hrefs[1].endsWith('/widget/index.html'), 'relative link resolved against the file');
  await page.keyboard.press('Escape');
  await page.mouse.move(10, 10);

  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  // The host page: same light DOM as served, same title and texts.
  const same = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return {
      count: [document.querySelectorAll('*').length, doc.querySelectorAll('*').length],
      title: [document.title, doc.title],
      canary: document.getElementById('canary').textContent,
    };
  }, source);
  assert.equal(same.count[0], same.count[1]);
  assert.equal(same.title[0], same.title[1]);
  assert.equal(same.canary, 'Teks halaman induk yang tidak boleh berubah.');
  // The theme does not reach in; the host font does.
  const look = await w.locator('button.open').first().evaluate((b) => {
    const s = getComputedStyle(b);
    return { transform: s.textTransform, bg: s.backgroundColor, font: s.fontFamily, size: s.fontSize };
  });
  assert.equal(look.transform, 'none');
  assert.notEqual(look.bg, 'rgb(255, 105, 180)');
  assert.match(look.font, /Georgia/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 1280, `very long strings wrap (scrollWidth ${width})`);

  // The script is on the page twice; the element is defined once, no error.
  assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
  // Partly bad file: the good entries are shown, with one readable notice
  // (how many left out, the first place); the console has every place.
  const broken = await page.locator('#broken .notice-skipped').innerText();
  assert.match(broken, /^2 entri dilewati karena tidak sesuai format: innovations\[2\]\.achievements\[0\]\.level/);
  const kept = await page.evaluate(() => document.querySelector('#broken').shadowRoot.textContent);
  assert.ok(kept.includes('Baik') && kept.includes('Tanpa masalah'), 'the good entries are shown');
  assert.ok(page.problems.some((p) => p.includes('innovations[3].title: missing')));
  // Missing file, English.
  assert.match(await page.locator('#missing .notice-error').innerText(), /could not be loaded[\s\S]*HTTP 404/);
  // Only the expected problems: the missing file and the broken file.
  const unexpected = page.problems.filter(
    (p) => !/tidak-ada\.json|broken-nominees\.json|Failed to load resource/.test(p),
  );
  assert.deepEqual(unexpected, []);
  await screenshot(page, 'widget-hostile-1280');
  await page.setViewportSize({ width: 320, height: 640 });
  await page.waitForTimeout(200);
  await screenshot(page, 'widget-hostile-320');
  await page.close();
});

test('two instances side by side work independently', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/hostile.html');
  await ready(page, '#left');
  await ready(page, '#right');
  const left = page.locator('#left');
  const right = page.locator('#right');
  assert.equal(await left.locator('li.item').count(), 3);
  assert.equal(await right.locator('tbody tr').count(), 3);
  await left.locator('input[type=search]').fill('gelis');
  assert.equal(await left.locator('li.item').count(), 1);
  assert.equal(await right.locator('tbody tr').count(), 3, 'the other instance is unaffected');
  await right.locator('button.open').first().click();
  await page.waitForFunction(() => document.querySelector('#right').shadowRoot.querySelector('dialog').open);
  assert.equal(await left.locator('dialog[open]').count(), 0);
  assert.match(await right.locator('dialog').innerText(), /Close/);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => customElements.get('kipp-nominees')?.name), 'KippNominees');
  await page.close();
});

test('blocked WebAssembly: a readable message and a plain link to the data', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/blocked.html');
  await ready(page, '#blocked');
  const alert = page.locator('#blocked [role=alert]');
  assert.match(await alert.innerText(), /memblokir WebAssembly/);
  const href = await alert.locator('a').getAttribute('href');
  assert.ok(href.endsWith('/data/nominees-sample.json'), href);
  await screenshot(page, 'widget-blocked');
  await page.close();
});

test('a panic in a widget shows a readable message with the data link there; the other widget works on', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/dark.html');
  await ready(page, '#nominees');
  await ready(page, '#ranking');
  const panic = (module) => page.evaluate(async (module) => {
    const m = await import(document.querySelector(`script[type=module][src*="${module}"]`).src);
    try { m.panicForTests(); } catch { /* the abort */ }
  }, module);
  await panic('kipp-nominees');
  const alert = page.locator('#nominees [role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /berhenti karena kesalahan di kipp/);
  assert.match(await alert.innerText(), /panic provoked by a test/);
  const href = await alert.locator('a').getAttribute('href');
  assert.ok(href.endsWith('/data/nominees-sample.json'), href);
  // The ranking is another module: it still answers.
  assert.equal(await page.locator('#ranking [role=alert]').count(), 0);
  assert.ok(await page.locator('#ranking').evaluate((el) => el.shadowRoot.querySelector('.ranking table tbody tr') !== null));
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'widget-panic');
  await panic('kipp-ranking');
  await page.locator('#ranking [role=alert]').waitFor();
  assert.match(await page.locator('#ranking [role=alert]').innerText(), /peringkat berhenti karena kesalahan di kipp/);
  page.problems.length = 0; // the panics, on purpose
  await page.close();
});

test('size limits: a 17 MB data file is refused with the reason; a 10 MB title leaves only its entry out', async () => {
  const page = await newPage(browser);
  const pad = 'x'.repeat(17 << 20);
  await page.route('**/data/nominees-sample.json', (r) =>
    r.fulfill({ contentType: 'application/json', body: `{"kipp_nominees": 1, "pad": "${pad}", "innovations": []}` }));
  const ranking = JSON.parse(readFileSync(join(DIST, 'widget/ranking.json'), 'utf8'));
  ranking.innovations[0].title = 'R'.repeat(10 << 20);
  await page.route('**/widget/ranking.json', (r) =>
    r.fulfill({ contentType: 'application/json', body: JSON.stringify(ranking) }));
  await page.goto(site.url + 'widget/dark.html');
  await ready(page, '#nominees');
  await ready(page, '#ranking');
  const nominees = page.locator('#nominees [role=alert]');
  assert.match(await nominees.innerText(), /terlalu besar untuk ditampilkan: lebih dari 16 MB/);
  const rank = page.locator('#ranking [role=alert], #ranking .notice-error').first();
  assert.match(await rank.innerText(), /innovations\[0\]\.title: teks terlalu panjang: 10485760 karakter/);
  await screenshot(page, 'widget-too-large');
  page.problems.length = 0; // both refusals go to the console too, on purpose
  await page.close();

  // A title of 10 MB in an otherwise good file: that entry is left out and
  // said, the others are shown.
  const page2 = await newPage(browser);
  const file = structuredClone(sample);
  file.innovations[0].title = 'T'.repeat(10 << 20);
  await page2.route('**/data/nominees-sample.json', (r) =>
    r.fulfill({ contentType: 'application/json', body: JSON.stringify(file) }));
  await page2.goto(site.url + 'widget/');
  await ready(page2, '#table');
  const table = page2.locator('#table');
  const shown = await table.evaluate((el) => el.shadowRoot.textContent);
  assert.match(shown, /1 entries left out: not in the format: innovations\[0\]\.title: too long: 10485760 characters/);
  assert.ok((await table.locator('tbody tr').count()) >= 1);
  assert.ok(!shown.includes('TTTT'));
  page2.problems.length = 0; // the console names the left-out entry, on purpose
  await page2.close();
});

test('on a dark theme both widgets switch to dark defaults: axe-core clean, floats do not squeeze them', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'widget/dark.html');
  await ready(page, '#nominees');
  await ready(page, '#ranking');
  for (const id of ['nominees', 'ranking']) {
    assert.equal(await page.getAttribute(`#${id}`, 'data-kipp-scheme'), 'dark');
  }
  assert.deepEqual(await axeViolations(page), []);
  // flow-root: the widget starts below or beside the float, never under it.
  const [w, f] = await page.evaluate(() => [document.getElementById('nominees'), document.querySelector('.float')]
    .map((e) => e.getBoundingClientRect().toJSON()));
  assert.ok(w.right <= f.left + 1 || w.top >= f.bottom - 1, JSON.stringify({ w, f }));
  await screenshot(page, 'widget-dark-1280');
  await page.close();
});

test('a shared link (#kipp-<id>) opens that nominee; the share button copies its link', async () => {
  const sample = JSON.parse(readFileSync(join(DIST, 'data', 'nominees-sample.json'), 'utf8'));
  const pick = sample.innovations[5];
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
  await page.goto(`${site.url}widget/index.html#kipp-${encodeURIComponent(pick.id)}`);
  await ready(page, '#cards');
  const title = page.locator('#cards dialog[open] .dialog-title');
  await title.waitFor();
  assert.equal(await title.innerText(), pick.title);
  await screenshot(page, 'widget-shared-link');
  await page.locator('#cards dialog[open] button.share').click({ timeout: 5000 });
  await page.locator('#cards dialog[open] .share-status', { hasText: 'disalin' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${site.url}widget/index.html#kipp-${encodeURIComponent(pick.id)}`);
  await page.close();
});

test('summary file: the sentence, the numbers, bar charts and the table, under a strict CSP', async () => {
  const file = JSON.parse(readFileSync(join(DIST, 'widget/summary.json'), 'utf8'));
  const e = file.editions.at(-1);
  for (const [width, name] of [[1280, 'widget-summary-1280'], [320, 'widget-summary-320']]) {
    const page = await newPage(browser, { width, height: 900 });
    await page.goto(site.url + 'widget/summary.html');
    await ready(page, '#summary');
    await ready(page, '#summary-en');
    const w = page.locator('#summary');
    // The sentence as the news writes it, from the file's numbers.
    const headline = await w.locator('.headline').innerText();
    assert.match(headline, new RegExp(`^${e.innovations} inovasi dari ${e.agencies} perangkat daerah; terbanyak `));
    assert.ok(headline.includes(`${e.by_agency[0].name} (${e.by_agency[0].count})`), headline);
    assert.match(await page.locator('#summary-en .headline').innerText(), /^107 innovations from 36 agencies; most from /);
    // Charts: the agencies (ten bars, the largest full width), categories, years.
    const charts = w.locator('.chart');
    assert.equal(await charts.count(), 3);
    assert.equal(await charts.nth(0).locator('li').count(), 10);
    assert.equal(await charts.nth(0).locator('rect').first().getAttribute('width'), '100.0');
    const years = await charts.nth(2).locator('li').allInnerTexts();
    assert.deepEqual(years.map((t) => t.split('\n')[0]), file.editions.map((x) => String(x.year)));
    // Stage counts: "107 → 20 lolos".
    assert.match(await w.locator('.stats').innerText(), /107 → 20 lolos/);
    // The table on demand has every agency.
    await w.locator('details.as-table summary').click();
    const rows = w.locator('details.as-table table').first().locator('tbody tr');
    assert.equal(await rows.count(), e.by_agency.length);
    // Nothing overflows at 320 px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false);
    await screenshot(page, name);
    assert.deepEqual(page.problems.filter((p) => !/favicon/.test(p)), []);
    await page.close();
    // axe-core is injected as an inline script, which the page's CSP
    // refuses: checked in a page that lets the test's own script in.
    const a11y = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
    await a11y.goto(site.url + 'widget/summary.html');
    await ready(a11y, '#summary');
    await a11y.locator('#summary details.as-table summary').click();
    assert.deepEqual(await axeViolations(a11y, { include: '#summary' }), []);
    await a11y.close();
  }
});
