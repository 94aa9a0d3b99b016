// The WordPress plugin (wordpress/kipp-widgets, packed by `cargo xtask
// dist`) on a real WordPress: Debian's `wordpress` package with its own
// MariaDB and PHP's built-in server, started here on 127.0.0.1 and stopped
// at the end. The host is "hardened" (DISALLOW_UNFILTERED_HTML: nobody may
// post raw HTML), as on Multisite or managed hosts.
//
// As an Author: a nominees file goes into the Media Library (a file that
// is not a kipp file is refused with the reason), a post with the block
// and the shortcode is saved and keeps both, the page shows the widget (and
// a fallback list without JavaScript), the feed carries the list; the
// editor previews the real widget; an Editor's re-save of an
// Administrator's post keeps its widget.
//
// oEmbed, for sites without the plugin: `kipp embed` makes a page and its
// oEmbed file for the nominees file on a kipp site (another origin, with
// CORS); an Author pastes the page's address (an Embed block) and the post
// shows the widget in WordPress's sandboxed iframe, sized to its content.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, KIPP_CLI, launch, newPage, axeViolations, screenshot, serve } from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ZIP = join(DIST, 'wordpress', 'kipp-widgets.zip');
const SAMPLE = join(ROOT, 'data', 'nominees-sample.json');

let tmp;
let db;
let php;
let browser;
let base;
let kippSite;
const users = {};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function until(what, fn, ms = 30000) {
  const t0 = Date.now();
  for (;;) {
    try {
      if (await fn()) return;
    } catch {
      // not yet
    }
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function auth(user) {
  return 'Basic ' + Buffer.from(`${user.login}:${user.app}`).toString('base64');
}

async function rest(user, route, { method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(`${base}/?rest_route=${route}`, {
    method,
    headers: { Authorization: auth(user), ...headers },
    body,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json, text };
}

async function upload(user, name, bytes) {
  return rest(user, '/wp/v2/media', {
    method: 'POST',
    body: bytes,
    headers: { 'Content-Type': 'application/json', 'Content-Disposition': `attachment; filename="${name}"` },
  });
}

async function post(user, fields, id) {
  return rest(user, id ? `/wp/v2/posts/${id}` : '/wp/v2/posts', {
    method: 'POST',
    body: JSON.stringify(fields),
    headers: { 'Content-Type': 'application/json' },
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'kipp-wp-'));
  const dbPort = await freePort();
  const wpPort = await freePort();
  base = `http://127.0.0.1:${wpPort}`;
  // The kipp site on its own origin, as a static host with CORS (needed by
  // WordPress's sandboxed embed iframe, whose origin is opaque).
  const siteDir = join(tmp, 'kipp-site');
  cpSync(DIST, siteDir, { recursive: true });
  kippSite = await serve({ root: siteDir, headers: () => ({ 'Access-Control-Allow-Origin': '*' }) });
  execFileSync(KIPP_CLI, ['embed', join(siteDir, 'data', 'nominees-sample.json'), '--site', kippSite.url,
    '--url', `${kippSite.url}data/nominees-sample.json`, '--layout', 'list', '--limit', '4'], { stdio: 'pipe' });
  // MariaDB of its own: a fresh data directory, no grant tables.
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${tmp}/db`, '--user=root',
    '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  db = spawn('mariadbd', ['--no-defaults', `--datadir=${tmp}/db`, `--socket=${tmp}/db.sock`,
    `--port=${dbPort}`, '--bind-address=127.0.0.1', '--user=root', '--skip-grant-tables',
    `--pid-file=${tmp}/db.pid`, '--skip-log-bin'], { stdio: 'ignore' });
  const sql = (q) => execFileSync('mariadb', ['--no-defaults', `--socket=${tmp}/db.sock`, '-e', q], { stdio: 'pipe' });
  await until('mariadb', () => (sql('SELECT 1'), true));
  sql('CREATE DATABASE wp');
  // WordPress: Debian's files, our own configuration.
  const wp = join(tmp, 'wp');
  cpSync('/usr/share/wordpress', wp, { recursive: true, dereference: true });
  rmSync(join(wp, 'wp-config.php'), { force: true });
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT',
    'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => `define('${k}', 'kipp-test-${k}');`).join('\n');
  writeFileSync(join(wp, 'wp-config.php'), `<?php
define('DB_NAME', 'wp'); define('DB_USER', 'root'); define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:${dbPort}'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
${salts}
$table_prefix = 'wp_';
define('WP_HOME', '${base}'); define('WP_SITEURL', '${base}');
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISALLOW_UNFILTERED_HTML', true);
define('FS_METHOD', 'direct'); define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', true); define('WP_DEBUG_DISPLAY', false); define('WP_DEBUG_LOG', '${tmp}/debug.log');
if (!defined('ABSPATH')) { define('ABSPATH', __DIR__ . '/'); }
require_once ABSPATH . 'wp-settings.php';
`);
  // WordPress fetches oEmbed pages only from public hosts and ports 80,
  // 443 and 8080; the test's kipp site is on 127.0.0.1 and a free port.
  const kippPort = new URL(kippSite.url).port;
  const mu = join(wp, 'wp-content', 'mu-plugins');
  execFileSync('mkdir', ['-p', mu]);
  writeFileSync(join(mu, 'kipp-test-loopback.php'), `<?php
add_filter('http_request_host_is_external', '__return_true');
add_filter('http_allowed_safe_ports', function ($ports) { $ports[] = ${kippPort}; return $ports; });
`);
  // The plugin, as an administrator would install its ZIP.
  execFileSync('python3', ['-m', 'zipfile', '-e', ZIP, join(wp, 'wp-content', 'plugins')]);
  writeFileSync(join(wp, 'kipp-setup.php'), `<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1:${wpPort}'; $_SERVER['REQUEST_URI'] = '/';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
wp_install('Kabupaten Contoh', 'admin', 'admin@example.test', false, '', 'admin-pass-1');
$out = array();
foreach (array('admin' => 'administrator', 'penulis' => 'author', 'penyunting' => 'editor') as $login => $role) {
  $id = 'admin' === $login ? 1 : wp_insert_user(array('user_login' => $login, 'user_pass' => $login . '-pass-1',
    'user_email' => $login . '@example.test', 'role' => $role));
  $app = WP_Application_Passwords::create_new_application_password($id, array('name' => 'kipp-test'));
  $out[$login] = array('id' => $id, 'login' => $login, 'app' => $app[0], 'pass' => $login . '-pass-1');
}
$r = activate_plugin('kipp-widgets/kipp-widgets.php');
if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message()); exit(1); }
if (wp_get_theme('twentytwentythree')->exists()) { switch_theme('twentytwentythree'); }
echo json_encode($out);
`);
  Object.assign(users, JSON.parse(execFileSync('php', [join(wp, 'kipp-setup.php')], { cwd: wp, encoding: 'utf8' })));
  php = spawn('php', ['-S', `127.0.0.1:${wpPort}`, '-t', wp], { cwd: wp, stdio: 'ignore' });
  await until('php', async () => (await fetch(base + '/')).ok);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await kippSite?.close();
  php?.kill();
  db?.kill();
  if (tmp && existsSync(join(tmp, 'debug.log'))) {
    const log = readFileSync(join(tmp, 'debug.log'), 'utf8');
    if (/kipp-widgets/.test(log)) console.log(log);
  }
  // The database server may still hold files a moment after the signal.
  await new Promise((r) => setTimeout(r, 500));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the plugin is active; an Author may upload a kipp data file, and only that', async () => {
  const author = users.penulis;
  const ok = await upload(author, 'nominees.json', readFileSync(SAMPLE));
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.mime_type, 'application/json');
  users.media = ok.json;
  const bad = await upload(author, 'lain.json', Buffer.from('{"halo": 1}'));
  assert.ok(bad.status >= 400, bad.text);
  assert.match(bad.json.message, /Bukan berkas data kipp/);
  const broken = await upload(author, 'rusak.json', Buffer.from('{"kipp_nominees": 1, "innovations": [{"title": "x"}]}'));
  assert.ok(broken.status >= 400);
  assert.match(broken.json.message, /Nominasi ke-1/);
});

test('an Author\'s post keeps the block and the shortcode; the page shows the widget and a fallback list', async () => {
  const author = users.penulis;
  const m = users.media;
  assert.ok(m, 'the upload test ran first');
  const block = `<!-- wp:kipp/nominees {"mediaId":${m.id},"src":"${m.source_url}","layout":"list","limit":5} /-->`;
  const content = `<!-- wp:paragraph --><p>Nominasi KIPP kabupaten kita:</p><!-- /wp:paragraph -->\n${block}\n`
    + `<!-- wp:shortcode -->[kipp_nominees media="${m.id}" layout="cards" limit="3"]<!-- /wp:shortcode -->\n`
    // The old way, raw HTML: kses removes it for this Author.
    + `<!-- wp:html --><script type="module" src="x.js"></script><kipp-nominees src="nominees.json"></kipp-nominees><!-- /wp:html -->`;
  const r = await post(author, { title: 'Nominasi KIPP 2023', content, status: 'publish' });
  assert.equal(r.status, 201, r.text);
  const saved = await rest(author, `/wp/v2/posts/${r.json.id}&context=edit`);
  const raw = saved.json.content.raw;
  assert.ok(raw.includes(block), 'the block is kept as written');
  assert.ok(raw.includes('[kipp_nominees media='), 'the shortcode is kept');
  assert.ok(!raw.includes('<script'), 'raw script removed by kses (why the plugin exists)');
  users.post = r.json;
  // Without JavaScript: the HTML has the elements, the module script with
  // its SRI hash, and the fallback list of the first nominees.
  const html = await (await fetch(`${base}/?p=${r.json.id}`)).text();
  const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  assert.equal((html.match(/<kipp-nominees /g) || []).length, 2);
  assert.match(html, /<script type="module" integrity="sha384-[^"]+" crossorigin="anonymous" src=["'][^"']+kipp-nominees\.[0-9a-f]+\.js/);
  assert.match(html, /<ul class="kipp-fallback">/);
  assert.ok(html.includes(sample.innovations[0].title.replace(/&/g, '&amp;')), 'fallback names the first nominee');
  // The theme's link colour as the accent (readable on its background).
  assert.match(html, /kipp-nominees, kipp-ranking \{ display: flow-root; --kipp-accent: var\(--wp--preset--color--contrast\)/);
  // In Chromium: the widget renders its nominees.
  for (const [width, name] of [[1280, 'wordpress-post-1280'], [375, 'wordpress-post-375']]) {
    const page = await newPage(browser, { width, height: 900 });
    await page.goto(`${base}/?p=${r.json.id}`);
    await page.waitForFunction(() => {
      const el = document.querySelectorAll('kipp-nominees')[0];
      return el?.shadowRoot?.querySelector('.browser, .notice-error');
    }, null, { timeout: 30000 });
    const text = await page.evaluate(() => document.querySelectorAll('kipp-nominees')[0].shadowRoot.textContent);
    assert.ok(text.includes(sample.innovations[0].title), 'the widget lists the nominees');
    assert.deepEqual(await axeViolations(page, { include: 'kipp-nominees' }), []);
    await screenshot(page, name);
    // Chromium asks for /favicon.ico, which this bare site does not have.
    const problems = page.problems.filter((p) => !/favicon|x\.js|^console: Failed to load resource/.test(p));
    if (problems.length) console.log(page.problems);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the feed carries the fallback list, not the element', async () => {
  const feed = await (await fetch(`${base}/?feed=rss2`)).text();
  assert.match(feed, /Nominasi KIPP 2023/);
  assert.match(feed, /kipp-fallback/);
  assert.ok(!/&lt;kipp-nominees|<kipp-nominees/.test(feed));
});

test('the block editor previews the real widget', async () => {
  const page = await newPage(browser, { width: 1280, height: 900 });
  await page.goto(`${base}/wp-login.php`);
  await page.fill('#user_login', users.penulis.login);
  await page.fill('#user_pass', users.penulis.pass);
  await page.click('#wp-submit');
  await page.waitForURL(/wp-admin/);
  await page.goto(`${base}/wp-admin/post.php?post=${users.post.id}&action=edit`);
  await page.waitForFunction(() => {
    const el = document.querySelector('.wp-block-kipp-nominees kipp-nominees');
    return el?.shadowRoot?.querySelector('.browser, .notice-error');
  }, null, { timeout: 60000 });
  await page.keyboard.press('Escape'); // the editor's welcome guide
  await screenshot(page, 'wordpress-editor-1280');
  await page.close();
});

test('an Editor re-saving an Administrator\'s post keeps its widget', async () => {
  const m = users.media;
  const block = `<!-- wp:kipp/nominees {"mediaId":${m.id},"layout":"table"} /-->`;
  const mine = await post(users.admin, { title: 'Pengumuman', content: block, status: 'publish' });
  assert.equal(mine.status, 201, mine.text);
  const edited = await post(users.penyunting, { title: 'Pengumuman (diperbaiki)', content: block }, mine.json.id);
  assert.equal(edited.status, 200, edited.text);
  const raw = (await rest(users.admin, `/wp/v2/posts/${mine.json.id}&context=edit`)).json.content.raw;
  assert.equal(raw, block);
  const html = await (await fetch(`${base}/?p=${mine.json.id}`)).text();
  assert.match(html, /<kipp-nominees src="[^"]+nominees[^"]*\.json" layout="table" heading-level="2">/);
});

test('oEmbed: an Author pastes the address of a kipp embed page and the post shows the widget', async () => {
  const author = users.penulis;
  const pageUrl = `${kippSite.url}data/nominees-sample.html`;
  // What the block editor asks when the address is pasted.
  const proxy = await rest(author, `/oembed/1.0/proxy&url=${encodeURIComponent(pageUrl)}`);
  assert.equal(proxy.status, 200, proxy.text);
  assert.equal(proxy.json.type, 'rich');
  assert.match(proxy.json.html, /<iframe[^>]+src="http:\/\/127\.0\.0\.1:\d+\/widget\/frame\.html\?src=/);
  const content = `<!-- wp:embed {"url":"${pageUrl}","type":"rich","className":""} -->\n`
    + `<figure class="wp-block-embed is-type-rich"><div class="wp-block-embed__wrapper">\n${pageUrl}\n</div></figure>\n<!-- /wp:embed -->`;
  const r = await post(author, { title: 'Nominasi (oEmbed)', content, status: 'publish' });
  assert.equal(r.status, 201, r.text);
  const html = await (await fetch(`${base}/?p=${r.json.id}`)).text();
  assert.match(html, /<iframe[^>]+class="wp-embedded-content"[^>]+sandbox="allow-scripts"/);
  assert.match(html, /<blockquote class="wp-embedded-content"[^>]*><a href="[^"]+nominees-sample\.html">/);
  for (const [width, name] of [[1280, 'wordpress-oembed-1280'], [375, 'wordpress-oembed-375']]) {
    const page = await newPage(browser, { width, height: 900 });
    await page.goto(`${base}/?p=${r.json.id}`);
    const frame = page.frameLocator('iframe.wp-embedded-content');
    await frame.locator('kipp-nominees .browser').waitFor({ timeout: 30000 });
    const text = await frame.locator('kipp-nominees').evaluate((el) => el.shadowRoot.textContent);
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    assert.ok(text.includes(sample.innovations[0].title), 'the framed widget lists the nominees');
    // WordPress's embed script sized the iframe to the frame's height and
    // showed it (the blockquote is only the fallback).
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe.wp-embedded-content');
      const inner = f && f.getBoundingClientRect();
      return inner && inner.width > 100 && Math.abs(inner.height - Number(f.getAttribute('height'))) < 2
        && Number(f.getAttribute('height')) !== 720;
    }, null, { timeout: 20000 });
    const box = await page.evaluate(() => {
      const f = document.querySelector('iframe.wp-embedded-content');
      return { height: Number(f.getAttribute('height')), clipped: f.style.clip || '' };
    });
    assert.ok(box.height >= 200 && box.height <= 1000, `iframe height ${box.height}`);
    assert.equal(box.clipped, '');
    await screenshot(page, name);
    await page.close();
  }
});

test('a summary file: an Author uploads it, the shortcode shows the summary view and a plain-text fallback', async () => {
  const author = users.penulis;
  const summary = readFileSync(join(DIST, 'widget', 'summary.json'));
  const file = JSON.parse(summary.toString('utf8'));
  const last = file.editions.at(-1);
  const up = await upload(author, 'summary.json', summary);
  assert.equal(up.status, 201, up.text);
  const bad = await upload(author, 'ringkasan.json', Buffer.from('{"kipp_summary": 1, "editions": [{"year": 2020}]}'));
  assert.ok(bad.status >= 400);
  assert.match(bad.json.message, /Penyelenggaraan ke-1/);
  const r = await post(author, { title: 'Partisipasi KIPP', content: `<!-- wp:shortcode -->[kipp_nominees media="${up.json.id}"]<!-- /wp:shortcode -->`, status: 'publish' });
  assert.equal(r.status, 201, r.text);
  const html = await (await fetch(`${base}/?p=${r.json.id}`)).text();
  assert.ok(html.includes(`${last.innovations} inovasi dari ${last.agencies} perangkat daerah`), 'the fallback says the numbers');
  assert.ok(html.includes(last.by_agency[0].name), 'and names the agency with most innovations');
  const page = await newPage(browser, { width: 1280, height: 900 });
  await page.goto(`${base}/?p=${r.json.id}`);
  await page.waitForFunction(() => document.querySelector('kipp-nominees')?.shadowRoot?.querySelector('.summary, .notice-error'), null, { timeout: 30000 });
  const headline = await page.evaluate(() => document.querySelector('kipp-nominees').shadowRoot.querySelector('.headline')?.textContent);
  // The test site's language is en-US: the widget follows the page.
  assert.match(headline ?? '', new RegExp(`^${last.innovations} innovations from ${last.agencies} agencies; most from `));
  await screenshot(page, 'wordpress-summary-1280');
  await page.close();
});
