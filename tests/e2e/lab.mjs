// The stapling lab's scenarios through the page (docs/stapling.md).
//
// tests/lab/run.sh, run with CERTSCOPE_LAB_CAPTURES=tests/e2e/artifacts/lab
// (scripts/test.sh does), keeps each transcript it captured from real nginx
// and Apache httpd, the lab's root, and what the CLI reported for it
// (manifest.json). Here each transcript is pasted into the built app in
// Chromium with the CLI's as-of time, host name and trust anchor, and the
// page's verdict, summary rows and finding codes must equal the CLI's: the
// page and the CLI share the core, so any difference is a defect in one of
// them. Each scenario's one lesson is also read off the page by itself.
// Without captures (the lab did not run) the suite says it was skipped.
// Prints "N passed, N failed"; exits 1 on any failure.
//
//   CERTSCOPE_LAB_CAPTURES=tests/e2e/artifacts/lab bash tests/lab/run.sh
//   node tests/e2e/lab.mjs [--dist DIR] [--only NAME] [--captures DIR]

import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_READY, artifacts, assert, dist, finish, only, paste, setAsOf, shot, startPage, watch } from './harness.mjs';

const args = process.argv.slice(2);
const capturesArg = args.indexOf('--captures');
const captures = resolve(capturesArg >= 0 ? args[capturesArg + 1] : process.env.CERTSCOPE_LAB_CAPTURES || join(artifacts, 'lab'));

// ---- reading the page ---------------------------------------------------------

/** The summary rows in order, as the CLI's JSON has them: { label, value, badge }. */
const pageRows = (page) =>
  page.$$eval('table.summary-table tr', (rows) =>
    rows.map((tr) => ({
      label: tr.querySelector('th[scope="row"]').textContent.trim(),
      value: tr.querySelector('td.summary-value').textContent.trim(),
      badge: tr.querySelector('.badge').getAttribute('data-badge'),
    })),
  );

/** The verdict badge's tone, named as the CLI's JSON names the verdict. */
async function pageVerdict(page) {
  const tone = await page.locator('#summary-heading .badge').getAttribute('data-badge');
  return { good: 'ok', warning: 'warning', error: 'error' }[tone] ?? `badge ${tone}`;
}

/** Every finding on the page (the list is cut after a few: open it all). */
async function pageFindings(page) {
  const more = page.locator('button.show-more-findings');
  if (await more.count()) await more.click();
  return page.$$eval('.findings-list > li', (items) =>
    items.map((li) => ({
      code: li.getAttribute('data-code'),
      message: li.querySelector('.finding-message')?.textContent ?? '',
      remedy: li.querySelector('.finding-remedy')?.textContent ?? '',
    })),
  );
}

const shape = (verdict, codes, rows) => JSON.stringify({ verdict, codes: [...codes].sort(), rows }, null, 1);

// ---- each scenario's one lesson, read off the page ------------------------------

const row = (rows, label) => {
  const r = rows.find((x) => x.label === label);
  assert(r, `no "${label}" row; have ${rows.map((x) => x.label)}`);
  return r;
};
const finding = (list, code) => {
  const f = list.find((x) => x.code === code);
  assert(f, `no ${code} finding; have ${list.map((x) => x.code)}`);
  return f;
};
/** The line that turns stapling on, in the fix certscope shows for this server. */
const fixLine = { nginx: 'ssl_stapling on;', Apache: 'SSLUseStapling on' };
/** The directive the full-chain fix names for this server. */
const chainDirective = { nginx: 'ssl_certificate', Apache: 'SSLCertificateFile' };

function notStapled({ rows, list, s }) {
  const r = row(rows, 'OCSP Stapling');
  assert(r.value.includes('sent no OCSP response') && r.badge !== 'good', `OCSP Stapling: ${JSON.stringify(r)}`);
  const off = finding(list, 'stapling-off');
  assert(off.remedy.includes(fixLine[s.server]), `no ${s.server} fix "${fixLine[s.server]}" in the remedy: ${off.remedy}`);
  return off;
}
function stapledGoodFresh({ rows }) {
  const r = row(rows, 'OCSP Stapling');
  assert(r.value.startsWith('Stapled: Good, fresh') && r.badge === 'good', `OCSP Stapling: ${JSON.stringify(r)}`);
}
function chainIncomplete({ rows, list, s }) {
  const r = row(rows, 'Chain Issues');
  assert(r.value.includes('Incomplete') && r.badge === 'error', `Chain Issues: ${JSON.stringify(r)}`);
  const f = finding(list, 'issuer-missing');
  assert(f.remedy.includes(chainDirective[s.server]), `the fix does not name ${chainDirective[s.server]}: ${f.remedy}`);
}
function responderError({ rows, list }) {
  const r = row(rows, 'OCSP Stapling');
  assert(r.value.includes('tryLater') && r.badge === 'error', `OCSP Stapling: ${JSON.stringify(r)}`);
  finding(list, 'ocsp-not-successful');
}

/** By scenario id without its server prefix; a scenario without a lesson fails. */
const lessons = {
  // 1. Stapling off: the stapling row, and this server's fix.
  off: notStapled,
  // 3. Right after a start: nginx staples nothing yet, and certscope says to retry.
  first: (c) => {
    if (c.s.stapled) return stapledGoodFresh(c);
    const off = notStapled(c);
    assert(off.message.includes('retry after a few seconds'), `stapling-off message: ${off.message}`);
  },
  // 2. certscope's own lines applied: stapled, good, fresh.
  on: stapledGoodFresh,
  tls12: stapledGoodFresh,
  // 7. No intermediate: the chain row, and the full-chain fix for this server.
  nochain: chainIncomplete,
  'nochain-stapled': chainIncomplete,
  fullchain: ({ rows, list }) => {
    const r = row(rows, 'Chain Issues');
    assert(r.value === 'None' && r.badge === 'good', `Chain Issues: ${JSON.stringify(r)}`);
    assert(!list.some((f) => f.code === 'issuer-missing'), 'issuer-missing after the fullchain fix');
  },
  // 4. Must-staple: refused without a staple, satisfied with one.
  'ms-off': ({ rows, list }) => {
    const r = row(rows, 'OCSP Must Staple');
    assert(r.value.includes('no valid, fresh response is stapled') && r.badge === 'error', `OCSP Must Staple: ${JSON.stringify(r)}`);
    finding(list, 'must-staple-without-ocsp');
  },
  'ms-on': ({ rows }) => {
    const r = row(rows, 'OCSP Must Staple');
    assert(r.value.includes('a valid, fresh response is stapled') && r.badge === 'good', `OCSP Must Staple: ${JSON.stringify(r)}`);
  },
  // 5. Revoked: the OCSP row says Revoked, with its reason, as an error.
  'revoked-fetch': notStapled,
  revoked: (c) => {
    if (!c.s.stapled) return notStapled(c);
    const r = row(c.rows, 'OCSP Status');
    assert(r.value.startsWith('Revoked') && r.value.includes('keyCompromise') && r.badge === 'error', `OCSP Status: ${JSON.stringify(r)}`);
    finding(c.list, 'ocsp-revoked');
  },
  // 8. Stale: the stapled response has expired.
  stale: ({ rows, list }) => {
    const r = row(rows, 'OCSP Stapling');
    assert(r.value.includes('stale') && r.badge === 'error', `OCSP Stapling: ${JSON.stringify(r)}`);
    finding(list, 'ocsp-stale');
  },
  // 6. Responder down or saying tryLater: nothing stapled, or the responder's error stapled.
  down: (c) => (c.s.stapled ? responderError(c) : notStapled(c)),
  trylater: (c) => (c.s.stapled ? responderError(c) : notStapled(c)),
};

// ---- the runner -------------------------------------------------------------------

try {
  await stat(join(captures, 'manifest.json'));
} catch {
  console.log(`skipped: no lab captures in ${captures} (run CERTSCOPE_LAB_CAPTURES=${captures} bash tests/lab/run.sh first)`);
  finish(0, 0);
}
const manifest = JSON.parse(await readFile(join(captures, 'manifest.json'), 'utf8'));

const { server, base, browser } = await startPage();

let passed = 0;
let failed = 0;
if (!manifest.scenarios?.length) {
  failed++;
  console.log(`FAIL ${captures}/manifest.json lists no scenario`);
}
for (const s of manifest.scenarios) {
  const name = `${s.id}: ${s.label}`;
  if (only && !name.includes(only)) continue;
  const context = await browser.newContext();
  const { foreign, errors } = watch(context, base);
  const page = await context.newPage();
  const started = Date.now();
  try {
    const transcript = await readFile(join(captures, s.file), 'utf8');
    const anchors = await readFile(join(captures, s.anchors), 'utf8');
    await page.goto(base);
    await page.waitForSelector(APP_READY, { timeout: 15000 });
    // As the CLI had them: --at, --host, --roots (the page adds Mozilla's
    // store, which the lab's private root is not in, so the anchors agree).
    await setAsOf(page, s.as_of.replace(/Z$/, ''));
    await page.getByLabel('Host name (optional)').fill(s.host);
    await page.locator('details.anchors > summary').click();
    await page.getByLabel("Extra trust anchors (PEM), besides Mozilla's root store").fill(anchors);
    await paste(page, transcript);
    const want = shape(s.verdict, s.codes, s.rows);
    // Input is checked after a short pause: wait until the report settles on
    // the CLI's, then compare once more (a page that never agrees fails below).
    await page
      .waitForFunction(
        (want) => {
          const w = JSON.parse(want);
          const rows = [...document.querySelectorAll('table.summary-table tr')];
          return rows.length === w.rows.length && rows.every((tr, i) => tr.querySelector('td.summary-value').textContent.trim() === w.rows[i].value);
        },
        want,
        { timeout: 15000 },
      )
      .catch(() => {});
    const rows = await pageRows(page);
    const list = await pageFindings(page);
    const got = shape(await pageVerdict(page), list.map((f) => f.code), rows);
    assert(got === want, `the page differs from the CLI\n  CLI:  ${want.replace(/\n/g, '')}\n  page: ${got.replace(/\n/g, '')}`);
    const kind = s.id.replace(/^(nginx|apache)-/, '');
    assert(lessons[kind], `no lesson for scenario ${s.id}: add one to tests/e2e/lab.mjs`);
    lessons[kind]({ rows, list, s });
    await shot(page, `lab-${s.id}`);
    assert(foreign.length === 0, `requests left the page: ${foreign.join(', ')}`);
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.message || e).split('\n').join('\n     ')}`);
    await page.screenshot({ path: join(artifacts, `failed-lab-${s.id}.png`), fullPage: true }).catch(() => {});
  }
  await context.close();
}
await browser.close();
server.close();
finish(passed, failed);
