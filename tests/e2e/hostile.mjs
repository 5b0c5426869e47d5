// Hostile rendering (issue 6): pastes certificates whose names, SANs,
// AIA/CRL URLs and policy texts carry HTML, <script>, javascript: URLs,
// RTL overrides, control characters and a 10,000-character name
// (crates/certscope/tests/data/hostile/names.pem, from its make.sh), and
// checks that nothing escapes the page:
//   - no script runs (window.alert is hooked, a global flag is watched);
//   - no element is injected (<img>/<script> counts in the report area
//     stay what they were before the paste);
//   - no href starts with javascript: (in any letter case);
//   - the markup is shown as visible text ("<img src=x onerror=…" appears
//     in the page's text, i.e. it was escaped, not parsed);
//   - the page's CSP meta forbids inline script and any connection, and no
//     request leaves the page during the whole session;
//   - malformed pastes (cut off, not DER, deeply nested BER, a 2^63-byte
//     length) each show an input error within 5 s, with no page error.
// Its own file and small runner, in run.mjs's conventions (the same server,
// tests/e2e/serve.mjs, and Debian's Chromium through playwright-core), so
// the suites stay apart:
//
//   node tests/e2e/hostile.mjs [--dist DIR]

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { assert, dist, finish, here, launchOptions, requireBuilt } from './harness.mjs';
const names = join(here, '..', '..', 'crates', 'certscope', 'tests', 'data', 'hostile', 'names.pem');


/** The CSP meta's directives as { name: [sources] }. */
function directives(csp) {
  return Object.fromEntries(
    csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k.toLowerCase(), v]),
  );
}

await requireBuilt('index.html');
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch(launchOptions);
const context = await browser.newContext();
const foreign = [];
const errors = [];
context.on('request', (r) => {
  const u = r.url();
  if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
});
// Any script the certificates smuggle in would call alert or set a flag.
await context.addInitScript(() => {
  window.__alerts = [];
  window.alert = (m) => window.__alerts.push(String(m));
  window.confirm = window.prompt = window.alert;
});
const page = await context.newPage();
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('dialog', (d) => {
  errors.push(`dialog: ${d.message()}`);
  d.dismiss().catch(() => {});
});

let failed = 0;
let passed = 0;
const check = async (name, fn) => {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.message || e).split('\n').join('\n     ')}`);
  }
};

await page.goto(base);
await page.waitForSelector('#paste', { timeout: 15000 });

await check('CSP meta forbids inline script and every connection', async () => {
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy" i]', (m) => m.getAttribute('content'));
  const d = directives(csp);
  const script = d['script-src'] || d['default-src'] || [];
  assert(script.length > 0, `no script-src in ${csp}`);
  assert(!script.includes("'unsafe-inline'") && !script.includes('*') && !script.some((s) => /^(https?:|data:)$/.test(s)),
    `script-src allows inline or foreign script: ${script.join(' ')}`);
  assert((d['connect-src'] || []).join(' ') === "'none'", `connect-src is not 'none': ${csp}`);
  assert((d['object-src'] || d['default-src'] || []).join(' ') === "'none'" || (d['object-src'] || []).includes("'none'"),
    `object-src is not 'none': ${csp}`);
});

const countIn = (sel) => page.$$eval(sel, (els) => els.length);
const before = { img: await countIn('main img'), script: await countIn('main script, body script') };
const pem = (await readFile(names)).toString();
await page.getByLabel('Paste certificates, chains and OCSP responses', { exact: true }).fill(pem);
await page.waitForSelector('table.summary-table caption:text-is("Summary")', { timeout: 15000 });
// Open every collapsed card/detail so every field is in the DOM and visible.
await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
await page.waitForTimeout(500);

await check('no script runs', async () => {
  const alerts = await page.evaluate(() => window.__alerts);
  assert(alerts.length === 0, `alert called: ${alerts.join(', ')}`);
});

await check('no element injected', async () => {
  const after = { img: await countIn('main img'), script: await countIn('main script, body script') };
  assert(after.img === before.img, `<img> in the report: ${before.img} -> ${after.img}`);
  assert(after.script === before.script, `<script> in the page: ${before.script} -> ${after.script}`);
  assert((await countIn('[onerror], [onload], [onclick]')) === 0, 'an inline event handler attribute is in the DOM');
});

await check('no javascript: link', async () => {
  const hrefs = await page.$$eval('[href], [src], [action], [formaction]', (els) =>
    els.flatMap((e) => ['href', 'src', 'action', 'formaction'].map((a) => e.getAttribute(a)).filter(Boolean)));
  const bad = hrefs.filter((h) => /^\s*javascript:/i.test(h));
  assert(bad.length === 0, `javascript: URLs in attributes: ${bad.join(', ')}`);
});

await check('markup is shown as visible, escaped text', async () => {
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  for (const s of ['<img src=x onerror=alert(1)>', '<script>alert(subject)</script>', 'javascript:alert(uri)']) {
    assert(text.includes(s), `${JSON.stringify(s)} not visible as text`);
  }
  // The RTL override must not hide what follows it; the text is still there.
  assert(text.includes('moc.elpmaxe'), 'RTL-overridden SAN missing');
});

// Malformed pastes like issue 6's hidden set: each must show an error
// finding about the input, quickly, and leave the page working.
const pemOf = (bytes) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(bytes).toString('base64')}\n-----END CERTIFICATE-----\n`;
const cutPem = pem.slice(0, pem.indexOf('-----END CERTIFICATE-----') - 300);
// Consecutive cases differ in their messages (see the wait below).
const malformed = [
  ['a PEM block cut off before its END line', cutPem],
  ['a PEM body that is not DER', '-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n'],
  ['BER nested 5,000 levels deep, as base64', Buffer.from(new Uint8Array(10000).map((_, i) => (i % 2 ? 0x80 : 0x30))).toString('base64')],
  ['a DER header announcing 2^63 bytes', pemOf([0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
];
const box = page.getByLabel('Paste certificates, chains and OCSP responses', { exact: true });
for (const [what, text] of malformed) {
  await check(`malformed paste shows an input error: ${what}`, async () => {
    // The previous report's findings, so that a stale list is not taken
    // for this paste's (every case's messages differ).
    const snapshot = () => page.$eval('main', (m) => [...m.querySelectorAll('.findings-list > li')].map((li) => li.textContent).join('|')).catch(() => '');
    const previous = await snapshot();
    const started = Date.now();
    await box.fill(text);
    await page.waitForFunction((prev) => {
      const items = [...document.querySelectorAll('main .findings-list > li')];
      const now = items.map((li) => li.textContent).join('|');
      return now !== prev && items.some((li) => li.classList.contains('finding-error') && li.dataset.code.startsWith('input-'));
    }, previous, { timeout: 5000 });
    const took = Date.now() - started;
    const codes = await page.$$eval('.findings-list > li', (items) => items.map((li) => li.dataset.code));
    console.log(`     ${took} ms: ${codes.join(', ')}`);
  });
}

// Oversize inputs (issue 6: "no hang beyond a second"): a 9 MiB file of
// one chain repeated and 2,001 copies of a certificate, dropped on the
// page. The core stops at its object limit and says so; the page renders a
// bounded number of certificate cards and findings with buttons for the
// rest. Before that bound the page took 19 s and 10 s (docs/robustness.md,
// page timings); the times are printed and only a generous bound asserted,
// since 2 shared cores make them vary.
const OVERSIZE_BOUND_MS = 8000;
const chainPem = (await readFile(join(here, '..', '..', 'www', 'examples', 'must-staple-chain.pem'))).toString();
const onePem = chainPem.slice(0, chainPem.indexOf('-----END CERTIFICATE-----') + 26);
const oversize = [
  // As much as the page opens (a bigger file is refused before reading, run.mjs).
  ['an 8 MiB file of one chain repeated', 'repeated.pem', chainPem.repeat(Math.floor((8 << 20) / chainPem.length))],
  ['2,001 certificates', 'many.pem', onePem.repeat(2001)],
];
for (const [what, name, text] of oversize) {
  await check(`oversize drop shows its findings quickly, bounded, with "Show all": ${what}`, async () => {
    // CSS, not getByRole: the accessibility tree of 2,000 revealed cards
    // takes Playwright longer than its timeout to walk.
    await page.locator('button.link-button', { hasText: 'Clear all' }).click();
    await page.waitForFunction(() => !document.querySelector('main .findings-list'), null, { timeout: 10000 });
    const started = Date.now();
    await page.evaluate(([name, text]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name));
      const target = document.querySelector('.masthead') || document.body;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, [name, text]);
    await page.waitForFunction(() => document.querySelector('main .findings-list > li[data-code="input-too-many-objects"]')
      && document.querySelector('main .summary-table'), null, { timeout: 120000 });
    const took = Date.now() - started;
    const counts = await page.evaluate(() => ({
      cards: document.querySelectorAll('main .certificates article').length,
      heading: document.querySelector('#certs-heading')?.textContent || '',
      findings: document.querySelectorAll('main .findings-list > li').length,
      checked: document.body.innerText.match(/[Cc]hecked in [^.\n]*/)?.[0] || '',
    }));
    const total = Number((counts.heading.match(/\((\d+)\)/) || [])[1]);
    console.log(`     ${took} ms to the findings (${counts.checked}); ${counts.cards} of ${total} cards, ${counts.findings} findings rendered`);
    assert(total >= 2000, `certificates heading: ${counts.heading}`);
    assert(counts.cards > 0 && counts.cards <= 40, `${counts.cards} cards rendered before "Show all"`);
    assert(counts.findings <= 50, `${counts.findings} findings rendered before "Show more"`);
    assert(took < OVERSIZE_BOUND_MS, `findings took ${took} ms (bound ${OVERSIZE_BOUND_MS} ms)`);
    // The button works from the keyboard.
    const button = page.locator('button.show-all-certificates');
    assert((await button.textContent()) === `Show all ${total} certificates`, await button.textContent());
    await button.focus();
    const revealStarted = Date.now();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('main .certificates article').length === n, total, { timeout: 120000 });
    console.log(`     ${Date.now() - revealStarted} ms to render all ${total} cards on request`);
  });
}

await check('no request left the page and no error during the session', async () => {
  assert(foreign.length === 0, `requests left the page: ${foreign.join(', ')}`);
  assert(errors.length === 0, `errors: ${errors.join(' | ')}`);
});

await browser.close();
server.close();
finish(passed, failed);
