// What every browser suite shares: its command line (--dist, --only), where
// screenshots go, how Chromium is started, and the build check. One copy, so
// the suites cannot drift apart (the Chromium flags especially).
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
// The core's fixture pool, one copy of every test file by origin (SOURCES.md
// there); the page's own examples stay in www/examples.
export const poolPath = (rel) => join(repo, 'crates', 'certscope', 'tests', 'data', rel);
export const pool = (rel) => readFile(poolPath(rel));
// The must-staple chain (scotthelme.co.uk + Let's Encrypt Authority X3) the
// suites paste, its time and its host.
export const MUST_STAPLE_CHAIN = 'real/pyca/must-staple-scotthelme.chain.pem';
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
export const dist = resolve(opt('--dist', join(repo, 'dist')));
/** Runs only the tests whose name contains this (`--only TEXT`). */
export const only = opt('--only', null);
export const artifacts = join(here, 'artifacts');

/** Debian's Chromium, as the guide's flags say: no network of its own. */
export const launchOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  // playwright-core starts Chromium with a fresh temporary profile of its own.
};

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Exits 2 unless dist/ holds `files` (the suite needs a build first). */
export async function requireBuilt(...files) {
  await mkdir(artifacts, { recursive: true });
  try {
    for (const f of files) await stat(join(dist, f));
  } catch {
    console.error(`no ${files.map((f) => `${dist}/${f}`).join(' or ')}: build first (scripts/e2e.sh does)`);
    process.exit(2);
  }
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// ---- the standalone app's page, as a person uses it -------------------------

/** The summary table as { label: { value, badge, badgeText } }, read by row header. */
export async function summary(page) {
  await page.waitForSelector('table.summary-table caption:text-is("Summary")');
  return page.$$eval('table.summary-table tr', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.querySelector('th[scope="row"]').textContent.trim(),
        {
          value: tr.querySelector('td.summary-value').textContent.trim(),
          badge: tr.querySelector('.badge').getAttribute('data-badge'),
          badgeText: tr.querySelector('.badge').textContent.trim(),
        },
      ]),
    ),
  );
}

/** The app, once it has taken over from the page shell: the page arrives
 * with the app's first view as plain HTML (#certscope data-state="shell",
 * www/shell.html), and www/loader.js marks it "app" when the wasm has
 * replaced it. Tests of the app wait for this; the shell's own tests
 * (run.mjs, "the page shell") do not. */
export const APP_READY = '#certscope[data-state="app"] #paste';

export async function paste(page, text) {
  await page.getByLabel('Paste certificates, chains and OCSP responses', { exact: true }).fill(text);
}

export async function setAsOf(page, value) {
  const input = page.getByLabel('As of (UTC)');
  await input.fill(value);
  await input.dispatchEvent('change');
}

/** The line scripts/e2e.sh sums, and the exit status. */
export function finish(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

/** What a test forbids a context's pages to do, recorded as it happens:
 * requests that leave `base` (the app makes no network request) and
 * console errors or uncaught exceptions. */
export function watch(context, base) {
  const foreign = [];
  const errors = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  context.on('page', (p) => {
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(String(e)));
  });
  return { foreign, errors };
}

/** The built page served on a free loopback port, and one Chromium to drive it. */
export async function startPage() {
  await requireBuilt('index.html');
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch(launchOptions);
  return { server, base, browser };
}
