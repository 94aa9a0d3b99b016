// Shared helpers of kipp's browser tests (node:test + playwright-core + axe-core).
//
// The site under test is the built `dist/` (KIPP_DIST, set by `cargo xtask test`;
// build it with `cargo xtask dist` to run `node --test tests/` by hand). It is
// served on 127.0.0.1 on a free port by a tiny static server here, and driven
// in Debian's headless Chromium (CHROMIUM, default /usr/bin/chromium).

import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Absolute path of the built site. */
export const DIST = resolve(process.env.KIPP_DIST ?? join(here, '..', 'dist'));

/** Where screenshots go (gitignored). */
/** The `kipp` command line (xtask builds it before the browser tests). */
export const KIPP_CLI = resolve(process.env.KIPP_CLI ?? join(here, '..', 'target', 'debug', 'kipp'));
export const SCREENSHOTS = join(here, 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Serves `root` (default: the built site) on 127.0.0.1 on a free port.
 * `headers(path)` may add response headers (e.g. a Content-Security-Policy).
 * Returns { url, close }; `url` ends with '/'.
 */
export async function serve({ root = DIST, headers = () => ({}) } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no site at ${root}: run \`cargo xtask dist\` first`);
  }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(400).end('bad path');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ...headers(path),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Flags for Chromium as root on a machine with a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium (playwright-core makes its own user-data-dir). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A new page that records console errors, uncaught exceptions and failed
 * requests into `page.problems` (an array of strings).
 */
export async function newPage(browser, { width = 1280, height = 800 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) =>
    page.problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  page.on('response', (r) => {
    if (r.status() >= 400) page.problems.push(`http ${r.status()}: ${r.url()}`);
  });
  return page;
}

/**
 * Runs axe-core (from node_modules) on the page and returns its violations,
 * each formatted as one readable line. `include` narrows the check to a selector.
 */
export async function axeViolations(page, { include } = {}) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async (include) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(include ? { include: [include] } : document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, include ?? null);
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

/** Saves a full-page screenshot as tests/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The bundle manifest written by `cargo xtask dist` (dist/pkg/manifest.json). */
export async function manifest() {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(join(DIST, 'pkg', 'manifest.json'), 'utf8'));
}

/** Switches the organiser app to the tab with URL hash `slug`. */
export async function gotoTab(page, slug) {
  await page.click(`nav button[data-tab="${slug}"]`);
  await page.waitForFunction((s) => location.hash === '#' + s, slug);
}

/** The officer's files (data/officer): the competition and the workbook. */
export const OFFICER_COMP = join(here, '..', 'data', 'officer', 'competition.json');
export const OFFICER_BOOK = join(here, '..', 'data', 'officer', 'KIPP_Banyumas_2020.xlsx');
