// Browser tests for issue 5's offline and private half: the installable app
// (manifest + service worker) with the network cut, the "checked locally"
// note and its page, and the iframe mode's postMessage origin rule.
//
// Every test gets its own static servers (tests/e2e/serve.mjs), each one an
// origin of its own (127.0.0.1, another port), and a fresh browser context
// that records every request, so "no request leaves the app's origin" is
// asserted over the whole session. Prints "N passed, N failed"; exits 1 on
// any failure. Screenshots go to tests/e2e/artifacts/.
//
//   node tests/e2e/offline.mjs [--dist DIR] [--only NAME]

import { readFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dist = resolve(opt('--dist', join(here, '..', '..', 'dist')));
const only = opt('--only', null);
const artifacts = join(here, 'artifacts');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';

const example = async (name) => (await readFile(join(here, '..', '..', 'www', 'examples', name))).toString();

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** The summary table as { label: { value, badge } }, read by row header. */
async function summary(page) {
  await page.waitForSelector('table.summary-table caption:text-is("Summary")');
  return page.$$eval('table.summary-table tr', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.querySelector('th[scope="row"]').textContent.trim(),
        { value: tr.querySelector('td.summary-value').textContent.trim(), badge: tr.querySelector('.badge').getAttribute('data-badge') },
      ]),
    ),
  );
}

async function setAsOf(page, value) {
  const input = page.getByLabel('As of (UTC)');
  await input.fill(value);
  await input.dispatchEvent('change');
}

async function paste(page, text) {
  await page.getByLabel('Paste certificates, chains and OCSP responses', { exact: true }).fill(text);
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** The must-staple example pasted as text, checked as of its capture day. */
async function pasteMustStaple(page) {
  await setAsOf(page, '2017-10-01T00:00:00');
  await paste(page, await example('must-staple-chain.pem'));
  const rows = await summary(page);
  assert(rows['Certificate'].value.includes('scotthelme.co.uk'), `Certificate: ${rows['Certificate'].value}`);
  assert(/^Yes/.test(rows['OCSP Must Staple'].value), `OCSP Must Staple: ${rows['OCSP Must Staple'].value}`);
  assert(rows['Valid'].badge === 'good', `Valid: ${JSON.stringify(rows['Valid'])}`);
  assert(rows['OCSP Stapling'].badge !== 'good', `OCSP Stapling: ${JSON.stringify(rows['OCSP Stapling'])}`);
  return rows;
}

// ---- the tests -------------------------------------------------------------

const tests = [];
// persistent: a real profile on disk instead of an incognito-like context
// (Chromium refuses to call an app installable in incognito).
const test = (name, fn, { persistent = false } = {}) => tests.push({ name, fn, persistent });

test('installable: manifest served, parsed by Chromium, icons self-hosted', async ({ page, context, app }) => {
  await page.goto(app.origin + '/');
  await page.waitForSelector('#paste', { timeout: 15000 });
  const href = await page.$eval('link[rel="manifest"]', (l) => l.href);
  assert(href === `${app.origin}/manifest.webmanifest`, `manifest link ${href}`);
  const res = await fetch(href);
  assert(res.ok && res.headers.get('content-type').startsWith('application/manifest+json'), `manifest ${res.status} ${res.headers.get('content-type')}`);
  const manifest = JSON.parse(await res.text());
  assert(manifest.start_url === './' && manifest.display === 'standalone' && manifest.short_name === 'certscope', JSON.stringify(manifest));
  const sizes = manifest.icons.map((i) => i.sizes);
  for (const s of ['192x192', '512x512', 'any']) assert(sizes.includes(s), `no ${s} icon in ${sizes}`);
  for (const icon of manifest.icons) {
    const url = new URL(icon.src, href);
    assert(url.origin === app.origin, `icon from elsewhere: ${url}`);
    const r = await fetch(url);
    assert(r.ok && r.headers.get('content-type') === icon.type, `${url}: ${r.status} ${r.headers.get('content-type')}`);
    if (icon.type === 'image/png') {
      const png = Buffer.from(await r.arrayBuffer());
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert(`${w}x${h}` === icon.sizes, `${icon.src} is ${w}x${h}, manifest says ${icon.sizes}`);
    }
  }
  // What Chromium itself makes of it (DevTools' Application > Manifest).
  const cdp = await context.newCDPSession(page);
  const got = await cdp.send('Page.getAppManifest');
  assert(got.url === href, `Chromium found manifest ${got.url}`);
  assert(got.errors.length === 0, `manifest errors: ${JSON.stringify(got.errors)}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  // Chromium's own install criteria (what enables "Install app"): none unmet.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert(installabilityErrors.length === 0, `not installable: ${JSON.stringify(installabilityErrors)}`);
  await shot(page, 'offline-00-installable');
}, { persistent: true });

test('offline: the service worker precaches, the app reloads and checks with the network cut', async ({ page, context, app }) => {
  await page.goto(app.origin + '/');
  await page.waitForSelector('#paste', { timeout: 15000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  // The cache holds exactly the built sw.js's list, and it is complete.
  const sw = await (await fetch(`${app.origin}/sw.js`)).text();
  const assets = JSON.parse(sw.match(/^const ASSETS = (.*);$/m)[1]);
  const version = JSON.parse(sw.match(/^const VERSION = (.*);$/m)[1]);
  assert(/^[0-9a-f]{16}$/.test(version), `cache version ${version}`);
  for (const f of ['./', 'index.html', 'loader.js', 'certscope-app.js', 'certscope-wasm.js', 'style.css', 'manifest.webmanifest', 'privacy.html', 'icons/icon-192.png']) {
    assert(assets.includes(f), `${f} not precached: ${assets}`);
  }
  assert(!assets.some((f) => f.endsWith('.wasm') || f === 'sw.js'), `precached what the page never loads: ${assets}`);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const urls = [];
    for (const k of keys) for (const r of await (await caches.open(k)).keys()) urls.push(r.url);
    return { keys, urls };
  });
  assert(cached.keys.length === 1 && cached.keys[0].endsWith(version), `caches ${cached.keys}`);
  const expected = assets.map((a) => new URL(a, app.origin + '/').href).sort();
  assert(JSON.stringify(cached.urls.sort()) === JSON.stringify(expected), `cache holds ${cached.urls}`);

  // Cut the network for real: the server is gone and the browser is offline.
  await app.stop();
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#paste', { timeout: 15000 });
  assert(await page.evaluate(() => navigator.onLine) === false, 'browser still online');
  await pasteMustStaple(page);
  await page.locator('.privacy-note', { hasText: 'Checked locally — nothing was uploaded.' }).waitFor();
  await shot(page, 'offline-01-reloaded');
  // The note's explanation opens offline too, in a new tab.
  const [privacy] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /How this is enforced/ }).click()]);
  await privacy.waitForLoadState();
  assert((await privacy.locator('h1').textContent()).includes('nothing is uploaded'), 'privacy page did not open offline');
  assert((await privacy.content()).includes("connect-src 'none'"), 'privacy page does not explain the CSP');
  await shot(privacy, 'offline-02-privacy');
  // A second, brand-new tab of the installed app also starts offline.
  const another = await context.newPage();
  await another.goto(app.origin + '/');
  await another.waitForSelector('#paste', { timeout: 15000 });
  await another.getByRole('button', { name: 'Broken chain' }).click();
  const rows = await summary(another);
  assert(rows['Chain Issues'].badge !== 'good', `Chain Issues: ${JSON.stringify(rows['Chain Issues'])}`);
});

test('a new build replaces the old cache', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  await page.waitForSelector('#paste', { timeout: 15000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const before = await page.evaluate(() => caches.keys());
  // "Rebuild": the same files, a different hash in sw.js.
  const sw = (await readFile(join(dist, 'sw.js'), 'utf8')).replace(/^const VERSION = .*;$/m, 'const VERSION = "0123456789abcdef";');
  app.files.set('/sw.js', { body: sw, type: 'text/javascript' });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    return keys.length === 1 && keys[0].endsWith('0123456789abcdef');
  }, null, { timeout: 15000, polling: 200 });
  assert(before.length === 1 && !before[0].endsWith('0123456789abcdef'), `old caches ${before}`);
  await page.reload();
  await pasteMustStaple(page);
});

test('the app says it checks locally and links to how', async ({ page, app, tolerate }) => {
  await page.goto(app.origin + '/');
  await page.waitForSelector('#paste', { timeout: 15000 });
  const note = page.locator('.privacy-note');
  await note.waitFor();
  assert(await note.isVisible(), 'note not visible');
  assert((await note.textContent()).includes('Checked locally — nothing was uploaded.'), await note.textContent());
  const href = await note.locator('a').getAttribute('href');
  assert(href === 'privacy.html', `note links to ${href}`);
  await page.goto(`${app.origin}/privacy.html`);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert(csp.includes("connect-src 'none'"), `privacy.html CSP: ${csp}`);
  assert((await page.$$('script')).length === 0, 'privacy.html runs script');
  // The page's own claim, checked: a fetch is refused (and Chromium logs why).
  tolerate.push(/https:\/\/example\.com\/.*(Content Security Policy|"connect-src 'none'")/);
  const refused = await page.evaluate(() => fetch('https://example.com/').then(() => false, () => true));
  assert(refused, 'fetch was not refused');
});

// ---- runner ------------------------------------------------------------------

await mkdir(artifacts, { recursive: true });
try {
  await stat(join(dist, 'sw.js'));
} catch {
  console.error(`no ${dist}/sw.js: build first (scripts/e2e.sh does)`);
  process.exit(2);
}
const launchOptions = {
  executablePath: browserPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};
const browser = await chromium.launch(launchOptions);

let passed = 0;
let failed = 0;
for (const t of tests) {
  if (only && !t.name.includes(only)) continue;
  // Fresh servers per test: one test cuts its network, and service workers
  // are per origin, so no test may see another's registration.
  const app = await serve(dist);
  const profile = t.persistent ? await mkdtemp(join(tmpdir(), 'certscope-e2e-')) : null;
  const context = profile ? await chromium.launchPersistentContext(profile, launchOptions) : await browser.newContext();
  const outside = [];
  const errors = [];
  const allowed = [app.origin];
  const tolerate = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!allowed.some((o) => u.startsWith(o + '/')) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  const watch = (p) => {
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(String(e)));
  };
  context.on('page', watch);
  const page = await context.newPage();
  const started = Date.now();
  try {
    await t.fn({ page, context, app, allowed, tolerate });
    assert(outside.length === 0, `requests left the app's origin: ${outside.join(', ')}`);
    const unexpected = errors.filter((e) => !tolerate.some((re) => re.test(e)));
    assert(unexpected.length === 0, `console errors: ${unexpected.join(' | ')}`);
    passed++;
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}\n     ${String(e.message || e).split('\n').join('\n     ')}`);
    await page.screenshot({ path: join(artifacts, `failed-offline-${t.name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true }).catch(() => {});
  }
  await context.close();
  await app.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
