// Browser tests for the <certscope-inspector> embed (issue 5).
//
// Serves dist/ (tests/e2e/serve.mjs) and drives Debian's Chromium with
// playwright-core, as run.mjs does. The main page is www/embed-demo.html, a
// support article with two inspectors under a strict CSP. Checks: both
// instances start; pasting into one fills its summary (rows read by header)
// and leaves the other alone; the certscope-report event carries the
// report (the CLI's --json, compared with the CLI itself when it is built);
// inspect() and value work from the host page; attribute changes apply;
// Yew's event delegation works inside the shadow root (clicks, typing);
// the host page's URL is never touched; hostile host CSS (`* { all: unset }`,
// huge font sizes) does not break it; every asset loads once for two
// instances and nothing else is requested. Prints "N passed, N failed";
// exits 1 on any failure. Screenshots go to tests/e2e/artifacts/embed-*.png.
//
//   node tests/e2e/embed.mjs [--dist DIR] [--only NAME]
//   (CERTSCOPE_CLI=path/to/certscope to compare with a given CLI binary)

import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import * as harness from './harness.mjs';
import { MUST_STAPLE_CHAIN, artifacts, assert, dist, finish, launchOptions, only, pool, poolPath, repo, requireBuilt } from './harness.mjs';
const examplePath = (name) => join(repo, 'www', 'examples', name);
const example = async (name) => (await readFile(examplePath(name))).toString();

// The must-staple example: scotthelme.co.uk (OCSP Must-Staple) + Let's Encrypt X3, no staple.
const MUST_STAPLE_AT = '2017-10-01T00:00:00Z';
const MUST_STAPLE_HOST = 'scotthelme.co.uk';

const DEMO_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'none'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";


/** The CLI's --json for a file, or null when no CLI binary is built. */
function cliJson(file, at, host) {
  const candidates = [process.env.CERTSCOPE_CLI, join(repo, 'target', 'debug', 'certscope'), join(repo, 'target', 'release', 'certscope')];
  const cli = candidates.find((c) => c && existsSync(c));
  if (!cli) return null;
  let out;
  try {
    out = execFileSync(cli, ['--json', '--at', at, '--host', host, file], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout; // exit status 1 = an error finding, still a report
  }
  return JSON.parse(out);
}

// ---- helpers ---------------------------------------------------------------

const inspector = (page, id) => page.locator(`certscope-inspector#${id}`);

/** An instance's summary table as { label: { value, badge } }; Playwright's locators pierce open shadow roots. */
async function summary(el) {
  await el.locator('table.summary-table caption', { hasText: 'Summary' }).waitFor();
  const rows = el.locator('table.summary-table tr');
  const out = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const tr = rows.nth(i);
    out[(await tr.locator('th[scope="row"]').textContent()).trim()] = {
      value: (await tr.locator('td.summary-value').textContent()).trim(),
      badge: await tr.locator('.badge').getAttribute('data-badge'),
    };
  }
  return out;
}

async function findingCodes(el) {
  return el.locator('.findings-list > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
}

/** Starts recording `certscope-report` events of every inspector on the page (on the document: they are composed). */
async function recordEvents(page) {
  await page.evaluate(() => {
    window.__reports = [];
    document.addEventListener('certscope-report', (e) => window.__reports.push({ id: e.target.id, detail: e.detail, composed: e.composed, bubbles: e.bubbles }));
  });
}
const events = (page) => page.evaluate(() => window.__reports);
async function waitForEvents(page, n) {
  await page.waitForFunction((n) => window.__reports.length >= n, n, { timeout: 15000 });
  return events(page);
}

async function started(el) {
  await el.getByLabel('Paste certificates, chains and OCSP responses', { exact: true }).waitFor({ timeout: 15000 });
}

const shot = (page, name) => harness.shot(page, `embed-${name}`);

/** The must-staple example through the element's own API, as of its capture day. */
async function inspectMustStaple(el) {
  await el.evaluate((e, [pem, at]) => {
    e.setAttribute('as-of', at);
    e.inspect(pem);
  }, [(await pool(MUST_STAPLE_CHAIN)).toString(), MUST_STAPLE_AT]);
  await summary(el);
}

// ---- the tests -------------------------------------------------------------

const tests = [];
const test = (name, fn, path = 'embed-demo.html') => tests.push({ name, fn, path });

test('demo article: two inspectors start under the strict CSP', async ({ page, base }) => {
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert(csp === DEMO_CSP, `CSP: ${csp}`);
  assert((await page.$$('script:not([src])')).length === 0, 'inline script on the host page');
  for (const id of ['inspector-main', 'inspector-compact']) {
    const el = inspector(page, id);
    await started(el);
    const mode = await el.evaluate((e) => e.shadowRoot && e.shadowRoot.mode);
    assert(mode === 'open', `${id}: shadow root ${mode}`);
    const styles = await el.evaluate((e) => ({
      inline: e.shadowRoot.querySelectorAll('style, [style]').length,
      links: [...e.shadowRoot.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname),
    }));
    assert(styles.inline === 0, `${id}: inline styles in the shadow root`);
    assert(styles.links.length === 1 && styles.links[0].endsWith('/certscope-embed.css'), `${id}: links ${styles.links}`);
    assert((await el.locator('.summary-table').count()) === 0, `${id}: a report before any input`);
    assert((await el.getByRole('button', { name: 'Copy permalink' }).count()) === 0, `${id}: permalink button in an embed`);
    // The "Checked locally" note links to certscope's own privacy.html, not the host page's directory.
    const href = await el.locator('.privacy-note a').getAttribute('href');
    assert(href === `${base}privacy.html`, `${id}: privacy link ${href}`);
  }
  // The article's own text is the host page's, outside any shadow root.
  assert((await page.locator('h1').textContent()) === 'How to enable OCSP stapling', 'article heading');
  assert((await page.locator('#certscope').count()) === 0, 'a stray standalone app on the host page');
  await shot(page, '01-article');
});

test('paste into one instance: its summary fills, the other stays empty, the event carries the report', async ({ page }) => {
  await recordEvents(page);
  const main = inspector(page, 'inspector-main');
  const compact = inspector(page, 'inspector-compact');
  await started(main);
  await started(compact);
  await main.evaluate((e, [at, host]) => {
    e.setAttribute('as-of', at);
    e.setAttribute('host', host);
  }, [MUST_STAPLE_AT, MUST_STAPLE_HOST]);
  const pem = (await pool(MUST_STAPLE_CHAIN)).toString();
  // Typed into the shadow root's textarea: Yew's delegated `input` listener must see it.
  await main.getByLabel('Paste certificates, chains and OCSP responses', { exact: true }).fill(pem);
  const rows = await summary(main);
  assert(rows['Certificate'].value.includes('scotthelme.co.uk'), `Certificate: ${rows['Certificate'].value}`);
  assert(/^Yes/.test(rows['OCSP Must Staple'].value), `OCSP Must Staple: ${JSON.stringify(rows['OCSP Must Staple'])}`);
  assert(rows['Host Name'] && rows['Host Name'].badge === 'good', `Host Name: ${JSON.stringify(rows['Host Name'])}`);
  assert('Chain Issues' in rows && 'Valid' in rows && rows['Valid'].badge === 'good', `rows: ${JSON.stringify(rows)}`);
  const codes = await findingCodes(main);
  assert(codes.includes('must-staple-without-ocsp'), `codes ${codes}`);
  // The other instance is untouched.
  assert((await compact.locator('.summary-table').count()) === 0, 'the compact instance got a report');
  assert((await compact.getByLabel('Paste certificates, chains and OCSP responses', { exact: true }).inputValue()) === '', 'the compact instance got the paste');
  // The event: one per changed report, from the main instance, composed and bubbling, detail = the JSON report.
  const list = await waitForEvents(page, 1);
  await page.waitForTimeout(400);
  const all = await events(page);
  assert(all.every((e) => e.id === 'inspector-main'), `events from ${all.map((e) => e.id)}`);
  const last = all[all.length - 1];
  assert(last.composed && last.bubbles, 'event not composed/bubbling');
  const report = last.detail;
  assert(report.schema_version === 3, `schema_version ${report.schema_version}`);
  assert(report.as_of === MUST_STAPLE_AT && report.host === MUST_STAPLE_HOST, `as_of ${report.as_of}, host ${report.host}`);
  assert(report.summary.verdict === 'error', `verdict ${report.summary.verdict}`);
  assert(report.summary.must_staple === true, 'summary.must_staple');
  assert(report.ocsp === null, 'ocsp should be null without a staple');
  const jsonCodes = report.findings.map((f) => f.code);
  assert(JSON.stringify(jsonCodes) === JSON.stringify(codes), `event codes ${jsonCodes} != page ${codes}`);
  for (const [label, row] of Object.entries(rows)) {
    const r = report.summary.rows.find((x) => x.label === label);
    assert(r && r.value === row.value, `row ${label}: event ${JSON.stringify(r)} vs page ${row.value}`);
  }
  // element.report is the very object the event carried, not a copy.
  assert(await main.evaluate((e) => e.report === window.__reports.at(-1).detail), 'element.report is not the event\'s detail');
  const cli = cliJson(poolPath(MUST_STAPLE_CHAIN), MUST_STAPLE_AT, MUST_STAPLE_HOST);
  if (cli) {
    // All of it, but the input's name (in inputs and in each object's source):
    // the CLI names its file, a paste has no name.
    const inputNames = new Set([...cli.inputs, ...report.inputs].map((i) => i.name));
    const unnamed = (r) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'name' && inputNames.has(v) ? undefined : v)));
    const [fromCli, fromPage] = [unnamed(cli), unnamed(report)];
    for (const k of Object.keys(fromCli)) {
      assert(JSON.stringify(fromCli[k]) === JSON.stringify(fromPage[k]), `report.${k} differs from the CLI's --json`);
    }
    assert(JSON.stringify(Object.keys(report)) === JSON.stringify(Object.keys(cli)), `keys ${Object.keys(report)}`);
    console.log('     (event report equals the CLI\'s --json, but for the input\'s name)');
  } else {
    console.log('     (no CLI binary in target/: compared with known facts only)');
  }
  assert(list.length === 1 && all.length === 1, `${all.length} events for one paste (as-of and host were set while empty)`);
  // The ticket box on the article is filled by the page's own listener.
  const ticket = await page.locator('#ticket-status').textContent();
  assert(ticket.includes('scotthelme.co.uk') && ticket.includes('must-staple-without-ocsp'), `ticket: ${ticket}`);
  assert((await page.evaluate(() => location.hash)) === '', 'the embed touched the host page URL');
  await shot(page, '02-pasted');
});

test('inspect() and value from the host page; an unchanged report sends no event', async ({ page }) => {
  await recordEvents(page);
  const compact = inspector(page, 'inspector-compact');
  await started(compact);
  const pem = await example('broken-chain.pem');
  await compact.evaluate((e, [pem]) => {
    e.setAttribute('as-of', '2025-03-15T12:00:00Z');
    e.inspect(pem);
  }, [pem]);
  const rows = await summary(compact);
  assert(rows['Chain Issues'].badge !== 'good' && rows['Chain Issues'].value !== 'None', `Chain Issues: ${JSON.stringify(rows['Chain Issues'])}`);
  assert((await findingCodes(compact)).includes('issuer-missing'), 'no issuer-missing');
  assert((await compact.evaluate((e) => e.value)) === pem, 'value does not read back what inspect() set');
  const n = (await waitForEvents(page, 1)).length;
  const detail = (await events(page)).at(-1).detail;
  assert(detail.findings.some((f) => f.code === 'issuer-missing'), 'event lacks issuer-missing');
  const kept = await compact.evaluate((e) => e.report);
  assert(JSON.stringify(kept) === JSON.stringify(detail), 'element.report is not the last event\'s report');
  assert(await compact.evaluate((e) => e.report === window.__reports.at(-1).detail), 'element.report is a copy of the event\'s detail');
  // The same text again, and the same as-of again: no new event.
  await compact.evaluate((e, [pem]) => {
    e.inspect(pem);
    e.setAttribute('as-of', '2025-03-15T12:00:00Z');
  }, [pem]);
  await page.waitForTimeout(500);
  assert((await events(page)).length === n, `an unchanged report sent ${(await events(page)).length - n} more event(s)`);
  // value = '' clears: the summary goes, and the event says so with null.
  await compact.evaluate((e) => { e.value = ''; });
  await compact.locator('.summary-table').waitFor({ state: 'detached' });
  await page.waitForFunction((n) => window.__reports.length > n && window.__reports.at(-1).detail === null, n);
  assert((await compact.evaluate((e) => e.report)) === null, 'element.report after clearing');
  assert((await inspector(page, 'inspector-main').locator('.summary-table').count()) === 0, 'the main instance got a report');
});

test('element.password opens a PFX: a write-only property, never an attribute, in no report or markup', async ({ page }) => {
  const pfx = (await readFile(join(repo, 'crates', 'certscope', 'tests', 'data', 'pfx', 'default.pfx.b64'))).toString();
  const SECRET = 'certscope-test';
  // Given before the element starts (kept until the wasm runs), and as an attribute to another: ignored there.
  await page.evaluate(([pfx, secret]) => {
    for (const [id, how] of [['by-property', 'property'], ['by-attribute', 'attribute']]) {
      const e = document.createElement('certscope-inspector');
      e.id = id;
      e.setAttribute('example', 'none');
      if (how === 'property') e.password = secret;
      else e.setAttribute('password', secret);
      e.inspect(pfx);
      document.body.append(e);
    }
  }, [pfx, SECRET]);
  const el = inspector(page, 'by-property');
  await el.locator('article.cert-card').nth(1).waitFor({ timeout: 15000 });
  const rows = await summary(el);
  assert(rows['Certificate'].value.includes('www.example.test'), `Certificate: ${rows['Certificate'].value}`);
  assert(!(await findingCodes(el)).some((c) => c.startsWith('pfx-')), `pfx findings: ${await findingCodes(el)}`);
  assert((await el.locator('section.pfx').textContent()).includes('certscope leaf'), 'no friendlyName in the PFX panel');
  const other = inspector(page, 'by-attribute');
  await other.locator('.findings-list > li[data-code="pfx-password-needed"]').waitFor({ timeout: 15000 });
  // The password can be given again later, through the property: the report follows.
  await other.evaluate((e, secret) => { e.password = secret; }, SECRET);
  await other.locator('article.cert-card').nth(1).waitFor();
  await other.evaluate((e) => e.removeAttribute('password'));
  // Nowhere to be read back: not the property, the markup, either shadow root, or the reports.
  const leaks = await page.evaluate((secret) => {
    const els = ['by-property', 'by-attribute'].map((id) => document.getElementById(id));
    return {
      property: els.map((e) => e.password),
      attribute: els.map((e) => e.getAttribute('password')),
      markup: document.documentElement.outerHTML.includes(secret),
      shadow: els.some((e) => e.shadowRoot.innerHTML.includes(secret)),
      report: els.some((e) => JSON.stringify(e.report).includes(secret)),
    };
  }, SECRET);
  const readable = leaks.property.some((p) => p !== undefined) || leaks.attribute.some((a) => a !== null) || leaks.markup || leaks.shadow || leaks.report;
  assert(!readable, `the password can be read back: ${JSON.stringify(leaks)}`);
  await shot(page, 'pfx-password');
});

test('attributes apply live: compact, theme, as-of, heading-level, host, show, example', async ({ page }) => {
  await recordEvents(page);
  const el = inspector(page, 'inspector-main');
  await started(el);
  await inspectMustStaple(el);
  // Not compact: two certificates, so the cards start open.
  assert((await el.locator('article.cert-card > details[open]').count()) === 2, 'cards not open in the full view');
  assert((await el.locator('section.bytes').count()) === 1 && (await el.locator('button.show-bytes').count()) > 0, 'no Bytes view in the full view');
  await el.evaluate((e) => e.setAttribute('compact', ''));
  await el.locator('details.report-details').waitFor();
  // Issue 16: the Bytes view and its links are not part of the compact mode.
  assert((await el.locator('section.bytes, button.show-bytes').count()) === 0, 'compact: the Bytes view or its links shown');
  assert((await el.locator('details.report-details[open]').count()) === 0, 'compact: details not collapsed');
  assert((await el.locator('article.cert-card > details[open]').count()) === 0, 'compact: cards open');
  const order = await el.locator('.summary, .findings, .chain').evaluateAll((els) => els.map((x) => x.className));
  assert(order[0].includes('summary') && order[1].includes('findings'), `compact order ${order}`);
  await shot(page, '03-compact');
  await el.evaluate((e) => e.removeAttribute('compact'));
  await el.locator('details.report-details').waitFor({ state: 'detached' });
  // theme
  const bg = () => el.evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('.certscope')).backgroundColor);
  await el.evaluate((e) => e.setAttribute('theme', 'dark'));
  assert((await bg()) === 'rgb(21, 23, 26)', `dark background ${await bg()}`);
  await shot(page, '04-dark');
  await el.evaluate((e) => e.setAttribute('theme', 'light'));
  assert((await bg()) === 'rgb(247, 247, 245)', `light background ${await bg()}`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await el.evaluate((e) => e.setAttribute('theme', 'auto'));
  assert((await bg()) === 'rgb(21, 23, 26)', `auto + prefers dark: ${await bg()}`);
  await page.emulateMedia({ colorScheme: 'light' });
  assert((await bg()) === 'rgb(247, 247, 245)', `auto + prefers light: ${await bg()}`);
  // as-of: after the leaf expired (29 Nov 2017).
  await el.evaluate((e) => e.setAttribute('as-of', '2020-01-01'));
  await page.waitForFunction(() => window.__reports.at(-1)?.detail?.as_of === '2020-01-01T00:00:00Z');
  await el.locator('tr[data-badge="error"] th', { hasText: 'Valid' }).waitFor();
  assert((await el.getByLabel('As of (UTC)').inputValue()).startsWith('2020-01-01T00:00'), 'as-of field not updated');
  // heading-level: the panels nest under the article's <h2> by default, or where the page says.
  const level = () => el.locator('#summary-heading').evaluate((h) => h.tagName);
  assert((await level()) === 'H3', `summary heading ${await level()} under the article's h2`);
  await el.evaluate((e) => e.setAttribute('heading-level', '4'));
  await el.locator('h4#summary-heading').waitFor();
  assert((await el.locator('article.cert-card h5').count()) === 2, 'card headings one level below the panels');
  await el.evaluate((e) => e.removeAttribute('heading-level'));
  await el.locator('h3#summary-heading').waitFor();
  // host
  assert(!('Host Name' in (await summary(el))), 'Host Name row without a host');
  await el.evaluate((e) => e.setAttribute('host', 'example.com'));
  await el.locator('th', { hasText: 'Host Name' }).waitFor();
  assert((await events(page)).at(-1).detail.host === 'example.com', 'event host');
  assert((await summary(el))['Host Name'].badge === 'error', 'example.com is not scotthelme.co.uk');
  // show: only the summary and findings.
  await el.evaluate((e) => e.setAttribute('show', 'summary findings'));
  await el.locator('.input-panel').waitFor({ state: 'detached' });
  assert((await el.locator('section.chain, article.cert-card, .actions').count()) === 0, 'show= left other panels');
  assert((await el.locator('.summary-table').count()) === 1 && (await el.locator('.findings').count()) === 1, 'show= hid the summary');
  await el.evaluate((e) => e.removeAttribute('show'));
  await el.locator('.input-panel').waitFor();
  // example: "none" hides the buttons; removing it shows them, and a click works inside the shadow root.
  assert((await el.getByRole('button', { name: 'Broken chain' }).count()) === 0, 'example="none" shows buttons');
  await el.evaluate((e) => e.removeAttribute('example'));
  await el.getByRole('button', { name: 'Broken chain' }).click();
  await page.waitForFunction(() => window.__reports.at(-1)?.detail?.host === 'valid.rootca1.demo.amazontrust.com');
  assert((await findingCodes(el)).includes('issuer-missing'), 'example click did not load the broken chain');
  await el.evaluate((e) => e.setAttribute('example', 'healthy'));
  await el.locator('td.summary-value', { hasText: /^healthy.certscope.test/ }).waitFor();
  assert((await page.evaluate(() => location.hash)) === '', 'the embed touched the host page URL');
});

test('clicks and drops inside the shadow root reach Yew (event delegation)', async ({ page }) => {
  const el = inspector(page, 'inspector-main');
  await started(el);
  await el.evaluate((e) => {
    e.removeAttribute('example');
    e.setAttribute('as-of', '2026-12-02T17:49:36Z');
  });
  await el.getByRole('button', { name: 'Healthy chain with a good staple' }).click();
  await el.locator('.chip-name', { hasText: 'staple.der' }).waitFor();
  await el.getByRole('button', { name: 'Remove staple.der' }).click();
  await el.locator('.chip').waitFor({ state: 'detached' });
  // A file dropped on the element's container.
  const der = [...(await readFile(examplePath('lab-healthy-staple.der')))];
  await el.evaluate((e, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'staple.der'));
    const target = e.shadowRoot.querySelector('.app');
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: dt }));
  }, der);
  await el.locator('.chip-name', { hasText: 'staple.der' }).waitFor();
  const rows = await summary(el);
  assert(/^Good/.test(rows['OCSP Status'].value), `OCSP Status after the drop: ${rows['OCSP Status'].value}`);
  // "Clear all" is a delegated click too.
  await el.getByRole('button', { name: 'Clear all' }).click();
  await el.locator('.summary-table').waitFor({ state: 'detached' });
});

test('two instances load every asset once, and nothing else', async ({ page, requests, base }) => {
  await started(inspector(page, 'inspector-main'));
  await started(inspector(page, 'inspector-compact'));
  await page.waitForTimeout(300);
  const count = (name) => requests.filter((u) => new URL(u).pathname === `/${name}`).length;
  for (const asset of ['certscope-embed.js', 'certscope-boot.js', 'certscope-app.js', 'certscope-wasm.js', 'certscope-embed.css']) {
    assert(count(asset) === 1, `${asset} requested ${count(asset)} times`);
  }
  const expected = ['/embed-demo.html', '/embed-demo.css', '/embed-demo.js', '/certscope-embed.js', '/certscope-boot.js',
    '/certscope-app.js', '/certscope-wasm.js', '/certscope-embed.css'];
  const other = requests.filter((u) => !u.startsWith(base) || !expected.includes(new URL(u).pathname));
  assert(other.length === 0, `other requests: ${other.join(', ')}`);
  assert(count('certscope-app_bg.wasm') === 0, 'the .wasm was fetched');
});

test('readable on a 360 px phone and in a narrow column: container queries', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const el = inspector(page, 'inspector-main');
  await started(el);
  await inspectMustStaple(el);
  // The narrow-layout rules follow the element's own width (a container query), stacking the rows.
  const display = await el.evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('table.summary-table th')).display);
  assert(display === 'block', `summary header display ${display} at 360 px`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await shot(page, '06-phone-360');
  // On a wide screen, the element in a narrow sidebar-like column stacks too; at full width it does not.
  await page.setViewportSize({ width: 1280, height: 800 });
  const thDisplay = () => el.evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('table.summary-table th')).display);
  assert((await thDisplay()) === 'table-cell', `wide: ${await thDisplay()}`);
  await el.evaluate((e) => { e.style.width = '420px'; });
  assert((await thDisplay()) === 'block', `420 px column on a wide screen: ${await thDisplay()}`);
  assert(width <= 360, `page is ${width}px wide at 360px`);
});

// Hostile host CSS: a page and an external stylesheet the test server serves (same origin, no CSP bypass).
const HOSTILE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DEMO_CSP}">
<link rel="icon" href="data:,"><link rel="stylesheet" href="hostile-host.css"><script type="module" src="certscope-embed.js"></script>
<title>hostile host</title></head><body><h1>A page with hostile CSS</h1>
<certscope-inspector id="hostile" example="none"></certscope-inspector></body></html>`;
const HOSTILE_CSS = `* { all: unset; }
html { font-size: 40px; line-height: 5; letter-spacing: 4px; text-transform: uppercase; }
body { font-size: 60px; color: #f0f; white-space: nowrap; text-align: center; font-family: cursive; }
table, tr, td, th, textarea, section, div, p { display: inline; font-size: 72px !important; }`;

test('hostile host CSS does not break the inspector', async ({ page }) => {
  const el = inspector(page, 'hostile');
  await started(el);
  assert((await page.evaluate(() => getComputedStyle(document.body).fontSize)) === '60px', 'the hostile CSS did not apply to the host');
  await inspectMustStaple(el);
  const m = await el.evaluate((e) => {
    const root = e.shadowRoot;
    const css = (sel) => getComputedStyle(root.querySelector(sel));
    const box = root.querySelector('table.summary-table').getBoundingClientRect();
    return {
      container: css('.certscope').fontSize,
      th: css('table.summary-table th').fontSize,
      label: css('.paste-label').fontSize,
      transform: css('table.summary-table th').textTransform,
      whiteSpace: css('.finding-message').whiteSpace,
      display: css('table.summary-table').display,
      visibility: css('table.summary-table').visibility,
      paddingPanel: css('.panel').paddingTop,
      width: box.width,
      height: box.height,
      hostWidth: e.getBoundingClientRect().width,
    };
  });
  assert(m.container === '16px', `container font-size ${m.container}`);
  assert(parseFloat(m.th) >= 12 && parseFloat(m.th) <= 20, `summary header font-size ${m.th}`);
  assert(parseFloat(m.label) >= 12 && parseFloat(m.label) <= 20, `label font-size ${m.label}`);
  assert(m.paddingPanel === '16px', `panel padding ${m.paddingPanel} (rem would follow the host's 40px)`);
  assert(m.transform === 'none' && m.whiteSpace !== 'nowrap', `inherited host text styles leaked: ${JSON.stringify(m)}`);
  assert(m.display === 'table' && m.visibility === 'visible', `summary table ${m.display}/${m.visibility}`);
  assert(m.width > 200 && m.height > 100, `summary table is ${m.width}x${m.height}`);
  assert(await el.locator('table.summary-table').isVisible(), 'summary table not visible');
  await shot(page, '05-hostile-css');
}, 'hostile-host.html');

// A page elsewhere on the site that loads a copy of the element script from
// another directory and points `base` at where the other files are.
const BASE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DEMO_CSP}">
<link rel="icon" href="data:,"><script type="module" src="/cdn/certscope-embed.js"></script>
<title>base attribute</title></head><body><h1>Elements made by script</h1></body></html>`;

test('base attribute; elements created, filled before start, moved and removed by script', async ({ page, requests, base }) => {
  const pem = (await pool(MUST_STAPLE_CHAIN)).toString();
  await page.evaluate(([pem, at]) => {
    window.__ready = [];
    document.addEventListener('certscope-ready', (e) => window.__ready.push(e.target.id));
    const el = document.createElement('certscope-inspector');
    el.id = 'scripted';
    el.setAttribute('base', '/');
    el.setAttribute('as-of', at);
    el.value = pem; // before the wasm has started: applied once it has
    document.body.append(el);
  }, [pem, MUST_STAPLE_AT]);
  const el = inspector(page, 'scripted');
  const rows = await summary(el);
  assert(rows['Certificate'].value.includes('scotthelme.co.uk'), `Certificate: ${rows['Certificate'].value}`);
  assert((await el.evaluate((e) => e.value)) === pem, 'value lost');
  assert(JSON.stringify(await page.evaluate(() => window.__ready)) === '["scripted"]', 'no certscope-ready event');
  const paths = requests.map((u) => new URL(u).pathname);
  for (const f of ['/certscope-boot.js', '/certscope-app.js', '/certscope-wasm.js', '/certscope-embed.css']) {
    assert(paths.filter((p) => p === f).length === 1, `${f} not loaded once from base: ${paths.join(' ')}`);
  }
  assert(!paths.some((p) => p.startsWith('/cdn/') && p !== '/cdn/certscope-embed.js'), `loaded next to the script instead of base: ${paths}`);
  // Moving the element keeps its state (same task: disconnect + connect).
  await page.evaluate(() => {
    const div = document.createElement('div');
    document.body.append(div);
    div.append(document.getElementById('scripted'));
  });
  await page.waitForTimeout(300);
  assert((await el.locator('.summary-table').count()) === 1, 'moving the element lost its report');
  // Removed, then added back later: it starts again with the same text.
  await page.evaluate(() => {
    window.__kept = document.getElementById('scripted');
    window.__kept.remove();
  });
  await page.waitForTimeout(300);
  await page.evaluate(() => document.body.append(window.__kept));
  await summary(el);
  assert((await el.evaluate((e) => e.value)) === pem, 'value lost after re-adding');
  // A second element on the same page shares the started wasm: nothing is loaded again.
  const before = requests.length;
  await page.evaluate(() => {
    const el = document.createElement('certscope-inspector');
    el.id = 'second';
    el.setAttribute('base', '/');
    document.body.append(el);
  });
  await started(inspector(page, 'second'));
  const again = requests.slice(before).map((u) => new URL(u).pathname);
  assert(again.length === 0, `a second element requested ${again.join(', ')}`);
  // …and is styled all the same, by the adopted copy of the stylesheet.
  const styled = await inspector(page, 'second').evaluate((e) => {
    const c = getComputedStyle(e.shadowRoot.querySelector('.certscope'));
    return { font: c.fontSize, bg: c.backgroundColor, adopted: e.shadowRoot.adoptedStyleSheets.length };
  });
  assert(styled.font === '16px' && styled.bg === 'rgb(247, 247, 245)' && styled.adopted === 1, `second element: ${JSON.stringify(styled)}`);
}, 'sub/base-host.html');

// ---- a hostile host page (issue 12) -------------------------------------------

test('base on another origin is ignored: no request goes there, the element starts from its own directory', async ({ page, requests, base }) => {
  // Another origin that serves the very same files: on it, base= would run its certscope-boot.js.
  const other = await serve(dist);
  try {
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.evaluate((other) => {
      const el = document.createElement('certscope-inspector');
      el.id = 'elsewhere';
      el.setAttribute('example', 'none');
      el.setAttribute('base', `${other}/`);
      document.body.append(el);
    }, other.origin);
    const el = inspector(page, 'elsewhere');
    await started(el);
    await inspectMustStaple(el);
    const there = requests.filter((u) => u.startsWith(other.origin));
    assert(there.length === 0, `requested from the other origin: ${there.join(', ')}`);
    assert(warnings.some((w) => w.includes('ignoring base=') && w.includes(other.origin)), `no warning: ${warnings.join(' | ')}`);
    // The same check for every shape of URL a hostile base could take.
    const verdicts = await page.evaluate(async ([other, base]) => {
      const { assetBase } = await import('/certscope-embed.js');
      const cases = [`${other}/`, `${other}/certscope/`, other.replace('http:', 'https:') + '/', '//evil.example/x/', 'https://evil.example',
        'javascript:alert(1)//', 'data:text/javascript,alert(1)//', `blob:${base}x`, ' http://evil.example/', 'HTTP://EVIL.EXAMPLE/',
        'http://[::1]:1/', '/', '/sub', './static/', `${base}static/`, '', null];
      return cases.map((c) => [c, assetBase(c).href]);
    }, [other.origin, base]);
    const expected = {
      '/': base, '/sub': `${base}sub/`, './static/': `${base}static/`, [`${base}static/`]: `${base}static/`, '': base, null: base,
    };
    for (const [value, href] of verdicts) {
      const want = value in expected ? expected[value] : base;
      assert(href === want, `assetBase(${JSON.stringify(value)}) = ${href}, expected ${want}`);
    }
  } finally {
    await other.stop();
  }
});

test('inspect() with a text over the input limit is refused by its length, with a note; the next one works', async ({ page }) => {
  const el = inspector(page, 'inspector-compact');
  await started(el);
  await el.evaluate((e) => e.inspect('-----BEGIN CERTIFICATE-----\n' + 'A'.repeat(9 << 20)));
  const note = el.locator('.input-note');
  await note.waitFor();
  const text = await note.textContent();
  assert(text.startsWith('The pasted text (at least 9.0 MB) was cleared unread'), `note: ${text}`);
  assert((await el.evaluate((e) => e.value)) === '', 'value kept the refused text');
  await inspectMustStaple(el);
  await note.waitFor({ state: 'detached' });
});

test('inspect() with a text too large to show: held as a chip, the paste area empty, value and report whole', async ({ page }) => {
  const el = inspector(page, 'inspector-compact');
  await started(el);
  const pem = (await pool(MUST_STAPLE_CHAIN)).toString();
  const started0 = Date.now();
  await el.evaluate((e, [pem, at]) => {
    e.setAttribute('as-of', at);
    e.inspect(pem + '\n'.repeat(2_000_000));
  }, [pem, MUST_STAPLE_AT]);
  await el.locator('.chip', { hasText: 'Pasted text' }).waitFor({ timeout: 5000 });
  const rows = await summary(el);
  const ms = Date.now() - started0;
  assert(/^Yes/.test(rows['OCSP Must Staple'].value), `OCSP Must Staple: ${rows['OCSP Must Staple'].value}`);
  assert((await el.getByLabel('Paste certificates, chains and OCSP responses', { exact: true }).inputValue()) === '', 'the paste area holds the text');
  assert((await el.evaluate((e) => e.value.length)) === pem.length + 2_000_000, 'value is not the whole text');
  // A click elsewhere answers: the tab is not laying the text out.
  const t1 = Date.now();
  await el.getByRole('button', { name: 'Remove pasted text' }).click({ timeout: 5000 });
  await el.locator('.chip').first().waitFor({ state: 'detached', timeout: 5000 });
  console.log(`     (held and checked in ${ms} ms; the chip removed in ${Date.now() - t1} ms)`);
  assert((await el.evaluate((e) => e.value)) === '', 'value after removing the chip');
  await inspectMustStaple(el);
});

// A host page with its own #certscope (a widget that happens to share the
// name) and an anchor in its URL: the embed must leave both alone.
const ID_HOST_FRAGMENT = `v1=${deflateRawSync(Buffer.from('{"p":"not a certificate"}')).toString('base64url')}`;
const ID_HOST_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DEMO_CSP}">
<link rel="icon" href="data:,"><script type="module" src="certscope-embed.js"></script>
<title>a host page with its own #certscope</title></head><body><h1>Our certificate scope</h1>
<div id="certscope"><p id="host-own">The host page's own #certscope.</p></div>
<certscope-inspector id="guest" example="none"></certscope-inspector></body></html>`;

test('a host page with id="certscope": no app is mounted there and its URL fragment stays', async ({ page }) => {
  const el = inspector(page, 'guest');
  await started(el);
  await inspectMustStaple(el);
  await page.waitForTimeout(500);
  const host = await page.evaluate(() => ({
    hash: location.hash,
    html: document.getElementById('certscope').innerHTML.trim(),
    apps: document.querySelectorAll('body > #certscope .app, body > .app').length,
  }));
  assert(host.apps === 0, 'the standalone app was mounted on the host page');
  assert(host.html === '<p id="host-own">The host page\'s own #certscope.</p>', `#certscope was changed: ${host.html.slice(0, 200)}`);
  // The fragment is a permalink: a stray standalone app would have restored it (and owned the URL).
  assert(host.hash === `#${ID_HOST_FRAGMENT}`, `fragment now ${host.hash.slice(0, 80)}`);
  assert((await page.locator('#certscope textarea').count()) === 0, 'a paste area inside the host\'s #certscope');
}, `certscope-id-host.html#${ID_HOST_FRAGMENT}`);

// ---- runner ------------------------------------------------------------------

await requireBuilt('embed-demo.html', 'certscope-embed.css');
// The hostile host page and its stylesheet are served like any other file (no CSP bypass).
const server = await serve(dist, {
  files: {
    '/hostile-host.html': { body: HOSTILE_HTML, type: 'text/html; charset=utf-8' },
    '/hostile-host.css': { body: HOSTILE_CSS, type: 'text/css; charset=utf-8' },
    '/sub/base-host.html': { body: BASE_HTML, type: 'text/html; charset=utf-8' },
    '/certscope-id-host.html': { body: ID_HOST_HTML, type: 'text/html; charset=utf-8' },
    '/cdn/certscope-embed.js': { body: await readFile(join(dist, 'certscope-embed.js')), type: 'text/javascript; charset=utf-8' },
  },
});
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch(launchOptions);

let passed = 0;
let failed = 0;
for (const t of tests) {
  if (only && !t.name.includes(only)) continue;
  const context = await browser.newContext();
  const requests = [];
  const foreign = [];
  const errors = [];
  context.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    requests.push(u);
    if (!u.startsWith(base)) foreign.push(u);
  });
  context.on('page', (p) => {
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(String(e)));
  });
  const page = await context.newPage();
  const t0 = Date.now();
  try {
    await page.goto(base + t.path);
    await t.fn({ page, context, base, requests });
    assert(foreign.length === 0, `requests left the page: ${foreign.join(', ')}`);
    assert(errors.length === 0, `console errors (CSP violations show here too): ${errors.join(' | ')}`);
    passed++;
    console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}\n     ${String(e.message || e).split('\n').join('\n     ')}`);
    await page.screenshot({ path: join(artifacts, `failed-embed-${t.name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true }).catch(() => {});
  }
  await context.close();
}
await browser.close();
server.close();
finish(passed, failed);
