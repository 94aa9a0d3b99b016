// The widget pages in Firefox ESR (Debian's firefox-esr, driven over
// WebDriver BiDi by puppeteer-core): the nominee list, the dialog by
// keyboard, the ranking and its what-if, the dark theme, the frame page.
// Chromium covers the rest; these are the behaviours where browsers
// differ (dialog, shadow DOM styles, module scripts with SRI, wasm).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { SCREENSHOTS, serve } from './helpers.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
let site;
let browser;

before(async () => {
  assert.ok(existsSync(FIREFOX), `${FIREFOX} is missing: cargo xtask setup installs firefox-esr`);
  site = await serve();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'kipp-firefox-')),
    extraPrefsFirefox: {
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
    },
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path, width = 1280) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.setViewport({ width, height: 900 });
  await page.goto(site.url + path);
  return { page, problems };
}

async function ready(page, sel) {
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.browser, .ranking, .notice-error'),
    { timeout: 30000 },
    sel,
  );
}

test('Firefox: the nominee widgets render; the dialog opens by keyboard and closes with Escape', async () => {
  const { page, problems } = await open('widget/');
  await ready(page, '#cards');
  const items = await page.evaluate(() => document.querySelector('#cards').shadowRoot.querySelectorAll('li.item').length);
  assert.equal(items, 12);
  await page.evaluate(() => document.querySelector('#cards').shadowRoot.querySelector('li.item button.open').focus());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#cards').shadowRoot.querySelector('dialog[open]'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#cards').shadowRoot.querySelector('dialog[open]'));
  await page.screenshot({ path: join(SCREENSHOTS, 'firefox-widget-1280.png'), fullPage: true });
  assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  await page.close();
});

test('Firefox: the ranking re-ranks when a weight moves', async () => {
  const { page } = await open('widget/ranking.html');
  await ready(page, '#sim');
  const before = await page.evaluate(() =>
    [...document.querySelector('#sim').shadowRoot.querySelectorAll('tbody tr .title')].map((t) => t.textContent));
  assert.ok(before.length > 5);
  await page.evaluate(() => {
    const s = document.querySelector('#sim').shadowRoot.querySelector('input[type=range]');
    s.value = s.min;
    s.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('#sim').shadowRoot.querySelector('.banner'));
  await page.close();
});

test('Firefox: dark theme and 375 px', async () => {
  const { page } = await open('widget/dark.html', 375);
  await ready(page, '#nominees');
  assert.equal(await page.evaluate(() => document.querySelector('#nominees').getAttribute('data-kipp-scheme')), 'dark');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no horizontal scroll (${width})`);
  await page.screenshot({ path: join(SCREENSHOTS, 'firefox-dark-375.png'), fullPage: true });
  await page.close();
});
