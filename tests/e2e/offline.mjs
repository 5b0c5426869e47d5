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

import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { MUST_STAPLE_CHAIN, APP_READY, artifacts, assert, dist, finish, here, launchOptions, only, paste, pool, requireBuilt, setAsOf, shot, summary } from './harness.mjs';

const example = async (name) => (await readFile(join(here, '..', '..', 'www', 'examples', name))).toString();
const mustStaple = async () => (await pool(MUST_STAPLE_CHAIN)).toString();

/** The must-staple example pasted as text, checked as of its capture day. */
async function pasteMustStaple(page) {
  await setAsOf(page, '2017-10-01T00:00:00');
  await paste(page, await mustStaple());
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
  await page.waitForSelector(APP_READY, { timeout: 15000 });
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
  await page.waitForSelector(APP_READY, { timeout: 15000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  // The cache holds exactly the built sw.js's list, and it is complete.
  const sw = await (await fetch(`${app.origin}/sw.js`)).text();
  const assets = JSON.parse(sw.match(/^const ASSETS = (.*);$/m)[1]);
  const version = JSON.parse(sw.match(/^const VERSION = (.*);$/m)[1]);
  assert(/^[0-9a-f]{16}$/.test(version), `cache version ${version}`);
  for (const f of ['./', 'index.html', 'loader.js', 'certscope-app.js', 'certscope-wasm.js', 'style.css', 'manifest.webmanifest', 'privacy.html', 'icons/icon-192.png']) {
    assert(assets.includes(f), `${f} not precached: ${assets}`);
  }
  for (const f of ['embed.html', 'embed-frame.js', 'certscope-embed.js', 'certscope-embed.css']) assert(assets.includes(f), `${f} not precached`);
  assert(!assets.some((f) => f.endsWith('.wasm') || f === 'sw.js' || f.startsWith('embed-demo.')), `precached what no page of the app loads: ${assets}`);
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
  await page.waitForSelector(APP_READY, { timeout: 15000 });
  assert(await page.evaluate(() => navigator.onLine) === false, 'browser still online');
  await pasteMustStaple(page);
  await page.locator('.privacy-note', { hasText: 'Checked locally — nothing was uploaded.' }).waitFor();
  assert((await page.locator('.update-notice').count()) === 0, 'an update notice on the first install');
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
  await another.waitForSelector(APP_READY, { timeout: 15000 });
  await another.getByRole('button', { name: 'Broken chain' }).click();
  const rows = await summary(another);
  assert(rows['Chain Issues'].badge !== 'good', `Chain Issues: ${JSON.stringify(rows['Chain Issues'])}`);
});

test('a new build replaces the old cache', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  await page.waitForSelector(APP_READY, { timeout: 15000 });
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
  // The open page ran the old build: it says so, and its button reloads.
  const notice = page.getByRole('status').filter({ hasText: 'A new version of certscope is ready.' });
  await notice.waitFor();
  await shot(page, 'offline-03-update-notice');
  await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload' }).click()]);
  await page.waitForSelector(APP_READY, { timeout: 15000 });
  assert((await page.locator('.update-notice').count()) === 0, 'update notice after the reload');
  await pasteMustStaple(page);
});

test('the app says it checks locally and links to how', async ({ page, app, tolerate }) => {
  await page.goto(app.origin + '/');
  await page.waitForSelector(APP_READY, { timeout: 15000 });
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

// ---- the iframe mode (embed.html) --------------------------------------------
//
// The app (dist/) is origin B. A support page on origin A embeds
// B/embed.html in an iframe; origin C is any other site. A and C serve only
// the small test pages below. parent.js records every message the parent
// window receives.

const PARENT_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; img-src data:; frame-src *">
<link rel="icon" href="data:,"><title>A support article</title><script src="parent.js"></script></head>
<body><h1>Check your certificate</h1></body></html>`;
const PARENT_JS = `// ?frame=URL embeds the inspector; ?sibling=URL adds another frame beside it.
window.messages = [];
addEventListener('message', (e) => {
  const inspector = document.getElementById('inspector');
  messages.push({ origin: e.origin, data: e.data, fromInspector: !!inspector && e.source === inspector.contentWindow });
});
addEventListener('DOMContentLoaded', () => {
  const q = new URLSearchParams(location.search);
  for (const [id, url] of [['inspector', q.get('frame')], ['sibling', q.get('sibling')]]) {
    if (!url) continue;
    const f = document.createElement('iframe');
    f.id = id; f.src = url; f.width = 900; f.height = 700; f.title = id;
    document.body.append(f);
  }
});`;
const SIBLING_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>sibling</title></head><body>sibling</body></html>';

/** Origins A and C: small servers for the parent and sibling pages. */
async function sites(ctx) {
  const files = {
    '/parent.html': { body: PARENT_HTML, type: 'text/html; charset=utf-8' },
    '/parent.js': { body: PARENT_JS, type: 'text/javascript' },
    '/sibling.html': { body: SIBLING_HTML, type: 'text/html; charset=utf-8' },
  };
  const a = await serve(ctx.empty, { files });
  const c = await serve(ctx.empty, { files });
  ctx.cleanup.push(() => a.stop(), () => c.stop());
  ctx.allowed.push(a.origin, c.origin);
  return { A: a.origin, C: c.origin };
}

async function openParent(page, A, frameUrl, siblingUrl) {
  let url = `${A}/parent.html?frame=${encodeURIComponent(frameUrl)}`;
  if (siblingUrl) url += `&sibling=${encodeURIComponent(siblingUrl)}`;
  await page.goto(url);
  await page.waitForSelector('#inspector');
  const frame = await (await page.$('#inspector')).contentFrame();
  await frame.waitForLoadState();
  // The frame's own view of its inspector: every report event it fires.
  // Mounted (the wasm runs), so a message the frame wrongly took would show
  // within settle()'s wait instead of being queued until later.
  await frame.waitForFunction(() => document.querySelector('certscope-inspector')?.shadowRoot?.querySelector('textarea'), null, { timeout: 15000 });
  await frame.evaluate(() => {
    window.__reports = [];
    document.querySelector('certscope-inspector').addEventListener('certscope-report', (e) => window.__reports.push(e.detail));
  });
  return frame;
}

const messages = (page) => page.evaluate(() => window.messages);
const reportsIn = (frame) => frame.evaluate(() => window.__reports.length);
const settle = (page) => page.waitForTimeout(1500);
const sendInspect = (page, text, target) =>
  page.evaluate(([text, target]) => document.getElementById('inspector').contentWindow.postMessage({ type: 'certscope-inspect', text }, target), [text, target]);

function assertMustStapleReport(report) {
  assert(report && report.schema_version === 3, `not a report: ${JSON.stringify(report).slice(0, 200)}`);
  const rows = Object.fromEntries(report.summary.rows.map((r) => [r.label, r]));
  assert(rows['Certificate'].value.includes('scotthelme.co.uk'), `Certificate: ${rows['Certificate'].value}`);
  assert(/^Yes/.test(rows['OCSP Must Staple'].value), `OCSP Must Staple: ${JSON.stringify(rows['OCSP Must Staple'])}`);
  assert(report.summary.must_staple === true && report.summary.verdict === 'error', `summary: ${JSON.stringify(report.summary)}`);
  assert(report.findings.some((f) => f.code === 'must-staple-without-ocsp'), `codes: ${report.findings.map((f) => f.code)}`);
  assert(report.as_of === '2017-10-01T00:00:00Z', `as_of ${report.as_of}`);
}

test('iframe: the named parent origin receives the report and can send input', async ({ page, app, ctx }) => {
  const { A, C } = await sites(ctx);
  // results-to in the query is not taken: only the named origin is who the results go to.
  const query = `compact&theme=dark&host=scotthelme.co.uk&as-of=2017-10-01T00:00:00Z&heading-level=4&results-to=${encodeURIComponent(C)}`;
  const frame = await openParent(page, A, `${app.origin}/embed.html?${query}&origin=${A}`);
  await page.waitForFunction(() => messages.some((m) => m.data.type === 'certscope-ready'), null, { timeout: 15000 });
  // The query became the element's attributes (every one the element has: www/certscope-embed.js, ATTRIBUTES).
  const attrs = await frame.evaluate(() => {
    const el = document.querySelector('certscope-inspector');
    return {
      compact: el.hasAttribute('compact'),
      theme: el.shadowRoot.querySelector('.certscope')?.dataset.theme,
      host: el.getAttribute('host'),
      headingLevel: el.getAttribute('heading-level'),
      resultsTo: el.getAttribute('results-to'),
    };
  });
  assert(attrs.compact && attrs.theme === 'dark' && attrs.host === 'scotthelme.co.uk', `attributes ${JSON.stringify(attrs)}`);
  assert(attrs.headingLevel === '4', `heading-level from the query: ${attrs.headingLevel}`);
  assert(attrs.resultsTo === A, `results-to is the named origin, not the query's: ${attrs.resultsTo}`);
  await sendInspect(page, await mustStaple(), app.origin);
  await page.waitForFunction(() => messages.some((m) => m.data.type === 'certscope-report' && m.data.report?.certificates?.length), null, { timeout: 15000 });
  const got = await messages(page);
  for (const m of got) assert(m.origin === app.origin && m.fromInspector, `message from ${m.origin} (inspector: ${m.fromInspector})`);
  assert(got.filter((m) => m.data.type === 'certscope-ready').length === 1, 'certscope-ready not posted exactly once');
  const reports = got.filter((m) => m.data.type === 'certscope-report').map((m) => m.data.report);
  assertMustStapleReport(reports.at(-1));
  assert(reports.at(-1).host === 'scotthelme.co.uk' && reports.at(-1).summary.rows.some((r) => r.id === 'host-name' && r.badge === 'good'), 'host= not applied');
  const heights = got.filter((m) => m.data.type === 'certscope-height').map((m) => m.data.height);
  assert(heights.length > 0 && heights.every((h) => Number.isInteger(h) && h > 0), `heights ${heights}`);
  // The content's height, not the frame's (700 px): it grows with the report.
  assert(heights.at(-1) > heights[0] && heights.at(-1) > 700, `heights ${heights}`);
  // What the person sees in the frame agrees with what the parent got.
  assert((await reportsIn(frame)) >= 1, 'the frame fired no report');
  const inFrame = await frame.evaluate(() => document.querySelector('certscope-inspector').report);
  assert(JSON.stringify(inFrame) === JSON.stringify(reports.at(-1)), 'the posted report is not the element\'s report');
  const heading = await frame.evaluate(() => document.querySelector('certscope-inspector').shadowRoot.querySelector('#summary-heading')?.tagName);
  assert(heading === 'H4', `summary heading ${heading} with heading-level=4 in the query`);
  await shot(page, 'iframe-01-reported');
  await page.locator('#inspector').screenshot({ path: join(artifacts, 'iframe-01-frame.png') });
  // What the frame downloaded: exactly the iframe's files (docs/performance.md).
  const fetched = [...new Set(ctx.requests.filter((u) => u.startsWith(app.origin + '/')).map((u) => new URL(u).pathname))].sort();
  const expected = ['/certscope-app.js', '/certscope-boot.js', '/certscope-embed.css', '/certscope-embed.js', '/certscope-wasm.js', '/embed-frame.js', '/embed.html'];
  assert(JSON.stringify(fetched) === JSON.stringify(expected), `the frame fetched ${fetched}`);
  // A second input: another report follows.
  const before = reports.length;
  await sendInspect(page, await example('broken-chain.pem'), app.origin);
  await page.waitForFunction((n) => messages.filter((m) => m.data.type === 'certscope-report').length > n, before, { timeout: 15000 });
  const last = (await messages(page)).filter((m) => m.data.type === 'certscope-report').at(-1).data.report;
  assert(last.findings.some((f) => f.code === 'issuer-missing'), `codes: ${last.findings.map((f) => f.code)}`);
});

test('iframe: a frame that names another origin posts nothing to this parent and ignores it', async ({ page, app, ctx }) => {
  const { A, C } = await sites(ctx);
  const frame = await openParent(page, A, `${app.origin}/embed.html?as-of=2017-10-01T00:00:00Z&origin=${C}`);
  // From A, which the frame did not name: ignored.
  await sendInspect(page, await mustStaple(), app.origin);
  await settle(page);
  assert((await reportsIn(frame)) === 0, 'the frame took input from an origin it did not name');
  // The frame does produce reports (typed into it), yet A receives nothing.
  await frame.evaluate((text) => document.querySelector('certscope-inspector').inspect(text), await mustStaple());
  await frame.waitForFunction(() => window.__reports.length > 0, null, { timeout: 15000 });
  await settle(page);
  const got = await messages(page);
  assert(got.length === 0, `the parent received ${JSON.stringify(got.map((m) => [m.origin, m.data.type]))}`);
  await shot(page, 'iframe-02-other-origin');
});

test('iframe: without origin= it posts nothing and accepts nothing', async ({ page, app, ctx }) => {
  const { A } = await sites(ctx);
  const frame = await openParent(page, A, `${app.origin}/embed.html?compact`);
  await sendInspect(page, await example('broken-chain.pem'), '*');
  await settle(page);
  assert((await reportsIn(frame)) === 0, 'the frame took input without naming an origin');
  await frame.evaluate((text) => document.querySelector('certscope-inspector').inspect(text), await example('broken-chain.pem'));
  await frame.waitForFunction(() => window.__reports.length > 0, null, { timeout: 15000 });
  await settle(page);
  assert((await messages(page)).length === 0, 'the parent received a message');
});

test('iframe: only the parent window of the named origin is heard', async ({ page, app, ctx }) => {
  const { A, C } = await sites(ctx);
  const text = await mustStaple();
  // A sibling frame on the named origin A: right origin, wrong window.
  let frame = await openParent(page, A, `${app.origin}/embed.html?as-of=2017-10-01T00:00:00Z&origin=${A}`, `${A}/sibling.html`);
  const sibling = await (await page.$('#sibling')).contentFrame();
  await sibling.evaluate(([text, target]) => parent.frames[0].postMessage({ type: 'certscope-inspect', text }, target), [text, app.origin]);
  await settle(page);
  assert((await reportsIn(frame)) === 0, 'the frame took input from a sibling window on the named origin');
  // A sibling frame on origin C.
  await page.goto('about:blank');
  frame = await openParent(page, A, `${app.origin}/embed.html?as-of=2017-10-01T00:00:00Z&origin=${A}`, `${C}/sibling.html`);
  const other = await (await page.$('#sibling')).contentFrame();
  await other.evaluate(([text, target]) => parent.frames[0].postMessage({ type: 'certscope-inspect', text }, target), [text, app.origin]);
  await settle(page);
  assert((await reportsIn(frame)) === 0, 'the frame took input from a sibling on another origin');
  // Malformed messages from the right window are ignored too.
  await page.evaluate((target) => {
    const w = document.getElementById('inspector').contentWindow;
    w.postMessage({ type: 'certscope-inspect', text: 42 }, target);
    w.postMessage({ type: 'certscope-other', text: 'x' }, target);
    w.postMessage('certscope-inspect', target);
  }, app.origin);
  await settle(page);
  assert((await reportsIn(frame)) === 0, 'a malformed message was taken as input');
  // The control: the same message from the parent itself works.
  await sendInspect(page, text, app.origin);
  await frame.waitForFunction(() => window.__reports.length > 0, null, { timeout: 15000 });
});

test('iframe: whenever it posts, the frame says "Results go to" that origin, and its note does not claim nothing leaves', async ({ page, app, ctx }) => {
  const { A } = await sites(ctx);
  let frame = await openParent(page, A, `${app.origin}/embed.html?compact&origin=${A}`);
  const line = frame.locator('body > p.results-to');
  assert((await line.textContent()) === `Results go to ${A}`, `line: ${await line.textContent()}`);
  assert(await line.isVisible(), 'the results line is not visible');
  // Above the inspector, so it is read first and never scrolled out by a long report.
  assert(await frame.evaluate(() => {
    const line = document.querySelector('.results-to');
    return !!(line.compareDocumentPosition(document.querySelector('certscope-inspector')) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), 'the line is not above the inspector');
  const note = frame.locator('certscope-inspector .privacy-note');
  const text = await note.textContent();
  assert(text.includes(`Results go to ${A}.`) && !/nothing was uploaded/i.test(text), `note: ${text}`);
  // Nowhere in the inspector does it say nothing leaves.
  const claims = await frame.evaluate(() => document.querySelector('certscope-inspector').shadowRoot.textContent.match(/nothing (is|was) uploaded/gi));
  assert(claims === null, `the frame still claims ${claims}`);
  await page.locator('#inspector').screenshot({ path: join(artifacts, 'iframe-03-results-to.png') });
  // Without origin= nothing is posted, and the note says so as before.
  await page.goto('about:blank');
  frame = await openParent(page, A, `${app.origin}/embed.html?compact`);
  assert((await frame.locator('.results-to').count()) === 0, 'a results line without origin=');
  assert((await frame.locator('certscope-inspector .privacy-note').textContent()).includes('Checked locally — nothing was uploaded.'), 'note without origin=');
  // Opened on its own (no parent), it posts nowhere either: no line.
  await page.goto(`${app.origin}/embed.html?origin=${A}`);
  await page.waitForFunction(() => document.querySelector('certscope-inspector')?.shadowRoot?.querySelector('.privacy-note'), null, { timeout: 15000 });
  assert((await page.locator('.results-to').count()) === 0, 'a results line in a top-level embed.html');
});

test('iframe: origin= must be exactly scheme://host[:port]', async ({ page, app, ctx }) => {
  const { A } = await sites(ctx);
  const frame = await openParent(page, A, `${app.origin}/embed.html?origin=*`);
  const verdicts = await frame.evaluate(async ([A]) => {
    const { namedOrigin } = await import('./embed-frame.js');
    const cases = ['*', 'null', '', `${A}/`, `${A}/parent.html`, `${A}?x`, A.toUpperCase(), 'https://example.com:443', 'https://user@example.com',
      'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'example.com', 'https://*.example.com', A, 'https://help.example.com', 'http://localhost:8080'];
    return cases.map((c) => [c, namedOrigin(c)]);
  }, [A]);
  for (const [value, named] of verdicts) {
    const ok = [A, 'https://help.example.com', 'http://localhost:8080'].includes(value);
    assert(named === (ok ? value : null), `namedOrigin(${JSON.stringify(value)}) = ${JSON.stringify(named)}`);
  }
  // ?origin=* in practice: the frame reports, the parent hears nothing.
  await frame.evaluate((text) => document.querySelector('certscope-inspector').inspect(text), await example('broken-chain.pem'));
  await frame.waitForFunction(() => window.__reports.length > 0, null, { timeout: 15000 });
  await settle(page);
  assert((await messages(page)).length === 0, 'origin=* leaked a message');
});

// ---- runner ------------------------------------------------------------------

await requireBuilt('sw.js');
const browser = await chromium.launch(launchOptions);
// The root of the parent/sibling sites: nothing but their in-memory pages.
const empty = await mkdtemp(join(tmpdir(), 'certscope-e2e-site-'));

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
  const requests = [];
  const allowed = [app.origin];
  const tolerate = [];
  const ctx = { allowed, cleanup: [], empty, requests };
  context.on('request', (r) => {
    const u = r.url();
    requests.push(u);
    if (!allowed.some((o) => u.startsWith(o + '/')) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  const watch = (p) => {
    p.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} (${m.location().url})`));
    p.on('pageerror', (e) => errors.push(String(e)));
  };
  context.on('page', watch);
  const page = await context.newPage();
  const started = Date.now();
  try {
    await t.fn({ page, context, app, allowed, tolerate, ctx });
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
  for (const stop of ctx.cleanup) await stop();
  if (profile) await rm(profile, { recursive: true, force: true });
}
await browser.close();
await rm(empty, { recursive: true, force: true });
finish(passed, failed);
